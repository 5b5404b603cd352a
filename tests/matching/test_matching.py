"""The pure-Python matching engine: normalisation, keys, weights, scoring, synthetic data.

Runs without Django: ``pytest -p no:django tests/matching/test_matching.py``.
"""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lindung.matching.keys import blocking_keys
from lindung.matching.keys import phonetic_token
from lindung.matching.keys import record_keys
from lindung.matching.keys import spelling_key
from lindung.matching.normalize import name_tokens
from lindung.matching.normalize import normalize_name
from lindung.matching.normalize import split_patronym
from lindung.matching.score import MATCH_THRESHOLD
from lindung.matching.score import Candidate
from lindung.matching.score import Query
from lindung.matching.score import explain
from lindung.matching.score import rank_candidates
from lindung.matching.score import score_pair
from lindung.matching.synthetic import VARIATIONS
from lindung.matching.synthetic import SyntheticPerson
from lindung.matching.synthetic import generate_registry
from lindung.matching.synthetic import labelled_pairs
from lindung.matching.synthetic import make_homonym
from lindung.matching.synthetic import make_person
from lindung.matching.synthetic import make_variant
from lindung.matching.weights import TokenWeights
from lindung.matching.weights import count_tokens
from lindung.matching.weights import token_weight

BORN = date(1985, 3, 12)

# ---------------------------------------------------------------------------------------------
# Normalisation


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Moh. Yusuf", "Muhammad Jusuf"),
        ("M. Yusuf", "Mohammad Yusuf"),
        ("Mohd. Yusuf", "MUHAMAD YUSUF"),
        ("Muh Yusuf", "Mochammad Yusuf"),
        ("Mohamed Yusuf", "Muhammed Jusuf"),
        ("Soekarno", "Sukarno"),
        ("Djoko Santoso", "Joko Santoso"),
        ("Tjahjo Kumolo", "Cahyo Kumolo"),
        ("Soejono", "Suyono"),
        ("Njoman Soedarma", "Nyoman Sudarma"),
        ("Sjahrir", "Syahrir"),
        ("Djaja Widjaja", "Jaya Wijaya"),
        ("Hj. Siti Aminah S.Pd.", "Siti Aminah"),
        ("Hj. Siti Aminah, S. Pd.", "Siti Aminah"),
        ("Drs. H. Ahmad Yani, M.M.", "Ahmad Yani"),
        ("K.H. Abdul Hamid", "Abdul Hamid"),
        ("Ir. Budi Santoso, MT", "Budi Santoso"),
        ("Yohana Benu, A.Md.Keb", "Yohana Benu"),
        ("Prof. Dr. Ir. Rahmat Hidayat, M.Sc., Ph.D.", "Rahmat Hidayat"),
        ("St. Nurhaliza", "Siti Nurhaliza"),
        ("Abd. Rahman", "Abdul Rahman"),
        ("Ma'ruf Amin", "Maruf Amin"),
        ("Rosmawati br. Sitorus", "Rosmawati Sitorus"),
        ("  SITI   aminah  ", "Siti Aminah"),
    ],
)
def test_it_normalises_name_variants_to_one_form(left: str, right: str) -> None:
    assert normalize_name(left) == normalize_name(right)


def test_it_gives_expected_canonical_forms() -> None:
    assert normalize_name("Moh. Yusuf") == "muhammad yusuf"
    assert normalize_name("Soekarno") == "sukarno"
    assert normalize_name("Djoko") == "joko"
    assert normalize_name("Tjahjo") == "cahyo"
    assert normalize_name("Hj. Siti Aminah S.Pd.") == "siti aminah"
    assert normalize_name("Christina") == "kristina"
    assert normalize_name("Chairul") == "khairul"
    assert normalize_name("José Ñúñez") == "jose nunez"


def test_it_keeps_current_spelling_j() -> None:
    # After 1972 'j' is the old 'dj': rewriting it to 'y' would merge different names.
    assert normalize_name("Joko") == "joko"
    assert normalize_name("Juwita Jaya") == "juwita jaya"
    # The ambiguity is handled by the keys instead.
    assert spelling_key("wahju") == spelling_key("wahyu")


