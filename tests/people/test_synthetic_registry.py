"""`lindung synthetic_registry`: a synthetic registry of any size, with its truth."""

from __future__ import annotations

import io
import uuid
from collections import defaultdict
from datetime import date

import pytest
from django.core.management import CommandError
from django.core.management import call_command

from lindung.people.dedupe import dedupe_run
from lindung.people.models import DuplicatePair
from lindung.people.models import MatchKeyFrequency
from lindung.people.models import Person
from lindung.people.models import PersonMatchKey
from lindung.people.services import person_create
from lindung.people.synthetic_registry import synthetic_truth

pytestmark = pytest.mark.django_db


def _truth() -> dict[uuid.UUID, str]:
    """person id -> cluster (the truth table keeps ids as the database writes them)."""
    return {uuid.UUID(person_id): cluster for person_id, cluster in synthetic_truth().items()}


def _load(people: int, *extra: str) -> str:
    out = io.StringIO()
    call_command("synthetic_registry", "--people", str(people), "--processes", "1", *extra,
                 stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_loads_marked_indexed_people_with_known_duplicates() -> None:
    assert "400 synthetic people loaded" in _load(400, "--seed", "3")
    assert Person.objects.count() == 400
    assert not Person.objects.filter(synthetic=False).exists()
    truth = _truth()
    assert set(truth) == set(Person.objects.values_list("id", flat=True))
    clusters: dict[str, int] = defaultdict(int)
    for cluster in truth.values():
        clusters[cluster] += 1
    assert 300 < len(clusters) < 400  # ~10% duplicate records, some homonyms
    # Every person has blocking keys and the frequencies are counted.
    assert PersonMatchKey.objects.values("person").distinct().count() == 400
    assert MatchKeyFrequency.objects.filter(key="#people").get().people == 400
    # A NIK is held once; one-name people are among them.
    niks = list(Person.objects.exclude(nik_index="").values_list("nik_index", flat=True))
    assert len(niks) == len(set(niks)) > 250
    assert any(" " not in name for name in Person.objects.values_list("name", flat=True))


def test_its_duplicates_are_found_by_the_batch_de_duplication() -> None:
    _load(400, "--seed", "5")
    truth = _truth()
    members: dict[str, list[uuid.UUID]] = defaultdict(list)
    for person_id, cluster in truth.items():
        members[cluster].append(person_id)
    true_pairs = {frozenset((a, b)) for group in members.values()
                  for i, a in enumerate(group) for b in group[i + 1:]}
    dedupe_run()
    found = {frozenset(pair) for pair in DuplicatePair.objects.filter(
        score__gte=0.9).values_list("person_a_id", "person_b_id")}
    assert true_pairs and len(found & true_pairs) / len(true_pairs) >= 0.7
    assert len(found & true_pairs) / max(len(found), 1) >= 0.8


def test_it_replaces_an_earlier_synthetic_load_without_duplicates() -> None:
    _load(120)
    _load(150, "--seed", "2")
    assert Person.objects.count() == 150 == len(synthetic_truth())


def test_it_refuses_a_registry_with_real_people() -> None:
    real = person_create(actor=None, name="Maria Nahak", birth_date=date(1995, 2, 3))
    with pytest.raises(CommandError, match="bukan sintetis"):
        _load(50)
    assert list(Person.objects.all()) == [real]


@pytest.mark.parametrize("arguments", [("--people", "0"), ("--people", "10", "--duplicates",
                                                               "1.5")])
def test_it_refuses_bad_arguments(arguments: tuple[str, ...]) -> None:
    with pytest.raises(CommandError):
        call_command("synthetic_registry", *arguments, stdout=io.StringIO())
    assert Person.objects.count() == 0
