"""Writes to applications: registration at a centre, the desks' decisions on checklist
items, withdrawal, receipt codes, certificates. Atomic, audited, refusing with reasons."""

from __future__ import annotations

import secrets
from datetime import date
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa import checklist
from lindung.ltsa import public_cache
from lindung.ltsa import receipts
from lindung.ltsa.access import require_decide_item
from lindung.ltsa.certificates import new_certificate_code
from lindung.ltsa.certificates import printed_code
from lindung.ltsa.choices import ACTIVE_STATUSES
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import DecisionOutcome
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.choices import JobOrderStatus
from lindung.ltsa.choices import MaritalStatus
from lindung.ltsa.choices import RejectionReason
from lindung.ltsa.eligibility import ADULT_AGE
from lindung.ltsa.eligibility import age_on
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistDecision
from lindung.ltsa.models import ChecklistItem
from lindung.ltsa.models import JobOrder
from lindung.ltsa.selectors.applications import application_eligibility
from lindung.ltsa.selectors.applications import application_file_queryset
from lindung.ltsa.selectors.public import EXPIRED
from lindung.ltsa.selectors.public import LICENSED
from lindung.ltsa.selectors.public import NO_LICENCE
from lindung.ltsa.selectors.public import NOT_YET_VALID
from lindung.ltsa.selectors.public import REVOKED
from lindung.ltsa.selectors.public import SUSPENDED
from lindung.ltsa.selectors.public import agency_state
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person

_NUMBER_ALPHABET = receipts.ALPHABET


def _today() -> date:
    return timezone.localdate()


def _new_number() -> str:
    while True:
        raw = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
        number = f"LT-{raw[:4]}-{raw[4:]}"
        if not Application.objects.filter(number=number).exists():
            return number


def _licence_problem(job: JobOrder, on: date) -> str | None:
    state, licence = agency_state(job.agency, on)
    if state == LICENSED:
        return None
    name = job.agency.name
    number = licence.number if licence else ""
    messages = {
        EXPIRED: (_("SIP3MI %(number)s milik %(name)s sudah habis berlaku (%(valid_until)s)")
                      % {"number": number, "name": name,
                         "valid_until": format(licence.valid_until, "%d-%m-%Y")})
                   if licence else "",
        SUSPENDED: (_("SIP3MI %(number)s milik %(name)s sedang dibekukan")
                        % {"number": number, "name": name}),
        REVOKED: (_("SIP3MI %(number)s milik %(name)s sudah dicabut")
                      % {"number": number, "name": name}),
        NOT_YET_VALID: (_("SIP3MI %(number)s milik %(name)s belum berlaku")
                            % {"number": number, "name": name}),
        NO_LICENCE: _("%(name)s tidak memiliki SIP3MI") % {"name": name},
    }
    return messages[state]


def _job_order_problems(job: JobOrder, on: date) -> list[str]:
    problems: list[str] = []
    if job.status != JobOrderStatus.OPEN:
        problems.append(_("Job order %(permit_number)s berstatus %(value)s")
                            % {"permit_number": job.permit_number,
                               "value": job.get_status_display()})
    if on > job.valid_until:
        problems.append(
            _("Job order %(permit_number)s sudah lewat masa berlakunya (%(valid_until)s)")
                % {"permit_number": job.permit_number,
                   "valid_until": format(job.valid_until, "%d-%m-%Y")})
    elif on < job.valid_from:
        problems.append(
            _("Job order %(permit_number)s baru berlaku %(valid_from)s")
                % {"permit_number": job.permit_number,
                   "valid_from": format(job.valid_from, "%d-%m-%Y")})
    if job.filled >= job.quota:
        problems.append(
            _("Kuota job order %(permit_number)s sudah penuh (%(filled)s/%(quota)s)")
                % {"permit_number": job.permit_number, "filled": job.filled, "quota": job.quota})
    licence = _licence_problem(job, on)
    if licence:
        problems.append(licence)
    return problems