def test_it_does_not_strip_name_tokens_that_look_like_titles() -> None:
    assert name_tokens("Haji") == ["haji"]  # nothing left otherwise
    assert name_tokens("Yohanes Ama") == ["yohanes", "ama"]  # 'A.Ma.' only with dots
    assert name_tokens("Ahmad H.") == ["ahmad", "h"]  # a trailing initial, not a title
    assert name_tokens("I Md. Suarta") == ["i", "md", "suarta"]  # Balinese Made, not M.
    assert name_tokens("Siti Sh") == ["siti"]  # but a trailing SH is a law degree


def test_it_marks_and_splits_patronyms() -> None:
    tokens = name_tokens("Ahmad bin Yusuf")
    assert tokens == ["ahmad", "bin", "yusuf"]
    assert split_patronym(tokens) == (["ahmad"], ["yusuf"])
    assert name_tokens("Siti Aminah binti H. Yusuf") == ["siti", "aminah", "bin", "yusuf"]
    assert name_tokens("Siti Aminah bt. Yusuf") == ["siti", "aminah", "bin", "yusuf"]
    assert split_patronym(name_tokens("Ahmad Yusuf")) == (["ahmad", "yusuf"], [])
    assert split_patronym(["ahmad", "bin", "yusuf", "bin", "ali"]) == (["ahmad"], ["yusuf", "ali"])
    assert name_tokens("Ahmad bin") == ["ahmad"]


def test_it_is_deterministic_and_total() -> None:
    names = [p.name for p in generate_registry(300, seed=1, duplicate_rate=0.3)]
    assert [normalize_name(n) for n in names] == [normalize_name(n) for n in names]
    for weird in ["", "   ", "...", "H.", "S.Pd.", "123", "\u00e9\u00e8", "bin", "M."]:
        assert isinstance(normalize_name(weird), str)
    assert all(re.fullmatch(r"[a-z ]*", normalize_name(n)) for n in names)


# ---------------------------------------------------------------------------------------------
# Keys


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("soekarno", "sukarno"),
        ("djoko", "joko"),
        ("tjahjo", "cahyo"),
        ("jusuf", "yusuf"),
        ("yusup", "yusuf"),
        ("fatimah", "fatima"),
        ("nyoman", "njoman"),
        ("syamsul", "samsul"),
        ("sjamsul", "samsul"),
        ("khairul", "chairul"),
        ("hairul", "khairul"),
        ("achmad", "ahmad"),
        ("ahmat", "ahmad"),
        ("rachmat", "rahmat"),
        ("muhammad", "muhamad"),
        ("abdurrahman", "abdulrahman"),
        ("abdurahman", "abdulrahman"),
        ("hendry", "hendri"),
        ("thomas", "tomas"),
        ("ramadhan", "ramadan"),
        ("novi", "nopi"),
        ("aziz", "azis"),
        ("taufiq", "taufik"),
        ("christina", "kristina"),
        ("yakub", "yakup"),
        ("aisyah", "aisah"),
    ],
)
def test_it_merges_spellings_of_the_same_sound(left: str, right: str) -> None:
    assert spelling_key(left) == spelling_key(right)
    assert phonetic_token(left) == phonetic_token(right)


def test_it_collapses_vowels_only_in_the_phonetic_key() -> None:
    assert phonetic_token("sutrisno") == phonetic_token("sutrisna")
    assert spelling_key("sutrisno") != spelling_key("sutrisna")
    assert spelling_key("rina") != spelling_key("rini")


@pytest.mark.parametrize(
    ("left", "right"),
    [("budi", "bayu"), ("siti", "sri"), ("agus", "asep"), ("joko", "eko"), ("rahmat", "ramli")],
)
def test_it_keeps_different_names_apart(left: str, right: str) -> None:
    assert phonetic_token(left) != phonetic_token(right)


def test_it_makes_short_keys_and_no_key_from_a_common_token_alone() -> None:
    assert blocking_keys(["siti"], 1990) == set()
    keys = blocking_keys(["siti", "rahayu"], 1990, birth_date=date(1990, 1, 2))
    assert keys
    for key in keys:
        # Two common tokens: every key carries the year, the date or the other token.
        assert key.startswith(("p:", "d:", "i:"))
        assert key.count(":") >= 2
    long_name = " ".join(["Wolfeschlegelsteinhausenbergerdorff"] * 2 + ["Abcdefghijklmnopq"] * 6)
    assert all(len(k) <= 64 for k in record_keys(long_name, BORN))


