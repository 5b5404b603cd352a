"""The kinds of evidence issue 17 asked the engine to weigh right: evidence scaled to the
registry, one name against two (either direction, by the extra token's kind), titles and
degrees wherever they stand, combined variations, and reasons in the officer's language.
(Ambiguity over several candidates: tests/matching/test_decide.py.)"""

from __future__ import annotations

import random
from datetime import date

from django.utils import translation

from lindung.matching.decide import identify
from lindung.matching.names import prepare_name
from lindung.matching.names import token_factor
from lindung.matching.normalize import normalize_name
from lindung.matching.score import Candidate
from lindung.matching.score import Query
from lindung.matching.score import score_pair
from lindung.matching.synthetic import generate_registry
from lindung.matching.synthetic import make_person
from lindung.matching.synthetic import make_variant
from lindung.matching.weights import PRIOR_LOG_ODDS
from lindung.matching.weights import PhoneticCounts
from lindung.matching.weights import TokenWeights
from lindung.matching.weights import prior_log_odds
from lindung.people.match_display import identification_summary
from lindung.people.match_display import reason_rows

BORN = date(1990, 3, 12)
FIELDS = {"birth_date": BORN, "birth_place": "Blitar", "sex": "M"}


def _pair(left: str, right: str, weights: TokenWeights | None = None,
          **fields: object) -> tuple[float, str, str]:
    values = {**FIELDS, **fields}
    result = score_pair(Query(left, **values), Candidate("c", right, **values),  # type: ignore[arg-type]
                        weights)
    name = result.reasons[2]
    return result.log_odds, result.decision, name.detail


def _registry(people: int) -> TokenWeights:
    return TokenWeights(PhoneticCounts({}), people)


# -- evidence scaled to the registry ----------------------------------------------------------

def test_the_prior_falls_with_the_size_of_the_registry() -> None:
    assert prior_log_odds(None) == prior_log_odds(10_000) == PRIOR_LOG_ODDS
    assert prior_log_odds(1_000_000) < prior_log_odds(200_000) < PRIOR_LOG_ODDS
    assert round(prior_log_odds(1_000_000) - PRIOR_LOG_ODDS, 2) == -2.3


def test_a_common_one_token_name_and_birth_date_is_weaker_in_a_bigger_registry() -> None:
    small, small_decision, _ = _pair("Budi", "BUDI", _registry(50_000))
    big, big_decision, _ = _pair("Budi", "BUDI", _registry(1_000_000))
    assert small_decision == "match"
    assert big_decision == "possible"  # a check at the point, not a match
    assert small - big > 2.0
    # A NIK still settles it, whatever the registry's size.
    _, with_nik, _ = _pair("Budi", "Budi", _registry(1_000_000), nik="3505011203900001")
    assert with_nik == "match"


def test_the_registry_counts_weigh_a_token() -> None:
    rare = TokenWeights(PhoneticCounts({"u:ratna": 5}), 1_000_000)
    common = TokenWeights(PhoneticCounts({"u:ratna": 40_000}), 1_000_000)
    assert rare("ratna") > common("ratna") + 1.0


# -- one name against two ---------------------------------------------------------------------

def test_one_name_against_two_scores_the_same_in_either_direction() -> None:
    forward = _pair("Ketut Pratama", "Ketut")
    backward = _pair("Ketut", "Ketut Pratama")
    assert forward[0] == backward[0] and forward[1] == backward[1]
    assert forward[1] in ("possible", "match")  # the one-name KTP and the passport
    assert "one name against a longer one" in forward[2]


def test_the_extra_token_weighs_by_its_kind() -> None:
    patronym = _pair("Sunarti binti Slamet", "Sunarti", sex="F")
    family = _pair("Marselina Manafe", "Marselina", sex="F")
    given = _pair("Marselina Rahayu", "Marselina", sex="F")
    assert patronym[0] > family[0] > given[0]
    assert "family name" in family[2] and "given name" in given[2]
    repeated = _pair("Sumiati Sumiati", "Sumiati", sex="F")
    plain = _pair("Sumiati", "Sumiati", sex="F")
    assert repeated[0] == plain[0]
    assert "written twice" in repeated[2]
    # The one name being only the family name says less (siblings share it).
    family_only = _pair("Manafe", "Yohanes Manafe")
    assert family_only[0] < _pair("Yohanes", "Yohanes Manafe")[0]
    assert "only the family name" in family_only[2]


