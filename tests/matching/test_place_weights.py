"""Birth places weighed by the registry's own counts (issue 17): agreeing on a place shared
by few people says more than agreeing on one shared by many, within bounds, and the bulk
scorer agrees with the explained one."""

from __future__ import annotations

import math
from datetime import date

from lindung.matching.score import make_record
from lindung.matching.score import quick_log_odds
from lindung.matching.score import score_records
from lindung.matching.weights import PLACE_AGREE
from lindung.matching.weights import PLACE_AGREE_MAX
from lindung.matching.weights import PhoneticCounts
from lindung.matching.weights import TokenWeights

BORN = date(1990, 4, 12)


def _weights(places: dict[str, int]) -> TokenWeights:
    return TokenWeights(PhoneticCounts({}), 1_000_000, places)


def test_it_weighs_a_rarer_place_more_within_bounds() -> None:
    weights = _weights({"malang": 200_000, "soe": 60_000, "barru": 4_000})
    assert weights.place("malang") == PLACE_AGREE  # a fifth of the registry: little
    assert PLACE_AGREE < weights.place("soe") < weights.place("barru") == PLACE_AGREE_MAX
    assert math.isclose(weights.place("soe"), math.log(0.5 / ((60_000 + 20_000 * 0.5 / math.e)
                                                          / 1_020_000)))
    assert TokenWeights().place("barru") == PLACE_AGREE  # no counts: the built-in weight


def test_the_bulk_scorer_agrees_with_the_explained_one() -> None:
    weights = _weights({"barru": 4_000, "malang": 200_000})
    for place, other in (("Barru", "Kab. Barru"), ("Malang", "Malang"), ("Barru", "Malang")):
        left = make_record("a", "Andi Baso", BORN, place, "M")
        right = make_record("b", "Andi Basso", BORN, other, "M")
        explained = score_records(left, right, weights)
        assert math.isclose(quick_log_odds(left, right, weights), explained.log_odds,
                            abs_tol=1e-3)
    rare = score_records(make_record("a", "Andi Baso", BORN, "Barru", "M"),
                         make_record("b", "Andi Baso", BORN, "Barru", "M"), weights)
    common = score_records(make_record("a", "Andi Baso", BORN, "Malang", "M"),
                           make_record("b", "Andi Baso", BORN, "Malang", "M"), weights)
    reason = {reason.field: reason for reason in rare.reasons}["birth_place"]
    assert reason.code == "place_exact" and reason.weight == PLACE_AGREE_MAX
    assert rare.log_odds - common.log_odds == PLACE_AGREE_MAX - PLACE_AGREE
    # A pair that only a rare place could lift is not cut off by the bulk scorer's bound.
    floor = rare.log_odds - 0.1
    left = make_record("a", "Andi Baso", BORN, "Barru", "M")
    right = make_record("b", "Andi Baso", BORN, "Barru", "M")
    assert quick_log_odds(left, right, weights, floor) >= floor
