"""The screening's rule book: each rule on its own, the kinds of journey, minors with and
without a registered parent, people recorded abroad, ambiguous identities, the dates rules
are in force, and one open alert per person and point."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone

from lindung.people.choices import FamilyRelation
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from lindung.people.services import family_link_create
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.screening import services
from lindung.screening.manifest import Passenger
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import AlertHit
from lindung.screening.models import ScreenedPassenger
from lindung.screening.models import ScreeningManifest
from lindung.screening.models import reason_text
from lindung.screening.rules import RuleBookError
from lindung.screening.rules import parse_rules
from lindung.screening.rules import rule_book
from lindung.screening.verdicts import companion_keys
from lindung.screening.verdicts import journey_kind
from lindung.screening.verdicts import screen
from tests.conftest import NTT_VILLAGE
from tests.conftest import World

TODAY = timezone.localdate()
ADULT = dt.date(1985, 3, 14)
CHILD = TODAY.replace(year=TODAY.year - 11)


def _passengers(*rows: dict[str, Any]) -> list[Passenger]:
    validation = validate_records(list(rows), today=TODAY)
    assert validation.ok, validation.report()
    return validation.passengers


def _submit(world: World, *rows: dict[str, Any], **options: Any) -> ScreeningManifest:
    return services.manifest_submit(actor=world.users["taskforce_kupang"],
                                    site=world.embarkation, departure_date=TODAY,
                                    passengers=_passengers(*rows), **options)


def _codes(passenger: ScreenedPassenger) -> dict[str, str]:
    return {reason["code"]: reason["severity"] for reason in passenger.reasons}


def _family(world: World) -> tuple[Person, Person]:
    village = Region.objects.get(code=NTT_VILLAGE)
    mother = person_create(actor=None, name="Yuliana Taek", birth_date=ADULT, sex="F",
                           village=village)
    child = person_create(actor=None, name="Maria Yasinta Taek", birth_date=CHILD, sex="F",
                          village=village)
    family_link_create(actor=None, person=mother, relative=child,
                       relation=FamilyRelation.PARENT)
    return mother, child


def test_a_child_with_her_registered_mother_on_a_domestic_ferry_is_check(world: World) -> None:
    _family(world)
    manifest = _submit(world, {"name": "Yuliana Taek", "birth_date": ADULT.isoformat()},
                       {"name": "Maria Yasinta Taek", "birth_date": CHILD.isoformat()},
                       journey="domestic", destination="Larantuka")
    assert manifest.journey == "domestic"
    mother, child = manifest.passengers.order_by("row_number")
    assert mother.verdict == "clear", mother.reasons
    assert child.verdict == "check"
    assert _codes(child)["minor_accompanied"] == "check"
    [reason] = [r for r in child.reasons if r["code"] == "minor_accompanied"]
    assert "Yuliana Taek" in reason["text_id"] and "11" in reason["text_id"]
    assert not Alert.objects.exists()


def test_the_same_child_alone_to_batam_is_stopped(world: World) -> None:
    _family(world)
    manifest = _submit(world, {"name": "Maria Yasinta Taek", "birth_date": CHILD.isoformat()},
                       journey="domestic", destination="  batam ")
    assert manifest.journey == "transit" and manifest.destination == "batam"
    child = manifest.passengers.get()
    assert child.verdict == "stop" and _codes(child)["minor_unaccompanied"] == "stop"
    assert "ke titik transit" in next(r["text_id"] for r in child.reasons
                                         if r["code"] == "minor_unaccompanied")
    assert Alert.objects.filter(hits__passenger=child).exists()


def test_a_minor_alone_on_another_domestic_leg_is_check(world: World) -> None:
    manifest = _submit(world, {"name": "Agustinus Lake", "birth_date": CHILD.isoformat()},
                       journey="domestic")
    passenger = manifest.passengers.get()
    assert passenger.verdict == "check" and _codes(passenger) == {"minor_domestic": "check"}


def test_an_unregistered_adult_is_check_abroad_and_clear_at_home(world: World) -> None:
    row = {"name": "Petrus Tefa", "birth_date": ADULT.isoformat()}
    abroad = _submit(world, row, journey="international").passengers.get()
    assert abroad.verdict == "check" and _codes(abroad) == {"not_registered": "check"}
    transit = _submit(world, row, journey="transit").passengers.get()
    assert transit.verdict == "check"
    home = _submit(world, row, journey="domestic").passengers.get()
    assert home.verdict == "clear" and home.reasons == []


def test_an_unknown_age_counts_on_risky_legs_only(world: World) -> None:
    row = {"name": "Petrus Tefa", "passport": "C1234567"}
    assert "age_unknown" in _codes(_submit(world, row).passengers.get())
    assert _submit(world, row, journey="domestic").passengers.get().verdict == "clear"


def test_a_registered_adult_without_an_application_is_check_to_a_transit_point(
        world: World) -> None:
    passenger = _submit(world, {"name": "Siti Aminah", "nik": "3204114609970004"},
                        journey="domestic", destination="Nunukan").passengers.get()
    assert passenger.person == world.jabar_person
    assert _codes(passenger) == {"registered": "info", "no_application": "check"}


def test_someone_recorded_as_working_abroad_is_flagged_when_seen_again(world: World) -> None:
    Person.objects.filter(pk=world.jabar_person.pk).update(
        migration_status=MigrationStatus.ABROAD)
    passenger = _submit(world, {"name": "Siti Aminah", "nik": "3204114609970004"},
                        journey="domestic").passengers.get()
    assert passenger.verdict == "check"
    [reason] = [r for r in passenger.reasons if r["code"] == "recorded_abroad"]
    assert reason["person_id"] == str(world.jabar_person.pk)
    assert "di luar negeri" in reason["text_id"] and "abroad" in reason["text_en"]
    assert reason_text(reason) == reason["text_id"]


def test_an_ambiguous_name_lists_every_close_candidate(world: World) -> None:
    village = Region.objects.get(code=NTT_VILLAGE)
    twins = {person_create(actor=None, name="Yosef Nope", birth_date=ADULT, village=village).pk
             for _ in range(2)}
    manifest = _submit(world, {"name": "Yosef Nope", "birth_date": ADULT.isoformat()})
    passenger = manifest.passengers.get()
    assert passenger.verdict == "check" and passenger.person is None
    [reason] = [r for r in passenger.reasons if r["code"] == "identity_ambiguous"]
    assert {c["person_id"] for c in reason["candidates"]} == {str(pk) for pk in twins}
    assert "2 orang terdaftar" in reason["text_id"]
    assert {pk for pk, _score in services.possible_people(passenger)} == {
        str(pk) for pk in twins}


def test_a_guardian_in_another_chunk_is_found_through_the_manifest_keys(world: World) -> None:
    _family(world)
    everyone = _passengers({"name": "Maria Yasinta Taek", "birth_date": CHILD.isoformat()},
                           {"name": "Yuliana Taek", "birth_date": ADULT.isoformat()})
    [alone] = screen(everyone[:1], departure_date=TODAY, journey="international")
    assert alone.verdict == "stop"
    [together] = screen(everyone[:1], departure_date=TODAY, journey="international",
                        companions=companion_keys(everyone))
    assert together.verdict == "check"
    assert {r["code"] for r in together.reasons} >= {"minor_accompanied"}


def test_a_household_head_counts_as_the_childs_parent(world: World) -> None:
    from lindung.people.services import household_create

    village = Region.objects.get(code=NTT_VILLAGE)
    household = household_create(actor=None, village=village)
    person_create(actor=None, name="Daniel Sabu", birth_date=ADULT, village=village,
                  household=household, household_relation="head")
    person_create(actor=None, name="Rini Sabu", birth_date=CHILD, village=village,
                  household=household, household_relation="child")
    manifest = _submit(world, {"name": "Daniel Sabu", "birth_date": ADULT.isoformat()},
                       {"name": "Rini Sabu", "birth_date": CHILD.isoformat()},
                       journey="international")
    child = manifest.passengers.get(row_number=2)
    assert "minor_accompanied" in _codes(child) and child.verdict == "check"


def test_the_kind_of_journey_is_checked_and_transit_points_are_data(world: World) -> None:
    assert journey_kind("domestic", "Tanjung Pinang") == "transit"
    assert journey_kind("domestic", "TANJUNGPINANG") == "transit"
    assert journey_kind("domestic", "Ende") == "domestic"
    assert journey_kind("international", "Ende") == "international"
    with pytest.raises(ValueError):
        journey_kind("cruise")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        _submit(world, {"name": "Petrus Tefa", "birth_date": ADULT.isoformat()},
                journey="cruise")
    assert "Jenis perjalanan tidak dikenal" in str(error.value)
    assert not ScreeningManifest.objects.exists()


BOOK = """
transit_points = ["Batam"]
[[rule]]
code = "minor_old"
severity = "stop"
when = ["minor"]
text_id = "Anak {age}"
text_en = "Child {age}"
from = 2017-11-22
until = 2025-12-31

