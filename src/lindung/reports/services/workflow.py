"""Following up a report: triage, the state machine, messages, linked people, watchlist."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import VIEW
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.people.choices import WatchlistKind
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry
from lindung.people.services import watchlist_entry_add
from lindung.people.services import watchlist_entry_retire
from lindung.regions.models import Region
from lindung.reports.access import VIEW_CONTACT
from lindung.reports.choices import CLOSE_REASONS
from lindung.reports.choices import FOLLOW_UP_DEADLINE
from lindung.reports.choices import OPEN_STATUSES
from lindung.reports.choices import REJECT_REASONS
from lindung.reports.choices import TRANSITIONS
from lindung.reports.choices import TRIAGE_DEADLINE
from lindung.reports.choices import MessageKind
from lindung.reports.choices import ReferralStatus
from lindung.reports.choices import ReportAction
from lindung.reports.choices import ReportCategory
from lindung.reports.choices import ReportPersonRole
from lindung.reports.choices import ReportStatus
from lindung.reports.choices import Urgency
from lindung.reports.models import PublicReport
from lindung.reports.models import ReportMessage
from lindung.reports.models import ReportPerson
from lindung.reports.models import ReportTransition
from lindung.reports.services.intake import RECEIPT_VALID_AFTER_CLOSING
from lindung.reports.services.intake import clean_text
from lindung.reports.tallies import contribution
from lindung.reports.tallies import tally_apply

REPORT_ENTITY = "reports.publicreport"


def _locked(report: PublicReport) -> PublicReport:
    return PublicReport.objects.select_for_update().get(pk=report.pk)


def report_viewed(*, actor: User, report: PublicReport, context: str = "page") -> None:
    """Every read of a report by staff goes into the audit log."""
    access.require(actor, VIEW, report)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=report,
                        region_code=report.region_code, detail={"context": context})


def report_contact_viewed(*, actor: User, report: PublicReport) -> str:
    """The reporter's volunteered contact details, for roles that may see them (logged)."""
    access.require(actor, VIEW_CONTACT, report)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=report,
                        region_code=report.region_code, detail={"fields": ["contact"]})
    return str(report.contact)


def _check_agency_site(agency: Agency | None, site: Site | None) -> None:
    if site is not None and agency is not None and site.agency_id not in (None, agency.pk):
        raise ValidationError({"site": _("Lokasi ini milik instansi lain")})


@transaction.atomic
def report_triage(*, actor: User, report: PublicReport, category: str, urgency: str,
                  responsible_agency: Agency | None, site: Site | None = None,
                  region: Region | None = None) -> PublicReport:
    """Set category, urgency, responsible agency, site and region; the deadline follows."""
    access.require(actor, CHANGE, report)
    report = _locked(report)
    if report.status not in OPEN_STATUSES:
        raise ValidationError(_("Laporan yang sudah ditutup tidak dapat ditriase"))
    if category not in ReportCategory.values:
        raise ValidationError({"category": _("Kategori tidak dikenal")})
    if urgency not in Urgency.values:
        raise ValidationError({"urgency": _("Urgensi tidak dikenal")})
    _check_agency_site(responsible_agency, site)
    before_tally = contribution(report)
    fields = ("category", "urgency", "responsible_agency_id", "site_id", "region_code",
              "due_at")
    before = {name: getattr(report, name) for name in fields}
    report.category, report.urgency = category, urgency
    report.responsible_agency, report.site = responsible_agency, site
    if region is not None:
        report.region, report.region_code = region, region.code
    now = timezone.now()
    report.triaged_at = now
    report.due_at = _deadline(report, now)
    if not access.can(actor, CHANGE, report):
        raise ValidationError({"region": _("Wilayah di luar lingkup kerja Anda")})
    report.updated_by = actor
    report.full_clean(validate_constraints=False)
    report.save()
    tally_apply(before_tally, contribution(report))
    after = {name: getattr(report, name) for name in fields}
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=report,
                        region_code=report.region_code,
                        detail={"context": "triage", "fields": audit.changed_fields(before, after)})
    return report


