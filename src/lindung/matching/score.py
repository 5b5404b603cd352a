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
  swapped +1.5; otherwise a conflict from -1.5 (same month and year) to -6. Missing on one
  side -1.5: not evidence either way in theory, but without it name, place and sex alone
  would reach a match (-7 + 9 + 1 + 0.3), and on a registry of a million people such pairs
  are mostly different people with the same name; an undated record needs a NIK or a
  passport to match, else it goes to review as "possible".
* Birth place +1 (agree) / +0.5 (one contains the other) / -0.7 (differ: people record
  villages, districts or regencies interchangeably, so this is weak). With the registry's
  counts of the places (:meth:`~lindung.matching.weights.TokenWeights.place`), agreeing on
  a place weighs ``ln(0.5 / its share)``, from +1 to +2.5: a rarer place says more.
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

import dataclasses
import math
import re
import unicodedata
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING
from typing import Final

from rapidfuzz.distance import JaroWinkler

from lindung.matching.names import NAME_CAP
from lindung.matching.names import NAME_FLOOR
from lindung.matching.names import NameEvidence
from lindung.matching.names import PreparedName
from lindung.matching.names import name_evidence
from lindung.matching.names import name_reason
from lindung.matching.names import prepare_name
from lindung.matching.names import prepare_normalized
from lindung.matching.result import MATCH_THRESHOLD
from lindung.matching.result import POSSIBLE_THRESHOLD
from lindung.matching.result import Decision
from lindung.matching.result import MatchResult
from lindung.matching.result import Reason
from lindung.matching.result import Strength
from lindung.matching.result import decision_for
from lindung.matching.weights import PLACE_AGREE
from lindung.matching.weights import PLACE_AGREE_MAX
from lindung.matching.weights import PRIOR_LOG_ODDS
from lindung.matching.weights import TokenWeights

__all__ = [
    "MATCH_THRESHOLD",
    "NAME_CAP",
    "NAME_FLOOR",
    "POSSIBLE_LOG_ODDS",
    "POSSIBLE_THRESHOLD",
    "PRIOR_LOG_ODDS",
    "Candidate",
    "Decision",
    "MatchResult",
    "Query",
    "Reason",
    "Record",
    "Strength",
    "Unseal",
    "explain",
    "make_record",
    "nik_agrees",
    "place_key",
    "prepare",
    "quick_log_odds",
    "quick_scored",
    "rank_candidates",
    "score_pair",
    "score_records",
]

#: Log-odds at :data:`POSSIBLE_THRESHOLD` (a score of 0.5).
POSSIBLE_LOG_ODDS: Final = 0.0

NIK_AGREE: Final = 14.0
NIK_TYPO: Final = 2.0
NIK_CONFLICT: Final = -9.0
PASSPORT_AGREE: Final = 9.0
PASSPORT_CONFLICT: Final = -3.0
DATE_EXACT: Final = 5.0
DATE_MISSING: Final = -1.5
DATE_YEAR_SLIP: Final = 2.0
DATE_SWAPPED: Final = 1.5
DATE_SAME_MONTH: Final = -1.5
DATE_SAME_YEAR: Final = -2.5
DATE_NEAR_YEAR: Final = -3.5
DATE_CONFLICT: Final = -6.0
PLACE_PARTIAL: Final = 0.5
PLACE_CONFLICT: Final = -0.7
SEX_AGREE: Final = 0.3
SEX_CONFLICT: Final = -4.0

_jaro_winkler = JaroWinkler.normalized_similarity
_DEFAULT_WEIGHTS: Final = TokenWeights()

#: Turns a sealed (encrypted) identity number back into its digits, for the rare pair whose
#: NIK keys differ and where a typing error must be told from a conflict.
Unseal = Callable[[str], str]


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


