"""TPPO cases: opened from a report (or directly), victims and suspects from the registry,
trafficking events, the ILO indicators and the legal stage. Suspects feed the watchlist."""

from __future__ import annotations

from datetime import date
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
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.models import Agency
from lindung.people.choices import WatchlistKind
from lindung.people.models import Person
from lindung.people.services import watchlist_entry_add
from lindung.regions.models import Region
from lindung.reports.choices import CaseStatus
from lindung.reports.choices import EventType
from lindung.reports.choices import PerpetratorRole
from lindung.reports.choices import ReportStatus
from lindung.reports.models import Case
from lindung.reports.models import CaseSuspect
from lindung.reports.models import CaseVictim
from lindung.reports.models import PublicReport
from lindung.reports.models import TraffickingEvent
from lindung.reports.services.intake import clean_phone
from lindung.reports.services.intake import clean_text
from lindung.reports.services.intake import month_of
from lindung.reports.services.intake import new_reference

CASE_ENTITY = "reports.case"
CASE_FIELDS = ("title", "summary", "status", "case_owner", "legal_stage",
               "police_report_number", "ilo_indicators", "reason_for_case_closure", "region")


@transaction.atomic
def case_open(*, actor: User, title: str, report: PublicReport | None = None,
              summary: str = "", region: Region | None = None,
              case_owner: Agency | None = None) -> Case:
    """Open a case, from a verified report when there is one; the recruiter the report
    names becomes the first suspect."""
    access.require(actor, CREATE, Case)
    if report is not None:
        access.require(actor, CHANGE, report)
        if report.status in (ReportStatus.RECEIVED, ReportStatus.REJECTED):
            raise ValidationError(_("Verifikasi laporan sebelum membuka kasus"))
        if Case.objects.filter(report=report).exists():
            raise ValidationError(_("Laporan ini sudah menjadi kasus"))
        region = region or report.region
    now = timezone.now()
    case = Case(reference=new_reference("TPPO", Case), report=report, region=region,
                region_code=region.code if region else "",
                title=clean_text(title, 200), summary=clean_text(summary, 5000),
                case_owner=case_owner or actor.agency, opened_month=month_of(now),
                created_by=actor, updated_by=actor)
    if not case.title:
        raise ValidationError({"title": _("Judul kasus wajib diisi")})
    if not access.can(actor, CREATE, case):
        raise ValidationError({"region": _("Wilayah di luar lingkup kerja Anda")})
    audit.save_recorded(case, actor=actor, action=AuditAction.CREATE,
                        detail={"report": report.reference if report else ""})
    if report is not None and report.recruiter_name:
        case_suspect_add(actor=actor, case=case, name=report.recruiter_name,
                         role_in_process=[PerpetratorRole.RECRUITER],
                         phone=report.recruiter_phone, social_handle=report.recruiter_social,
                         role_details="Disebut dalam laporan")
    return case


@transaction.atomic
def case_update(*, actor: User, case: Case, **changes: Any) -> Case:
    access.require(actor, CHANGE, case)
    before = audit.apply_changes(
        case, changes, CASE_FIELDS,
        clean=lambda _key, value: clean_text(value, 5000) if isinstance(value, str) else value)
    if "region" in changes:
        case.region_code = case.region.code if case.region else ""
        if not access.can(actor, CHANGE, case):
            raise ValidationError({"region": _("Wilayah di luar lingkup kerja Anda")})
    if (case.status in (CaseStatus.CLOSED, CaseStatus.CLOSED_REFERRED)
            and not case.reason_for_case_closure):
        raise ValidationError({"reason_for_case_closure": _("Tulis alasan penutupan kasus")})
    case.updated_by = actor
    case.full_clean()
    case.save()
    after = {key: getattr(case, key) for key in changes}
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=case,
                        region_code=case.region_code,
                        detail={"fields": audit.changed_fields(before, after)})
    return case


def case_viewed(*, actor: User, case: Case, context: str = "page") -> None:
    access.require(actor, VIEW, case)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=case,
                        region_code=case.region_code, detail={"context": context})


