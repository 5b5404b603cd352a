"""Score one query against one candidate, with an explanation for every field.

The score is a Fellegi-Sunter style log-likelihood ratio: every field adds the log of how much
more likely its observed agreement (or disagreement) is for the same person than for two
different people, in nats. The sum plus :data:`PRIOR_LOG_ODDS` (the odds that a candidate
found through blocking is the person, about 1 in 1,100) goes through the logistic function to
give a probability-like score in 0..1. Decisions use :data:`MATCH_THRESHOLD` and
:data:`POSSIBLE_THRESHOLD`.

The field weights are set by hand from the structure of Indonesian records, not fitted, and
checked on synthetic data (:mod:`lindung.matching.synthetic`):

* NIK: identical is near-certain (+14) and never scores below "possible"; one digit off or two
  neighbours swapped is a likely typing error (+2); otherwise a strong conflict (-9), which on
  its own outweighs an identical name and birth date.
* Passport: identical +9; different -3 only, because a renewed passport gets a new number.
* Name: weighted token alignment, below; from -10 to at most +9 (:data:`NAME_CAP`) whatever
  the number of agreeing rare tokens, so a name alone never makes a match and a conflicting
  birth date always breaks a homonym.
* Birth date: identical +5; same day and month with the year one off +2; day and month
  swapped +1.5; otherwise a conflict from -1.5 (same month and year) to -6.
* Birth place +1 (agree) / +0.5 (one contains the other) / -0.7 (differ: people record
  villages, districts or regencies interchangeably, so this is weak).
* Sex +0.3 / -4.

Names. Tokens come from :func:`~lindung.matching.normalize.name_tokens` and are compared on
their :func:`~lindung.matching.keys.spelling_key` with Jaro-Winkler (rapidfuzz). Tokens are
aligned one to one, greedily by similarity, in any order; initials match any token with their
letter but add nothing. Each aligned pair adds the weight of the more common of its two
tokens (:mod:`~lindung.matching.weights`), in full when the spelling keys are equal, reduced
for an approximate match (typo). Tokens left over on one side only (a dropped token, a
father's name after "bin" that the other record lacks) cost little; tokens left over on both
sides mean different names and cost 0.8 times the lighter side's weight, at least 4. A
one-token name that matches one token of a longer name counts for 35% only, or 80% (at most
+5) when the token is rare *and* the birth dates are identical. Names that agree only once
written together ("Nur Hayati" / "Nurhayati", "Abdul Rahman" / "Abdurrahman") are caught by
comparing the joined spelling keys. Jaro-Winkler is blind to typos in short tokens, so tokens
one edit apart (OSA distance) also align, keeping 20% to 80% of the weight by length.

Explanations (:class:`Reason`) describe relations only ("2 of 2 name tokens agree"), never the
values compared, so results can be logged without personal data. This module logs nothing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Final, Literal

from rapidfuzz.distance import OSA, JaroWinkler

from lindung.matching.keys import spelling_key
from lindung.matching.normalize import PATRONYM_MARKER, name_tokens
from lindung.matching.weights import RARE_WEIGHT, TokenWeights

__all__ = [
    "MATCH_THRESHOLD",
    "POSSIBLE_THRESHOLD",
    "PRIOR_LOG_ODDS",
    "Candidate",
    "Decision",
    "MatchResult",
    "Query",
    "Reason",
    "Strength",
    "explain",
    "rank_candidates",
    "score_pair",
]

Strength = Literal["exact", "strong", "partial", "conflict", "missing"]
Decision = Literal["match", "possible", "no_match"]

#: Log-odds that a blocked candidate is the same person before looking at any field.
PRIOR_LOG_ODDS: Final = -7.0
#: Score (0..1) from which a pair is a match.
MATCH_THRESHOLD: Final = 0.90
#: Score (0..1) from which a pair is worth a human look.
POSSIBLE_THRESHOLD: Final = 0.50

NIK_AGREE: Final = 14.0
NIK_TYPO: Final = 2.0
NIK_CONFLICT: Final = -9.0
PASSPORT_AGREE: Final = 9.0
PASSPORT_CONFLICT: Final = -3.0
DATE_EXACT: Final = 5.0
DATE_YEAR_SLIP: Final = 2.0
DATE_SWAPPED: Final = 1.5
DATE_SAME_MONTH: Final = -1.5
DATE_SAME_YEAR: Final = -2.5
DATE_NEAR_YEAR: Final = -3.5
DATE_CONFLICT: Final = -6.0
PLACE_AGREE: Final = 1.0
PLACE_PARTIAL: Final = 0.5
PLACE_CONFLICT: Final = -0.7
SEX_AGREE: Final = 0.3
SEX_CONFLICT: Final = -4.0
NAME_CAP: Final = 9.0
NAME_FLOOR: Final = -10.0
#: Jaro-Winkler similarity of spelling keys from which two tokens are aligned at all.
TOKEN_MATCH_MIN: Final = 0.82
#: Similarity from which two tokens count as the same (spelling keys equal, in practice).
TOKEN_EXACT_MIN: Final = 0.985
#: Share of its weight that an approximate token match keeps at best.
FUZZY_CEILING: Final = 0.85
CONFLICT_FACTOR: Final = 0.8
#: Least cost of tokens that differ on both sides: two different given names are rarely one
#: person, however common the names.
CONFLICT_MIN: Final = 4.0
MISSING_TOKEN_PENALTY: Final = 0.5
SINGLE_COMMON_FACTOR: Final = 0.35
SINGLE_RARE_FACTOR: Final = 0.8
JOINED_MATCH_MIN: Final = 0.93

#: A one-token name matching one token of a longer name adds at most this much.
SINGLE_RARE_CAP: Final = 5.0

_jaro_winkler = JaroWinkler.normalized_similarity
_edit_distance = OSA.distance
_DEFAULT_WEIGHTS: Final = TokenWeights()


@dataclass(frozen=True, slots=True)
class Query:
    """The person searched for. Every field but the name may be unknown."""

    name: str
    birth_date: date | None = None
    birth_place: str | None = None
    nik: str | None = None
    passport: str | None = None
    sex: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored person that blocking returned for a query."""

    id: str
    name: str
    birth_date: date | None = None
    birth_place: str | None = None
    nik: str | None = None
    passport: str | None = None
    sex: str | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """How one field contributed: ``weight`` is its log-likelihood ratio in nats."""

    field: str
    strength: Strength
    detail: str
    weight: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Score in 0..1, the decision at the module thresholds, and one reason per field."""

    score: float
    decision: Decision
    reasons: list[Reason]
    log_odds: float = 0.0


# ---------------------------------------------------------------------------------------------
# Names


@dataclass(frozen=True, slots=True)
class _Name:
    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    father: tuple[bool, ...]
    has_father: bool
    joined: str


@lru_cache(maxsize=200_000)
def _prepare_name(raw: str) -> _Name:
    tokens: list[str] = []
    father: list[bool] = []
    in_father = False
    for token in name_tokens(raw):
        if token == PATRONYM_MARKER and tokens:
            in_father = True
            continue
        tokens.append(token)
        father.append(in_father)
    keys = tuple(spelling_key(token) or token for token in tokens)
    own = "".join(token for token, is_father in zip(tokens, father, strict=True) if not is_father)
    return _Name(tuple(tokens), keys, tuple(father), in_father, spelling_key(own))


def _fuzzy_factor(similarity: float, shortest: int) -> float:
    """Share of a token's weight kept at a given Jaro-Winkler similarity."""
    if similarity >= TOKEN_EXACT_MIN:
        return 1.0
    factor = FUZZY_CEILING * (similarity - TOKEN_MATCH_MIN) / (TOKEN_EXACT_MIN - TOKEN_MATCH_MIN)
    if shortest <= 4:
        # Jaro-Winkler is generous with short strings: "rina"/"rini" are two names.
        factor *= 0.5
    return max(0.0, factor)