[[rule]]
code = "minor_new"
severity = "check"
when = ["minor"]
text_id = "Anak {age}"
text_en = "Child {age}"
from = 2026-01-01
"""


def test_rules_apply_only_on_the_dates_they_are_in_force(world: World) -> None:
    book = parse_rules(BOOK)
    facts = [("minor", {"age": 12})]
    [old] = book.apply(facts, dt.date(2025, 6, 1))
    assert old.rule.code == "minor_old" and old.values["age"] == 12
    [new] = book.apply(facts, dt.date(2026, 6, 1))
    assert new.rule.code == "minor_new"
    passenger = _passengers({"name": "Agustinus Lake", "birth_date": CHILD.isoformat()})
    [result] = screen(passenger, departure_date=TODAY, book=book)
    assert result.verdict == "check" and result.reasons[0]["text_id"] == "Anak 11"
    assert result.reasons[0]["text_en"] == "Child 11"


@pytest.mark.parametrize("broken", [
    BOOK.replace('when = ["minor"]', 'when = ["left_handed"]', 1),
    BOOK.replace('severity = "stop"', 'severity = "maybe"'),
    BOOK.replace("until = 2025-12-31", "until = 2010-01-01"),
    BOOK.replace("from = 2026-01-01", 'from = "soon"'),
    BOOK.replace('text_en = "Child {age}"', "", 1),
    "transit_points = []",
    "[[rule",
])
def test_a_malformed_rule_book_is_refused_whole(broken: str) -> None:
    with pytest.raises(RuleBookError):
        parse_rules(broken)


def test_the_shipped_rule_book_loads_and_names_the_transit_points() -> None:
    book = rule_book()
    assert {"Batam", "Nunukan", "Entikong", "Tanjung Pinang"} <= set(book.transit_points)
    codes = {rule.code for rule in book.in_force(TODAY)}
    assert {"minor_unaccompanied", "minor_accompanied", "recorded_abroad",
            "identity_ambiguous", "not_registered"} <= codes


def test_a_second_manifest_adds_to_the_open_alert_of_the_person(world: World) -> None:
    row = {"name": "Agustinus Lake", "birth_date": CHILD.isoformat()}
    first = _submit(world, row).passengers.get()
    second = _submit(world, row, reference="KM Sirimau").passengers.get()
    alert = Alert.objects.get()
    assert alert.hit_count == 2 and alert.passenger == first
    assert set(alert.hits.values_list("passenger_id", flat=True)) == {first.pk, second.pk}
    services.alert_resolve(actor=world.users["taskforce_kupang"], alert=alert,
                           resolution="cleared", note="")
    third = _submit(world, row).passengers.get()
    assert Alert.objects.count() == 2
    assert AlertHit.objects.get(passenger=third).alert != alert


def test_one_open_alert_per_subject_and_point_is_a_database_constraint(world: World) -> None:
    row = {"name": "Agustinus Lake", "birth_date": CHILD.isoformat()}
    passenger = _submit(world, row).passengers.get()
    alert = Alert.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(site=alert.site, region_code=alert.region_code,
                             manifest=alert.manifest, passenger=passenger,
                             subject=alert.subject, verdict="stop")