@dataclass(slots=True)
class Record:
    """One side of a comparison, prepared once and compared many times.

    Identity numbers may be known in clear (``nik``, ``passport``: digits / upper-case
    letters and digits), only as exact-match keys (``nik_key``, ``passport_key``: e.g. the
    registry's keyed hashes), or sealed (``nik_sealed``: ciphertext that an :data:`Unseal`
    function opens on demand). Clear values are compared when both sides have them, else the
    keys. Build one with :func:`make_record` or :func:`prepare`.
    """

    id: str
    name: PreparedName
    birth_date: date | None
    place: str
    sex: str
    nik: str = ""
    nik_key: str = ""
    nik_sealed: str = ""
    passport: str = ""
    passport_key: str = ""
    #: The normalised name of a record whose :attr:`name` is prepared on first use
    #: (:func:`make_record` with ``defer_name``), else "".
    deferred_name: str = dataclasses.field(default="", compare=False, repr=False)

    if not TYPE_CHECKING:  # for the interpreter only: mypy keeps checking attribute names

        def __getattr__(self, attribute: str) -> PreparedName:
            # Reached only when a slot is unset: the name of a deferred record, prepared now
            # (bulk scoring rejects most candidates on the birth date, before the name).
            if attribute != "name":
                raise AttributeError(attribute)
            name = self.name = prepare_normalized(self.deferred_name)
            return name


# ---------------------------------------------------------------------------------------------
# Fields. Each evaluation returns (weight, strength, detail); constants where possible, so
# that bulk scoring allocates nothing.

_Eval = tuple[float, Strength, str, str, tuple[tuple[str, int], ...]]

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

_NIK_MISSING: Final[_Eval] = (0.0, "missing", "NIK missing on one side", "nik_missing", ())
_NIK_EXACT: Final[_Eval] = (NIK_AGREE, "exact", "NIKs are identical", "nik_exact", ())
_NIK_TYPO: Final[_Eval] = (
    NIK_TYPO,
    "partial",
    "NIKs differ in one digit (likely a typing error)",
    "nik_typo",
    (),
)
_NIK_CONFLICT: Final[_Eval] = (NIK_CONFLICT, "conflict", "NIKs differ", "nik_conflict", ())
_PASSPORT_MISSING: Final[_Eval] = (
    0.0,
    "missing",
    "passport number missing on one side",
    "passport_missing",
    (),
)
_PASSPORT_EXACT: Final[_Eval] = (
    PASSPORT_AGREE,
    "exact",
    "passport numbers are identical",
    "passport_exact",
    (),
)
_PASSPORT_CONFLICT: Final[_Eval] = (
    PASSPORT_CONFLICT,
    "conflict",
    "passport numbers differ (a renewed passport has a new number)",
    "passport_conflict",
    (),
)
_DATE_MISSING: Final[_Eval] = (
    DATE_MISSING,
    "missing",
    "birth date missing on one side",
    "date_missing",
    (),
)
_DATE_EXACT: Final[_Eval] = (DATE_EXACT, "exact", "birth dates are identical", "date_exact", ())
_DATE_SLIP: Final[_Eval] = (
    DATE_YEAR_SLIP,
    "strong",
    "same day and month, years differ by one",
    "date_year_slip",
    (),
)
_DATE_SWAP: Final[_Eval] = (DATE_SWAPPED, "partial", "day and month swapped", "date_swapped", ())
_DATE_MONTH: Final[_Eval] = (
    DATE_SAME_MONTH,
    "conflict",
    "same month and year, day differs",
    "date_same_month",
    (),
)
_DATE_YEAR: Final[_Eval] = (
    DATE_SAME_YEAR,
    "conflict",
    "same year, day and month differ",
    "date_same_year",
    (),
)
_DATE_NEAR: Final[_Eval] = (
    DATE_NEAR_YEAR,
    "conflict",
    "birth years differ by one",
    "date_near_year",
    (),
)
_PLACE_MISSING: Final[_Eval] = (
    0.0,
    "missing",
    "birth place missing on one side",
    "place_missing",
    (),
)
_PLACE_EXACT: Final[_Eval] = (PLACE_AGREE, "exact", "birth places are identical", "place_exact", ())
_PLACE_ALIKE: Final[_Eval] = (
    PLACE_AGREE,
    "strong",
    "birth places are spelled alike",
    "place_alike",
    (),
)
_PLACE_PART: Final[_Eval] = (
    PLACE_PARTIAL,
    "partial",
    "one birth place is part of the other",
    "place_part",
    (),
)
_PLACE_CONFLICT: Final[_Eval] = (
    PLACE_CONFLICT,
    "conflict",
    "birth places differ",
    "place_conflict",
    (),
)
_SEX_MISSING: Final[_Eval] = (0.0, "missing", "sex missing on one side", "sex_missing", ())
_SEX_EXACT: Final[_Eval] = (SEX_AGREE, "exact", "same sex", "sex_exact", ())
_SEX_CONFLICT: Final[_Eval] = (SEX_CONFLICT, "conflict", "sex differs", "sex_conflict", ())


