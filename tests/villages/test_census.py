"""Pillar 1 services: programme villages and officers, households and members, stays abroad
and returns, children and KIS/KIP cards, the service log."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone

from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.villages.choices import CardStatus
from lindung.villages.choices import ServiceKind
from lindung.villages.models import CensusHousehold
from lindung.villages.models import ChildProfile
from lindung.villages.models import StayAbroad
from lindung.villages.services import census
from lindung.villages.services import imports
from lindung.villages.services import programme
from tests.conftest import NTT_VILLAGE
from tests.fixtures.villages import Villages
from tests.fixtures.villages import xlsx

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _head(name: str = "Markus Ndun", nik: str = "5301051005780001") -> census.MemberInput:
    return census.MemberInput(name=name, relation=HouseholdRelation.HEAD, nik=nik)


def test_it_records_a_programme_village_in_one_cohort_only(villages: Villages) -> None:
    assert villages.ntt.regency_id == "53.01" and villages.ntt.region_code == NTT_VILLAGE
    with pytest.raises(ValidationError) as err:
        programme.programme_village_create(actor=None, village=villages.ntt.village,
                                           cohort_year=2018)
    assert "sudah menjadi desa Desmigratif" in str(err.value)
    with pytest.raises(ValidationError):  # not a village
        programme.programme_village_create(actor=None, village=Region.objects.get(code="53.01"),
                                           cohort_year=2018)
    with pytest.raises(ValidationError):  # the NTT programme is for NTT
        programme.programme_village_create(
            actor=None, village=Region.objects.get(code="32.04.11.2002"), cohort_year=2018,
            special_ntt=True)


def test_it_lets_only_coordinators_create_villages_in_their_scope(villages: Villages) -> None:
    users = villages.world.users
    village = Region.objects.get(code="53.01.05.1002")
    with pytest.raises(PermissionDenied):
        programme.programme_village_create(actor=users["village_officer"], village=village,
                                           cohort_year=2019)
    with pytest.raises(PermissionDenied):
        programme.programme_village_create(actor=users["coord_jabar"], village=village,
                                           cohort_year=2019)
    created = programme.programme_village_create(actor=users["coord_ntt"], village=village,
                                                 cohort_year=2019)
    assert AuditEvent.objects.filter(entity="villages.programmevillage",
                                     object_id=str(created.pk),
                                     action=AuditAction.CREATE).exists()


def test_it_assigns_only_village_officers_whose_scope_covers_the_village(
        villages: Villages) -> None:
    users = villages.world.users
    assert list(villages.ntt.officers.all()) == [users["village_officer"]]
    for wrong in ("coord_ntt", "desk_kupang"):
        with pytest.raises(ValidationError):
            programme.programme_village_officer_add(actor=users["admin"],
                                                    programme_village=villages.jabar,
                                                    officer=users[wrong])
    with pytest.raises(ValidationError):  # an NTT village officer in Jawa Barat
        programme.programme_village_officer_add(actor=users["admin"],
                                                programme_village=villages.jabar,
                                                officer=users["village_officer"])


def test_it_creates_a_household_with_its_head_and_members(villages: Villages) -> None:
    officer = villages.world.users["village_officer"]
    household = census.census_household_create(
        actor=officer, programme_village=villages.ntt, head=_head(),
        family_card_number="5301 0501 0117 0009", address="Dusun II")
    assert household.family_card_last4 == "0009"
    assert household.household_key.startswith("kk:")
    assert "5301050101170009" not in household.household_key
    mother = census.census_member_add(actor=officer, census_household=household,
                                      member=census.MemberInput(
        name="Yuliana Ndun", relation=HouseholdRelation.SPOUSE, nik="5301055203820002",
        abroad=census.AbroadInput(country="HK", departed_on=date(2019, 3, 1), procedural=True)))
    assert mother.migration_status == MigrationStatus.ABROAD
    assert mother.household_id == household.household_id
    child = census.census_member_add(actor=officer, census_household=household,
                                     member=census.MemberInput(
        name="Nona Ndun", relation=HouseholdRelation.CHILD,
        birth_date=TODAY() - timedelta(days=3000)))
    assert ChildProfile.objects.filter(person=child).exists()  # a child, even without data
    with pytest.raises(ValidationError):  # a second head
        census.census_member_add(actor=officer, census_household=household,
                                 member=_head("Kepala Lain", ""))
    with pytest.raises(ValidationError):  # the same KK again
        census.census_household_create(actor=officer, programme_village=villages.ntt,
                                       head=_head("Orang Lain", ""),
                                       family_card_number="5301050101170009")


def test_it_refuses_a_household_outside_the_officers_village(villages: Villages) -> None:
    with pytest.raises(PermissionDenied):
        census.census_household_create(actor=villages.world.users["village_officer"],
                                       programme_village=villages.jabar,
                                       head=_head("Asep", "3204111203790001"))
    assert not CensusHousehold.objects.exists()


def test_it_links_a_registered_person_without_a_household(villages: Villages) -> None:
    officer = villages.world.users["village_officer"]
    maria = villages.world.ntt_person  # registered by the fixture, no household
    household = census.census_household_create(actor=officer, programme_village=villages.ntt,
                                               head=_head())
    linked = census.census_member_add(actor=officer, census_household=household,
                                      member=census.MemberInput(
        name="Maria G. Ndun", relation=HouseholdRelation.CHILD, nik="5301054506990003"))
    assert linked.pk == maria.pk and linked.household_id == household.household_id
    assert Person.objects.filter(nik_index=maria.nik_index).count() == 1


def test_a_hand_recorded_household_is_found_by_a_later_import(villages: Villages) -> None:
    officer = villages.world.users["village_officer"]
    household = census.census_household_create(actor=officer, programme_village=villages.ntt,
                                               head=_head())
    rows = [["Nama", "NIK", "Hubungan", "Tgl Lahir"],
            ["Markus Ndun", "5301051005780001", "Kepala Keluarga", "10-05-1978"],
            ["Petrus Ndun", "", "Anak", "01-01-2015"]]
    created = imports.census_import_create(actor=officer, programme_village=villages.ntt,
                                           file_name="s.xlsx", data=xlsx(rows))
    imports.census_import_start(actor=officer, census_import=created, enqueue=False)
    result = imports.census_import_run(census_import=created)
    assert (result.people_matched, result.people_created, result.households_created) == (1, 1, 0)
    assert Person.objects.get(name="Petrus Ndun").household_id == household.household_id


def test_it_follows_a_stay_abroad_to_the_return(villages: Villages) -> None:
    officer = villages.world.users["village_officer"]
    household = census.census_household_create(actor=officer, programme_village=villages.ntt,
                                               head=_head())
    head = Person.objects.get(household=household.household)
    stay = census.stay_abroad_create(actor=officer, person=head, abroad=census.AbroadInput(
        country="MY", employer="Ladang", departed_on=TODAY() - timedelta(days=400),
        procedural=False))
    head.refresh_from_db()
    assert head.migration_status == MigrationStatus.ABROAD
    with pytest.raises(ValidationError):  # still abroad: no second open stay
        census.stay_abroad_create(actor=officer, person=head,
                                  abroad=census.AbroadInput(country="TW"))
    with pytest.raises(ValidationError):
        census.stay_abroad_close(actor=officer, stay=stay,
                                 returned_on=TODAY() - timedelta(days=500))
    census.stay_abroad_close(actor=officer, stay=stay, returned_on=TODAY(), note="sakit")
    head.refresh_from_db()
    assert head.migration_status == MigrationStatus.RETURNED
    with pytest.raises(ValidationError):
        census.stay_abroad_close(actor=officer, stay=stay, returned_on=TODAY())
    with pytest.raises(ValidationError):
        census.stay_abroad_create(actor=officer, person=head,
                                  abroad=census.AbroadInput(country="XX"))


def test_it_follows_a_card_from_need_to_received(villages: Villages) -> None:
    officer = villages.world.users["village_officer"]
    household = census.census_household_create(actor=officer, programme_village=villages.ntt,
                                               head=_head())
    person = census.census_member_add(
        actor=officer, census_household=household, member=census.MemberInput(
            name="Nona Ndun", relation=HouseholdRelation.CHILD,
            birth_date=TODAY() - timedelta(days=2500),
            child=census.ChildInput(school_status="early", kip_status=CardStatus.NEEDED)))
    child = ChildProfile.objects.get(person=person)
    card = child.cards.get(kind="kip")
    assert card.status == CardStatus.NEEDED and card.needed_on == TODAY()
    census.child_card_set(actor=officer, child=child, kind="kip", status=CardStatus.APPLIED)
    card = census.child_card_set(actor=officer, child=child, kind="kip",
                                 status=CardStatus.RECEIVED)
    assert card.received_on == TODAY()
    with pytest.raises(ValidationError) as err:
        census.child_card_set(actor=officer, child=child, kind="kip", status=CardStatus.NEEDED)
    assert "tidak bisa berubah" in str(err.value)
    census.child_enrol(actor=officer, child=child, enrolled_on=TODAY())
    with pytest.raises(ValidationError):
        census.child_enrol(actor=officer, child=child, enrolled_on=TODAY())
    census.child_leave(actor=officer, child=child, left_on=TODAY())
    child.refresh_from_db()
    assert not child.enrolled


def test_it_logs_services_with_their_rules(villages: Villages) -> None:
    officer = villages.world.users["village_officer"]
    person = person_create(actor=officer, name="Yakob Lay", village=villages.ntt.village)
    application = uuid4()
    entry = census.service_log_add(actor=officer, programme_village=villages.ntt,
                                   kind=ServiceKind.CPMI_VERIFICATION, served_on=TODAY(),
                                   person=person, cpmi_verified=True,
                                   ltsa_application_id=application)
    assert entry.ltsa_application_id == application
    event = AuditEvent.objects.get(entity="villages.servicelogentry", object_id=str(entry.pk))
    assert event.detail == {"kind": "cpmi_verification", "person": True,
                            "ltsa_application": True, "job_order": False}
    cases: list[dict[str, Any]] = [
        {"kind": ServiceKind.CPMI_VERIFICATION, "cpmi_verified": True},  # nobody named
        {"kind": ServiceKind.CPMI_VERIFICATION, "person": person},  # no result
        {"kind": ServiceKind.JOB_INFO, "cpmi_verified": False},  # result on another kind
        {"kind": ServiceKind.DEPARTURE_MONITORING},  # nobody named
        {"kind": ServiceKind.JOB_INFO, "served_on": TODAY() + timedelta(days=1)},
    ]
    for case in cases:
        with pytest.raises(ValidationError):
            census.service_log_add(actor=officer, programme_village=villages.ntt,
                                   **{"served_on": TODAY(), **case})
    with pytest.raises(PermissionDenied):
        census.service_log_add(actor=officer, programme_village=villages.jabar,
                               kind=ServiceKind.JOB_INFO, served_on=TODAY())
    assert StayAbroad.objects.count() == 0