def _check_no_pending_referral(report: PublicReport) -> None:
    """A report is not resolved or closed while another agency has not yet answered a
    referral: the reporter would be told it is done while help is still being asked for."""
    pending = [referral.to_agency.shown_name for referral in
               report.referrals.filter(status=ReferralStatus.REQUESTED).select_related(
                   "to_agency")]
    if pending:
        raise ValidationError({"action": _(
            "Rujukan ke %(agencies)s masih berstatus “Diminta”: tunggu jawabannya "
            "atau batalkan rujukan itu sebelum laporan diselesaikan atau ditutup.")
            % {"agencies": ", ".join(pending)}})


def _deadline(report: PublicReport, now: Any) -> Any:
    urgency = Urgency(report.urgency)
    if report.status == ReportStatus.RECEIVED:
        return report.received_at + TRIAGE_DEADLINE[urgency]
    return now + FOLLOW_UP_DEADLINE[urgency]


def _transition_checked(report: PublicReport, action: str, reason: str, note: str,
                        assignee: User | None) -> tuple[str, str]:
    """The target status and the reason kept, or the error saying why `action` cannot be
    taken on `report` as it stands."""
    if action not in TRANSITIONS:
        raise ValidationError({"action": _("Tindakan tidak dikenal")})
    sources, target = TRANSITIONS[action]
    if report.status not in sources:
        raise ValidationError(
            _("Tindakan “%(action)s” tidak dapat dilakukan pada laporan berstatus "
              "“%(status)s”.") % {"action": ReportAction(action).label,
                                        "status": ReportStatus(report.status).label})
    if action in (ReportAction.RESOLVE, ReportAction.CLOSE):
        _check_no_pending_referral(report)
    if action == ReportAction.REJECT and reason not in REJECT_REASONS:
        raise ValidationError({"reason": _("Pilih alasan penolakan")})
    if action == ReportAction.CLOSE and reason not in CLOSE_REASONS:
        raise ValidationError({"reason": _("Pilih alasan penutupan")})
    if action == ReportAction.REOPEN and not note:
        raise ValidationError({"note": _("Tulis mengapa laporan dibuka kembali")})
    if action == ReportAction.ASSIGN:
        _check_assignee(report, assignee)
    return target, reason if action in (ReportAction.REJECT, ReportAction.CLOSE) else ""


def _status_apply(report: PublicReport, *, action: str, target: str, reason: str, note: str,
                  assignee: User | None, now: Any) -> None:
    """Set the report's status and what goes with it: assignee, deadline, closing fields."""
    report.status = target
    report.is_open = target in OPEN_STATUSES
    if action == ReportAction.ASSIGN and assignee is not None:
        report.assigned_to = assignee
        if report.responsible_agency_id is None:
            report.responsible_agency = assignee.agency
    if action in (ReportAction.VERIFY, ReportAction.REOPEN):
        report.due_at = now + FOLLOW_UP_DEADLINE[Urgency(report.urgency)]
    if not report.is_open:
        report.closed_at = now
        report.resolution_days = max((now - report.received_at).days, 0)
        report.due_at = None
        report.closing_reason = reason
        report.closing_note = note
        report.receipt_expires_at = now + RECEIPT_VALID_AFTER_CLOSING
    elif action == ReportAction.REOPEN:
        report.closed_at = None
        report.resolution_days = None
        report.closing_reason = ""
        report.closing_note = ""
        report.receipt_expires_at = None


@transaction.atomic
def report_transition(*, actor: User, report: PublicReport, action: str, reason: str = "",
                      note: str = "", assignee: User | None = None) -> PublicReport:
    """Move a report along received -> verified -> assigned -> in follow-up -> resolved,
    closed or rejected (closing and rejecting need a reason); record who and when."""
    access.require(actor, CHANGE, report)
    report = _locked(report)
    note = clean_text(note, 2000)
    target, reason = _transition_checked(report, action, reason, note, assignee)
    before_tally = contribution(report)
    from_status = report.status
    _status_apply(report, action=action, target=target, reason=reason, note=note,
                  assignee=assignee, now=timezone.now())
    report.updated_by = actor
    report.full_clean(validate_constraints=False)
    report.save()
    tally_apply(before_tally, contribution(report))
    ReportTransition.objects.create(report=report, action=action, from_status=from_status,
                                    to_status=target, reason=reason, note=note,
                                    assigned_to=assignee if action == ReportAction.ASSIGN
                                    else None, created_by=actor, updated_by=actor)
    audit.record_object(actor=actor, action=AuditAction.DECIDE, obj=report,
                        region_code=report.region_code,
                        detail={"transition": action, "from": from_status, "to": target,
                                "reason": reason})
    if action == ReportAction.VERIFY:
        _watchlist_from_report(actor=actor, report=report)
    elif action == ReportAction.REJECT:
        _watchlist_retire(actor=actor, report=report)
    return report