def clean_nik(raw: str | None) -> str:
    """The digits of a NIK as written (spaces, dots and dashes dropped)."""
    return _DIGITS_RE.sub("", raw) if raw else ""


def clean_passport(raw: str | None) -> str:
    """A passport number in upper-case letters and digits only."""
    return _ALNUM_RE.sub("", raw.upper()) if raw else ""


def sex_code(raw: str | None) -> str:
    """ "M", "F" or "" from the ways records write sex (L/P, pria/wanita, male/female...)."""
    if not raw:
        return ""
    return _SEX_CODES.get(raw) or _SEXES.get(raw.strip().lower(), "")


_SEX_CODES: Final = {"M": "M", "F": "F"}


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


def _nik_plain(left: str, right: str) -> _Eval:
    if left == right:
        return _NIK_EXACT
    if _one_digit_apart(left, right):
        return _NIK_TYPO
    return _NIK_CONFLICT


def _has_nik(record: Record) -> bool:
    return bool(record.nik or record.nik_key or record.nik_sealed)


def _unseal_nik(record: Record, unseal: Unseal | None) -> None:
    if not record.nik and record.nik_sealed and unseal is not None:
        record.nik = clean_nik(unseal(record.nik_sealed))


def _nik_eval(q: Record, c: Record, unseal: Unseal | None) -> _Eval:
    if q.nik and c.nik:
        return _nik_plain(q.nik, c.nik)
    if not _has_nik(q) or not _has_nik(c):
        return _NIK_MISSING
    if q.nik_key and q.nik_key == c.nik_key:
        return _NIK_EXACT
    _unseal_nik(q, unseal)
    _unseal_nik(c, unseal)
    if q.nik and c.nik:
        return _nik_plain(q.nik, c.nik)
    if q.nik_key and c.nik_key:
        return _NIK_CONFLICT
    return _NIK_MISSING


def _nik_bound(q: Record, c: Record) -> tuple[float, bool]:
    """An upper bound of the NIK's weight without unsealing, and whether the NIKs agree."""
    if q.nik and c.nik:
        result = _nik_plain(q.nik, c.nik)
        return result[0], result is _NIK_EXACT
    if not _has_nik(q) or not _has_nik(c):
        return 0.0, False
    if q.nik_key and q.nik_key == c.nik_key:
        return NIK_AGREE, True
    return NIK_TYPO, False


def _passport_eval(q: Record, c: Record) -> _Eval:
    if q.passport and c.passport:
        return _PASSPORT_EXACT if q.passport == c.passport else _PASSPORT_CONFLICT
    if q.passport_key and c.passport_key:
        return _PASSPORT_EXACT if q.passport_key == c.passport_key else _PASSPORT_CONFLICT
    return _PASSPORT_MISSING


def _date_eval(a: date | None, b: date | None) -> _Eval:
    if a is None or b is None:
        return _DATE_MISSING
    if a == b:
        return _DATE_EXACT
    years = abs(a.year - b.year)
    same_day_month = a.month == b.month and a.day == b.day
    if same_day_month and years == 1:
        return _DATE_SLIP
    if years == 0:
        if a.month == b.day and a.day == b.month:
            return _DATE_SWAP
        return _DATE_MONTH if a.month == b.month else _DATE_YEAR
    if years == 1:
        return _DATE_NEAR
    if same_day_month:
        return (
            DATE_NEAR_YEAR,
            "conflict",
            f"same day and month, years differ by {years}",
            "date_day_month_years",
            (("years", years),),
        )
    return (
        DATE_CONFLICT,
        "conflict",
        f"birth years differ by {years}",
        "date_years",
        (("years", years),),
    )


@lru_cache(maxsize=50_000)
def place_key(raw: str) -> str:
    """A birth place without "Kab.", "Kota", "Desa"..., lower-case ASCII letters."""
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii").lower()
    text = _NON_LETTERS_RE.sub(" ", text.replace("'", ""))
    return " ".join(_PLACE_WORDS_RE.sub(" ", text).split())


