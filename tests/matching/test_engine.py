"""The engine's bulk paths (pure Python): prepared records, the bounded fast scorer, key
selection under a budget, in-memory de-duplication, weights from observed key counts.

Runs without the database."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections import defaultdict
from datetime import date

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lindung.matching.dedupe import BlockIndex
from lindung.matching.dedupe import brute_force_pairs
from lindung.matching.dedupe import choose_blocks
from lindung.matching.dedupe import find_duplicates
from lindung.matching.keys import record_keys
from lindung.matching.keys import unique_key
from lindung.matching.normalize import name_tokens
from lindung.matching.retrieval import select_keys
from lindung.matching.score import POSSIBLE_LOG_ODDS
from lindung.matching.score import Candidate
from lindung.matching.score import Query
from lindung.matching.score import make_record
from lindung.matching.score import prepare
from lindung.matching.score import quick_log_odds
from lindung.matching.score import score_pair
from lindung.matching.score import score_records
from lindung.matching.synthetic import SyntheticPerson
from lindung.matching.synthetic import generate_registry
from lindung.matching.synthetic import labelled_pairs
from lindung.matching.weights import PhoneticCounts
from lindung.matching.weights import TokenWeights
from lindung.matching.weights import token_weight

BORN = date(1985, 3, 12)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_it_scores_alike_in_bulk_and_explained(seed: int) -> None:
    for pair in labelled_pairs(40, random.Random(seed)):
        left, right = prepare(pair.left.to_query()), prepare(pair.right.to_candidate())
        explained = score_records(left, right)
        assert math.isclose(quick_log_odds(left, right), explained.log_odds, abs_tol=0.002)
        bounded = quick_log_odds(left, right, floor=POSSIBLE_LOG_ODDS)
        if explained.log_odds >= POSSIBLE_LOG_ODDS + 0.002:
            assert math.isclose(bounded, explained.log_odds, abs_tol=0.002)
        elif explained.reasons[0].strength != "exact":
            assert bounded == -math.inf or bounded < POSSIBLE_LOG_ODDS + 0.002


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_it_scores_a_record_whose_name_is_prepared_late_as_one_prepared_at_once(
        seed: int) -> None:
    """The database layer defers a candidate's name until a comparison needs it."""
    for pair in labelled_pairs(40, random.Random(seed)):
        query, person = prepare(pair.left.to_query()), pair.right
        normalized = " ".join(name_tokens(person.name))
        eager = make_record("c", person.name, person.birth_date, person.birth_place,
                            person.sex, nik=person.nik, passport=person.passport,
                            normalized=normalized)
        late = make_record("c", person.name, person.birth_date, person.birth_place,
                           person.sex, nik=person.nik, passport=person.passport,
                           normalized=normalized, defer_name=True)
        assert late.deferred_name == normalized
        for floor in (-math.inf, POSSIBLE_LOG_ODDS, 3.0):
            assert quick_log_odds(query, late, floor=floor) == quick_log_odds(
                query, eager, floor=floor)
        assert score_records(query, late) == score_records(query, eager)
        assert late == eager and late.name == eager.name


def test_it_keeps_the_same_decisions_as_score_pair() -> None:
    query = Query("Moh. Jusuf", BORN, "Kupang", sex="M")
    candidate = Candidate("c", "Muhammad Yusuf", BORN, "Kab. Kupang", sex="L")
    assert score_records(prepare(query), prepare(candidate)) == score_pair(query, candidate)


def test_it_compares_identity_numbers_by_key_and_unseals_only_when_needed() -> None:
    opened: list[str] = []

    def unseal(sealed: str) -> str:
        opened.append(sealed)
        return sealed.removeprefix("sealed:")

    query = make_record("q", "Maria Ndun", BORN, nik="5301015203850001", nik_key="k1")
    same = make_record("c", "Maria Ndun", BORN, nik_key="k1", nik_sealed="sealed:x")
    typo = make_record("c", "Maria Ndun", BORN, nik_key="k2",
                       nik_sealed="sealed:5301015203850007")
    other = make_record("c", "Maria Ndun", BORN, nik_key="k3",
                        nik_sealed="sealed:3273011203850001")
    assert score_records(query, same, unseal=unseal).reasons[0].strength == "exact"
    assert opened == []
    assert score_records(query, typo, unseal=unseal).reasons[0].strength == "partial"
    assert score_records(query, other, unseal=unseal).reasons[0].strength == "conflict"
    assert len(opened) == 2
    # Without a way to unseal, different keys are a conflict.
    locked = make_record("c", "Maria Ndun", BORN, nik_key="k4")
    assert score_records(query, locked).reasons[0].strength == "conflict"
    passport = make_record("c", "Maria Ndun", BORN, passport_key="p1")
    assert score_records(make_record("q", "Maria Ndun", BORN, passport_key="p1"),
                         passport).reasons[1].strength == "exact"