def test_it_shares_keys_across_typical_variation() -> None:
    def shared(a: str, b: str, born_a: date | None = BORN, born_b: date | None = BORN) -> bool:
        return bool(record_keys(a, born_a) & record_keys(b, born_b))

    assert shared("Muhammad Jusuf", "Moh. Yusuf")
    assert shared("Yohanes Manafe", "Manafe Yohanes")
    assert shared("Yohanes Manafe", "Manafe")
    assert shared("Yohanes Manafe", "Yohanis Manafe", BORN, date(1986, 3, 12))
    assert shared("Siti Rahayu", "Siti Rahyau")
    assert shared("Kurniawan", "Kurniawn")
    assert shared("Nur Hayati", "Nurhayati")
    assert shared("Siti Rahayu", "Siti Rahayu", BORN, None)
    assert not shared("Siti Rahayu", "Budi Santoso", BORN, date(1990, 6, 1))
    # Same birth date and initial: one small date block, by design.
    assert shared("Siti Rahayu", "Budi Santoso")


def _shares_key(person: SyntheticPerson, variant: SyntheticPerson) -> bool:
    left = record_keys(person.name, person.birth_date)
    right = record_keys(variant.name, variant.birth_date)
    return bool(left & right)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_it_blocks_synthetic_variants_with_high_recall(seed: int) -> None:
    rng = random.Random(seed)
    hits = 0
    for _ in range(2000):
        person = make_person(rng)
        hits += _shares_key(person, make_variant(person, rng))
    assert hits / 2000 >= 0.98


# "combined" is an old spelling with a typo on top: like a typo, it can change the first
# letter of a one-token common name ("Susanti" -> "Coesanti"), which no key survives (found
# by this test with a random seed); the share-of-variants test above covers it.
_ALWAYS_BLOCKED = sorted(set(VARIATIONS) - {"typo", "birth_date_missing", "combined"})


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), kind=st.sampled_from(_ALWAYS_BLOCKED))
def test_it_always_blocks_a_single_non_typo_variation(seed: int, kind: str) -> None:
    rng = random.Random(seed)
    person = make_person(rng)
    assert _shares_key(person, make_variant(person, rng, kinds=(kind,)))


# ---------------------------------------------------------------------------------------------
# Weights


def test_it_weighs_rare_tokens_above_common_ones() -> None:
    assert token_weight("muhammad") < token_weight("rahayu") < token_weight("manafe")
    assert token_weight("sitti") == token_weight("siti")  # by spelling key
    assert token_weight("a") < 1.0
    freq, total = count_tokens(["Yohanes Manafe", "Maria Manafe", "Siti Aminah"] * 100)
    assert freq["manafe"] == 200
    weights = TokenWeights(freq, total)
    assert weights("manafe") < token_weight("manafe")  # observed: common here
    assert weights("siti") <= token_weight("siti")  # never rarer than the built-in share
    assert weights("unheardof") > weights("manafe")


# ---------------------------------------------------------------------------------------------
# Scoring


def _q(name: str, **fields: object) -> Query:
    return Query(name, **fields)  # type: ignore[arg-type]


def _c(name: str, **fields: object) -> Candidate:
    return Candidate("c1", name, **fields)  # type: ignore[arg-type]


def test_it_matches_a_respelled_person() -> None:
    result = score_pair(
        _q("Moh. Jusuf", birth_date=BORN, birth_place="Kupang", sex="M"),
        _c("Muhammad Yusuf", birth_date=BORN, birth_place="Kab. Kupang", sex="L"),
    )
    assert result.decision == "match"
    assert result.score >= MATCH_THRESHOLD


def test_it_does_not_match_homonyms_with_another_birth_date() -> None:
    same = score_pair(_q("Siti Rahayu", birth_date=BORN), _c("Siti Rahayu", birth_date=BORN))
    other = score_pair(
        _q("Siti Rahayu", birth_date=BORN), _c("Siti Rahayu", birth_date=date(1991, 7, 2))
    )
    rare = score_pair(
        _q("Yohanes Benu Tefa", birth_date=BORN, birth_place="Soe"),
        _c("Yohanes Benu Tefa", birth_date=date(1985, 3, 20), birth_place="Soe"),
    )
    assert same.decision == "match"
    assert other.decision == "no_match"
    assert rare.score < MATCH_THRESHOLD


