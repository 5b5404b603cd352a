"""The stakeholder directory: list and filters, a stakeholder's page (services, contacts,
agreements, pathways), creating and editing stakeholders, agreements, referral pathways and
the receiver suggestion."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect

from lindung.accounts.models import User
from lindung.common.bodylimit import body_limit
from lindung.common.routes import route
from lindung.common.views import attempt
from lindung.common.views import form_page
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import succeeded
from lindung.coordination import selectors
from lindung.coordination import services
from lindung.coordination.forms.common import EVIDENCE_RULES
from lindung.coordination.forms.stakeholders import AgreementForm
from lindung.coordination.forms.stakeholders import ContactForm
from lindung.coordination.forms.stakeholders import PathwayForm
from lindung.coordination.forms.stakeholders import StakeholderEditForm
from lindung.coordination.forms.stakeholders import StakeholderFilterForm
from lindung.coordination.forms.stakeholders import StakeholderForm
from lindung.coordination.forms.stakeholders import SuggestForm
from lindung.coordination.models import Agreement
from lindung.coordination.models import FollowUp
from lindung.coordination.models import ReferralPathway
from lindung.coordination.models import StakeholderContact
from lindung.coordination.models import StakeholderProfile
from lindung.coordination.models import StakeholderService
from lindung.coordination.views.common import checked_files
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.pages import list_page
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.models import Agency


@route("stakeholders/", name="stakeholder_list")
@staff_view(VIEW, StakeholderProfile)
def stakeholder_list(request: HttpRequest, user: User) -> HttpResponse:
    form = StakeholderFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"query": data["q"], "category": data["category"], "level": data["level"],
                   "service": data["service"], "country": data["country"]}
    agencies = selectors.stakeholder_search(**filters).prefetch_related(
        "coordination_services")
    result = paginated(request, agencies, 30)
    rows = [(agency, services.profile_of(agency)) for agency in result]
    return page(request, "coordination/stakeholder_list.html", {
        "form": form, "page": result, "rows": rows,
        "can_create": access.can(user, CREATE, StakeholderProfile)})


@route("stakeholders/new/", name="stakeholder_create")
@staff_view(CREATE, StakeholderProfile)
def stakeholder_create(request: HttpRequest, user: User) -> HttpResponse:
    form = StakeholderForm(request.POST or None)
    return form_page(
        request, "coordination/form.html", form,
        lambda data: services.stakeholder_create(actor=user, **data),
        lambda agency: redirect("coordination:stakeholder_detail", agency_id=agency.pk),
        {"title": "stakeholder_new", "multipart": False})


def _agency(agency_id: UUID) -> Agency:
    return get_object_or_404(Agency.objects.select_related("region"), pk=agency_id)


@route("stakeholders/<uuid:agency_id>/", name="stakeholder_detail")
@staff_view(VIEW, StakeholderProfile)
def stakeholder_detail(request: HttpRequest, user: User, agency_id: UUID) -> HttpResponse:
    agency = _agency(agency_id)
    profile = services.profile_of(agency)
    can_change = access.can(user, CHANGE, profile)
    contact_form = ContactForm(request.POST or None) if can_change else None
    if request.method == "POST":
        access.require(user, CHANGE, profile)
        assert contact_form is not None
        if contact_form.is_valid() and succeeded(
                contact_form, lambda: services.stakeholder_contact_add(
                    actor=user, agency=agency, **contact_form.cleaned_data)):
            return redirect("coordination:stakeholder_detail", agency_id=agency.pk)
    return page(request, "coordination/stakeholder_detail.html", {
        "agency": agency, "profile": profile, "can_change": can_change,
        "contact_form": contact_form,
        "services": StakeholderService.objects.filter(agency=agency),
        "contacts": StakeholderContact.objects.filter(agency=agency),
        "agreements": Agreement.objects.filter(parties=agency).prefetch_related("parties"),
        "pathways": ReferralPathway.objects.filter(receiver=agency, active=True)
        .select_related("region"),
        "actions": access.visible(user, selectors.actions_of_agency(agency)
                                  .select_related("plan"))[:50],
        "follow_ups": access.visible(user, FollowUp.objects.filter(owner=agency)
                                     .select_related("meeting"))[:50],
    }, (contact_form,))


@route("stakeholders/<uuid:agency_id>/edit/", name="stakeholder_edit")
@staff_view()
def stakeholder_edit(request: HttpRequest, user: User, agency_id: UUID) -> HttpResponse:
    agency = _agency(agency_id)
    profile = services.profile_of(agency)
    access.require(user, CHANGE, profile)
    initial = {"name": agency.name, "name_en": agency.name_en,
               "short_name": agency.short_name, "kind": agency.kind,
               "level": agency.level, "region": agency.region_id or "",
               "country": agency.country, "phone": agency.phone, "email": agency.email,
               "address": agency.address, "website": agency.website,
               "category": profile.category, "mandate": profile.mandate,
               "active": profile.active,
               "services": list(StakeholderService.objects.filter(agency=agency)
                                .values_list("service", flat=True))}
    form = StakeholderEditForm(request.POST or None, initial=initial)

    def update(data: dict[str, Any]) -> Agency:
        fields = dict(data)
        return services.stakeholder_update(
            actor=user, agency=agency, category=fields.pop("category"),
            mandate=fields.pop("mandate"), services=fields.pop("services"),
            active=fields.pop("active"), **fields)

    return form_page(
        request, "coordination/form.html", form, update,
        lambda updated: redirect("coordination:stakeholder_detail", agency_id=updated.pk),
        {"title": "stakeholder_edit", "agency": agency})


@route("contacts/<uuid:contact_id>/remove/", name="contact_remove")
@staff_view()
def contact_remove(request: HttpRequest, user: User, contact_id: UUID) -> HttpResponse:
    contact = get_object_or_404(StakeholderContact, pk=contact_id)
    access.require(user, CHANGE, contact)
    if request.method == "POST":
        services.stakeholder_contact_remove(actor=user, contact=contact)
    return redirect("coordination:stakeholder_detail", agency_id=contact.agency_id)


@route("agreements/", name="agreement_list")
@staff_view(VIEW, Agreement)
def agreement_list(request: HttpRequest, user: User) -> HttpResponse:
    agreements = access.visible(user, Agreement.objects.prefetch_related("parties")
                                .select_related("region"))
    return list_page(request, user, "coordination/agreement_list.html",
                     agreements.order_by("-signed_on", "title"), Agreement, per_page=30)


@route("agreements/new/", name="agreement_create")
@body_limit(EVIDENCE_RULES.body_bytes)
@staff_view(CREATE, Agreement)
def agreement_create(request: HttpRequest, user: User) -> HttpResponse:
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = checked_files(form)
        if files is not None:
            data = dict(form.cleaned_data)
            data.pop("evidence")
            agreement = attempt(form, lambda: services.agreement_create(
                actor=user, files=files, **data))
            if agreement is not None:
                return redirect("coordination:agreement_detail", agreement_id=agreement.pk)
    return page(request, "coordination/form.html", {
        "form": form, "title": "agreement_new", "multipart": True}, (form,))


@route("agreements/<uuid:agreement_id>/", name="agreement_detail")
@staff_view()
def agreement_detail(request: HttpRequest, user: User, agreement_id: UUID) -> HttpResponse:
    agreement = access.get_visible_or_404(
        user, Agreement.objects.prefetch_related("parties", "evidence").select_related("region"),
        pk=agreement_id)
    return page(request, "coordination/agreement_detail.html", {
        "agreement": agreement, "pathways": agreement.pathways.select_related("receiver")})


@route("pathways/", name="pathway_list")
@staff_view(VIEW, ReferralPathway)
def pathway_list(request: HttpRequest, user: User) -> HttpResponse:
    suggest = SuggestForm(request.GET or None)
    suggestions: list[Agency] | None = None
    if suggest.is_valid():
        region = suggest.cleaned_data.get("region")
        suggestions = selectors.suggest_referral_receivers(
            case_kind=suggest.cleaned_data["case_kind"],
            region_code=region.code if region else "",
            country=suggest.cleaned_data.get("country", ""))
    pathways = access.visible(user, ReferralPathway.objects.filter(active=True)
                              .select_related("receiver", "region", "agreement"))
    return page(request, "coordination/pathway_list.html", {
        "suggest": suggest, "suggestions": suggestions, "pathways": pathways,
        "can_create": access.can(user, CREATE, ReferralPathway),
        "changeable": {p.pk for p in pathways if access.can(user, CHANGE, p)}})


@route("pathways/new/", name="pathway_create")
@staff_view(CREATE, ReferralPathway)
def pathway_create(request: HttpRequest, user: User) -> HttpResponse:
    form = PathwayForm(request.POST or None)
    return form_page(request, "coordination/form.html", form,
                     lambda data: services.referral_pathway_create(actor=user, **data),
                     lambda pathway: redirect("coordination:pathway_list"),
                     {"title": "pathway_new"})


@route("pathways/<uuid:pathway_id>/deactivate/", name="pathway_deactivate")
@staff_view()
def pathway_deactivate(request: HttpRequest, user: User, pathway_id: UUID) -> HttpResponse:
    pathway = access.get_visible_or_404(user, ReferralPathway.objects.all(), pk=pathway_id)
    access.require(user, CHANGE, pathway)
    if request.method == "POST":
        services.referral_pathway_deactivate(actor=user, pathway=pathway)
    return redirect("coordination:pathway_list")
