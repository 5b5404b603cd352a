"""Reports API: the signed SMS/WhatsApp webhook, officers' work, referrals, HTCDS export."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Router
from ninja import Schema
from ninja import Status
from pydantic import Field

from lindung.accounts.models import User
from lindung.common.filters import choice_filter
from lindung.common.params import Limit
from lindung.common.params import Offset
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.pages import caller_and_record
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.regions.models import Region
from lindung.reports import htcds
from lindung.reports import selectors
from lindung.reports import services
from lindung.reports.choices import ConsentBasis
from lindung.reports.choices import ReferralReason
from lindung.reports.choices import ReferralService
from lindung.reports.choices import ReportCategory
from lindung.reports.choices import ReportChannel
from lindung.reports.choices import ReportStatus
from lindung.reports.choices import Urgency
from lindung.reports.models import Case
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.services.inbound import SIGNATURE_HEADER
from lindung.reports.services.inbound import TIMESTAMP_HEADER
from lindung.reports.services.inbound import InboundError

router = Router(tags=["reports"])


class ReportOut(Schema):
    id: UUID
    reference: str
    channel: str
    category: str
    status: str
    urgency: str
    immediate_danger: bool
    description: str
    place_text: str
    region_code: str
    incident_date: date | None
    destination_country: str
    recruiter_name: str
    recruiter_phone: str
    recruiter_social: str
    people_at_risk: str
    missing_person_name: str
    received_at: datetime
    due_at: datetime | None
    overdue: bool
    responsible_agency: str | None
    assigned_to: str | None
    closing_reason: str
    synthetic: bool


class ReportCreatedOut(Schema):
    report: ReportOut
    receipt_code: str = Field(description="Shown once; read it to the reporter.")


class ReportIn(Schema):
    channel: ReportChannel
    category: ReportCategory
    description: str = Field(min_length=1, max_length=5000)
    immediate_danger: bool = False
    region_code: str = Field(default="", max_length=16)
    place_text: str = Field(default="", max_length=300)
    incident_date: date | None = None
    destination_country: str = Field(default="", max_length=2)
    recruiter_name: str = Field(default="", max_length=200)
    recruiter_phone: str = Field(default="", max_length=32)
    recruiter_social: str = Field(default="", max_length=100)
    people_at_risk: str = Field(default="", max_length=1000)
    people_at_risk_count: int | None = Field(default=None, ge=1, le=1000)
    missing_person_name: str = Field(default="", max_length=200)
    contact: str = Field(default="", max_length=500)
    contact_consent: bool = False


class TriageIn(Schema):
    category: ReportCategory
    urgency: Urgency
    responsible_agency: str = Field(default="", description="Agency code")
    site_id: UUID | None = None
    region_code: str = Field(default="", max_length=16)


class TransitionIn(Schema):
    action: str = Field(description="verify, assign, start_follow_up, resolve, close, "
                                    "reject, reopen")
    reason: str = ""
    note: str = Field(default="", max_length=2000)
    assignee: str = Field(default="", description="Username, for assign")


class MessageIn(Schema):
    kind: str = Field(pattern="^(public_reply|internal_note)$")
    body: str = Field(min_length=1, max_length=4000)


class ReferralOut(Schema):
    id: UUID
    report_reference: str
    to_agency: str
    from_agency: str | None
    service: str
    reason: str
    consent_basis: str
    status: str
    created_at: datetime
    responded_at: datetime | None
    response_note: str


class ReferralIn(Schema):
    to_agency: str = Field(description="Agency code")
    to_site_id: UUID | None = None
    service: ReferralService
    reason: ReferralReason = ReferralReason.ADDITIONAL_SERVICES
    details: str = Field(default="", max_length=2000)
    consent_basis: ConsentBasis
    consent_note: str = Field(default="", max_length=300)


class RespondIn(Schema):
    accept: bool
    note: str = Field(default="", max_length=500)


class RevokeIn(Schema):
    note: str = Field(min_length=1, max_length=500)


class QueueOut(Schema):
    mine: list[ReportOut]
    mine_total: int
    mine_overdue: int
    to_triage: list[ReportOut]
    to_triage_total: int
    to_assign: list[ReportOut]
    to_assign_total: int
    referrals_in: list[ReferralOut]


def report_out(report: PublicReport) -> ReportOut:
    return ReportOut(
        id=report.pk, reference=report.reference, channel=report.channel,
        category=report.category, status=report.status, urgency=report.urgency,
        immediate_danger=report.immediate_danger, description=report.description,
        place_text=report.place_text, region_code=report.region_code,
        incident_date=report.incident_date, destination_country=report.destination_country,
        recruiter_name=report.recruiter_name, recruiter_phone=report.recruiter_phone,
        recruiter_social=report.recruiter_social, people_at_risk=report.people_at_risk,
        missing_person_name=report.missing_person_name, received_at=report.received_at,
        due_at=report.due_at, overdue=report.is_overdue,
        responsible_agency=report.responsible_agency.code if report.responsible_agency
        else None,
        assigned_to=report.assigned_to.get_username() if report.assigned_to else None,
        closing_reason=report.closing_reason, synthetic=report.synthetic)


def referral_out(referral: Referral) -> ReferralOut:
    return ReferralOut(
        id=referral.pk, report_reference=referral.report.reference,
        to_agency=referral.to_agency.code,
        from_agency=referral.from_agency.code if referral.from_agency else None,
        service=referral.service, reason=referral.reason,
        consent_basis=referral.consent_basis, status=referral.status,
        created_at=referral.created_at, responded_at=referral.responded_at,
        response_note=referral.response_note)


def _region(code: str) -> Region | None:
    from django.core.exceptions import ValidationError

    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({"region_code": _("Kode wilayah %(code)s tidak dikenal")
                                              % {"code": code}})
    return region


def _agency(code: str, field: str) -> Agency:
    from django.core.exceptions import ValidationError

    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ValidationError({field: _("Instansi %(code)s tidak dikenal") % {"code": code}})
    return agency


def _report(user: User, report_id: UUID, action: str = VIEW) -> PublicReport:
    return access.get_visible_or_404(
        user, PublicReport.objects.select_related("responsible_agency", "assigned_to"),
        action, pk=report_id)


@router.post("/inbound", auth=None, summary="Inbound SMS/WhatsApp webhook (HMAC-signed)",
             description=(
                 "Headers: `X-Lindung-Timestamp: <unix seconds>` and `X-Lindung-Signature: "
                 "sha256=<hex HMAC-SHA256(LINDUNG_WEBHOOK_SECRET, '<timestamp>.<raw body>')>`. "
                 "Body: {channel: sms|whatsapp, message_id, sender, text, received_at?, "
                 "region_code?, category?, contact_consent?}. The sender's number is stored "
                 "only with contact_consent; otherwise a keyed handle keeps their thread. "
                 "201 with the receipt code for the reply to the sender; 200 for a message "
                 "already received, or one added to the sender's open report (status "
                 "'appended'); 401 bad signature or stale timestamp."))
def inbound(request: HttpRequest) -> HttpResponse:
    try:
        result = services.report_inbound(
            body=request.body, timestamp=request.headers.get(TIMESTAMP_HEADER, ""),
            signature=request.headers.get(SIGNATURE_HEADER, ""))
    except InboundError as exc:
        return JsonResponse({"detail": exc.message}, status=exc.status)
    if result.appended:
        return JsonResponse({
            "status": "appended", "reference": result.report.reference,
            "reply": _("Pesan Anda ditambahkan ke laporan Anda yang masih diproses."),
        }, status=200)
    if not result.created:
        return JsonResponse({"status": "duplicate", "reference": result.report.reference},
                            status=200)
    code = result.receipt_code
    return JsonResponse({
        "status": "created", "reference": result.report.reference, "receipt_code": code,
        "reply": _("Laporan diterima. Kode tanda terima: %(code)s. Simpan kode ini untuk "
                   "melihat perkembangan laporan.") % {"code": code},
    }, status=201)


@router.get("/", response=list[ReportOut], summary="Reports in your scope")
def report_list(request: HttpRequest, status: str = "open", category: str = "",
                overdue: bool = False, limit: Limit = 50, offset: Offset = 0) -> list[ReportOut]:
    user = staff_user(request)
    access.require(user, VIEW, PublicReport)
    status = choice_filter(status, "status", ["open", *ReportStatus.values])
    category = choice_filter(category, "category", ReportCategory.values)
    reports = selectors.report_list(user=user, status=status, category=category,
                                    overdue=overdue)
    limit = max(1, min(limit, 200))
    return [report_out(r) for r in reports[max(offset, 0):max(offset, 0) + limit]]


@router.get("/queue", response=QueueOut, summary="What is due for the calling officer")
def report_queue(request: HttpRequest) -> QueueOut:
    user = staff_user(request)
    access.require(user, VIEW, PublicReport)
    queue = selectors.officer_queue(user=user)
    return QueueOut(mine=[report_out(r) for r in queue.mine], mine_total=queue.mine_total,
                    mine_overdue=queue.mine_overdue,
                    to_triage=[report_out(r) for r in queue.to_triage],
                    to_triage_total=queue.to_triage_total,
                    to_assign=[report_out(r) for r in queue.to_assign],
                    to_assign_total=queue.to_assign_total,
                    referrals_in=[referral_out(r) for r in queue.referrals_in])


@router.post("/", response={201: ReportCreatedOut}, summary="Log a report (hotline, walk-in…)")
def report_log(request: HttpRequest, payload: ReportIn) -> Status[ReportCreatedOut]:
    user = staff_user(request)
    access.require(user, CREATE, PublicReport)
    data: dict[str, Any] = payload.dict()
    region = _region(data.pop("region_code"))
    submitted = services.report_submit(actor=user, region=region, **data)
    return Status(201, ReportCreatedOut(report=report_out(submitted.report),
                                        receipt_code=submitted.receipt_code))


@router.get("/{report_id}", response=ReportOut)
def report_get(request: HttpRequest, report_id: UUID) -> ReportOut:
    user = staff_user(request)
    report = _report(user, report_id)
    services.report_viewed(actor=user, report=report, context="api")
    return report_out(report)


@router.post("/{report_id}/triage", response=ReportOut)
def report_triage(request: HttpRequest, report_id: UUID, payload: TriageIn) -> ReportOut:
    user = staff_user(request)
    report = _report(user, report_id, CHANGE)
    site = Site.objects.filter(pk=payload.site_id).first() if payload.site_id else None
    agency = (_agency(payload.responsible_agency, "responsible_agency")
              if payload.responsible_agency else None)
    report = services.report_triage(actor=user, report=report, category=payload.category,
                                    urgency=payload.urgency, responsible_agency=agency,
                                    site=site, region=_region(payload.region_code))
    return report_out(report)


@router.post("/{report_id}/transitions", response=ReportOut)
def report_transition(request: HttpRequest, report_id: UUID,
                      payload: TransitionIn) -> ReportOut:
    user = staff_user(request)
    report = _report(user, report_id, CHANGE)
    assignee = (User.objects.filter(username=payload.assignee).first()
                if payload.assignee else None)
    report = services.report_transition(actor=user, report=report, action=payload.action,
                                        reason=payload.reason, note=payload.note,
                                        assignee=assignee)
    return report_out(report)


@router.post("/{report_id}/messages", response={201: dict[str, str]})
def report_message(request: HttpRequest, report_id: UUID,
                   payload: MessageIn) -> Status[dict[str, str]]:
    user = staff_user(request)
    report = _report(user, report_id, CHANGE)
    message = services.report_message_add(actor=user, report=report, kind=payload.kind,
                                          body=payload.body)
    return Status(201, {"id": str(message.pk), "kind": message.kind})


@router.get("/{report_id}/referrals", response=list[ReferralOut])
def referral_list(request: HttpRequest, report_id: UUID) -> list[ReferralOut]:
    user = staff_user(request)
    report = _report(user, report_id)
    referrals = selectors.visible_referrals(user).filter(report=report)
    return [referral_out(r) for r in referrals]


@router.post("/{report_id}/referrals", response={201: ReferralOut})
def referral_create(request: HttpRequest, report_id: UUID,
                    payload: ReferralIn) -> Status[ReferralOut]:
    user = staff_user(request)
    report = _report(user, report_id, CHANGE)
    site = Site.objects.filter(pk=payload.to_site_id).first() if payload.to_site_id else None
    referral = services.referral_request(
        actor=user, report=report, to_agency=_agency(payload.to_agency, "to_agency"),
        to_site=site, service=payload.service, reason=payload.reason,
        details=payload.details, consent_basis=payload.consent_basis,
        consent_note=payload.consent_note, case=Case.objects.filter(report=report).first())
    return Status(201, referral_out(referral))


def _referral(user: User, referral_id: UUID) -> Referral:
    return access.get_visible_or_404(
        user, Referral.objects.select_related("report", "to_agency", "from_agency"), CHANGE,
        pk=referral_id)


@router.post("/referrals/{referral_id}/respond", response=ReferralOut)
def referral_respond(request: HttpRequest, referral_id: UUID,
                     payload: RespondIn) -> ReferralOut:
    user = staff_user(request)
    referral = services.referral_respond(actor=user, referral=_referral(user, referral_id),
                                         accept=payload.accept, note=payload.note)
    return referral_out(referral)


@router.post("/referrals/{referral_id}/revoke", response=ReferralOut)
def referral_revoke(request: HttpRequest, referral_id: UUID, payload: RevokeIn) -> ReferralOut:
    user = staff_user(request)
    referral = services.referral_revoke(actor=user, referral=_referral(user, referral_id),
                                        note=payload.note)
    return referral_out(referral)


@router.get("/cases/{case_id}/htcds", summary="A case in HTCDS field names")
def case_htcds(request: HttpRequest, case_id: UUID) -> dict[str, Any]:
    user, case = caller_and_record(
        request, Case.objects.select_related("report", "case_owner"), pk=case_id)
    audit.record_object(actor=user, action=AuditAction.EXPORT, obj=case,
                        region_code=case.region_code, detail={"format": "htcds-json"})
    return htcds.case_document(case)


__all__ = ["ReportStatus", "router"]