def test_different_given_names_still_conflict() -> None:
    _, decision, detail = _pair("Ketut Pratama", "Ketut Suardana")
    assert decision == "no_match" and "differ on both sides" in detail


# -- titles and degrees -----------------------------------------------------------------------

def test_titles_and_degrees_are_stripped_wherever_they_stand() -> None:
    for written in ("S.Pd. Bambang Susilo", "Bambang Susilo, S.Pd.", "Drs. Bambang Susilo",
                    "Bambang Susilo Drs.", "SPd Bambang Susilo", "S. Pd. Bambang Susilo",
                    "H. Bambang Susilo, Ir."):
        assert normalize_name(written) == "bambang susilo", written
    assert normalize_name("Amd. Sumiati") == normalize_name("Amd Sumiati") == "sumiati"
    assert normalize_name("Siti Aminah Hj.") == "siti aminah"
    assert normalize_name("St. Aminah") == "siti aminah"  # "St." first is Siti
    assert normalize_name("Mei Lestari") == "mei lestari"  # a name, not a degree
    assert normalize_name("Ahmad H.") == "ahmad h"  # a trailing initial
    _, decision, detail = _pair("S.Pd. Bambang Susilo", "BAMBANG SUSILO")
    assert decision == "match" and detail.startswith("2 of 2 name tokens agree (2 exactly")


# -- combined variations ----------------------------------------------------------------------

def test_an_old_spelling_with_a_typo_is_a_variation_not_a_conflict() -> None:
    assert token_factor(prepare_name("Yoesf").keys[0], prepare_name("Yosef").keys[0]) > 0
    _, decision, detail = _pair("Yoesf Manafe", "Yosef Manafe")
    assert decision == "match" and "old spelling with a typo" in detail
    assert "1 approximately" in detail
    # Short names stay apart: "Rina" and "Rini" are two names.
    assert token_factor("rina", "rini") < 0.5


def test_the_generator_has_every_kind() -> None:
    rng = random.Random(3)
    seen: set[str] = set()
    for _ in range(200):
        person = make_person(rng)
        for kind in ("add_token", "combined", "title", "drop_token"):
            variant = make_variant(person, rng, kinds=(kind,))
            if variant.variations == (kind,):
                assert variant.name.lower() != person.name.lower(), kind
                seen.add(kind)
    assert seen == {"add_token", "combined", "title", "drop_token"}
    records = list(generate_registry(2000, seed=4, duplicate_rate=0.1, ambiguous_rate=0.05))
    twins = [r for r in records if r.variations == ("ambiguous_homonym",)]
    assert twins
    for twin in twins:
        namesake = [r for r in records if r.name == twin.name and r.true_id != twin.true_id
                    and r.birth_date == twin.birth_date]
        assert namesake


# -- reasons in the officer's language --------------------------------------------------------

def test_reasons_are_explained_in_the_officers_language() -> None:
    result = score_pair(Query("Yohanes Manafe", **FIELDS),  # type: ignore[arg-type]
                        Candidate("c", "Yohanes Manafe", **FIELDS))  # type: ignore[arg-type]
    with translation.override("id"):
        indonesian = {row.field: row.detail for row in reason_rows(result.reasons)}
        found = identify([result], lambda hit: hit)
        summary_id = identification_summary(found)
    with translation.override("en"):
        english = {row.field: row.detail for row in reason_rows(result.reasons)}
        summary_en = identification_summary(found)
    assert indonesian["name"].startswith("2 dari 2 token nama cocok")
    assert english["name"].startswith("2 of 2 name tokens agree")
    assert indonesian["birth_date"] == "tanggal lahir sama"
    assert english["birth_date"] == "birth dates are identical"
    assert summary_id.startswith("Cocok") and summary_en.startswith("Match")
    # Stored reasons (JSON) are explained the same way; older ones keep their detail.
    stored = result.reasons_as_dicts()
    with translation.override("id"):
        assert reason_rows(stored)[0].detail == indonesian[reason_rows(stored)[0].field]
        old = reason_rows([{"field": "name", "strength": "exact", "detail": "x", "weight": 1}])
        assert old[0].detail == "x"
