"""Pillar 1: the household census of PMI families, children and their KIS/KIP cards, and
the village service log. People and households are created through the person registry's
services (`lindung.people.services`); this module adds what the census knows."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.countries import is_country
from lindung.core import access
from lindung.core import crypto
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.people import services as people_services
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from lindung.people.normalize import search_name_for
from lindung.regions.nik import NikError
from lindung.regions.nik import clean_nik
from lindung.villages.choices import CardKind
from lindung.villages.choices import CardStatus
from lindung.villages.choices import SchoolStatus
from lindung.villages.choices import ServiceKind
from lindung.villages.keys import FamilyCardError
from lindung.villages.keys import clean_family_card
from lindung.villages.keys import family_card_key
from lindung.villages.keys import head_key
from lindung.villages.models import CensusHousehold
from lindung.villages.models import ChildCard
from lindung.villages.models import ChildProfile
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import ServiceLogEntry
from lindung.villages.models import StayAbroad
from lindung.villages.models.census import CARD_TRANSITIONS
from lindung.villages.services.common import create
from lindung.villages.services.common import invalid
from lindung.villages.services.common import require
from lindung.villages.services.common import update

CHILD_AGE_LIMIT = 18


@dataclass(frozen=True)
class AbroadInput:
    country: str
    employer: str = ""
    placement_agency_name: str = ""
    occupation: str = ""
    departed_on: date | None = None
    procedural: bool | None = None
    returned_on: date | None = None


@dataclass(frozen=True)
class ChildInput:
    school_status: str = SchoolStatus.UNKNOWN
    school_name: str = ""
    kis_status: str = ""
    kip_status: str = ""
    enrol: bool = False


@dataclass(frozen=True)
class MemberInput:
    name: str
    relation: str
    nik: str = ""
    sex: str = ""
    birth_date: date | None = None
    birth_place: str = ""
    phone: str = ""
    migration_status: str = ""
    abroad: AbroadInput | None = None
    child: ChildInput | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: The registry person the officer chose among the likely matches shown before saving
    #: (search before create), instead of registering someone new.
    existing: UUID | None = None
    #: The likely matches the officer answered "not the same person" for (ids), recorded as
    #: decided pairs when the member is registered as someone new.
    not_same: tuple[str, ...] = ()


def migration_status_for(member: MemberInput) -> str:
    if member.abroad is not None:
        if member.abroad.returned_on is not None:
            return MigrationStatus.RETURNED
        return MigrationStatus.ABROAD
    return member.migration_status or MigrationStatus.NONE


def _nik_index(nik: str) -> str:
    if not nik:
        return ""
    try:
        return crypto.blind_index("nik", clean_nik(nik))
    except NikError as exc:
        raise invalid("nik", exc.message) from exc


def household_key_for(*, family_card_number: str,
                      head: MemberInput) -> tuple[str, str, str]:
    """(natural key, last 4 digits of the KK, the KK's digits) for a household recorded by
    hand."""
    if family_card_number:
        try:
            digits = clean_family_card(family_card_number)
        except FamilyCardError as exc:
            raise invalid("family_card_number", str(exc)) from exc
        return family_card_key(digits), digits[-4:], digits
    return head_key(nik_index=_nik_index(head.nik), search_name=search_name_for(head.name),
                    birth_date=head.birth_date), "", ""


@transaction.atomic
def census_household_create(*, actor: User | None, programme_village: ProgrammeVillage,
                            head: MemberInput, address: str = "", family_card_number: str = "",
                            census_date: date | None = None,
                            synthetic: bool = False) -> CensusHousehold:
    """A PMI household with its head: a registry household, the head as a registry person,
    and the census record (keyed like the bulk import, so a later import finds it)."""
    if head.relation != HouseholdRelation.HEAD:
        raise invalid("relation", _("Anggota pertama harus kepala keluarga"))
    key, last4, digits = household_key_for(family_card_number=family_card_number, head=head)
    probe = CensusHousehold(programme_village=programme_village,
                            region_code=programme_village.region_code)
    require(actor, CREATE, probe)
    if CensusHousehold.objects.filter(programme_village=programme_village,
                                      household_key=key).exists():
        raise invalid(None, _("Rumah tangga ini sudah tercatat di desa ini (KK atau kepala "
                              "keluarga sama)"))
    household = people_services.household_create(actor=actor, village=programme_village.village,
                                                  address=address, synthetic=synthetic,
                                                  family_card_number=digits)
    census_household = create(
        CensusHousehold(household=household, programme_village=programme_village,
                        region_code=programme_village.region_code, household_key=key,
                        family_card_last4=last4,
                        census_date=census_date or timezone.localdate(), synthetic=synthetic),
        actor=actor, detail={"family_card": bool(last4)})
    census_member_add(actor=actor, census_household=census_household, member=head,
                      synthetic=synthetic)
    return census_household


@transaction.atomic
def census_member_add(*, actor: User | None, census_household: CensusHousehold,
                      member: MemberInput, synthetic: bool = False) -> Person:
    """Add a member: a new registry person, or an existing one (the one the officer chose,
    else the one with the same NIK) who is not yet in a household; then their stay abroad
    and child record, if any."""
    require(actor, CHANGE, census_household)
    household = census_household.household
    if member.relation == HouseholdRelation.HEAD and household.members.filter(
            household_relation=HouseholdRelation.HEAD).exists():
        raise invalid("relation", _("Rumah tangga ini sudah punya kepala keluarga"))
    status = migration_status_for(member)
    existing = _existing_person(actor, member)
    if existing is not None:
        if existing.household_id is not None:
            raise invalid("nik", _("Orang dengan NIK ini sudah tercatat di rumah tangga lain"))
        if actor is None:
            raise invalid("nik", _("NIK ini sudah terdaftar"))
        person = people_services.person_update(
            actor=actor, person=existing, household=household,
            household_relation=member.relation, migration_status=status)
    else:
        person = people_services.person_create(
            actor=actor, name=member.name, nik=member.nik, sex=member.sex,
            birth_date=member.birth_date, village=census_household.programme_village.village,
            birth_place=member.birth_place, phone=member.phone, household=household,
            household_relation=member.relation, migration_status=status, synthetic=synthetic,
            not_same=member.not_same)
    if member.abroad is not None:
        stay_abroad_create(actor=actor, person=person, census_household=census_household,
                           abroad=member.abroad, synthetic=synthetic, sync_status=False)
    if member.child is not None or _is_child(person, member.relation):
        _child_record(actor, person, census_household, member.child or ChildInput(),
                      synthetic=synthetic)
    return person


def _existing_person(actor: User | None, member: MemberInput) -> Person | None:
    """The registry person the officer chose (who must be visible to them), else the one
    holding the member's NIK, else None."""
    if member.existing is None:
        index = _nik_index(member.nik)
        return Person.objects.filter(nik_index=index).first() if index else None
    existing = Person.objects.filter(pk=member.existing).first()
    if existing is None or (actor is not None and not access.can(actor, VIEW, existing)):
        raise invalid(None, _("Orang yang dipilih tidak ditemukan di registri"))
    return existing


def _child_record(actor: User | None, person: Person, census_household: CensusHousehold,
                  child: ChildInput, *, synthetic: bool) -> None:
    child_profile_upsert(actor=actor, person=person,
                         programme_village=census_household.programme_village,
                         school_status=child.school_status, school_name=child.school_name,
                         enrolled_on=timezone.localdate() if child.enrol else None,
                         synthetic=synthetic)
    for kind, card_status in ((CardKind.KIS, child.kis_status),
                              (CardKind.KIP, child.kip_status)):
        if card_status:
            child_card_set(actor=actor, child=person.child_profile, kind=kind,
                           status=card_status)


def _is_child(person: Person, relation: str) -> bool:
    age = person.age_on(timezone.localdate())
    return relation in (HouseholdRelation.CHILD, HouseholdRelation.GRANDCHILD) and (
        age is not None and age < CHILD_AGE_LIMIT)


def _sync_status(actor: User | None, person: Person, status: str) -> None:
    # Only a staff actor can change a registry person (people.services.person_update);
    # system imports set the status when they create the person.
    if actor is not None and person.migration_status != status:
        people_services.person_update(actor=actor, person=person, migration_status=status)


def _validate_abroad(abroad: AbroadInput) -> None:
    if not is_country(abroad.country):
        raise invalid("country", _("Negara tujuan tidak dikenal"))
    today = timezone.localdate()
    if abroad.departed_on and abroad.departed_on > today:
        raise invalid("departed_on", _("Tanggal berangkat belum terjadi"))
    if abroad.returned_on and abroad.returned_on > today:
        raise invalid("returned_on", _("Tanggal pulang belum terjadi"))
    if abroad.returned_on and abroad.departed_on and abroad.returned_on < abroad.departed_on:
        raise invalid("returned_on", _("Tanggal pulang sebelum tanggal berangkat"))


@transaction.atomic
def stay_abroad_create(*, actor: User | None, person: Person, abroad: AbroadInput,
                       census_household: CensusHousehold | None = None,
                       synthetic: bool = False, sync_status: bool = True) -> StayAbroad:
    _validate_abroad(abroad)
    stay = StayAbroad(
        person=person, census_household=census_household or _census_household_of(person),
        region_code=person.region_code, country=abroad.country, employer=abroad.employer,
        placement_agency_name=abroad.placement_agency_name, occupation=abroad.occupation,
        departed_on=abroad.departed_on, procedural=abroad.procedural,
        returned_on=abroad.returned_on, synthetic=synthetic)
    require(actor, CREATE, stay)
    if abroad.returned_on is None and StayAbroad.objects.filter(
            person=person, returned_on__isnull=True).exists():
        raise invalid(None, _("Anggota ini masih tercatat di luar negeri; catat kepulangannya "
                              "dulu"))
    create(stay, actor=actor, detail={"country": stay.country, "procedural": stay.procedural,
                                      "returned": stay.returned_on is not None})
    if sync_status:
        _sync_status(actor, person, MigrationStatus.RETURNED if stay.returned_on
                     else MigrationStatus.ABROAD)
    return stay


def _census_household_of(person: Person) -> CensusHousehold | None:
    if person.household_id is None:
        return None
    return CensusHousehold.objects.filter(household_id=person.household_id).first()


@transaction.atomic
def stay_abroad_close(*, actor: User | None, stay: StayAbroad, returned_on: date,
                      note: str = "") -> StayAbroad:
    require(actor, CHANGE, stay)
    if stay.returned_on is not None:
        raise invalid("returned_on", _("Kepulangan sudah tercatat"))
    if returned_on > timezone.localdate():
        raise invalid("returned_on", _("Tanggal pulang belum terjadi"))
    if stay.departed_on and returned_on < stay.departed_on:
        raise invalid("returned_on", _("Tanggal pulang sebelum tanggal berangkat"))
    update(stay, actor=actor, changes={"returned_on": returned_on, "return_note": note},
           allowed={"returned_on", "return_note"})
    _sync_status(actor, stay.person, MigrationStatus.RETURNED)
    return stay


@transaction.atomic
def child_profile_upsert(*, actor: User | None, person: Person,
                         programme_village: ProgrammeVillage,
                         school_status: str = SchoolStatus.UNKNOWN, school_name: str = "",
                         enrolled_on: date | None = None,
                         synthetic: bool = False) -> ChildProfile:
    existing = ChildProfile.objects.filter(person=person).first()
    if existing is not None:
        require(actor, CHANGE, existing)
        changes: dict[str, object] = {"school_status": school_status, "school_name": school_name}
        if enrolled_on and existing.enrolled_on is None:
            changes["enrolled_on"] = enrolled_on
        return update(existing, actor=actor, changes=changes,
                      allowed={"school_status", "school_name", "enrolled_on"})
    child = ChildProfile(person=person, programme_village=programme_village,
                         region_code=programme_village.region_code, school_status=school_status,
                         school_name=school_name, enrolled_on=enrolled_on, synthetic=synthetic)
    require(actor, CREATE, child)
    return create(child, actor=actor, detail={"school_status": school_status,
                                              "enrolled": enrolled_on is not None})


@transaction.atomic
def child_enrol(*, actor: User | None, child: ChildProfile, enrolled_on: date) -> ChildProfile:
    require(actor, CHANGE, child)
    if child.enrolled:
        raise invalid("enrolled_on", _("Anak ini sudah terdaftar di community parenting"))
    return update(child, actor=actor, changes={"enrolled_on": enrolled_on, "left_on": None},
                  allowed={"enrolled_on", "left_on"})


@transaction.atomic
def child_leave(*, actor: User | None, child: ChildProfile, left_on: date) -> ChildProfile:
    require(actor, CHANGE, child)
    if not child.enrolled:
        raise invalid("left_on", _("Anak ini tidak sedang terdaftar"))
    assert child.enrolled_on is not None
    if left_on < child.enrolled_on:
        raise invalid("left_on", _("Tanggal berhenti sebelum tanggal daftar"))
    return update(child, actor=actor, changes={"left_on": left_on}, allowed={"left_on"})


_STATUS_DATE_FIELD = {CardStatus.NEEDED: "needed_on", CardStatus.APPLIED: "applied_on",
                      CardStatus.RECEIVED: "received_on"}


@transaction.atomic
def child_card_set(*, actor: User | None, child: ChildProfile, kind: str, status: str,
                   on: date | None = None, note: str = "") -> ChildCard:
    """Record a KIS/KIP card's status; a card moves only along CARD_TRANSITIONS."""
    require(actor, CHANGE, child)
    if kind not in CardKind.values or status not in CardStatus.values:
        raise invalid("status", _("Jenis atau status kartu tidak dikenal"))
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise invalid("on", _("Tanggal belum terjadi"))
    card = ChildCard.objects.filter(child=child, kind=kind).first()
    date_field = _STATUS_DATE_FIELD.get(CardStatus(status))
    if card is None:
        card = ChildCard(child=child, region_code=child.region_code, kind=kind, status=status,
                         note=note)
        if date_field:
            setattr(card, date_field, day)
        return create(card, actor=actor, detail={"kind": kind, "status": status})
    if status == card.status:
        return card
    if status not in CARD_TRANSITIONS[card.status]:
        raise invalid("status", _("Status kartu tidak bisa berubah dari '%(value)s' ke "
                                  "'%(value2)s'")
                                    % {"value": card.get_status_display(),
                                       "value2": CardStatus(status).label})
    changes: dict[str, object] = {"status": status, "note": note or card.note}
    if date_field:
        changes[date_field] = day
    return update(card, actor=actor, changes=changes,
                  allowed={"status", "note", "needed_on", "applied_on", "received_on"})


@transaction.atomic
def service_log_add(*, actor: User | None, programme_village: ProgrammeVillage, kind: str,
                    served_on: date, person: Person | None = None,
                    census_household: CensusHousehold | None = None,
                    stay: StayAbroad | None = None, cpmi_verified: bool | None = None,
                    ltsa_application_id: UUID | None = None, job_order_id: UUID | None = None,
                    note: str = "", synthetic: bool = False) -> ServiceLogEntry:
    entry = ServiceLogEntry(
        programme_village=programme_village, region_code=programme_village.region_code,
        kind=kind, served_on=served_on, person=person, census_household=census_household,
        stay=stay, cpmi_verified=cpmi_verified, ltsa_application_id=ltsa_application_id,
        job_order_id=job_order_id, note=note, synthetic=synthetic)
    require(actor, CREATE, entry)
    if served_on > timezone.localdate():
        raise invalid("served_on", _("Tanggal layanan belum terjadi"))
    if kind == ServiceKind.CPMI_VERIFICATION:
        if person is None:
            raise invalid("person", _("Verifikasi CPMI harus menyebut orangnya"))
        if cpmi_verified is None:
            raise invalid("cpmi_verified", _("Isi hasil verifikasi CPMI"))
    elif cpmi_verified is not None:
        raise invalid("cpmi_verified", _("Hasil verifikasi hanya untuk layanan verifikasi CPMI"))
    if kind in (ServiceKind.DEPARTURE_MONITORING, ServiceKind.RETURN_MONITORING) and (
            person is None and stay is None):
        raise invalid("person", _("Pemantauan keberangkatan/kepulangan harus menyebut orangnya"))
    if stay is not None and person is not None and stay.person_id != person.pk:
        raise invalid("stay", _("Data luar negeri itu milik orang lain"))
    if person is not None and actor is not None:
        access.require(actor, VIEW, person)
    return create(entry, actor=actor, detail={
        "kind": kind, "person": person is not None, "ltsa_application": bool(ltsa_application_id),
        "job_order": bool(job_order_id)})
