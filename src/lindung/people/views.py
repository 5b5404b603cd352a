from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.routes import route
from lindung.common.views import attempt
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import succeeded
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.people import selectors
from lindung.people import services
from lindung.people.forms import FamilyLinkForm
from lindung.people.forms import PersonForm
from lindung.people.forms import PersonSearchForm
from lindung.people.models import FamilyLink
from lindung.people.models import Person
from lindung.people.panels import panels_for
from lindung.regions.selectors import nik_region_warning


@route("", name="list")
@staff_view(VIEW, Person)
def person_list(request: HttpRequest, user: User) -> HttpResponse:
    form = PersonSearchForm(request.GET or None)
    people: QuerySet[Person] = Person.objects.none()
    if form.is_valid() and form.cleaned_data["q"]:
        people = selectors.person_search(user=user, query=form.cleaned_data["q"])
    page = paginated(request, people.order_by("search_name", "id"), 25)
    services.people_read(actor=user, people=page.object_list, context="search")
    return render(request, "people/person_list.html",
                  {"form": form, "page": page, "can_create": access.can(user, CREATE, Person),
                   "show_identity": access.can(user, VIEW_IDENTITY, Person)})


@route("<uuid:person_id>/", name="detail")
@staff_view()
def person_detail(request: HttpRequest, user: User, person_id: str) -> HttpResponse:
    person = access.get_visible_or_404(
        user, Person.objects.select_related("village__parent__parent__parent", "household"),
        pk=person_id)
    services.person_viewed(actor=user, person=person)
    links = list(FamilyLink.objects.filter(person=person).select_related("relative"))
    members = list(person.household.members.exclude(pk=person.pk)) if person.household else []
    # Relatives and household members are shown by name only where the officer may see
    # them; the others as a relation without a name or a link (issue 18 item 14).
    visible = set(access.visible(user, Person.objects.filter(
        pk__in=[link.relative_id for link in links] + [m.pk for m in members]))
        .values_list("pk", flat=True))
    return render(request, "people/person_detail.html", {
        "person": person,
        "family_links": [(link, link.relative_id in visible) for link in links],
        "household_members": [(m, m.pk in visible) for m in members],
        "show_identity": access.can(user, VIEW_IDENTITY, person),
        "nik_warning": nik_region_warning(person.nik_region_code),
        "can_change": access.can(user, CHANGE, person),
        "panels": panels_for(user, person),
        "family_form": FamilyLinkForm() if access.can(user, CHANGE, person) else None,
    })


@route("<uuid:person_id>/family/", name="family_link_add")
@staff_view()
def family_link_add(request: HttpRequest, user: User, person_id: str) -> HttpResponse:
    person = access.get_visible_or_404(user, Person.objects.all(), CHANGE, pk=person_id)
    form = FamilyLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        matches = list(selectors.person_search(user=user, query=form.cleaned_data["relative"])
                       .exclude(pk=person.pk)[:2])
        # The people the search found are read, whether linked or refused as ambiguous.
        services.people_read(actor=user, people=matches, context="family-link-picker")
        if len(matches) != 1:
            form.add_error("relative", _(
                "Kerabat tidak ditemukan di wilayah Anda." if not matches else
                "Lebih dari satu orang cocok; pakai NIK."))
        elif succeeded(form, lambda: services.family_link_create(
                actor=user, person=person, relative=matches[0],
                relation=form.cleaned_data["relation"])):
            return redirect("people:detail", person_id=person.pk)
    return page(request, "people/family_link_form.html", {"form": form, "person": person},
                [form])


@route("new/", name="create")
@staff_view(CREATE, Person)
def person_create(request: HttpRequest, user: User) -> HttpResponse:
    form = PersonForm(request.POST or None)
    candidates: list[selectors.PersonCandidate] = []
    if request.method == "POST" and form.is_valid():
        # Search before create: likely existing people first; the officer picks one (a link
        # to that person) or confirms that this is someone new.
        fields = form.person_fields()
        if not request.POST.get("confirm_new"):
            candidates = selectors.likely_people(
                user=user, name=fields["name"], birth_date=fields.get("birth_date"),
                nik=fields.get("nik", ""), passport=fields.get("passport_number", ""),
                birth_place=fields.get("birth_place", ""), sex=fields.get("sex", ""))
        person = None if candidates else attempt(form, lambda: services.person_create(
            actor=user, not_same=request.POST.getlist("not_same"), **fields))
        if person is not None:
            return redirect("people:detail", person_id=person.pk)
    return page(request, "people/person_form.html", {
        "form": form, "creating": True, "candidates": candidates,
        "show_identity": access.can(user, VIEW_IDENTITY, Person)}, [form])


@route("<uuid:person_id>/edit/", name="edit")
@staff_view()
def person_edit(request: HttpRequest, user: User, person_id: str) -> HttpResponse:
    person = access.get_visible_or_404(user, Person.objects.all(), CHANGE, pk=person_id)
    identity = access.can(user, VIEW_IDENTITY, person)
    initial = {key: getattr(person, key) for key in PersonForm.base_fields
               if key != "village"}
    initial["village"] = person.village_id or ""
    form = PersonForm(request.POST or None, initial=initial, identity=identity)
    # The form shows the person's fields, identity numbers unmasked to a role that may.
    services.person_viewed(actor=user, person=person,
                           context="edit-identity" if identity else "edit")
    if request.method == "POST" and form.is_valid() and succeeded(
            form, lambda: services.person_update(actor=user, person=person,
                                                 **form.person_fields())):
        return redirect("people:detail", person_id=person.pk)
    return page(request, "people/person_form.html",
                {"form": form, "creating": False, "person": person}, [form])
