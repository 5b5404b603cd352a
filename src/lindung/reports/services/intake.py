"""Reports coming in: the public form, officers logging a call or a visit, the SMS/WhatsApp
webhook, and reporters adding information with their receipt code."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common import sealed
from lindung.common.coarse_time import coarse
from lindung.common.countries import is_country
from lindung.common.uploads import CheckedFile
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CREATE
from lindung.regions.models import Region
from lindung.reports import receipts
from lindung.reports.choices import OPEN_STATUSES
from lindung.reports.choices import TRIAGE_DEADLINE
from lindung.reports.choices import MessageKind
from lindung.reports.choices import ReportCategory
from lindung.reports.choices import ReportChannel
from lindung.reports.choices import Urgency
from lindung.reports.models import PublicReport
from lindung.reports.models import ReportAttachment
from lindung.reports.models import ReportMessage
from lindung.reports.tallies import contribution
from lindung.reports.tallies import tally_apply

REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
# A receipt keeps working this long after its report is closed.
RECEIPT_VALID_AFTER_CLOSING = timedelta(days=180)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReceiptError(Exception):
    """A receipt code that does not open a report: `kind` is format, unknown or expired."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def clean_text(value: str | None, max_length: int) -> str:
    """Trimmed text without control characters (NUL breaks PostgreSQL); newlines kept."""
    return _CONTROL.sub("", value or "").strip()[:max_length]


def clean_phone(value: str) -> str:
    value = value.strip()
    digits = "".join(ch for ch in value if ch.isdigit())
    return ("+" + digits if value.startswith("+") else digits)[:32]


def month_of(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def new_reference(prefix: str, model: Any) -> str:
    while True:
        reference = prefix + "-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if not model.objects.filter(reference=reference).exists():
            return reference


def _save_attachments(*, report: PublicReport, files: list[CheckedFile], actor: User | None,
                      from_reporter: bool, stored: list[str]) -> None:
    for checked in files:
        attachment = ReportAttachment(report=report, content_type=checked.content_type,
                                      extension=checked.extension, size=checked.size,
                                      sha256=checked.sha256, from_reporter=from_reporter,
                                      created_by=actor, updated_by=actor)
        if actor is None:
            attachment.created_at = coarse()
        sealed.store(attachment.file, checked.content)  # encrypted at rest, a random name
        stored.append(attachment.file.name)
        attachment.full_clean()
        attachment.save()
        if actor is None:
            _coarsen_updated_at(ReportAttachment, attachment.pk)


def _coarsen_updated_at(model: Any, pk: Any) -> None:
    """`updated_at` is set to the second on every save (auto_now); an anonymous action's row
    keeps only the hour (coarse_time): an update() does not touch auto_now fields."""
    model.objects.filter(pk=pk).update(updated_at=coarse())


def _discard(stored: list[str]) -> None:
    """Remove files saved before a failed transaction: nothing is left half-stored."""
    from django.core.files.storage import default_storage

    for name in stored:
        default_storage.delete(name)


@dataclass(frozen=True)
class Submitted:
    report: PublicReport
    receipt_code: str


def report_submit(*, actor: User | None, channel: str, category: str, description: str,
                  place_text: str = "", region: Region | None = None,
                  incident_date: date | None = None, destination_country: str = "",
                  recruiter_name: str = "", recruiter_phone: str = "",
                  recruiter_social: str = "", people_at_risk: str = "",
                  people_at_risk_count: int | None = None, missing_person_name: str = "",
                  immediate_danger: bool = False, contact: str = "",
                  contact_consent: bool = False, files: list[CheckedFile] | None = None,
                  external_id: str = "", received_at: datetime | None = None,
                  synthetic: bool = False, sender_handle: str = "") -> Submitted:
    """Store a new report and return it with its receipt code (shown once, never stored).

    `actor` is None for the public form and the webhook. Nothing about the request (address,
    browser, cookies) is passed in, so nothing of it can be stored."""
    stored: list[str] = []
    try:
        return _report_submit(
            actor=actor, channel=channel, category=category, description=description,
            place_text=place_text, region=region, incident_date=incident_date,
            destination_country=destination_country, recruiter_name=recruiter_name,
            recruiter_phone=recruiter_phone, recruiter_social=recruiter_social,
            people_at_risk=people_at_risk, people_at_risk_count=people_at_risk_count,
            missing_person_name=missing_person_name, immediate_danger=immediate_danger,
            contact=contact, contact_consent=contact_consent, files=files or [],
            external_id=external_id, received_at=received_at, synthetic=synthetic,
            sender_handle=sender_handle, stored=stored)
    except BaseException:
        _discard(stored)
        raise


@transaction.atomic
def _report_submit(*, actor: User | None, files: list[CheckedFile], stored: list[str],
                   region: Region | None, received_at: datetime | None,
                   immediate_danger: bool, channel: str, category: str,
                   destination_country: str, external_id: str, synthetic: bool,
                   sender_handle: str, **text: Any) -> Submitted:
    _check_codes(channel=channel, category=category, destination_country=destination_country)
    # What an anonymous sender does is timed to the hour only (coarse_time): nothing joins
    # the report to a log line of the request or of the SMS provider.
    received = received_at or timezone.now()
    if actor is None:
        received = coarse(received)
    urgency = Urgency.CRITICAL if immediate_danger else Urgency.NORMAL
    code = receipts.receipt_generate()
    report = PublicReport(
        reference=new_reference("LP", PublicReport), channel=channel, category=category,
        urgency=urgency, immediate_danger=immediate_danger,
        description=clean_text(text["description"], 5000),
        place_text=clean_text(text["place_text"], 300),
        region=region, region_code=region.code if region else "",
        incident_date=text["incident_date"], destination_country=destination_country,
        recruiter_name=clean_text(text["recruiter_name"], 200),
        recruiter_phone=clean_phone(text["recruiter_phone"]),
        recruiter_social=clean_text(text["recruiter_social"], 100),
        people_at_risk=clean_text(text["people_at_risk"], 1000),
        people_at_risk_count=text["people_at_risk_count"],
        missing_person_name=clean_text(text["missing_person_name"], 200),
        contact=clean_text(text["contact"], 500), contact_consent=bool(text["contact_consent"]),
        receipt_lookup=receipts.receipt_lookup_digest(code),
        receipt_hash=receipts.receipt_hash(code),
        received_at=received, received_month=month_of(received), created_at=received,
        due_at=received + TRIAGE_DEADLINE[urgency], external_id=external_id,
        sender_handle=sender_handle, synthetic=synthetic, created_by=actor, updated_by=actor)
    _check_report(report, actor=actor)
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:
        raise ValidationError({"external_id": _("Pesan ini sudah diterima")}) from exc
    if actor is None:
        _coarsen_updated_at(PublicReport, report.pk)
    _save_attachments(report=report, files=files, actor=actor, from_reporter=actor is None,
                      stored=stored)
    tally_apply({}, contribution(report))
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=report,
                        region_code=report.region_code,
                        detail={"channel": channel, "category": category,
                                "attachments": len(files), "contact": bool(report.contact)})
    return Submitted(report=report, receipt_code=code)