@lru_cache(maxsize=200_000)
def _place_eval(left: str, right: str) -> _Eval:
    if not left or not right:
        return _PLACE_MISSING
    if left == right:
        return _PLACE_EXACT
    if left.replace(" ", "") == right.replace(" ", "") or _jaro_winkler(left, right) >= 0.92:
        return _PLACE_ALIKE
    words_left, words_right = set(left.split()), set(right.split())
    if words_left <= words_right or words_right <= words_left:
        return _PLACE_PART
    return _PLACE_CONFLICT


def _place(query: Record, candidate: Record, weights: TokenWeights) -> _Eval:
    """The birth places compared; agreeing, weighed by the registry's counts of the places
    when known (:meth:`~lindung.matching.weights.TokenWeights.place`; the commoner of two
    places spelled alike decides)."""
    evaluation = _place_eval(query.place, candidate.place)
    if weights.places is not None and (evaluation is _PLACE_EXACT or evaluation is _PLACE_ALIKE):
        weight = min(weights.place(query.place), weights.place(candidate.place))
        if weight != evaluation[0]:
            return (weight, evaluation[1], evaluation[2], evaluation[3], evaluation[4])
    return evaluation


def _reason(field: str, evaluation: _Eval) -> Reason:
    weight, strength, detail, code, params = evaluation
    return Reason(field, strength, detail, weight, code, params)


def _sex_eval(left: str, right: str) -> _Eval:
    if not left or not right:
        return _SEX_MISSING
    return _SEX_EXACT if left == right else _SEX_CONFLICT


# ---------------------------------------------------------------------------------------------
# Records


def make_record(
    id: str,
    name: str,
    birth_date: date | None = None,
    birth_place: str | None = None,
    sex: str | None = None,
    *,
    nik: str | None = None,
    nik_key: str = "",
    nik_sealed: str = "",
    passport: str | None = None,
    passport_key: str = "",
    normalized: str | None = None,
    defer_name: bool = False,
) -> Record:
    """A :class:`Record` from raw field values (names and places are normalised here, unless
    the normalised name is given: ``normalized``, as the registry stores it). With
    ``defer_name`` and ``normalized``, the name is prepared on first use only."""
    if defer_name and normalized is not None:
        record = object.__new__(Record)
        record.id = id
        record.birth_date = birth_date
        record.place = place_key(birth_place) if birth_place else ""
        record.sex = _SEX_CODES.get(sex) or sex_code(sex) if sex else ""
        record.nik = clean_nik(nik)
        record.nik_key = nik_key
        record.nik_sealed = nik_sealed
        record.passport = clean_passport(passport)
        record.passport_key = passport_key
        record.deferred_name = normalized
        return record
    return Record(
        id=id,
        name=prepare_normalized(normalized) if normalized is not None else prepare_name(name),
        birth_date=birth_date,
        place=place_key(birth_place) if birth_place else "",
        sex=sex_code(sex),
        nik=clean_nik(nik),
        nik_key=nik_key,
        nik_sealed=nik_sealed,
        passport=clean_passport(passport),
        passport_key=passport_key,
    )


def prepare(person: Query | Candidate) -> Record:
    """A :class:`Record` from a :class:`Query` or :class:`Candidate` (identity numbers clear)."""
    return make_record(
        person.id if isinstance(person, Candidate) else "",
        person.name,
        person.birth_date,
        person.birth_place,
        person.sex,
        nik=person.nik,
        passport=person.passport,
    )


def score_records(
    query: Record,
    candidate: Record,
    weights: TokenWeights | None = None,
    *,
    unseal: Unseal | None = None,
    name_found: NameEvidence | None = None,
) -> MatchResult:
    """Score ``candidate`` against ``query`` and explain every field (``name_found``: the
    names' evidence when :func:`quick_scored` has already computed it for these weights).

    Reasons come in a fixed order: nik, passport, name, birth_date, birth_place, sex.
    """
    weights = weights or _DEFAULT_WEIGHTS
    date_eval = _date_eval(query.birth_date, candidate.birth_date)
    nik_eval = _nik_eval(query, candidate, unseal)
    name = name_reason(name_found or name_evidence(query.name, candidate.name, weights))
    reasons = [
        _reason("nik", nik_eval),
        _reason("passport", _passport_eval(query, candidate)),
        name,
        _reason("birth_date", date_eval),
        _reason("birth_place", _place(query, candidate, weights)),
        _reason("sex", _sex_eval(query.sex, candidate.sex)),
    ]
    log_odds = weights.prior + sum(reason.weight for reason in reasons)
    score = 1.0 / (1.0 + math.exp(-log_odds))
    if nik_eval is _NIK_EXACT and score < POSSIBLE_THRESHOLD:
        # An identical NIK with little else agreeing is a data error or a misuse of an
        # identity: either way a person must look at it.
        score = POSSIBLE_THRESHOLD
    return MatchResult(round(score, 6), decision_for(score), reasons, round(log_odds, 3))


