"""Writes to the reference data: placement agencies, licences, offices, job orders, fee
schedules. Each is atomic, writes its audit row, keeps the checker's look-up keys current and
invalidates the cached public pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.ltsa import public_cache
from lindung.ltsa import search
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import JobOrderStatus
from lindung.ltsa.choices import LicenceStatus
from lindung.ltsa.choices import OfficeKind
from lindung.ltsa.choices import Payer
from lindung.ltsa.models import AgencyLicence
from lindung.ltsa.models import AgencyOffice
from lindung.ltsa.models import CheckKey
from lindung.ltsa.models import FeeComponent
from lindung.ltsa.models import FeeSchedule
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import JobOrderRegion
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import PlacementAgency
from lindung.ltsa.models import ZeroCostRule
from lindung.regions.models import Region


def _require(actor: User | None, action: str, target: Any) -> None:
    if actor is not None:
        access.require(actor, action, target)


def _after_commit_bump(*, fees: bool = False) -> None:
    """Invalidate the cached public pages now and again after the commit (see
    :func:`public_cache.bump`); `fees`: the fee pages too."""
    public_cache.bump(fees=fees)


def agency_keys_rebuild(agency: PlacementAgency) -> None:
    numbers = list(agency.licences.values_list("number", flat=True))
    CheckKey.objects.filter(agency=agency).delete()
    CheckKey.objects.bulk_create(
        [CheckKey(key=key[:90], agency=agency)
         for key in sorted(search.agency_keys(agency.name, numbers))])


def job_order_keys_rebuild(job_order: JobOrder) -> None:
    CheckKey.objects.filter(job_order=job_order).delete()
    CheckKey.objects.bulk_create(
        [CheckKey(key=key[:90], job_order=job_order)
         for key in sorted(search.job_order_keys(job_order.permit_number,
                                                 job_order.employer_name))])


@transaction.atomic
def placement_agency_create(*, actor: User | None, name: str,
                            head_office_region: Region | None = None, address: str = "",
                            phone: str = "", email: str = "",
                            synthetic: bool = False) -> PlacementAgency:
    agency = PlacementAgency(
        name=name.strip(), search_name=search.normalise_name(name),
        head_office_region=head_office_region,
        region_code=head_office_region.code if head_office_region else "",
        address=address, phone=phone, email=email, synthetic=synthetic,
        created_by=actor, updated_by=actor)
    _require(actor, CREATE, agency)
    if not agency.search_name:
        raise ValidationError({"name": _("Nama perusahaan wajib diisi")})
    if PlacementAgency.objects.filter(search_name=agency.search_name).exists():
        raise ValidationError({"name": _("P3MI dengan nama '%(name)s' sudah terdaftar")
                                       % {"name": agency.name}})
    audit.save_recorded(agency, actor=actor, action=AuditAction.CREATE,
                        detail={"synthetic": synthetic})
    if head_office_region is not None:
        office_add(actor=actor, agency=agency, kind=OfficeKind.HEAD_OFFICE,
                   region=head_office_region, address=address, phone=phone, email=email)
    agency_keys_rebuild(agency)
    _after_commit_bump()
    return agency


@transaction.atomic
def office_add(*, actor: User | None, agency: PlacementAgency, kind: str, region: Region,
               address: str = "", contact_name: str = "", phone: str = "",
               email: str = "") -> AgencyOffice:
    office = AgencyOffice(agency=agency, kind=kind, region=region, region_code=region.code,
                          address=address, contact_name=contact_name, phone=phone,
                          email=email, created_by=actor, updated_by=actor)
    _require(actor, CHANGE, agency)
    if kind == OfficeKind.HEAD_OFFICE and agency.offices.filter(
            kind=OfficeKind.HEAD_OFFICE).exists():
        raise ValidationError({"kind": _("P3MI ini sudah punya kantor pusat")})
    audit.save_recorded(office, actor=actor, action=AuditAction.CREATE, detail={"kind": kind})
    _after_commit_bump()
    return office


@transaction.atomic
def licence_add(*, actor: User | None, agency: PlacementAgency, number: str, issued_on: date,
                valid_until: date, status: str = LicenceStatus.ACTIVE) -> AgencyLicence:
    licence = AgencyLicence(agency=agency, number=number.strip(),
                            search_number=search.normalise_number(number), status=status,
                            issued_on=issued_on, valid_until=valid_until,
                            created_by=actor, updated_by=actor)
    _require(actor, CHANGE, agency)
    if valid_until < issued_on:
        raise ValidationError({"valid_until": _("Tanggal berlaku sampai sebelum tanggal terbit")})
    if AgencyLicence.objects.filter(search_number=licence.search_number).exists():
        raise ValidationError({"number": _("Nomor SIP3MI %(number)s sudah terdaftar")
                                         % {"number": licence.number}})
    audit.save_recorded(licence, actor=actor, action=AuditAction.CREATE,
                        region_code=agency.region_code, detail={"status": status})
    agency_keys_rebuild(agency)
    _after_commit_bump()
    return licence


@transaction.atomic
def licence_status_change(*, actor: User | None, licence: AgencyLicence, status: str,
                          reason: str, on: date) -> AgencyLicence:
    _require(actor, CHANGE, licence)
    if status not in LicenceStatus.values:
        raise ValidationError({"status": _("Status tidak dikenal")})
    if not reason.strip():
        raise ValidationError({"reason": _("Alasan wajib diisi")})
    before = licence.status
    licence.status = status
    licence.status_changed_on = on
    licence.status_reason = reason.strip()[:300]
    licence.updated_by = actor
    audit.save_recorded(licence, actor=actor, action=AuditAction.UPDATE,
                        region_code=licence.agency.region_code,
                        detail={"fields": ["status"], "from": before, "to": status})
    _after_commit_bump()
    return licence


@transaction.atomic
def job_order_create(*, actor: User | None, permit_number: str, agency: PlacementAgency,
                     employer_name: str, destination_country: str, occupation: Occupation,
                     quota: int, salary_amount: Decimal, salary_currency: str,
                     contract_months: int, valid_from: date, valid_until: date,
                     recruitment_regions: list[Region] | None = None, filled: int = 0,
                     synthetic: bool = False) -> JobOrder:
    job = JobOrder(permit_number=permit_number.strip(),
                   search_number=search.normalise_number(permit_number), agency=agency,
                   employer_name=employer_name.strip(), destination_country=destination_country,
                   occupation=occupation, quota=quota, filled=filled,
                   salary_amount=salary_amount, salary_currency=salary_currency,
                   contract_months=contract_months, valid_from=valid_from,
                   valid_until=valid_until, region_code=agency.region_code,
                   synthetic=synthetic, created_by=actor, updated_by=actor)
    _require(actor, CREATE, job)
    errors: dict[str, str] = {}
    if valid_until < valid_from:
        errors["valid_until"] = _("Tanggal berakhir sebelum tanggal mulai")
    if quota < 1:
        errors["quota"] = _("Kuota minimal 1")
    if filled > quota:
        errors["filled"] = _("Terisi melebihi kuota")
    if JobOrder.objects.filter(search_number=job.search_number).exists():
        errors["permit_number"] = (_("Nomor SIP2MI %(number)s sudah terdaftar")
                                   % {"number": job.permit_number})
    if errors:
        raise ValidationError(errors)
    audit.save_recorded(job, actor=actor, action=AuditAction.CREATE,
                        detail={"country": destination_country, "occupation": occupation.code})
    for region in recruitment_regions or []:
        JobOrderRegion.objects.create(job_order=job, region=region, region_code=region.code,
                                      created_by=actor, updated_by=actor)
    job_order_keys_rebuild(job)
    _after_commit_bump()
    return job


@transaction.atomic
def job_order_close(*, actor: User | None, job_order: JobOrder,
                    status: str = JobOrderStatus.CLOSED) -> JobOrder:
    _require(actor, CHANGE, job_order)
    job_order.status = status
    job_order.updated_by = actor
    job_order.save(update_fields=["status", "updated_by", "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=job_order,
                        region_code=job_order.region_code,
                        detail={"fields": ["status"], "to": status})
    _after_commit_bump()
    return job_order


@dataclass(frozen=True)
class ComponentInput:
    component: str
    payer: str
    amount: Decimal
    currency: str
    note: str = ""


def _check_components(*, components: list[ComponentInput], currency: str,
                      zero_cost: ZeroCostRule | None) -> None:
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    for row in components:
        label = CostComponent(row.component).label if row.component in CostComponent.values \
            else row.component
        if row.component not in CostComponent.values:
            errors.append(_("Komponen %(component)s tidak dikenal")
                          % {"component": row.component})
            continue
        if row.payer not in Payer.values:
            errors.append(_("Pembayar %(payer)s tidak dikenal") % {"payer": row.payer})
        if row.currency != currency:
            errors.append(
                _("%(component)s: mata uang %(currency)s berbeda dengan mata uang jadwal "
                  "%(schedule)s") % {"component": label, "currency": row.currency,
                                     "schedule": currency})
        if row.amount < 0:
            errors.append(_("%(component)s: jumlah negatif") % {"component": label})
        if (row.component, row.payer) in seen:
            errors.append(_("%(component)s: tercantum dua kali") % {"component": label})
        seen.add((row.component, row.payer))
        if (zero_cost is not None and row.payer == Payer.WORKER and row.amount > 0
                and row.component in zero_cost.components):
            errors.append(
                _("%(component)s: tidak boleh dibebankan kepada pekerja (%(basis)s)")
                % {"component": label, "basis": zero_cost.legal_basis})
    if errors:
        raise ValidationError({"components": errors})


@transaction.atomic
def fee_schedule_create(*, actor: User | None, destination_country: str,
                        occupation: Occupation | None, currency: str, effective_from: date,
                        effective_to: date | None, legal_basis: str,
                        components: list[ComponentInput], note: str = "",
                        synthetic: bool = False) -> FeeSchedule:
    """A new official schedule. Refused when it overlaps another schedule of the same
    destination and occupation, when a component is in another currency than the schedule,
    or when it charges a worker of a zero-cost occupation for an exempted component."""
    schedule = FeeSchedule(destination_country=destination_country, occupation=occupation,
                           currency=currency, effective_from=effective_from,
                           effective_to=effective_to, legal_basis=legal_basis.strip(),
                           note=note, synthetic=synthetic, created_by=actor, updated_by=actor)
    _require(actor, CREATE, schedule)
    if effective_to is not None and effective_to < effective_from:
        raise ValidationError({"effective_to": _("Tanggal berakhir sebelum tanggal mulai")})
    overlapping = FeeSchedule.objects.filter(
        destination_country=destination_country, occupation=occupation).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=effective_from))
    if effective_to is not None:
        overlapping = overlapping.filter(effective_from__lte=effective_to)
    if overlapping.exists():
        raise ValidationError({"effective_from": (
            _("Sudah ada jadwal biaya untuk negara dan jabatan ini pada periode itu; akhiri "
              "jadwal lama dulu"))})
    zero_cost = None
    if occupation is not None:
        zero_cost = (ZeroCostRule.objects.filter(occupation=occupation,
                                                 effective_from__lte=effective_from)
                     .filter(Q(effective_to__isnull=True)
                             | Q(effective_to__gte=effective_from)).first())
    _check_components(components=components, currency=currency, zero_cost=zero_cost)
    audit.save_recorded(schedule, actor=actor, action=AuditAction.CREATE,
                        detail={"country": destination_country,
                                "occupation": occupation.code if occupation else "",
                                "components": len(components), "synthetic": synthetic})
    FeeComponent.objects.bulk_create([
        FeeComponent(schedule=schedule, component=row.component, payer=row.payer,
                     amount=row.amount, currency=row.currency, note=row.note,
                     created_by=actor, updated_by=actor) for row in components])
    _after_commit_bump(fees=True)
    return schedule


@transaction.atomic
def fee_schedule_close(*, actor: User | None, schedule: FeeSchedule,
                       effective_to: date) -> FeeSchedule:
    _require(actor, CHANGE, schedule)
    if effective_to < schedule.effective_from:
        raise ValidationError({"effective_to": _("Tanggal berakhir sebelum tanggal mulai")})
    schedule.effective_to = effective_to
    schedule.updated_by = actor
    schedule.save(update_fields=["effective_to", "updated_by", "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=schedule,
                        detail={"fields": ["effective_to"]})
    _after_commit_bump(fees=True)
    return schedule