def test_it_never_cuts_off_an_identical_nik() -> None:
    query = make_record("q", "Budi Santoso", date(1960, 1, 1), nik_key="k")
    candidate = make_record("c", "Maria Ndun", date(2001, 5, 5), nik_key="k")
    assert quick_log_odds(query, candidate, floor=5.0) > -math.inf
    assert score_records(query, candidate).decision == "possible"


def test_it_selects_the_smallest_blocks_up_to_the_budget() -> None:
    sizes = {"a": 3, "b": 40, "c": 80, "d": 5000, "e": 0}
    assert select_keys(["a", "b", "c", "d", "e", "new"], sizes, budget=50) == ["new", "a", "b"]
    assert select_keys(["c"], sizes, budget=10) == ["c"]  # the smallest block, whatever its size
    assert select_keys(["d"], sizes, budget=10) == []  # a stop key, never
    assert select_keys(["d"], sizes, budget=10, limit=10_000) == ["d"]


def test_it_builds_blocks_from_sorted_rows() -> None:
    rows = [("a", 0), ("a", 2), ("b", 1), ("c", 0), ("c", 1), ("c", 2), ("d", 3)]
    index = BlockIndex.from_sorted_rows(rows, 4, limit=2)
    assert [list(block) for block in index.blocks] == [[0, 2]]  # b: alone, c: too big
    assert [list(numbers) for numbers in index.record_blocks] == [[0], [], [0], []]
    assert choose_blocks(index, budget=1) == [(0,), (), (0,), ()]


def _truth(people: list[SyntheticPerson]) -> set[tuple[int, int]]:
    clusters: dict[str, list[int]] = defaultdict(list)
    for index, person in enumerate(people):
        clusters[person.true_id].append(index)
    return {(a, b) for members in clusters.values()
            for i, a in enumerate(members) for b in members[i + 1:]}


def test_it_finds_duplicates_in_memory_like_brute_force() -> None:
    people = list(generate_registry(600, seed=11, duplicate_rate=0.15, homonym_rate=0.05))
    records = [make_record(p.record_id, p.name, p.birth_date, p.birth_place, p.sex, nik=p.nik,
                           passport=p.passport) for p in people]
    index = BlockIndex.from_keys([record_keys(p.name, p.birth_date) for p in people])
    found = find_duplicates(records, index)
    pairs = {(a, b) for a, b, _ in found}
    assert len(pairs) == len(found)  # each pair once
    assert all(a < b for a, b in pairs)
    truth = _truth(people)
    matched = {(a, b) for a, b, log_odds in found if log_odds >= 2.2}
    assert len(matched & truth) / len(truth) >= 0.85
    assert len(matched & truth) / len(matched) >= 0.9
    everything, compared = brute_force_pairs(records)
    assert compared == 600 * 599 // 2
    # Blocking loses little of what comparing every pair would find.
    assert len(pairs & {(a, b) for a, b, _ in everything}) >= 0.9 * len(everything)


def test_it_gives_the_same_pairs_with_two_processes() -> None:
    people = list(generate_registry(400, seed=5, duplicate_rate=0.2))
    records = [make_record(p.record_id, p.name, p.birth_date, p.birth_place, p.sex,
                           nik=p.nik) for p in people]
    index = BlockIndex.from_keys([record_keys(p.name, p.birth_date) for p in people])
    ticks: list[tuple[int, int]] = []
    alone = find_duplicates(records, index)
    forked = find_duplicates(records, index, processes=2,
                             progress=lambda done, total: ticks.append((done, total)))
    assert forked == alone
    assert ticks[-1] == (400, 400)


def test_it_weighs_tokens_by_observed_key_counts() -> None:
    names = ["Yohanes Manafe"] * 3000 + ["Maria Benu"] * 10 + ["Siti Aminah"] * 7000
    counts = Counter(key for name in names for key in record_keys(name, None)
                     if key.startswith("u:"))
    weights = TokenWeights(PhoneticCounts(counts), len(names))
    assert unique_key("Manafe".lower()) in counts
    assert weights("manafe") < token_weight("manafe")  # common in this registry
    assert weights("benu") > weights("manafe")
    assert weights("siti") <= token_weight("siti")  # never rarer than the built-in share
    small = TokenWeights(PhoneticCounts({"u:manapa": 1}), 5)
    assert abs(small("manafe") - token_weight("manafe")) < 0.5  # a tiny registry: prior wins