#: The most that the name, birth place and sex may add together (place: at most
#: PLACE_AGREE_MAX with the registry's counts), plus a margin against rounding: a pair below
#: the floor with this much more is below it whatever they are.
_BEST_REST: Final = NAME_CAP + max(PLACE_AGREE, PLACE_AGREE_MAX) + SEX_AGREE + 1e-6


def quick_log_odds(
    query: Record,
    candidate: Record,
    weights: TokenWeights | None = None,
    floor: float = -math.inf,
    *,
    unseal: Unseal | None = None,
) -> float:
    """The log-odds of :func:`score_records` without the explanation, for bulk scoring.

    Returns ``-inf`` as soon as an upper bound shows the pair stays below ``floor`` (cheap
    fields first, birth place included, the name next, the NIK unsealed last); a pair whose
    NIKs agree is never cut off, since an identical NIK always deserves a look. Otherwise the
    value equals ``score_records(...).log_odds`` up to its rounding.
    """
    return quick_scored(query, candidate, weights, floor, unseal=unseal)[0]


def quick_scored(
    query: Record,
    candidate: Record,
    weights: TokenWeights | None = None,
    floor: float = -math.inf,
    *,
    unseal: Unseal | None = None,
) -> tuple[float, NameEvidence | None]:
    """:func:`quick_log_odds` and the names' evidence when it got that far (None when a
    bound cut the pair off first), to hand to :func:`score_records` for the pairs kept."""
    weights = weights or _DEFAULT_WEIGHTS
    nik_bound, nik_exact = _nik_bound(query, candidate)
    fixed = (
        weights.prior
        + _date_eval(query.birth_date, candidate.birth_date)[0]
        + _passport_eval(query, candidate)[0]
    )
    if not nik_exact and fixed + nik_bound + _BEST_REST < floor:
        # Cut off before the birth place and sex are looked at (the most they may add).
        return -math.inf, None
    fixed += _sex_eval(query.sex, candidate.sex)[0]  # one by one: the same sum as explained
    fixed += _place(query, candidate, weights)[0]
    if not nik_exact and fixed + nik_bound + NAME_CAP < floor:
        return -math.inf, None
    found = name_evidence(query.name, candidate.name, weights)
    fixed += found.total
    if nik_exact:
        return fixed + NIK_AGREE, found
    if fixed + nik_bound < floor:
        return -math.inf, found
    return fixed + _nik_eval(query, candidate, unseal)[0], found


def nik_agrees(query: Record, candidate: Record) -> bool:
    """Whether both records carry the same NIK (clear or keyed)."""
    return _nik_bound(query, candidate)[1]


def score_pair(
    query: Query | Candidate, candidate: Candidate, weights: TokenWeights | None = None
) -> MatchResult:
    """Score ``candidate`` against ``query`` and explain every field.

    ``weights`` defaults to the built-in token weights; pass a :class:`TokenWeights` built from
    the registry's frequencies for better weights. Reasons come in a fixed order: nik,
    passport, name, birth_date, birth_place, sex.
    """
    return score_records(prepare(query), prepare(candidate), weights)


def rank_candidates(
    query: Query,
    candidates: Iterable[Candidate],
    weights: TokenWeights | None = None,
    *,
    limit: int | None = None,
    minimum: float = 0.0,
) -> list[tuple[Candidate, MatchResult]]:
    """Score every candidate, best first; keep those scoring at least ``minimum``."""
    prepared = prepare(query)
    scored = [
        (candidate, result)
        for candidate in candidates
        if (result := score_records(prepared, prepare(candidate), weights)).score >= minimum
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