def _one_edit_factor(shortest: int) -> float:
    """Share of a token's weight kept when the tokens are one typo apart."""
    if shortest >= 6:
        return 0.8
    if shortest == 5:
        return 0.65
    if shortest == 4:
        return 0.4
    return 0.2


def _token_factor(a: str, b: str) -> float:
    """How much of the weight an aligned pair of spelling keys keeps (0: not aligned).

    Jaro-Winkler is the measure, but it is blind to typos in short tokens and harsh with
    them in long ones, so one edit (substitution, insertion, deletion, transposition) keeps
    a share that grows with the length of the tokens.
    """
    if a == b:
        return 1.0
    similarity = _jaro_winkler(a, b, score_cutoff=TOKEN_MATCH_MIN)
    shortest, longest = sorted((len(a), len(b)))
    factor = _fuzzy_factor(similarity, shortest) if similarity else 0.0
    if longest >= 3 and longest - shortest <= 1 and _edit_distance(a, b, score_cutoff=1) <= 1:
        factor = max(factor, _one_edit_factor(shortest))
    return min(factor, FUZZY_CEILING)


def _align(left: _Name, right: _Name) -> tuple[list[tuple[float, int, int]], set[int], set[int]]:
    """Greedy one-to-one alignment: (factor, left index, right index), initials after."""
    scored: list[tuple[float, int, int]] = []
    for i, a in enumerate(left.keys):
        if len(a) < 2:
            continue
        for j, b in enumerate(right.keys):
            if len(b) < 2:
                continue
            factor = _token_factor(a, b)
            if factor > 0.0:
                scored.append((factor, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[float, int, int]] = []
    for factor, i, j in scored:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((factor, i, j))
    # Initials ("Ahmad S.") match a leftover token with the same first letter, for nothing.
    for i, a in enumerate(left.keys):
        if i in used_left:
            continue
        for j, b in enumerate(right.keys):
            if j in used_right or (len(a) > 1 and len(b) > 1) or a[:1] != b[:1]:
                continue
            used_left.add(i)
            used_right.add(j)
            break
    return pairs, used_left, used_right


def _countable(name: _Name, other: _Name) -> int:
    """Tokens that must find a partner: a father's name the other record lacks need not."""
    if other.has_father:
        return len(name.tokens)
    return sum(1 for is_father in name.father if not is_father)


def _own_weight(name: _Name, weights: TokenWeights) -> float:
    return sum(
        weights(token)
        for token, is_father in zip(name.tokens, name.father, strict=True)
        if not is_father
    )


def _leftover(name: _Name, used: set[int], other: _Name) -> list[int]:
    """Unaligned tokens that count as different: a father's name the other lacks does not."""
    return [
        index
        for index in range(len(name.tokens))
        if index not in used and not (name.father[index] and not other.has_father)
    ]


def _name_reason(query: _Name, candidate: _Name, weights: TokenWeights, exact_date: bool) -> Reason:
    if not query.tokens or not candidate.tokens:
        return Reason("name", "missing", "a name is empty after normalisation", 0.0)
    pairs, used_q, used_c = _align(query, candidate)
    evidence = 0.0
    exact = approximate = rare = 0
    for factor, i, j in pairs:
        weight = min(weights(query.tokens[i]), weights(candidate.tokens[j]))
        evidence += factor * weight
        if factor >= 1.0:
            exact += 1
        else:
            approximate += 1
        if weight >= RARE_WEIGHT:
            rare += 1
    notes: list[str] = []
    countable = (_countable(query, candidate), _countable(candidate, query))
    single = len(pairs) == 1 and min(countable) == 1 and max(countable) > 1
    if single and pairs:
        if rare and exact_date:
            evidence = min(SINGLE_RARE_CAP, evidence * SINGLE_RARE_FACTOR)
            notes.append("a one-token name matches a rare token of the longer name")
        else:
            evidence *= SINGLE_COMMON_FACTOR
            notes.append("a one-token name matches only one token of the longer name")
    left_q = _leftover(query, used_q, candidate)
    left_c = _leftover(candidate, used_c, query)
    penalty = 0.0
    if left_q and left_c:
        lighter = min(
            sum(weights(query.tokens[i]) for i in left_q),
            sum(weights(candidate.tokens[j]) for j in left_c),
        )
        penalty = -max(CONFLICT_MIN, CONFLICT_FACTOR * lighter)
        notes.append("other tokens differ on both sides")
    elif left_q or left_c:
        count = len(left_q) + len(left_c)
        penalty = -MISSING_TOKEN_PENALTY * min(count, 3)
        notes.append(f"{count} token{'s' if count > 1 else ''} on one side only")
    total = max(NAME_FLOOR, min(NAME_CAP, evidence) + penalty)

    joined_note = ""
    if len(query.tokens) != len(candidate.tokens) and query.joined and candidate.joined:
        similarity = _jaro_winkler(query.joined, candidate.joined)
        if similarity >= JOINED_MATCH_MIN:
            lighter = min(_own_weight(query, weights), _own_weight(candidate, weights))
            joined = min(NAME_CAP, _fuzzy_factor(similarity, 99) * lighter)
            if joined > total:
                total = joined
                joined_note = "the names agree when written as one word"

    matched = len(pairs)
    longest = max(len(query.tokens), len(candidate.tokens))
    if joined_note:
        detail = joined_note
    else:
        detail = f"{matched} of {longest} name tokens agree"
        if matched:
            kinds = []
            if exact:
                kinds.append(f"{exact} exactly")
            if approximate:
                kinds.append(f"{approximate} approximately")
            kinds.append(f"{rare} rare" if rare else "none rare")
            detail += " (" + ", ".join(kinds) + ")"
        if notes:
            detail += "; " + "; ".join(notes)
    if total <= 0:
        strength: Strength = "conflict"
    elif not left_q and not left_c and approximate == 0 and not single and not joined_note:
        strength = "exact"
    elif total >= 4.0:
        strength = "strong"
    else:
        strength = "partial"
    return Reason("name", strength, detail, round(total, 3))


# ---------------------------------------------------------------------------------------------
# Other fields

_DIGITS_RE: Final = re.compile(r"\D+")
_ALNUM_RE: Final = re.compile(r"[^A-Z0-9]+")
_PLACE_WORDS_RE: Final = re.compile(
    r"\b(?:kabupaten|kab|kota|kec|kecamatan|desa|kel|kelurahan|prov|provinsi|ds|kp|kampung)\b"
)
_NON_LETTERS_RE: Final = re.compile(r"[^a-z ]+")
_SEXES: Final = {
    **dict.fromkeys(("m", "l", "lk", "male", "man", "pria", "laki", "laki-laki", "laki laki"), "M"),
    **dict.fromkeys(("f", "p", "w", "pr", "female", "woman", "wanita", "perempuan"), "F"),
}


def _one_digit_apart(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return True
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )


def _nik_reason(a: str | None, b: str | None) -> Reason:
    left = _DIGITS_RE.sub("", a or "")
    right = _DIGITS_RE.sub("", b or "")
    if not left or not right:
        return Reason("nik", "missing", "NIK missing on one side", 0.0)
    if left == right:
        return Reason("nik", "exact", "NIKs are identical", NIK_AGREE)
    if _one_digit_apart(left, right):
        return Reason(
            "nik", "partial", "NIKs differ in one digit (likely a typing error)", NIK_TYPO
        )
    return Reason("nik", "conflict", "NIKs differ", NIK_CONFLICT)


def _passport_reason(a: str | None, b: str | None) -> Reason:
    left = _ALNUM_RE.sub("", (a or "").upper())
    right = _ALNUM_RE.sub("", (b or "").upper())
    if not left or not right:
        return Reason("passport", "missing", "passport number missing on one side", 0.0)
    if left == right:
        return Reason("passport", "exact", "passport numbers are identical", PASSPORT_AGREE)
    return Reason(
        "passport",
        "conflict",
        "passport numbers differ (a renewed passport has a new number)",
        PASSPORT_CONFLICT,
    )


def _date_reason(a: date | None, b: date | None) -> Reason:
    if a is None or b is None:
        return Reason("birth_date", "missing", "birth date missing on one side", 0.0)
    if a == b:
        return Reason("birth_date", "exact", "birth dates are identical", DATE_EXACT)
    years = abs(a.year - b.year)
    same_day_month = (a.month, a.day) == (b.month, b.day)
    if same_day_month and years == 1:
        return Reason(
            "birth_date", "strong", "same day and month, years differ by one", DATE_YEAR_SLIP
        )
    if years == 0 and (a.month, a.day) == (b.day, b.month):
        return Reason("birth_date", "partial", "day and month swapped", DATE_SWAPPED)
    if years == 0 and a.month == b.month:
        return Reason("birth_date", "conflict", "same month and year, day differs", DATE_SAME_MONTH)
    if years == 0:
        return Reason("birth_date", "conflict", "same year, day and month differ", DATE_SAME_YEAR)
    if years == 1:
        return Reason("birth_date", "conflict", "birth years differ by one", DATE_NEAR_YEAR)
    if same_day_month:
        return Reason(
            "birth_date",
            "conflict",
            f"same day and month, years differ by {years}",
            DATE_NEAR_YEAR,
        )
    return Reason("birth_date", "conflict", f"birth years differ by {years}", DATE_CONFLICT)


@lru_cache(maxsize=50_000)
def _place_key(raw: str) -> str:
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii").lower()
    text = _NON_LETTERS_RE.sub(" ", text.replace("'", ""))
    return " ".join(_PLACE_WORDS_RE.sub(" ", text).split())


def _place_reason(a: str | None, b: str | None) -> Reason:
    left = _place_key(a) if a else ""
    right = _place_key(b) if b else ""
    if not left or not right:
        return Reason("birth_place", "missing", "birth place missing on one side", 0.0)
    if left == right:
        return Reason("birth_place", "exact", "birth places are identical", PLACE_AGREE)
    if left.replace(" ", "") == right.replace(" ", "") or _jaro_winkler(left, right) >= 0.92:
        return Reason("birth_place", "strong", "birth places are spelled alike", PLACE_AGREE)
    words_left, words_right = set(left.split()), set(right.split())
    if words_left <= words_right or words_right <= words_left:
        return Reason(
            "birth_place", "partial", "one birth place is part of the other", PLACE_PARTIAL
        )
    return Reason("birth_place", "conflict", "birth places differ", PLACE_CONFLICT)


def _sex_reason(a: str | None, b: str | None) -> Reason:
    left = _SEXES.get((a or "").strip().lower())
    right = _SEXES.get((b or "").strip().lower())
    if left is None or right is None:
        return Reason("sex", "missing", "sex missing on one side", 0.0)
    if left == right:
        return Reason("sex", "exact", "same sex", SEX_AGREE)
    return Reason("sex", "conflict", "sex differs", SEX_CONFLICT)


# ---------------------------------------------------------------------------------------------
# Scoring


def _decision(score: float) -> Decision:
    if score >= MATCH_THRESHOLD:
        return "match"
    if score >= POSSIBLE_THRESHOLD:
        return "possible"
    return "no_match"


def score_pair(
    query: Query | Candidate, candidate: Candidate, weights: TokenWeights | None = None
) -> MatchResult:
    """Score ``candidate`` against ``query`` and explain every field.

    ``weights`` defaults to the built-in token weights; pass a :class:`TokenWeights` built from
    the registry's frequencies for better weights. Reasons come in a fixed order: nik,
    passport, name, birth_date, birth_place, sex.
    """
    weights = weights or _DEFAULT_WEIGHTS
    date_reason = _date_reason(query.birth_date, candidate.birth_date)
    nik_reason = _nik_reason(query.nik, candidate.nik)
    name_reason = _name_reason(
        _prepare_name(query.name),
        _prepare_name(candidate.name),
        weights,
        date_reason.strength == "exact",
    )
    reasons = [
        nik_reason,
        _passport_reason(query.passport, candidate.passport),
        name_reason,
        date_reason,
        _place_reason(query.birth_place, candidate.birth_place),
        _sex_reason(query.sex, candidate.sex),
    ]
    log_odds = PRIOR_LOG_ODDS + sum(reason.weight for reason in reasons)
    score = 1.0 / (1.0 + math.exp(-log_odds))
    if nik_reason.strength == "exact" and score < POSSIBLE_THRESHOLD:
        # An identical NIK with little else agreeing is a data error or a misuse of an
        # identity: either way a person must look at it.
        score = POSSIBLE_THRESHOLD
    return MatchResult(round(score, 6), _decision(score), reasons, round(log_odds, 3))


def rank_candidates(
    query: Query,
    candidates: Iterable[Candidate],
    weights: TokenWeights | None = None,
    *,
    limit: int | None = None,
    minimum: float = 0.0,
) -> list[tuple[Candidate, MatchResult]]:
    """Score every candidate, best first; keep those scoring at least ``minimum``."""
    scored = [
        (candidate, result)
        for candidate in candidates
        if (result := score_pair(query, candidate, weights)).score >= minimum
    ]
    scored.sort(key=lambda item: -item[1].log_odds)
    return scored[:limit] if limit is not None else scored


def explain(result: MatchResult, fields: Sequence[str] | None = None) -> str:
    """One line per reason, for logs and command-line tools (no personal data)."""
    lines = [f"{result.decision} ({result.score:.3f}, log-odds {result.log_odds:+.2f})"]
    for reason in result.reasons:
        if fields is None or reason.field in fields:
            lines.append(
                f"  {reason.field}: {reason.strength}, {reason.weight:+.2f}: {reason.detail}"
            )
    return "\n".join(lines)
