"""Staff pages for the reference data (agencies, licences, offices, job orders, fees), the
complaints raised by overcharges, and the service figures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.routes import route
from lindung.common.views import errors_onto_form
from lindung.common.views import paginated
from lindung.common.views import submitted
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa import search
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.access import may_change_centre
from lindung.ltsa.access import may_view_figures
from lindung.ltsa.forms import AgencyForm
from lindung.ltsa.forms import CentreContactsForm
from lindung.ltsa.forms import ComplaintForm
from lindung.ltsa.forms import FeeScheduleForm
from lindung.ltsa.forms import JobOrderForm
from lindung.ltsa.forms import LicenceForm
from lindung.ltsa.forms import LicenceStatusForm
from lindung.ltsa.forms import OfficeForm
from lindung.ltsa.models import AgencyLicence
from lindung.ltsa.models import FeeComplaint
from lindung.ltsa.models import FeeSchedule
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import PlacementAgency


def _create_form(request: HttpRequest, user: User, entity: type[Model],
                 form_class: type[forms.Form]) -> Any:
    """The create form of a reference list for a user whose role may create `entity`
    records; None for the others, whose POST is refused."""
    if access.can(user, CREATE, entity):
        return form_class(request.POST or None)
    if request.method == "POST":
        raise PermissionDenied(_("Akses ditolak"))
    return None


@route("staff/agencies/", name="agency_admin")
@staff_view(VIEW, PlacementAgency)
def agency_admin(request: HttpRequest, user: User) -> HttpResponse:
    form = _create_form(request, user, PlacementAgency, AgencyForm)
    agency = submitted(request, form, lambda data: services.placement_agency_create(
        actor=user, **data))
    if agency is not None:
        return redirect("ltsa:agency_admin_detail", agency_id=agency.pk)
    query = request.GET.get("q", "").strip()[:120]
    agencies = access.visible(user, PlacementAgency.objects.prefetch_related("licences"))
    if query:
        agencies = agencies.filter(search_name__contains=search.normalise_name(query))
    page = paginated(request, agencies.order_by("search_name", "id"), 30)
    today = timezone.localdate()
    rows = [(agency, *selectors.agency_state(agency, today)) for agency in page]
    return render(request, "ltsa/agency_admin.html", {
        "form": form, "page": page, "rows": rows, "q": query},
        status=400 if form is not None and form.errors else 200)


@route("staff/agencies/<uuid:agency_id>/", name="agency_admin_detail")
@staff_view()
def agency_admin_detail(request: HttpRequest, user: User, agency_id: str) -> HttpResponse:
    agency = access.get_visible_or_404(user, PlacementAgency.objects.prefetch_related(
        "licences", "offices__region"), pk=agency_id)
    can_change = access.can(user, CHANGE, agency)
    step = request.POST.get("step", "")
    forms: dict[str, Any] = {
        "licence": LicenceForm(request.POST if step == "licence" else None, prefix="lic"),
        "status": LicenceStatusForm(request.POST if step == "status" else None, prefix="st"),
        "office": OfficeForm(request.POST if step == "office" else None, prefix="off"),
        "job": JobOrderForm(request.POST if step == "job" else None, prefix="job"),
    }
    if request.method == "POST":
        if not can_change or step not in forms:
            raise PermissionDenied(_("Akses ditolak"))
        form = forms[step]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if step == "licence":
                    services.licence_add(actor=user, agency=agency, **data)
                elif step == "status":
                    licence = AgencyLicence.objects.get(pk=data["licence"], agency=agency)
                    services.licence_status_change(actor=user, licence=licence,
                                                   status=data["status"], reason=data["reason"],
                                                   on=data["on"])
                elif step == "office":
                    services.office_add(actor=user, agency=agency, **data)
                else:
                    region = data.pop("recruitment_region")
                    services.job_order_create(actor=user, agency=agency,
                                              recruitment_regions=[region] if region else [],
                                              **data)
            except (ValidationError, AgencyLicence.DoesNotExist) as exc:
                if isinstance(exc, ValidationError):
                    errors_onto_form(form, exc)
                else:
                    form.add_error(None, _("Izin tidak ditemukan."))
            else:
                messages.success(request, _("Tersimpan."))
                return redirect("ltsa:agency_admin_detail", agency_id=agency.pk)
    state, current = selectors.agency_state(agency, timezone.localdate())
    return render(request, "ltsa/agency_admin_detail.html", {
        "agency": agency, "state": state, "licence": current, "forms": forms,
        "can_change": can_change,
        "jobs": JobOrder.objects.filter(agency=agency).select_related("occupation")[:100],
    }, status=400 if any(f.errors for f in forms.values()) else 200)


@route("staff/fees/", name="fee_admin")
@staff_view(VIEW, FeeSchedule)
def fee_admin(request: HttpRequest, user: User) -> HttpResponse:
    form = _create_form(request, user, FeeSchedule, FeeScheduleForm)
    if submitted(request, form,
                 lambda data: services.fee_schedule_create(actor=user, **data)) is not None:
        messages.success(request, _("Jadwal biaya tersimpan."))
        return redirect("ltsa:fee_admin")
    schedules = access.visible(user, FeeSchedule.objects.select_related("occupation")
                               .prefetch_related("components"))
    page = paginated(request, schedules.order_by("destination_country", "-effective_from",
                                                 "id"), 30)
    return render(request, "ltsa/fee_admin.html", {"form": form, "page": page},
                  status=400 if form is not None and form.errors else 200)


@route("staff/complaints/", name="complaint_list")
@staff_view(VIEW, FeeComplaint)
def complaint_list(request: HttpRequest, user: User) -> HttpResponse:
    complaints = access.visible(user, FeeComplaint.objects.select_related(
        "application__centre", "payment", "agency"))
    page = paginated(request, complaints.order_by("-created_at", "id"), 30)
    return render(request, "ltsa/complaint_list.html", {"page": page})


@route("staff/complaints/<uuid:complaint_id>/", name="complaint_detail")
@staff_view()
def complaint_detail(request: HttpRequest, user: User, complaint_id: str) -> HttpResponse:
    complaint = access.get_visible_or_404(user, FeeComplaint.objects.select_related(
        "application__centre", "application__job_order", "payment", "agency"), pk=complaint_id)
    can_change = access.can(user, CHANGE, complaint)
    form = ComplaintForm(request.POST or None, initial={
        "status": complaint.status, "report_reference": complaint.report_reference})
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(_("Akses ditolak"))
        if form.is_valid():
            services.complaint_status_change(actor=user, complaint=complaint,
                                             **form.cleaned_data)
            messages.success(request, _("Tersimpan."))
            return redirect("ltsa:complaint_detail", complaint_id=complaint.pk)
    return render(request, "ltsa/complaint_detail.html", {
        "complaint": complaint, "form": form, "can_change": can_change,
        "can_view_file": access.can(user, VIEW, complaint.application)})


@route("staff/figures/", name="figures")
@staff_view()
def figures(request: HttpRequest, user: User) -> HttpResponse:
    if not may_view_figures(user):
        raise PermissionDenied(_("Akses ditolak"))
    return render(request, "ltsa/figures.html", {
        "centres": selectors.service_figures(user)})


@route("staff/centres/<uuid:centre_id>/contacts/", name="centre_contacts")
@staff_view()
def centre_contacts(request: HttpRequest, user: User, centre_id: str) -> HttpResponse:
    """The contacts of an LTSA centre, which the applicant's receipt names: written by the
    coordinator of its region or an administrator (the reference data has none)."""
    centre = Site.objects.filter(pk=centre_id, kind=SiteKind.LTSA_CENTRE).first()
    if centre is None or not may_change_centre(user, centre):
        raise PermissionDenied(_("Akses ditolak"))
    form = CentreContactsForm(request.POST or None, initial={
        "address": centre.address, "phone": centre.phone, "email": centre.email})
    if request.method == "POST" and form.is_valid():
        services.centre_contacts_set(actor=user, centre=centre, **form.cleaned_data)
        messages.success(request, _("Tersimpan."))
        return redirect("ltsa:centre_contacts", centre_id=centre.pk)
    return render(request, "ltsa/centre_contacts.html", {"centre": centre, "form": form},
                  status=400 if form.errors else 200)