def test_it_keeps_synthetic_homonyms_below_the_match_threshold() -> None:
    rng = random.Random(42)
    for _ in range(500):
        person = make_person(rng)
        homonym = make_homonym(person, rng)
        assert normalize_name(homonym.name) == normalize_name(person.name)
        assert homonym.birth_date != person.birth_date
        result = score_pair(person.to_query(), homonym.to_candidate())
        assert result.score < MATCH_THRESHOLD, explain(result)


def test_it_does_not_match_on_a_common_token_alone() -> None:
    result = score_pair(
        _q("Siti", birth_date=BORN, sex="F"), _c("Siti Rahayu", birth_date=BORN, sex="F")
    )
    assert result.decision != "match"
    assert "one name against a longer one" in result.reasons[2].detail


def test_it_lets_a_rare_single_token_match_with_the_exact_birth_date() -> None:
    exact = score_pair(
        _q("Marselina", birth_date=BORN, birth_place="Kupang"),
        _c("Marselina Manafe", birth_date=BORN, birth_place="Kupang"),
    )
    slipped = score_pair(
        _q("Marselina", birth_date=BORN, birth_place="Kupang"),
        _c("Marselina Manafe", birth_date=date(1986, 3, 12), birth_place="Kupang"),
    )
    assert exact.decision == "match"
    assert slipped.decision != "match"
    # A one-token name that is only the family name says less: siblings share it.
    family_only = score_pair(
        _q("Manafe", birth_date=BORN, birth_place="Kupang"),
        _c("Yohanes Manafe", birth_date=BORN, birth_place="Kupang"),
    )
    assert family_only.decision == "possible"
    assert "only the family name" in family_only.reasons[2].detail


def test_it_lets_a_nik_conflict_win_over_an_identical_name() -> None:
    fields = {"birth_date": BORN, "birth_place": "Kupang", "sex": "F"}
    result = score_pair(
        _q("Maria Ndun", nik="5301015203850001", **fields),
        _c("Maria Ndun", nik="5371026204900002", **fields),
    )
    assert result.decision != "match"
    nik = result.reasons[0]
    assert (nik.field, nik.strength) == ("nik", "conflict")
    assert nik.weight < 0


def test_it_treats_identical_nik_as_near_certain() -> None:
    agree = score_pair(
        _q("Maria Ndun", nik="5301015203850001"), _c("Maria Ndun", nik="5301015203850001")
    )
    assert agree.decision == "match"
    odd = score_pair(
        _q("Budi Santoso", nik="3301011203850001"), _c("Maria Ndun", nik="3301011203850001")
    )
    assert odd.decision == "possible"  # a person must look at an identical NIK
    typo = score_pair(
        _q("Maria Ndun", nik="5301015203850001", birth_date=BORN),
        _c("Maria Ndun", nik="5301015203850007", birth_date=BORN),
    )
    assert typo.reasons[0].strength == "partial"


def test_it_weakens_but_does_not_forbid_a_passport_conflict() -> None:
    result = score_pair(
        _q("Yohanes Manafe", passport="B1234567", birth_date=BORN, birth_place="Kupang"),
        _c("Yohanes Manafe", passport="C7654321", birth_date=BORN, birth_place="Kupang"),
    )
    assert result.reasons[1].strength == "conflict"
    assert result.decision == "match"  # renewed passports get new numbers


def test_it_treats_a_sex_conflict_as_strong_evidence_against() -> None:
    result = score_pair(
        _q("Eka Pratama", birth_date=BORN, sex="M"), _c("Eka Pratama", birth_date=BORN, sex="F")
    )
    assert result.reasons[5].strength == "conflict"
    assert result.decision != "match"


def test_it_explains_every_field_without_personal_data() -> None:
    query = _q(
        "Siti Aminah binti Yusuf", birth_date=BORN, birth_place="Kupang", nik="5301015203850001"
    )
    result = score_pair(query, _c("Siti Aminah", birth_date=date(1986, 3, 12), birth_place="Soe"))
    assert [r.field for r in result.reasons] == [
        "nik",
        "passport",
        "name",
        "birth_date",
        "birth_place",
        "sex",
    ]
    assert {r.strength for r in result.reasons} <= {
        "exact",
        "strong",
        "partial",
        "conflict",
        "missing",
    }
    for reason in result.reasons:
        assert reason.detail
        lowered = reason.detail.lower()
        for secret in ("siti", "aminah", "yusuf", "kupang", "soe", "5301", "1985"):
            assert secret not in lowered
    assert 0.0 <= result.score <= 1.0
    assert "name:" in explain(result)


