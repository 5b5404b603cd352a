"""Officers' pages: the queue, the report list, a report's follow-up, referrals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lindung.accounts.models import User
from lindung.common import sealed
from lindung.common.bodylimit import body_limit
from lindung.common.routes import route
from lindung.common.views import errors_onto_form
from lindung.common.views import form_on_page
from lindung.common.views import form_page
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import succeeded
from lindung.core import access
from lindung.core.decorators import is_htmx
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import role_may
from lindung.people.models import Person
from lindung.reports import selectors
from lindung.reports import services
from lindung.reports.access import VIEW_CONTACT
from lindung.reports.access import is_receiver
from lindung.reports.choices import TRANSITIONS
from lindung.reports.choices import ReferralStatus
from lindung.reports.choices import ReportAction
from lindung.reports.forms import ATTACHMENT_RULES
from lindung.reports.forms import MessageForm
from lindung.reports.forms import OfficerReportForm
from lindung.reports.forms import PersonLinkForm
from lindung.reports.forms import ReferralForm
from lindung.reports.forms import ReferralResponseForm
from lindung.reports.forms import ReferralRevokeForm
from lindung.reports.forms import ReportFilterForm
from lindung.reports.forms import TransitionForm
from lindung.reports.forms import TriageForm
from lindung.reports.models import Case
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.models import ReportAttachment
from lindung.reports.views.common import people_found


@route("queue/", name="queue")
@staff_view(VIEW, PublicReport)
def queue(request: HttpRequest, user: User) -> HttpResponse:
    return render(request, "reports/queue.html", {
        "queue": selectors.officer_queue(user=user),
        "can_log": access.can(user, CREATE, PublicReport),
    })


@route("", name="list")
@staff_view(VIEW, PublicReport)
def report_list(request: HttpRequest, user: User) -> HttpResponse:
    form = ReportFilterForm(request.GET or {"status": "open"})
    reports = PublicReport.objects.none()
    if form.is_valid():
        reports = selectors.report_list(user=user, status=form.cleaned_data["status"],
                                        category=form.cleaned_data["category"],
                                        overdue=form.cleaned_data["overdue"],
                                        query=form.cleaned_data["q"])
    page = paginated(request, reports, 25)
    template = "reports/report_rows.html" if is_htmx(request) else "reports/report_list.html"
    return render(request, template, {"form": form, "page": page,
                                      "can_log": access.can(user, CREATE, PublicReport)})


@route("log/", name="log")
@body_limit(ATTACHMENT_RULES.body_bytes)
@never_cache
@staff_view(CREATE, PublicReport)
def report_log(request: HttpRequest, user: User) -> HttpResponse:
    """An officer logs a report taken by phone, at a desk or in the field."""
    form = OfficerReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = form.report_fields()
        try:
            submitted = services.report_submit(actor=user, channel=form.cleaned_data["channel"],
                                               files=form.cleaned_data["attachments"], **fields)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            return render(request, "reports/officer_receipt.html",
                          {"report": submitted.report, "code": submitted.receipt_code})
    return render(request, "reports/report_log.html", {"form": form},
                  status=400 if form.errors else 200)


def assignee_choices(report: PublicReport) -> QuerySet[User]:
    """Active staff who may work on this report (role and scope, by the access helper)."""
    roles = [role.value for role in Role if role_may(role, "report", CHANGE)]
    candidates = User.objects.filter(is_active=True, role__in=roles).select_related(
        "scope_region", "agency")[:500]
    allowed = [u.pk for u in candidates if access.can(u, CHANGE, report)]
    return User.objects.filter(pk__in=allowed).order_by("username")


def _detail_context(user: User, report: PublicReport, **forms: Any) -> dict[str, Any]:
    may_change = access.can(user, CHANGE, report)
    actions = [a for a, (sources, _target) in TRANSITIONS.items() if report.status in sources]
    return {
        "report": report,
        "may_change": may_change,
        "may_contact": access.can(user, VIEW_CONTACT, report),
        "actions": [ReportAction(a) for a in actions],
        "transitions": report.transitions.select_related("created_by", "assigned_to"),
        "messages_list": report.messages.select_related("created_by"),
        "attachments": report.attachments.all(),
        "referrals": report.referrals.select_related("to_agency", "from_agency"),
        "people_links": report.people.select_related("person"),
        "case": Case.objects.filter(report=report).first(),
        "triage_form": forms.get("triage_form") or TriageForm(initial={
            "category": report.category, "urgency": report.urgency,
            "responsible_agency": report.responsible_agency_id, "site": report.site_id,
            "region": report.region_code}),
        "transition_form": forms.get("transition_form") or TransitionForm(
            assignees=assignee_choices(report) if may_change else None),
        "message_form": forms.get("message_form") or MessageForm(),
        "may_refer": may_change and access.can(user, CREATE, Referral),
        "may_open_case": may_change and access.can(user, CREATE, Case),
    }


def _report_for(user: User, report_id: str, action: str = VIEW) -> PublicReport:
    return access.get_visible_or_404(
        user, PublicReport.objects.select_related("region", "responsible_agency", "site",
                                                  "assigned_to"), action, pk=report_id)


@route("<uuid:report_id>/", name="detail")
@staff_view()
def report_detail(request: HttpRequest, user: User, report_id: str) -> HttpResponse:
    report = _report_for(user, report_id)
    services.report_viewed(actor=user, report=report)
    return render(request, "reports/report_detail.html", _detail_context(user, report))


def _report_form(request: HttpRequest, user: User, report: PublicReport, slot: str,
                 form: Any, call: Callable[[dict[str, Any]], object]) -> HttpResponse:
    """One form of the report page, posted on its own: the service `call` with its data,
    then back to the page; the page again (400) with the form's errors in its `slot`."""
    return form_on_page(request, form, call, reverse("reports:detail", args=[report.pk]),
                        "reports/report_detail.html",
                        lambda: _detail_context(user, report, **{slot: form}))


