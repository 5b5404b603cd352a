"""Pillar 1 pages: households and members, stays abroad and returns, children and their
KIS/KIP cards, the village service log."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
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
from lindung.people.models import Person
from lindung.people.normalize import search_name_for
from lindung.people.selectors import likely_people
from lindung.people.services import person_viewed
from lindung.villages.forms.census import CardForm
from lindung.villages.forms.census import EnrolForm
from lindung.villages.forms.census import HouseholdForm
from lindung.villages.forms.census import MemberForm
from lindung.villages.forms.census import ReturnForm
from lindung.villages.forms.census import SchoolForm
from lindung.villages.forms.census import ServiceLogForm
from lindung.villages.forms.census import StayAbroadForm
from lindung.villages.models import CensusHousehold
from lindung.villages.models import ChildProfile
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import ServiceLogEntry
from lindung.villages.models import StayAbroad
from lindung.villages.services import census as census_services
from lindung.villages.views.common import may_add
from lindung.villages.views.common import offer_people
from lindung.villages.views.common import village_page
from lindung.villages.views.common import village_people


@route("<uuid:village_id>/households/", name="households")
@village_page(CensusHousehold)
def household_list(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    households = access.visible(user, CensusHousehold.objects.filter(
        programme_village=village)).select_related("household").annotate(
        members_count=Count("household__members", distinct=True),
        abroad_count=Count("stays", filter=Q(stays__returned_on__isnull=True), distinct=True))
    query = request.GET.get("q", "").strip()
    if query:
        tokens = search_name_for(query).split()
        condition = Q()
        for token in tokens:
            condition &= Q(household__members__search_name__contains=token)
        households = households.filter(condition).distinct()
    listing = paginated(request, households.order_by("-created_at"), 25)
    heads = {p.household_id: p for p in Person.objects.filter(
        household_id__in=[h.household_id for h in listing], household_relation="head")}
    rows = [(h, heads.get(h.household_id)) for h in listing]
    return page(request, "villages/household_list.html", {
        "village": village, "page": listing, "rows": rows, "query": query,
        "can_create": may_add(user, village, CensusHousehold),
    })


@route("<uuid:village_id>/households/new/", name="household_create")
@village_page(CensusHousehold, CREATE)
def household_create(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    access.require(user, CREATE, CensusHousehold(region_code=village.region_code))
    household_form = HouseholdForm(request.POST or None, prefix="household")
    head_form = MemberForm(request.POST or None, prefix="head", head=True)
    likely: dict[str, Any] = {}
    if request.method == "POST" and household_form.is_valid() and head_form.is_valid():
        data = household_form.cleaned_data
        likely = _likely_people(request, user, head_form)
        created = None if likely else attempt(
            household_form, lambda: census_services.census_household_create(
                actor=user, programme_village=village,
                head=head_form.member_input(not_same=_not_same(request)),
                address=data["address"], family_card_number=data["family_card_number"],
                census_date=data["census_date"]))
        if created is not None:
            return redirect("villages:household", household_id=created.pk)
    return page(request, "villages/household_form.html", {
        "village": village, "household_form": household_form, "head_form": head_form,
        **likely}, (household_form, head_form))


def _not_same(request: HttpRequest) -> list[str]:
    """The likely matches shown that the officer answered "not the same person" for: sent
    with "someone new" (the person service records them as decided pairs)."""
    return request.POST.getlist("not_same") if request.POST.get("confirm_new") else []


def _likely_people(request: HttpRequest, user: User, form: MemberForm) -> dict[str, Any]:
    """Search before create: the likely registered people like the member about to be
    added, to show with their reasons (the officer picks one or confirms someone new);
    nothing once the officer has done either, or when there is nobody alike."""
    data = form.cleaned_data
    if data.get("existing") or request.POST.get("confirm_new"):
        return {}
    candidates = likely_people(
        user=user, name=data["name"], birth_date=data.get("birth_date"),
        nik=data.get("nik", ""), birth_place=data.get("birth_place", ""),
        sex=data.get("sex", ""))
    if not candidates:
        return {}
    return {"candidates": candidates,
            "pick_field": form["existing"].html_name,
            "show_identity": access.can(user, VIEW_IDENTITY, Person)}


def _household(user: User, household_id: UUID, action: str = VIEW) -> CensusHousehold:
    return access.get_visible_or_404(
        user, CensusHousehold.objects.select_related("household", "programme_village__village"),
        action, pk=household_id)


@route("households/<uuid:household_id>/", name="household")
@staff_view()
def household_detail(request: HttpRequest, user: User, household_id: UUID) -> HttpResponse:
    census = _household(user, household_id)
    members = list(census.household.members.order_by("household_relation", "birth_date")
                   .prefetch_related(Prefetch("stays_abroad",
                                              queryset=StayAbroad.objects.order_by(
                                                  "-departed_on"))))
    for member in members:
        person_viewed(actor=user, person=member, context="desmigratif-household")
    children = {c.person_id: c for c in ChildProfile.objects.filter(
        person__in=members).prefetch_related("cards")}
    can_change = access.can(user, CHANGE, census)
    return page(request, "villages/household_detail.html", {
        "census": census, "village": census.programme_village, "members": members,
        "children": children, "can_change": can_change,
        "member_form": MemberForm(prefix="member") if can_change else None,
        "stay_form": StayAbroadForm(prefix="stay") if can_change else None,
        "return_form": ReturnForm(prefix="return") if can_change else None,
        "card_form": CardForm(prefix="card") if can_change else None,
        "enrol_form": EnrolForm(prefix="enrol") if can_change else None,
        "school_form": SchoolForm(prefix="school") if can_change else None,
        "services": census.services.order_by("-served_on")[:20],
    })


@route("households/<uuid:household_id>/members/new/", name="member_add")
@staff_view()
def member_add(request: HttpRequest, user: User, household_id: UUID) -> HttpResponse:
    census = _household(user, household_id, CHANGE)
    form = MemberForm(request.POST or None, prefix="member")
    likely: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        likely = _likely_people(request, user, form)
        person = None if likely else attempt(form, lambda: census_services.census_member_add(
            actor=user, census_household=census,
            member=form.member_input(not_same=_not_same(request))))
        if person is not None:
            return redirect("villages:household", household_id=census.pk)
    return page(request, "villages/member_form.html", {
        "census": census, "village": census.programme_village, "form": form, **likely},
        (form,))


def _member(user: User, person_id: UUID) -> tuple[Person, CensusHousehold]:
    person = access.get_visible_or_404(user, Person.objects.all(), VIEW, pk=person_id)
    census = access.get_visible_or_404(user, CensusHousehold.objects.select_related(
        "programme_village__village"), CHANGE, household_id=person.household_id)
    return person, census


@route("people/<uuid:person_id>/abroad/new/", name="stay_create")
@staff_view()
def stay_create(request: HttpRequest, user: User, person_id: UUID) -> HttpResponse:
    person, census = _member(user, person_id)
    form = StayAbroadForm(request.POST or None, prefix="stay")
    if request.method == "POST" and form.is_valid():
        stay = attempt(form, lambda: census_services.stay_abroad_create(
            actor=user, person=person, census_household=census, abroad=form.abroad_input()))
        if stay is not None:
            return redirect("villages:household", household_id=census.pk)
    return page(request, "villages/simple_form.html", {
        "village": census.programme_village, "form": form, "back": census,
        "title": _("Catat keberangkatan: %(name)s") % {"name": person.name}}, (form,))


@route("stays/<uuid:stay_id>/return/", name="stay_return")
@staff_view()
def stay_return(request: HttpRequest, user: User, stay_id: UUID) -> HttpResponse:
    stay = access.get_visible_or_404(user, StayAbroad.objects.select_related(
        "person", "census_household__programme_village__village"), CHANGE, pk=stay_id)
    form = ReturnForm(request.POST or None, prefix="return")
    if request.method == "POST" and form.is_valid():
        done = attempt(form, lambda: census_services.stay_abroad_close(
            actor=user, stay=stay, returned_on=form.cleaned_data["returned_on"],
            note=form.cleaned_data["note"]))
        if done is not None and stay.census_household_id:
            return redirect("villages:household", household_id=stay.census_household_id)
    census = stay.census_household
    return page(request, "villages/simple_form.html", {
        "village": census.programme_village if census else None, "form": form, "back": census,
        "title": _("Catat kepulangan: %(name)s") % {"name": stay.person.name}}, (form,))


def _child(user: User, child_id: UUID) -> ChildProfile:
    return access.get_visible_or_404(user, ChildProfile.objects.select_related(
        "person", "programme_village__village"), CHANGE, pk=child_id)


def _back_to_household(child: ChildProfile) -> HttpResponse:
    census = (CensusHousehold.objects.filter(household_id=child.person.household_id).first()
              if child.person.household_id else None)
    if census is None:
        return redirect("villages:parenting", village_id=child.programme_village_id)
    return redirect("villages:household", household_id=census.pk)


@route("children/<uuid:child_id>/card/", name="child_card")
@staff_view()
def child_card(request: HttpRequest, user: User, child_id: UUID) -> HttpResponse:
    child = _child(user, child_id)
    form = CardForm(request.POST or None, prefix="card")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: census_services.child_card_set(
                actor=user, child=child, kind=data["kind"], status=data["status"],
                on=data["on"], note=data["note"])) is not None:
            return _back_to_household(child)
    return page(request, "villages/simple_form.html", {
        "village": child.programme_village, "form": form,
        "title": _("Kartu KIS/KIP: %(name)s") % {"name": child.person.name}}, (form,))


@route("children/<uuid:child_id>/enrol/", name="child_enrol")
@staff_view()
def child_enrol(request: HttpRequest, user: User, child_id: UUID) -> HttpResponse:
    child = _child(user, child_id)
    form = EnrolForm(request.POST or None, prefix="enrol")
    if request.method == "POST" and form.is_valid() and succeeded(
            form, lambda: census_services.child_enrol(
                actor=user, child=child, enrolled_on=form.cleaned_data["enrolled_on"])):
        return _back_to_household(child)
    return page(request, "villages/simple_form.html", {
        "village": child.programme_village, "form": form,
        "title": _("Daftarkan ke community parenting: %(name)s") % {
            "name": child.person.name}}, (form,))


@route("children/<uuid:child_id>/school/", name="child_school")
@staff_view()
def child_school(request: HttpRequest, user: User, child_id: UUID) -> HttpResponse:
    child = _child(user, child_id)
    form = SchoolForm(request.POST or None, prefix="school",
                      initial={"school_status": child.school_status,
                               "school_name": child.school_name})
    if request.method == "POST" and form.is_valid() and succeeded(
            form, lambda: census_services.child_profile_upsert(
                actor=user, person=child.person, programme_village=child.programme_village,
                **form.cleaned_data)):
        return _back_to_household(child)
    return page(request, "villages/simple_form.html", {
        "village": child.programme_village, "form": form,
        "title": _("Sekolah: %(name)s") % {"name": child.person.name}}, (form,))


@route("<uuid:village_id>/services/", name="services")
@village_page(ServiceLogEntry)
def service_log(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    can_create = may_add(user, village, ServiceLogEntry)
    form = ServiceLogForm(request.POST or None) if can_create else None
    offer_people(form, "person", access.visible(user, village_people(village)))
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        person = data["person"]
        census = (CensusHousehold.objects.filter(household_id=person.household_id).first()
                  if person is not None and person.household_id else None)
        stay = (StayAbroad.objects.filter(person=person).order_by("-departed_on").first()
                if person is not None else None)
        entry = attempt(form, lambda: census_services.service_log_add(
            actor=user, programme_village=village, kind=data["kind"],
            served_on=data["served_on"], person=person, census_household=census,
            stay=stay if data["kind"] in ("departure_monitoring", "return_monitoring")
            else None, cpmi_verified=form.verified(),
            ltsa_application_id=data["ltsa_application_id"], job_order_id=data["job_order_id"],
            note=data["note"]))
        if entry is not None:
            return redirect("villages:services", village_id=village.pk)
    entries = access.visible(user, ServiceLogEntry.objects.filter(
        programme_village=village)).select_related("person").order_by("-served_on",
                                                                        "-created_at")
    kind = request.GET.get("kind", "")
    if kind:
        entries = entries.filter(kind=kind)
    listing = paginated(request, entries, 25)
    return page(request, "villages/service_log.html", {
        "village": village, "form": form, "page": listing, "kind": kind,
        "kinds": ServiceLogEntry._meta.get_field("kind").choices,
        "by_kind": dict(access.visible(user, ServiceLogEntry.objects.filter(
            programme_village=village)).values_list("kind").annotate(n=Count("id"))
            .values_list("kind", "n")),
    }, (form,))