def test_it_scores_names_order_independently_and_handles_joined_forms() -> None:
    swapped = score_pair(
        _q("Manafe Yohanes", birth_date=BORN), _c("Yohanes Manafe", birth_date=BORN)
    )
    joined = score_pair(_q("Abdul Rahman", birth_date=BORN), _c("Abdurrahman", birth_date=BORN))
    typo = score_pair(_q("Kurniawan", birth_date=BORN), _c("Kurniawn", birth_date=BORN))
    assert swapped.decision == "match"
    assert joined.decision == "match"
    assert typo.decision in ("match", "possible")
    different = score_pair(_q("Siti Aminah", birth_date=BORN), _c("Siti Rahayu", birth_date=BORN))
    assert different.decision == "no_match"
    assert different.reasons[2].strength == "conflict"


def test_it_ranks_candidates_best_first() -> None:
    query = _q("Yohanes Manafe", birth_date=BORN)
    candidates = [
        Candidate("a", "Maria Benu", birth_date=BORN),
        Candidate("b", "Yohanes Manafe", birth_date=BORN),
        Candidate("c", "Yohanes Manafe", birth_date=date(1990, 1, 1)),
    ]
    ranked = rank_candidates(query, candidates, limit=2)
    assert [candidate.id for candidate, _ in ranked] == ["b", "c"]


def test_it_reaches_the_quality_floor_on_labelled_synthetic_pairs() -> None:
    pairs = labelled_pairs(2000, random.Random(7))
    tp = fp = fn = 0
    for pair in pairs:
        matched = score_pair(pair.left.to_query(), pair.right.to_candidate()).decision == "match"
        tp += matched and pair.same
        fp += matched and not pair.same
        fn += (not matched) and pair.same
    assert tp / (tp + fp) >= 0.98
    assert tp / (tp + fn) >= 0.95


# ---------------------------------------------------------------------------------------------
# Synthetic data


def _nik_is_consistent(person: SyntheticPerson) -> bool:
    nik = person.nik
    assert nik is not None and person.birth_date is not None
    if not re.fullmatch(r"\d{16}", nik):
        return False
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    if person.sex == "F":
        day -= 40
    born = person.birth_date
    return (
        (day, month, year) == (born.day, born.month, born.year % 100)
        and 1 <= int(nik[4:6]) <= 99
        and int(nik[12:]) >= 1
    )


def test_it_generates_deterministic_plausible_people() -> None:
    first = list(generate_registry(500, seed=9, duplicate_rate=0.2))
    again = list(generate_registry(500, seed=9, duplicate_rate=0.2))
    assert first == again
    assert len({p.true_id for p in first}) < len(first)  # duplicates share a cluster id
    one_name = sum(len(name_tokens(p.name)) == 1 for p in first) / len(first)
    assert 0.05 < one_name < 0.3
    for person in first:
        if person.variations:
            continue  # a variant keeps the NIK while its recorded birth date may slip
        assert date(1964, 12, 31) <= (person.birth_date or date(1965, 1, 1)) <= date(2009, 12, 31)
        if person.nik is not None and person.birth_date is not None:
            assert _nik_is_consistent(person), person.nik
        if person.passport is not None:
            assert re.fullmatch(r"[A-Z]\d{7}", person.passport)


def test_it_generates_variants_of_the_same_person() -> None:
    rng = random.Random(3)
    person = make_person(rng, culture="muslim")
    for _ in range(50):
        variant = make_variant(person, rng)
        assert variant.true_id == person.true_id
        assert variant.record_id != person.record_id
        assert variant.variations
    spelled = make_variant(
        SyntheticPerson("r", "t", "Cahyo Suyono", BORN, "Klaten", "M", None, None, "javanese"),
        rng,
        kinds=("old_spelling",),
    )
    assert "Tjahjo" in spelled.name or "TJAHJO" in spelled.name
    assert normalize_name(spelled.name) == "cahyo suyono"
