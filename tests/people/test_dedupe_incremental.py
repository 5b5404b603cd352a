"""Incremental de-duplication: each new or changed person is compared on arrival (issue 17),
and the margin rule of the batch run (a third record that fits as well is not a match)."""

from __future__ import annotations

from datetime import date
from typing import Any

from lindung.matching.dedupe import BlockIndex
from lindung.matching.dedupe import ambiguous_pairs
from lindung.matching.dedupe import find_duplicates
from lindung.matching.keys import record_keys
from lindung.matching.score import make_record
from lindung.people.dedupe import dedupe_person
from lindung.people.dedupe import dedupe_run
from lindung.people.dedupe import duplicate_pair_decide
from lindung.people.models import DuplicatePair
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.people.services import person_update
from lindung.regions.models import Region
from tests.conftest import NTT_VILLAGE
from tests.conftest import World

BORN = date(1990, 4, 12)


def _pairs(person: Person) -> dict[Any, DuplicatePair]:
    found = DuplicatePair.objects.filter(person_a=person) | DuplicatePair.objects.filter(
        person_b=person)
    return {pair.person_b_id if pair.person_a_id == person.pk else pair.person_a_id: pair
            for pair in found}


def test_it_queues_a_new_persons_duplicates_on_arrival(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    with django_capture_on_commit_callbacks(execute=True):
        first = person_create(actor=None, name="Yohanes Manafe", birth_date=BORN,
                              birth_place="Kupang", village=ntt, nik="5371011204900001")
    assert _pairs(first) == {}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = person_create(actor=world.users["admin"], name="Johanes Manafe",
                               birth_date=BORN, birth_place="Kab. Kupang", village=ntt)
    assert callbacks  # the check is queued for after the commit, not run in the write
    pair = _pairs(second)[first.pk]
    assert pair.status == "open" and pair.decision == "match" and pair.score >= 0.9
    assert pair.region_code == NTT_VILLAGE
    assert {reason["field"] for reason in pair.reasons} >= {"name", "birth_date"}
    assert "Manafe" not in str(pair.reasons)  # relations only, never the values


def test_it_checks_a_changed_person_again_and_drops_pairs_no_longer_found(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    admin = world.users["admin"]
    with django_capture_on_commit_callbacks(execute=True):
        first = person_create(actor=None, name="Maria Tefa", birth_date=BORN, village=ntt)
        second = person_create(actor=None, name="Maria Tefa", birth_date=BORN, village=ntt)
        third = person_create(actor=None, name="Maria Tefa", birth_date=BORN, village=ntt)
    decided = _pairs(third)[first.pk]
    duplicate_pair_decide(actor=admin, pair=decided, status="not_same")
    assert set(_pairs(third)) == {first.pk, second.pk}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        person_update(actor=admin, person=third, phone="081234567890")
    assert not callbacks  # no matching field changed: nothing to check
    with django_capture_on_commit_callbacks(execute=True):
        person_update(actor=admin, person=third, name="Kornelis Boimau",
                      birth_date=date(1971, 9, 30))
    left = _pairs(third)
    assert set(left) == {first.pk}  # the decided pair stays, the open one is gone
    assert DuplicatePair.objects.get(pk=decided.pk).status == "not_same"


def test_it_says_possible_when_two_registry_people_fit_alike(world: World) -> None:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    # Two people with one name, birth date and place, told apart by their NIKs only.
    one = person_create(actor=None, name="Yosef Nope", birth_date=BORN, birth_place="Kupang",
                        village=ntt, nik="5371011204900001")
    two = person_create(actor=None, name="Yosef Nope", birth_date=BORN, birth_place="Kupang",
                        village=ntt, nik="5371021204900002")
    newcomer = person_create(actor=None, name="Yosef Nope", birth_date=BORN,
                             birth_place="Kupang", village=ntt)
    check = dedupe_person(newcomer.pk)
    assert check.pairs == 2 and check.new_pairs == 2
    pairs = _pairs(newcomer)
    assert {pairs[one.pk].decision, pairs[two.pk].decision} == {"possible"}
    assert min(pairs[one.pk].score, pairs[two.pk].score) >= 0.9  # each scores high alone
    assert dedupe_person(newcomer.pk).new_pairs == 0  # idempotent
    # The batch run applies the same rule.
    dedupe_run()
    assert {pair.decision for pair in _pairs(newcomer).values()} == {"possible"}
    assert one.pk not in _pairs(two)  # different NIKs: not even possible


def test_it_lets_records_of_one_person_not_compete() -> None:
    people = [("Yohanes Manafe", "5371011204900001"), ("Johanes Manafe", ""),
              ("Yohanis Manafe", ""), ("Yohanes Manafe", "5371021204900002")]
    records = [make_record(str(index), name, BORN, "Kupang", "M", nik=nik)
               for index, (name, nik) in enumerate(people)]
    index = BlockIndex.from_keys([record_keys(name, BORN) for name, _nik in people])
    found = find_duplicates(records, index)
    unclear = ambiguous_pairs(found, records)
    # Records 1 and 2 fit both NIK holders (0 and 3), who are two people: every pair with
    # them is unclear; the NIK holders never pair.
    assert (0, 3) not in {(a, b) for a, b, _ in found}
    assert {(0, 1), (1, 3), (0, 2), (2, 3)} <= unclear
    # Without the second NIK holder, the three records of one person are all clear.
    clear = [(a, b, log_odds) for a, b, log_odds in found if 3 not in (a, b)]
    assert ambiguous_pairs(clear, records) == set()


def test_it_blocks_records_that_share_a_passport() -> None:
    records = [make_record("0", "Kornelis Boimau", BORN, "Kupang", "M", passport="C1234567"),
               make_record("1", "Boimau", None, "Kupang", "M", passport="C1234567"),
               make_record("2", "Anselmus Tallo", date(1980, 1, 2), "Soe", "M")]
    keys = [record_keys("Kornelis Boimau", BORN), {"u:other"}, record_keys("Anselmus Tallo",
                                                                          date(1980, 1, 2))]
    without = find_duplicates(records, BlockIndex.from_keys(keys), identity_blocks=False)
    assert without == []
    found = find_duplicates(records, BlockIndex.from_keys(keys))
    assert [(a, b) for a, b, _ in found] == [(0, 1)]