def _check_assignee(report: PublicReport, assignee: User | None) -> None:
    if assignee is None:
        raise ValidationError({"assignee": _("Pilih petugas")})
    if not assignee.is_active or not access.can(assignee, CHANGE, report):
        raise ValidationError({"assignee": _("Petugas ini tidak berwenang atas laporan ini")})


def _watchlist_from_report(*, actor: User, report: PublicReport) -> None:
    """A verified report puts the recruiter it names, and a reported missing person, on the
    early-warning watchlist (an unverified public report never does)."""
    if report.recruiter_name:
        watchlist_entry_add(actor=actor, kind=WatchlistKind.RECRUITER,
                            name=report.recruiter_name, source_entity=REPORT_ENTITY,
                            source_id=str(report.pk), region_code=report.region_code,
                            phone=report.recruiter_phone,
                            social_handle=report.recruiter_social,
                            reason=f"Laporan {report.reference}")
    if report.missing_person_name:
        watchlist_entry_add(actor=actor, kind=WatchlistKind.MISSING_PERSON,
                            name=report.missing_person_name, source_entity=REPORT_ENTITY,
                            source_id=str(report.pk), region_code=report.region_code,
                            reason=f"Laporan {report.reference}")


def _watchlist_retire(*, actor: User, report: PublicReport) -> None:
    for entry in WatchlistEntry.objects.filter(source_entity=REPORT_ENTITY,
                                               source_id=str(report.pk),
                                               retired_at__isnull=True):
        watchlist_entry_retire(actor=actor, entry=entry,
                               reason=f"Laporan {report.reference} ditolak")


@transaction.atomic
def report_message_add(*, actor: User, report: PublicReport, kind: str,
                       body: str) -> ReportMessage:
    """An officer's public reply (the reporter sees it) or internal note."""
    access.require(actor, CHANGE, report)
    if kind not in (MessageKind.PUBLIC_REPLY, MessageKind.INTERNAL_NOTE):
        raise ValidationError({"kind": _("Jenis pesan tidak dikenal")})
    text = clean_text(body, 4000)
    if not text:
        raise ValidationError({"body": _("Pesan kosong")})
    message = ReportMessage(report=report, kind=kind, body=text, created_by=actor,
                            updated_by=actor)
    audit.save_recorded(message, of=report, actor=actor, action=AuditAction.UPDATE,
                        detail={"fields": ["messages"], "kind": kind})
    return message


_PERSON_WATCHLIST = {ReportPersonRole.MISSING: WatchlistKind.MISSING_PERSON,
                     ReportPersonRole.RECRUITER: WatchlistKind.RECRUITER}


@transaction.atomic
def report_person_link(*, actor: User, report: PublicReport, person: Person,
                       role: str) -> ReportPerson:
    """Link a registry person to a report (at risk, missing, or the recruiter)."""
    access.require(actor, CHANGE, report)
    access.require(actor, VIEW, person)
    if role not in ReportPersonRole.values:
        raise ValidationError({"role": _("Peran tidak dikenal")})
    if ReportPerson.objects.filter(report=report, person=person, role=role).exists():
        raise ValidationError({"person": _("Orang ini sudah ditautkan dengan peran itu")})
    link = ReportPerson(report=report, person=person, role=role, created_by=actor,
                        updated_by=actor)
    audit.save_recorded(link, of=report, actor=actor, action=AuditAction.UPDATE,
                        detail={"fields": ["people"], "role": role})
    kind = _PERSON_WATCHLIST.get(ReportPersonRole(role))
    if kind is not None and report.status != ReportStatus.RECEIVED:
        watchlist_entry_add(actor=actor, kind=kind, name=person.name, person=person,
                            source_entity=REPORT_ENTITY, source_id=str(report.pk),
                            region_code=person.region_code or report.region_code,
                            birth_date=person.birth_date, reason=f"Laporan {report.reference}")
    return link