def _check_codes(*, channel: str, category: str, destination_country: str) -> None:
    if channel not in ReportChannel.values:
        raise ValidationError({"channel": _("Saluran tidak dikenal")})
    if category not in ReportCategory.values:
        raise ValidationError({"category": _("Kategori tidak dikenal")})
    if destination_country and not is_country(destination_country):
        raise ValidationError({"destination_country": _("Kode negara tidak dikenal")})


def _check_report(report: PublicReport, *, actor: User | None) -> None:
    """A description, no future date, and for staff a region they may work in."""
    if not report.description:
        raise ValidationError({"description": _("Ceritakan apa yang terjadi")})
    if report.incident_date and report.incident_date > timezone.localdate():
        raise ValidationError({"incident_date": _("Tanggal tidak boleh di masa depan")})
    if actor is None:
        return
    if not access.can(actor, CREATE, PublicReport):
        raise access_denied()
    if not access.can(actor, CREATE, report):
        raise ValidationError({"region": (
            _("Wilayah di luar lingkup kerja Anda")
            if report.region_id else _("Pilih wilayah dalam lingkup kerja Anda"))})


def access_denied() -> Exception:
    from django.core.exceptions import PermissionDenied

    return PermissionDenied(_("Akses ditolak"))


def report_by_receipt(*, code: str) -> PublicReport:
    """The report a receipt code opens, or ReceiptError (format, unknown, expired). The
    Argon2 verification runs even for unknown codes, so timing does not tell them apart."""
    try:
        digests = receipts.receipt_lookup_digests(code)
    except receipts.ReceiptFormatError as exc:
        raise ReceiptError("format") from exc
    report = PublicReport.objects.filter(receipt_lookup__in=digests).first()
    stored_hash = report.receipt_hash if report else _DUMMY_HASH.value()
    if not receipts.receipt_verify(code, stored_hash) or report is None:
        raise ReceiptError("unknown")
    if report.receipt_expires_at and report.receipt_expires_at < timezone.now():
        raise ReceiptError("expired")
    return report


class _DummyHash:
    """A hash to verify against when no report matches (constant-ish timing)."""

    _value = ""

    def value(self) -> str:
        if not self._value:
            self._value = receipts.receipt_hash(receipts.receipt_generate())
        return self._value


_DUMMY_HASH = _DummyHash()


def report_viewed_by_reporter(*, report: PublicReport) -> None:
    audit.record_object(actor=None, action=AuditAction.VIEW, obj=report,
                        region_code=report.region_code, detail={"context": "receipt"})


def reporter_update_add(*, report: PublicReport, body: str,
                        files: list[CheckedFile] | None = None) -> ReportMessage:
    """Information the reporter adds with their receipt code (text and/or files)."""
    stored: list[str] = []
    try:
        return _reporter_update_add(report=report, body=body, files=files or [],
                                    stored=stored)
    except BaseException:
        _discard(stored)
        raise


@transaction.atomic
def _reporter_update_add(*, report: PublicReport, body: str, files: list[CheckedFile],
                         stored: list[str]) -> ReportMessage:
    report = PublicReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in OPEN_STATUSES:
        raise ValidationError({"body": _("Laporan ini sudah ditutup; silakan buat laporan baru")})
    text = clean_text(body, 4000)
    if not text and not files:
        raise ValidationError({"body": _("Tulis tambahan informasi atau lampirkan berkas")})
    message = ReportMessage(report=report, kind=MessageKind.REPORTER_UPDATE,
                            body=text or "(lampiran)", created_at=coarse())
    message.full_clean()
    message.save()
    _coarsen_updated_at(ReportMessage, message.pk)
    _save_attachments(report=report, files=files, actor=None, from_reporter=True,
                      stored=stored)
    # The report's last change: the hour only, as for everything the reporter does.
    _coarsen_updated_at(PublicReport, report.pk)
    audit.record_object(actor=None, action=AuditAction.UPDATE, obj=report,
                        region_code=report.region_code,
                        detail={"context": "receipt", "fields": ["messages"],
                                "attachments": len(files)})
    return message