@transaction.atomic
def application_register(*, actor: User | None, centre: Site, person: Person,
                         job_order: JobOrder, planned_departure: date, marital_status: str,
                         synthetic: bool = False,
                         today: date | None = None) -> tuple[Application, str]:
    """Register `person` at `centre` for `job_order`. Returns the application and its
    receipt code (shown once). Refused, with every reason at once, when the person already
    has an active application, is under 18 on the departure date or has no known birth date,
    or when the job order is not open, past or before its dates, full, or its agency is not
    licensed."""
    on = today or _today()
    application = Application(centre=centre, region_code=centre.region_code, person=person,
                              job_order=job_order, planned_departure=planned_departure,
                              marital_status=marital_status, synthetic=synthetic,
                              created_by=actor, updated_by=actor)
    if actor is not None:
        _require_register(actor, application)
    errors = _registration_errors(application, on)
    job = (JobOrder.objects.select_for_update().select_related("agency")
           .get(pk=job_order.pk))
    job_problems = _job_order_problems(job, on)
    if job_problems:
        errors["job_order"] = job_problems
    if errors:
        raise ValidationError(errors)
    code = receipts.receipt_code_new()
    application.number = _new_number()
    application.job_order = job
    application.receipt_lookup = receipts.receipt_lookup(code)
    application.receipt_hash = receipts.receipt_hash(code)
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # a concurrent registration of the same person
        raise ValidationError({"person": _("Orang ini sudah punya permohonan aktif")}) from exc
    _registered(actor=actor, application=application, job=job)
    return application, code


def _require_register(actor: User, application: Application) -> None:
    """The actor may register this person, at this centre."""
    access.require(actor, CREATE, application)
    access.require(actor, VIEW, application.person)
    if actor.site_id and actor.site_id != application.centre.pk:
        raise PermissionDenied(_("Anda bertugas di LTSA lain"))


def _registration_errors(application: Application, on: date) -> dict[str, list[str]]:
    """What refuses the registration, by field, besides the job order."""
    centre = application.centre
    errors: dict[str, list[str]] = {}
    if centre.kind != SiteKind.LTSA_CENTRE:
        errors.setdefault("centre", []).append(
            _("%(centre)s bukan LTSA") % {"centre": centre.shown_name})
    if application.marital_status not in MaritalStatus.values:
        errors.setdefault("marital_status", []).append(
            _("Status perkawinan tidak dikenal"))
    person_problems = _applicant_problems(application.person, application.planned_departure)
    if person_problems:
        errors["person"] = person_problems
    if application.planned_departure < on:
        errors.setdefault("planned_departure", []).append(
            _("Tanggal berangkat sudah lewat"))
    return errors


def _applicant_problems(person: Person, planned_departure: date) -> list[str]:
    """The person already has an active application, or is not known to be of age on the
    departure date."""
    problems: list[str] = []
    existing = (Application.objects.filter(person=person, status__in=ACTIVE_STATUSES)
                .select_related("centre").first())
    if existing is not None:
        problems.append(
            _("Orang ini sudah punya permohonan aktif %(number)s di %(name)s")
                % {"number": existing.number, "name": existing.centre.shown_name})
    if person.birth_date is None:
        problems.append(
            _("Tanggal lahir belum tercatat; lengkapi data orang dulu"))
    elif age_on(person.birth_date, planned_departure) < ADULT_AGE:
        problems.append(
            _("Belum berusia %(adult_age)s tahun pada tanggal berangkat %(planned_departure)s "
              "(usia %(value)s)")
                % {"adult_age": ADULT_AGE,
                   "planned_departure": format(planned_departure, "%d-%m-%Y"),
                   "value": age_on(person.birth_date, planned_departure)})
    return problems


def _registered(*, actor: User | None, application: Application, job: JobOrder) -> None:
    """What a new application brings: its checklist, a place taken on the job order, the
    person registered (a prospective worker until now), the audit rows."""
    person = application.person
    now = timezone.now()
    ChecklistItem.objects.bulk_create([
        ChecklistItem(application=application, code=entry.code, desk=entry.desk,
                      position=index, queued_at=now, created_by=actor, updated_by=actor)
        for index, entry in enumerate(checklist.CHECKLIST)])
    JobOrder.objects.filter(pk=job.pk).update(filled=F("filled") + 1)
    if person.migration_status in (MigrationStatus.NONE, MigrationStatus.PROSPECTIVE):
        Person.objects.filter(pk=person.pk).update(migration_status=MigrationStatus.REGISTERED)
        audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=person,
                            region_code=person.region_code,
                            detail={"fields": ["migration_status"], "by": "ltsa"})
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=application,
                        region_code=application.region_code,
                        detail={"job_order": job.permit_number,
                                "centre": str(application.centre.pk)})
    public_cache.bump()  # places left on the job order changed