@transaction.atomic
def case_victim_add(*, actor: User, case: Case, person: Person,
                    agreement_to_manage_personal_data: bool = False,
                    method_of_recruitment: list[str] | None = None,
                    methods_of_control: list[str] | None = None,
                    type_of_labour_exploitation: list[str] | None = None,
                    recruitment_websites_and_apps: list[str] | None = None,
                    details_of_vulnerabilities: str = "") -> CaseVictim:
    access.require(actor, CHANGE, case)
    access.require(actor, VIEW, person)
    if CaseVictim.objects.filter(case=case, person=person).exists():
        raise ValidationError({"person": _("Orang ini sudah tercatat sebagai korban")})
    victim = CaseVictim(
        case=case, person=person,
        agreement_to_manage_personal_data=agreement_to_manage_personal_data,
        method_of_recruitment=method_of_recruitment or [],
        methods_of_control=methods_of_control or [],
        type_of_labour_exploitation=type_of_labour_exploitation or [],
        recruitment_websites_and_apps=recruitment_websites_and_apps or [],
        details_of_vulnerabilities=clean_text(details_of_vulnerabilities, 2000),
        created_by=actor, updated_by=actor)
    victim.full_clean(validate_constraints=False)
    victim.save()
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=case,
                        region_code=case.region_code, detail={"fields": ["victims"]})
    return victim


@transaction.atomic
def case_suspect_add(*, actor: User, case: Case, name: str, role_in_process: list[str],
                     person: Person | None = None, role_details: str = "", phone: str = "",
                     social_handle: str = "", organisation: str = "") -> CaseSuspect:
    """Add a suspect and put them on the early-warning watchlist."""
    access.require(actor, CHANGE, case)
    if person is not None:
        access.require(actor, VIEW, person)
        name = name or person.name
    suspect = CaseSuspect(case=case, person=person, name=clean_text(name, 200),
                          role_in_process=role_in_process,
                          role_details=clean_text(role_details, 2000),
                          phone=clean_phone(phone), social_handle=clean_text(social_handle, 100),
                          organisation=clean_text(organisation, 200),
                          created_by=actor, updated_by=actor)
    if not suspect.name:
        raise ValidationError({"name": _("Nama tersangka wajib diisi")})
    audit.save_recorded(suspect, of=case, actor=actor, action=AuditAction.UPDATE,
                        detail={"fields": ["suspects"], "roles": suspect.role_in_process})
    watchlist_entry_add(actor=actor, kind=WatchlistKind.SUSPECT, name=suspect.name,
                        person=person, source_entity=CASE_ENTITY, source_id=str(case.pk),
                        region_code=(person.region_code if person else "") or case.region_code,
                        birth_date=person.birth_date if person else None, phone=suspect.phone,
                        social_handle=suspect.social_handle,
                        reason=f"Tersangka kasus {case.reference}")
    return suspect


@transaction.atomic
def trafficking_event_add(*, actor: User, case: Case, type: str,
                          date: date | None = None, region: Region | None = None,
                          city: str = "", state: str = "", country: str = "ID",
                          description: str = "") -> TraffickingEvent:
    access.require(actor, CHANGE, case)
    if type not in EventType.values:
        raise ValidationError({"type": _("Jenis peristiwa tidak dikenal")})
    if date and date > timezone.localdate():
        raise ValidationError({"date": _("Tanggal tidak boleh di masa depan")})
    if region is not None:
        country = "ID"
        city = city or region.name
    event = TraffickingEvent(case=case, type=type, date=date, region=region,
                             city=clean_text(city, 100), state=clean_text(state, 100),
                             country=(country or "ID").upper()[:2],
                             description=clean_text(description, 2000),
                             created_by=actor, updated_by=actor)
    audit.save_recorded(event, of=case, actor=actor, action=AuditAction.UPDATE,
                        detail={"fields": ["events"], "type": type})
    return event
