"""Writes to the stakeholder directory: stakeholders (an Agency with its coordination
profile and services), contacts, agreements, referral pathways."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.uploads import CheckedFile
from lindung.coordination.choices import ServiceKind
from lindung.coordination.choices import StakeholderCategory
from lindung.coordination.models import Agreement
from lindung.coordination.models import ReferralPathway
from lindung.coordination.models import StakeholderContact
from lindung.coordination.models import StakeholderProfile
from lindung.coordination.models import StakeholderService
from lindung.coordination.selectors import default_category
from lindung.coordination.services.common import check
from lindung.coordination.services.common import clean_text
from lindung.coordination.services.common import evidence_attach
from lindung.coordination.services.common import evidence_names
from lindung.coordination.services.common import region_code_of
from lindung.coordination.services.common import require_in_scope
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import AgencyLevel
from lindung.directory.models import Agency
from lindung.regions.choices import RegionLevel
from lindung.regions.models import Region

_LEVEL_OF_REGION = {AgencyLevel.PROVINCE: RegionLevel.PROVINCE,
                    AgencyLevel.REGENCY: RegionLevel.REGENCY,
                    AgencyLevel.VILLAGE: RegionLevel.VILLAGE}
_ABROAD = (StakeholderCategory.MISSION, StakeholderCategory.FOREIGN_COUNTERPART)
AGENCY_FIELDS = ("name", "name_en", "short_name", "kind", "level", "region", "country",
                 "phone", "email", "address", "website")


def _unique_code(name: str) -> str:
    base = slugify(name)[:50] or "pemangku"
    code, n = base, 1
    while Agency.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


def _check_place(*, level: str, region: Region | None, country: str, category: str,
                 require_region: bool = True) -> None:
    """A stakeholder's place must fit its level. The directory's generic seed agencies
    ("Dinas Tenaga Kerja" at regency level, no region) stay valid when edited."""
    if level in _LEVEL_OF_REGION:
        wanted = _LEVEL_OF_REGION[AgencyLevel(level)]
        check((region is None and not require_region)
              or (region is not None and region.level == wanted), "region",
              _("Pemangku kepentingan tingkat %(level)s memerlukan wilayah tingkat "
                "%(wanted)s") % {"level": level, "wanted": wanted})
    else:
        check(region is None, "region",
              _("Pemangku kepentingan nasional atau internasional tidak memiliki wilayah"))
    check(len(country) == 2 and country.isalpha(), "country",
          _("Kode negara harus dua huruf ISO (mis. ID, MY)"))
    if category in _ABROAD:
        check(country != "ID", "country",
              _("Perwakilan RI dan mitra negara lain berada di luar negeri: pilih negaranya"))
    if level == AgencyLevel.INTERNATIONAL and category == StakeholderCategory.GOVERNMENT:
        raise ValidationError({"category": _(
            "Instansi pemerintah RI tidak bertingkat internasional; pilih kategori "
            "perwakilan RI atau mitra negara lain")})


def _services_set(*, actor: User, agency: Agency, services: Sequence[str],
                  region_code: str) -> list[str]:
    unknown = [s for s in services if s not in ServiceKind.values]
    check(not unknown, "services", _("Layanan tidak dikenal: %(services)s")
          % {"services": ", ".join(unknown)[:80]})
    wanted = set(services)
    current = set(StakeholderService.objects.filter(agency=agency)
                  .values_list("service", flat=True))
    removed = current - wanted
    in_use = set(ReferralPathway.objects.filter(receiver=agency, active=True,
                                                case_kind__in=removed)
                 .values_list("case_kind", flat=True))
    check(not in_use, "services",
          _("Layanan %(services)s masih dipakai jalur rujukan aktif; nonaktifkan jalurnya "
            "dulu") % {"services": ", ".join(sorted(in_use))})
    StakeholderService.objects.filter(agency=agency, service__in=removed).delete()
    for service in sorted(wanted - current):
        row = StakeholderService(agency=agency, service=service, region_code=region_code,
                                 created_by=actor, updated_by=actor)
        row.full_clean(validate_constraints=False)
        row.save()
    StakeholderService.objects.filter(agency=agency).update(region_code=region_code)
    return sorted(wanted ^ current)


@transaction.atomic
def stakeholder_create(*, actor: User, name: str, kind: str, level: str, category: str,
                       region: Region | None = None, country: str = "ID",
                       short_name: str = "", mandate: str = "", phone: str = "",
                       email: str = "", address: str = "", website: str = "",
                       services: Sequence[str] = (), name_en: str = "") -> Agency:
    """A new stakeholder: an Agency of the directory plus its coordination profile."""
    country = (country or "ID").upper()
    check(kind in AgencyKind.values, "kind", _("Jenis instansi tidak dikenal"))
    check(level in AgencyLevel.values, "level", _("Tingkat tidak dikenal"))
    check(category in StakeholderCategory.values, "category",
          _("Kategori tidak dikenal"))
    _check_place(level=level, region=region, country=country, category=category)
    region_code = region_code_of(region)
    profile = StakeholderProfile(category=category, mandate=clean_text(mandate, 2000),
                                 region_code=region_code, created_by=actor, updated_by=actor)
    require_in_scope(actor, CREATE, profile)
    name = clean_text(name, 200)
    check(bool(name), "name", _("Nama wajib diisi"))
    check(not Agency.objects.filter(name__iexact=name, region=region, country=country).exists(),
          "name", _("Pemangku kepentingan dengan nama ini sudah ada di tempat yang sama"))
    agency = Agency(code=_unique_code(short_name or name), name=name,
                    name_en=clean_text(name_en, 200), short_name=clean_text(short_name, 60),
                    kind=kind, level=level,
                    region=region, country=country, phone=clean_text(phone, 64),
                    email=email.strip(), address=clean_text(address, 300),
                    website=website.strip(), source="Direktori pemangku kepentingan (koordinasi)",
                    created_by=actor, updated_by=actor)
    agency.full_clean()
    agency.save()
    profile.agency = agency
    profile.full_clean()
    profile.save()
    _services_set(actor=actor, agency=agency, services=services, region_code=region_code)
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=agency,
                        region_code=region_code,
                        detail={"kind": kind, "level": level, "category": category,
                                "services": sorted(set(services))})
    return agency


def profile_of(agency: Agency) -> StakeholderProfile:
    """The agency's profile, or an unsaved default (the directory's seed agencies have
    none until someone edits them)."""
    profile = StakeholderProfile.objects.filter(agency=agency).first()
    if profile is not None:
        return profile
    return StakeholderProfile(agency=agency, category=default_category(agency),
                                  region_code=agency.region_id or "")


@transaction.atomic
def stakeholder_update(*, actor: User, agency: Agency, category: str, mandate: str = "",
                       services: Sequence[str] = (), active: bool = True,
                       **agency_fields: Any) -> Agency:
    """Change a stakeholder: its profile, its services, and the directory fields."""
    profile = profile_of(agency)
    access.require(actor, CHANGE, profile)
    before = audit.apply_changes(
        agency, agency_fields, AGENCY_FIELDS,
        clean=lambda _key, value: value.strip() if isinstance(value, str) else value)
    agency.country = (agency.country or "ID").upper()
    check(category in StakeholderCategory.values, "category",
          _("Kategori tidak dikenal"))
    _check_place(level=agency.level, region=agency.region, country=agency.country,
                 category=category, require_region="region" in agency_fields
                 and before.get("region") is not None)
    profile.region_code = agency.region_id or ""
    access.require(actor, CHANGE, profile)  # still in scope after a move
    agency.updated_by = actor
    agency.full_clean()
    agency.save()
    profile_before = {"category": profile.category, "mandate": profile.mandate,
                      "active": profile.active}
    profile.category, profile.mandate, profile.active = category, clean_text(mandate, 2000), active
    profile.updated_by = actor
    if profile._state.adding:
        profile.created_by = actor
    profile.full_clean()
    profile.save()
    StakeholderContact.objects.filter(agency=agency).update(region_code=profile.region_code)
    changed_services = _services_set(actor=actor, agency=agency, services=services,
                                     region_code=profile.region_code)
    fields = audit.changed_fields(before, {k: getattr(agency, k) for k in agency_fields})
    fields += audit.changed_fields(profile_before, {"category": profile.category,
                                                    "mandate": profile.mandate,
                                                    "active": profile.active})
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=agency,
                        region_code=profile.region_code,
                        detail={"fields": sorted(fields), "services": changed_services})
    return agency


@transaction.atomic
def stakeholder_contact_add(*, actor: User, agency: Agency, name: str, position: str = "",
                            phone: str = "", email: str = "",
                            receives_alerts: bool = True) -> StakeholderContact:
    contact = StakeholderContact(agency=agency, name=clean_text(name, 150),
                                 position=clean_text(position, 150),
                                 phone=clean_text(phone, 32), email=email.strip(),
                                 receives_alerts=receives_alerts,
                                 region_code=agency.region_id or "", created_by=actor,
                                 updated_by=actor)
    access.require(actor, CREATE, contact)
    check(bool(contact.name), "name", _("Nama kontak wajib diisi"))
    check(bool(contact.phone or contact.email), "email",
          _("Isi telepon atau surel kontak"))
    check(not (receives_alerts and not contact.email), "receives_alerts",
          _("Peringatan dikirim lewat surel: isi surel kontak"))
    audit.save_recorded(contact, actor=actor, action=AuditAction.CREATE,
                        detail={"agency": agency.code, "receives_alerts": receives_alerts})
    return contact


@transaction.atomic
def stakeholder_contact_remove(*, actor: User, contact: StakeholderContact) -> None:
    access.require(actor, CHANGE, contact)
    audit.record_object(actor=actor, action=AuditAction.DELETE, obj=contact,
                        region_code=contact.region_code, detail={"agency": contact.agency.code})
    contact.delete()


@transaction.atomic
def agreement_create(*, actor: User, kind: str, title: str, parties: Sequence[Agency],
                     scope: str, signed_on: date, valid_from: date,
                     valid_until: date | None = None, number: str = "",
                     services: Sequence[str] = (), region: Region | None = None,
                     files: Sequence[CheckedFile] = ()) -> Agreement:
    distinct = {agency.pk: agency for agency in parties}
    check(len(distinct) >= 2, "parties",
          _("Perjanjian memerlukan sedikitnya dua pihak yang berbeda"))
    check(signed_on <= timezone.localdate(), "signed_on",
          _("Tanggal penandatanganan tidak boleh di masa depan"))
    check(valid_until is None or valid_until >= valid_from, "valid_until",
          _("Berlaku sampai (%(until)s) sebelum berlaku sejak (%(since)s)")
          % {"until": valid_until, "since": valid_from})
    unknown = [s for s in services if s not in ServiceKind.values]
    check(not unknown, "services", _("Layanan tidak dikenal"))
    agreement = Agreement(kind=kind, title=clean_text(title, 200), number=clean_text(number, 100),
                          scope=clean_text(scope, 3000), services=sorted(set(services)),
                          region=region, region_code=region_code_of(region),
                          signed_on=signed_on, valid_from=valid_from, valid_until=valid_until,
                          created_by=actor, updated_by=actor)
    require_in_scope(actor, CREATE, agreement)
    agreement.full_clean()
    agreement.save()
    agreement.parties.set(list(distinct.values()))
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=agreement,
                        region_code=agreement.region_code,
                        detail={"kind": kind, "parties": sorted(a.code for a in distinct.values()),
                                "services": agreement.services,
                                "evidence": evidence_names(list(files))})
    evidence_attach(actor=actor, files=list(files), region_code=agreement.region_code,
                    agreement=agreement)
    return agreement


@transaction.atomic
def referral_pathway_create(*, actor: User, receiver: Agency, case_kind: str,
                            region: Region | None = None, country: str = "",
                            priority: int = 5, agreement: Agreement | None = None,
                            note: str = "") -> ReferralPathway:
    country = (country or "").upper()
    check(case_kind in ServiceKind.values, "case_kind",
          _("Jenis kasus tidak dikenal"))
    check(not country or (len(country) == 2 and country.isalpha()), "country",
          _("Kode negara harus dua huruf ISO atau kosong"))
    check(1 <= priority <= 9, "priority", _("Prioritas 1–9"))
    offered = StakeholderService.objects.filter(agency=receiver, service=case_kind).exists()
    label = ServiceKind(case_kind).label
    check(offered, "case_kind",
          _("%(receiver)s tidak menawarkan layanan '%(service)s'; tambahkan layanan itu pada "
            "profilnya dulu") % {"receiver": receiver, "service": label})
    if agreement is not None:
        check(agreement.parties.filter(pk=receiver.pk).exists(), "agreement",
              _("Penerima rujukan bukan pihak dalam perjanjian ini"))
        check(agreement.in_force(), "agreement",
              _("Perjanjian ini tidak (lagi) berlaku"))
    pathway = ReferralPathway(receiver=receiver, case_kind=case_kind, region=region,
                              region_code=region_code_of(region), country=country,
                              priority=priority, agreement=agreement,
                              note=clean_text(note, 300), created_by=actor, updated_by=actor)
    require_in_scope(actor, CREATE, pathway)
    check(not ReferralPathway.objects.filter(receiver=receiver, case_kind=case_kind,
                                             region_code=pathway.region_code, country=country,
                                             active=True).exists(),
          "receiver", _("Jalur rujukan yang sama sudah ada"))
    audit.save_recorded(pathway, actor=actor, action=AuditAction.CREATE,
                        detail={"receiver": receiver.code, "case_kind": case_kind,
                                "country": country, "priority": priority})
    return pathway


@transaction.atomic
def referral_pathway_deactivate(*, actor: User, pathway: ReferralPathway) -> ReferralPathway:
    access.require(actor, CHANGE, pathway)
    pathway.active = False
    pathway.updated_by = actor
    pathway.save(update_fields=["active", "updated_by", "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=pathway,
                        region_code=pathway.region_code, detail={"fields": ["active"]})
    return pathway