def application_viewed(*, actor: User | None, application: Application,
                       context: str = "page") -> None:
    """Reads of a file are audited; `actor` None is the applicant with a receipt code."""
    if actor is not None:
        access.require(actor, VIEW, application)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=application,
                        region_code=application.region_code, detail={"context": context})


def _item_decided(*, actor: User, item: ChecklistItem, outcome: DecisionOutcome, now: datetime,
                  today: date | None, reason: str = "") -> ChecklistItem:
    """What every decision on a checklist item does once the item's fields are set: save it,
    keep the decision (with how long the applicant waited, for the desk figures), audit it in
    the same transaction and let the file become ready, or stop being ready."""
    item.updated_by = actor
    item.save()
    waited = max(int((now - item.queued_at).total_seconds()), 0)
    ChecklistDecision.objects.create(
        item=item, centre_id=item.application.centre_id, region_code=item.application.region_code,
        desk=item.desk, outcome=outcome, reason=reason, waited_seconds=waited,
        created_by=actor, updated_by=actor)
    detail = {"code": item.code, "desk": item.desk, "outcome": outcome.value}
    if reason:
        detail["reason"] = reason
    audit.record_object(
        actor=actor, obj=item, region_code=item.application.region_code, detail=detail,
        action=AuditAction.UPDATE if outcome == DecisionOutcome.REOPENED else AuditAction.DECIDE)
    readiness_refresh(actor=actor, application=item.application, today=today)
    return item


def readiness_refresh(*, actor: User | None, application: Application,
                      today: date | None = None) -> Application:
    """Set READY when the computed eligibility holds (and issue the certificate serial);
    fall back to REGISTERED when it no longer does (old certificates stop verifying)."""
    fresh = application_file_queryset().get(pk=application.pk)
    eligibility = application_eligibility(fresh, on=today or _today())
    now = timezone.now()
    if eligibility.ready and fresh.status == ApplicationStatus.REGISTERED:
        fresh.status = ApplicationStatus.READY
        fresh.ready_at = now
        fresh.ready_seconds = max(int((now - fresh.created_at).total_seconds()), 0)
        fresh.certificate_serial = secrets.token_hex(6)
        fresh.certificate_code = new_certificate_code()
        fresh.certificate_issued_at = now
        fresh.save(update_fields=["status", "ready_at", "ready_seconds", "certificate_serial",
                                  "certificate_code", "certificate_issued_at", "updated_at"])
        audit.record_object(actor=actor, action=AuditAction.DECIDE, obj=fresh,
                            region_code=fresh.region_code,
                            detail={"status": ApplicationStatus.READY})
    elif not eligibility.ready and fresh.status == ApplicationStatus.READY:
        fresh.status = ApplicationStatus.REGISTERED
        fresh.certificate_serial = fresh.certificate_code = ""
        fresh.save(update_fields=["status", "certificate_serial", "certificate_code",
                                  "updated_at"])
        audit.record_object(actor=actor, action=AuditAction.DECIDE, obj=fresh,
                            region_code=fresh.region_code,
                            detail={"status": ApplicationStatus.REGISTERED,
                                    "missing": [r.code for r in eligibility.missing]})
    return fresh


def _lock_item(item: ChecklistItem) -> ChecklistItem:
    locked = (ChecklistItem.objects.select_for_update().select_related("application")
              .get(pk=item.pk))
    if not locked.application.is_active:
        raise ValidationError(_("Permohonan ini sudah dibatalkan"))
    return locked


@transaction.atomic
def checklist_item_verify(*, actor: User, item: ChecklistItem, expires_on: date | None = None,
                          note: str = "", today: date | None = None) -> ChecklistItem:
    """The item's desk verifies it. A dated document needs the date it is valid until, and
    is refused when that falls before the planned departure."""
    require_decide_item(actor, item)
    item = _lock_item(item)
    spec = checklist.entry(item.code)
    if item.status == ItemStatus.VERIFIED:
        raise ValidationError(_("Butir ini sudah diverifikasi"))
    departure = item.application.planned_departure
    if spec.expires:
        if expires_on is None:
            raise ValidationError({"expires_on": (
                _("Isi tanggal berlaku dokumen"))})
        if expires_on < departure:
            raise ValidationError({"expires_on": (
                _("Dokumen berlaku sampai %(expires_on)s, sebelum tanggal berangkat "
                  "%(departure)s")
                    % {"expires_on": format(expires_on, "%d-%m-%Y"),
                       "departure": format(departure, "%d-%m-%Y")})})
    now = timezone.now()
    item.status = ItemStatus.VERIFIED
    item.expires_on = expires_on if spec.expires else None
    item.rejection_reason = ""
    item.note = note.strip()[:300]
    item.decided_by = actor
    item.decided_at = now
    return _item_decided(actor=actor, item=item, outcome=DecisionOutcome.VERIFIED, now=now,
                         today=today)