@route("<uuid:report_id>/triage/", name="triage")
@staff_view()
@require_POST
def report_triage(request: HttpRequest, user: User, report_id: str) -> HttpResponse:
    report = _report_for(user, report_id, CHANGE)
    return _report_form(request, user, report, "triage_form", TriageForm(request.POST),
                        lambda data: services.report_triage(actor=user, report=report, **data))


@route("<uuid:report_id>/transition/", name="transition")
@staff_view()
@require_POST
def report_transition(request: HttpRequest, user: User, report_id: str) -> HttpResponse:
    report = _report_for(user, report_id, CHANGE)
    return _report_form(
        request, user, report, "transition_form",
        TransitionForm(request.POST, assignees=assignee_choices(report)),
        lambda data: services.report_transition(
            actor=user, report=report, action=data["action"], reason=data["reason"],
            note=data["note"], assignee=data["assignee"]))


@route("<uuid:report_id>/message/", name="message")
@staff_view()
@require_POST
def report_message(request: HttpRequest, user: User, report_id: str) -> HttpResponse:
    report = _report_for(user, report_id, CHANGE)
    return _report_form(request, user, report, "message_form", MessageForm(request.POST),
                        lambda data: services.report_message_add(actor=user, report=report,
                                                                 **data))


@route("<uuid:report_id>/contact/", name="contact")
@staff_view()
@require_POST
def report_contact(request: HttpRequest, user: User, report_id: str) -> HttpResponse:
    """Show the reporter's contact details (POST: a deliberate, logged act)."""
    report = _report_for(user, report_id)
    contact = services.report_contact_viewed(actor=user, report=report)
    template = ("reports/contact_fragment.html" if is_htmx(request)
                else "reports/contact_page.html")
    response = render(request, template, {"report": report, "contact": contact})
    response["Cache-Control"] = "private, no-store"
    return response


@route("<uuid:report_id>/people/", name="people")
@staff_view()
def report_people(request: HttpRequest, user: User, report_id: str) -> HttpResponse:
    """Find a registry person and link them to the report."""
    report = _report_for(user, report_id, CHANGE)
    link_form = PersonLinkForm(request.POST or None)
    if request.method == "POST" and link_form.is_valid():
        person = access.get_visible_or_404(user, Person.objects.all(),
                                           pk=link_form.cleaned_data["person"])
        if succeeded(link_form, lambda: services.report_person_link(
                actor=user, report=report, person=person, role=link_form.cleaned_data["role"])):
            return redirect("reports:detail", report_id=report.pk)
    pick, found = people_found(request, user, "report-people-picker")
    return page(request, "reports/report_people.html",
                {"report": report, "pick": pick, "found": found, "link_form": link_form},
                [link_form])


@route("attachments/<uuid:attachment_id>/", name="attachment")
@staff_view()
def attachment_download(request: HttpRequest, user: User, attachment_id: str) -> HttpResponse:
    attachment = access.get_visible_or_404(user, ReportAttachment.objects.select_related(
        "report"), pk=attachment_id)
    services.report_viewed(actor=user, report=attachment.report, context="attachment")
    # Stored sealed (common/sealed.py); at most 5 MB, opened in memory.
    response = HttpResponse(sealed.load_any(attachment.file),
                            content_type=attachment.content_type)
    name = f"{attachment.report.reference}-{attachment.pk}{attachment.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- referrals --------------------------------------------------------------------------


@route("<uuid:report_id>/refer/", name="refer")
@staff_view()
def referral_new(request: HttpRequest, user: User, report_id: str) -> HttpResponse:
    report = _report_for(user, report_id, CHANGE)
    access.require(user, CREATE, Referral)
    return form_page(
        request, "reports/referral_form.html", ReferralForm(request.POST or None),
        lambda data: services.referral_request(
            actor=user, report=report, case=Case.objects.filter(report=report).first(), **data),
        lambda _referral: redirect("reports:detail", report_id=report.pk), {"report": report})


@route("referrals/", name="referral_list")
@staff_view(VIEW, Referral)
def referral_list(request: HttpRequest, user: User) -> HttpResponse:
    referrals = selectors.visible_referrals(user)
    incoming = referrals.filter(to_agency_id=user.agency_id) if user.agency_id else \
        referrals.none()
    outgoing = referrals.exclude(to_agency_id=user.agency_id) if user.agency_id else referrals
    status = request.GET.get("status", "")
    if status in ReferralStatus.values:
        incoming, outgoing = incoming.filter(status=status), outgoing.filter(status=status)
    return render(request, "reports/referral_list.html", {
        "incoming": incoming.order_by("-created_at")[:100],
        "outgoing": outgoing.order_by("-created_at")[:100],
        "statuses": ReferralStatus.choices, "status": status})


def _referral_context(user: User, referral: Referral, **forms: Any) -> dict[str, Any]:
    return {
        "referral": referral,
        "report": referral.report,
        "transitions": referral.transitions.select_related("created_by"),
        "may_respond": (referral.status == ReferralStatus.REQUESTED
                        and access.can(user, CHANGE, referral)
                        and (is_receiver(user, referral) or user.role == Role.ADMIN)),
        "may_revoke": (referral.status in (ReferralStatus.REQUESTED, ReferralStatus.ACCEPTED)
                       and access.can(user, CHANGE, referral.report)),
        "may_open_report": access.can(user, VIEW, referral.report),
        "response_form": forms.get("response_form") or ReferralResponseForm(),
        "revoke_form": forms.get("revoke_form") or ReferralRevokeForm(),
    }


def _referral_for(user: User, referral_id: str, action: str = VIEW) -> Referral:
    return access.get_visible_or_404(
        user, Referral.objects.select_related("report__region", "to_agency", "from_agency",
                                              "to_site", "responded_by"), action,
        pk=referral_id)


@route("referrals/<uuid:referral_id>/", name="referral_detail")
@staff_view()
def referral_detail(request: HttpRequest, user: User, referral_id: str) -> HttpResponse:
    """The receiving agency sees what it needs to act: the referral and the report's
    account of what happened (not the reporter's contact details)."""
    referral = _referral_for(user, referral_id)
    services.referral_viewed(actor=user, referral=referral)
    return render(request, "reports/referral_detail.html", _referral_context(user, referral))


def _referral_form(request: HttpRequest, user: User, referral_id: str, slot: str,
                   form: Any, call: Callable[[Referral, dict[str, Any]], object],
                   ) -> HttpResponse:
    """One form of the referral page, posted on its own: the service `call` with its data,
    then back to the page; the page again (400) with the form's errors in its `slot`."""
    referral = _referral_for(user, referral_id, CHANGE)
    return form_on_page(request, form, lambda data: call(referral, data),
                        reverse("reports:referral_detail", args=[referral.pk]),
                        "reports/referral_detail.html",
                        lambda: _referral_context(user, referral, **{slot: form}))


@route("referrals/<uuid:referral_id>/respond/", name="referral_respond")
@staff_view()
@require_POST
def referral_respond(request: HttpRequest, user: User, referral_id: str) -> HttpResponse:
    return _referral_form(
        request, user, referral_id, "response_form", ReferralResponseForm(request.POST),
        lambda referral, data: services.referral_respond(
            actor=user, referral=referral, accept=data["decision"] == "accept",
            note=data["note"]))


@route("referrals/<uuid:referral_id>/revoke/", name="referral_revoke")
@staff_view()
@require_POST
def referral_revoke(request: HttpRequest, user: User, referral_id: str) -> HttpResponse:
    return _referral_form(
        request, user, referral_id, "revoke_form", ReferralRevokeForm(request.POST),
        lambda referral, data: services.referral_revoke(actor=user, referral=referral,
                                                        note=data["note"]))