@transaction.atomic
def checklist_item_reject(*, actor: User, item: ChecklistItem, reason: str,
                          note: str = "", today: date | None = None) -> ChecklistItem:
    require_decide_item(actor, item)
    item = _lock_item(item)
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Pilih alasan penolakan")})
    if reason == RejectionReason.OTHER and not note.strip():
        raise ValidationError({"note": (
            _("Jelaskan alasan 'lainnya'"))})
    now = timezone.now()
    item.status = ItemStatus.REJECTED
    item.rejection_reason = reason
    item.note = note.strip()[:300]
    item.decided_by = actor
    item.decided_at = now
    return _item_decided(actor=actor, item=item, outcome=DecisionOutcome.REJECTED, now=now,
                         today=today, reason=reason)


@transaction.atomic
def checklist_item_reopen(*, actor: User, item: ChecklistItem, confirm_revoke: bool = False,
                          today: date | None = None) -> ChecklistItem:
    """Put a decided item back in the desk's queue (the applicant brings a new document).
    On a file that is ready to depart this revokes its certificate, so the officer must
    confirm that (`confirm_revoke`): one click never revokes a certificate."""
    require_decide_item(actor, item)
    item = _lock_item(item)
    if item.status == ItemStatus.PENDING:
        raise ValidationError(_("Butir ini sudah menunggu verifikasi."))
    if item.application.status == ApplicationStatus.READY and not confirm_revoke:
        raise ValidationError({"confirm_revoke": _(
            "Berkas ini sudah siap berangkat: mengajukan ulang butir ini mencabut sertifikat "
            "%(serial)s. Centang konfirmasi bila itu yang dimaksud.") % {
            "serial": printed_code(item.application.certificate_code)
            or item.application.certificate_serial}})
    now = timezone.now()
    item.status = ItemStatus.PENDING
    item.queued_at = now
    return _item_decided(actor=actor, item=item, outcome=DecisionOutcome.REOPENED, now=now,
                         today=today)


@transaction.atomic
def application_withdraw(*, actor: User | None, application: Application,
                         reason: str) -> Application:
    """Withdraw a file: its place on the job order is released, its certificate stops
    verifying."""
    if actor is not None:
        access.require(actor, CHANGE, application)
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if not locked.is_active:
        raise ValidationError(_("Permohonan ini sudah dibatalkan"))
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan wajib diisi")})
    locked.status = ApplicationStatus.WITHDRAWN
    locked.withdrawn_reason = reason.strip()[:300]
    locked.certificate_serial = locked.certificate_code = ""
    locked.updated_by = actor
    locked.save()
    JobOrder.objects.filter(pk=locked.job_order_id, filled__gt=0).update(
        filled=F("filled") - 1)
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=locked,
                        region_code=locked.region_code,
                        detail={"fields": ["status"], "to": ApplicationStatus.WITHDRAWN})
    public_cache.bump()
    return locked


@transaction.atomic
def application_receipt_reissue(*, actor: User, application: Application) -> str:
    """A new receipt code (the old one stops working), shown once."""
    access.require(actor, CHANGE, application)
    code = receipts.receipt_code_new()
    application.receipt_lookup = receipts.receipt_lookup(code)
    application.receipt_hash = receipts.receipt_hash(code)
    application.updated_by = actor
    application.save(update_fields=["receipt_lookup", "receipt_hash", "updated_by",
                                    "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=application,
                        region_code=application.region_code,
                        detail={"fields": ["receipt_code"]})
    return code


def application_item_counts(application: Application) -> dict[str, Any]:
    items = list(application.items.all())
    return {"total": len(items),
            "verified": sum(1 for i in items if i.status == ItemStatus.VERIFIED),
            "rejected": sum(1 for i in items if i.status == ItemStatus.REJECTED)}
