"""The name part of a comparison: weighted token alignment (see :mod:`lindung.matching.score`).

Tokens come from :func:`~lindung.matching.normalize.name_tokens` and are compared on their
:func:`~lindung.matching.keys.spelling_key` with Jaro-Winkler (rapidfuzz). Tokens are aligned
one to one, greedily by similarity, in any order; initials match any token with their letter
but add nothing. Each aligned pair adds the weight of the more common of its two tokens, in
full when the spelling keys are equal, reduced for an approximate match (typo). The details
are documented in :mod:`lindung.matching.score`.

:func:`name_evidence` computes the number; :func:`name_reason` turns it into an explained
:class:`~lindung.matching.result.Reason`. Scoring many pairs only needs the number, so the
explanation is built only for the pairs a caller keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final
from typing import NamedTuple

from rapidfuzz.distance import OSA
from rapidfuzz.distance import JaroWinkler

from lindung.matching.families import is_family_name
from lindung.matching.keys import phonetic_token
from lindung.matching.keys import spelling_key
from lindung.matching.normalize import PATRONYM_MARKER
from lindung.matching.normalize import name_tokens
from lindung.matching.result import Reason
from lindung.matching.result import Strength
from lindung.matching.weights import RARE_WEIGHT
from lindung.matching.weights import TokenWeights

__all__ = [
    "NAME_CAP",
    "NAME_FLOOR",
    "NameEvidence",
    "PreparedName",
    "name_evidence",
    "name_reason",
    "names_alignable",
    "prepare_name",
    "prepare_normalized",
]

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
JOINED_MATCH_MIN: Final = 0.93
#: A one-token name matching one token of a longer name adds at most this much...
SINGLE_CAP: Final = 6.0
#: ... minus, per token of the longer name left over, this cost: a given name left out
#: (the commonest variation of all, so not much), a family name left out (less: old KTPs and
#: one-name registrations drop it). A father's name after bin/binti costs nothing.
EXTRA_GIVEN_COST: Final = 1.0
EXTRA_FAMILY_COST: Final = 0.3
#: A one-token name that is only the family name of the longer one keeps this share (twins
#: and siblings share a family name and, for twins, a birth date).
FAMILY_ONLY_FACTOR: Final = 0.5
#: Share kept by tokens that differ by an old spelling and a typo together ("Yoesf" for
#: "Yosef"): their vowel-collapsed forms (:func:`~lindung.matching.keys.phonetic_token`) are
#: one edit apart although the spelling keys are not (tokens of 5 letters or more).
COMBINED_FACTOR: Final = 0.5

_jaro_winkler = JaroWinkler.normalized_similarity
_edit_distance = OSA.distance


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready to compare: tokens, their spelling keys, which belong to the father."""

    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    father: tuple[bool, ...]
    has_father: bool
    #: The person's own tokens written together (spelling key: :func:`joined_key`).
    own: str
    #: (index, spelling key) of the tokens longer than one letter, the ones that align.
    words: tuple[tuple[int, str], ...] = ()
    #: Whether some token is a single letter (an initial).
    has_initial: bool = False
    #: Whether a token was written twice ("Sumiati Sumiati") and counted once.
    repeated: bool = False


@lru_cache(maxsize=400_000)
def prepare_name(raw: str) -> PreparedName:
    """Tokens and spelling keys of a raw name (memoised: registries repeat names a lot)."""
    return prepare_normalized(" ".join(name_tokens(raw)))


@lru_cache(maxsize=400_000)
def prepare_normalized(normalized: str) -> PreparedName:
    """The same from a name already normalised (the registry stores it as ``search_name``:
    :func:`~lindung.matching.normalize.normalize_name`), which skips the normalisation."""
    tokens: list[str] = []
    father: list[bool] = []
    in_father = False
    repeated = False
    for token in normalized.split():
        if token == PATRONYM_MARKER and tokens:
            in_father = True
            continue
        if any(
            seen == token and side == in_father for seen, side in zip(tokens, father, strict=True)
        ):
            # "Sumiati Sumiati": a one-name person written into two name fields.
            repeated = True
            continue
        tokens.append(token)
        father.append(in_father)
    keys = tuple(spelling_key(token) or token for token in tokens)
    own = "".join(token for token, is_father in zip(tokens, father, strict=True) if not is_father)
    return PreparedName(
        tuple(tokens),
        keys,
        tuple(father),
        in_father,
        own,
        tuple((index, key) for index, key in enumerate(keys) if len(key) > 1),
        any(len(key) < 2 for key in keys),
        repeated,
    )


@lru_cache(maxsize=200_000)
def joined_key(own: str) -> str:
    """Spelling key of a name written as one word ("Nur Hayati" = "Nurhayati"); computed only
    for the pairs whose token counts differ."""
    return spelling_key(own)


def _joined_similarity(query: PreparedName, candidate: PreparedName) -> float:
    if not query.own or not candidate.own:
        return 0.0
    left, right = joined_key(query.own), joined_key(candidate.own)
    if not left or not right:
        return 0.0
    return float(_jaro_winkler(left, right, score_cutoff=JOINED_MATCH_MIN))


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


@lru_cache(maxsize=1_000_000)
def token_factor(a: str, b: str) -> float:
    """How much of the weight an aligned pair of spelling keys keeps (0: not aligned).

    Jaro-Winkler is the measure, but it is blind to typos in short tokens and harsh with
    them in long ones, so one edit (substitution, insertion, deletion, transposition) keeps
    a share that grows with the length of the tokens. Memoised: the vocabulary of a registry
    is small next to the number of pairs compared.
    """
    if a == b:
        return 1.0
    similarity = _jaro_winkler(a, b, score_cutoff=TOKEN_MATCH_MIN)
    shortest, longest = sorted((len(a), len(b)))
    factor = _fuzzy_factor(similarity, shortest) if similarity else 0.0
    if longest >= 3 and longest - shortest <= 1 and _edit_distance(a, b, score_cutoff=1) <= 1:
        factor = max(factor, _one_edit_factor(shortest))
    elif factor < COMBINED_FACTOR and longest >= 5 and a[0] == b[0]:
        left, right = phonetic_token(a), phonetic_token(b)
        if left == right or _edit_distance(left, right, score_cutoff=1) <= 1:
            factor = COMBINED_FACTOR
    return min(factor, FUZZY_CEILING)


def _align(
    left: PreparedName, right: PreparedName
) -> tuple[list[tuple[float, int, int]], int, int]:
    """Greedy one-to-one alignment: (factor, left index, right index), initials after.

    The tokens used on each side come back as bit masks (bit i: token i).
    """
    scored: list[tuple[float, int, int]] = []
    for i, a in left.words:
        for j, b in right.words:
            factor = 1.0 if a == b else token_factor(a, b)
            if factor > 0.0:
                scored.append((-factor, i, j))
    if len(scored) > 1:
        scored.sort()
    used_left = used_right = 0
    pairs: list[tuple[float, int, int]] = []
    for negative, i, j in scored:
        bit_i, bit_j = 1 << i, 1 << j
        if not used_left & bit_i and not used_right & bit_j:
            used_left |= bit_i
            used_right |= bit_j
            pairs.append((-negative, i, j))
    if left.has_initial or right.has_initial:
        used_left, used_right = _align_initials(left, right, used_left, used_right)
    return pairs, used_left, used_right


def _align_initials(
    left: PreparedName, right: PreparedName, used_left: int, used_right: int
) -> tuple[int, int]:
    """Initials ("Ahmad S.") match a leftover token with the same first letter, for nothing:
    the masks of the tokens used once they are."""
    for i, a in enumerate(left.keys):
        if used_left & (1 << i):
            continue
        for j, b in enumerate(right.keys):
            if used_right & (1 << j) or (len(a) > 1 and len(b) > 1) or a[:1] != b[:1]:
                continue
            used_left |= 1 << i
            used_right |= 1 << j
            break
    return used_left, used_right


def _countable(name: PreparedName, other: PreparedName) -> int:
    """Tokens that must find a partner: a father's name the other record lacks need not."""
    if other.has_father or not name.has_father:
        return len(name.tokens)
    return sum(1 for is_father in name.father if not is_father)


def _own_weight(name: PreparedName, weights: TokenWeights) -> float:
    return sum(
        weights(token)
        for token, is_father in zip(name.tokens, name.father, strict=True)
        if not is_father
    )


def _leftover_weight(
    name: PreparedName, used: int, other: PreparedName, weights: TokenWeights
) -> tuple[int, float]:
    """Unaligned tokens that count as different (a father's name the other lacks does not):
    how many, and their summed weight."""
    count = 0
    weight = 0.0
    skip_father = name.has_father and not other.has_father
    for index, token in enumerate(name.tokens):
        if used & (1 << index) or (skip_father and name.father[index]):
            continue
        count += 1
        weight += weights(token)
    return count, weight


class NameEvidence(NamedTuple):
    """The name's log-likelihood ratio and what the explanation needs."""

    total: float
    matched: int = 0
    longest: int = 0
    exact: int = 0
    approximate: int = 0
    rare: int = 0
    single: bool = False
    joined: bool = False
    left_query: int = 0
    left_candidate: int = 0
    empty: bool = False
    #: One name against two: the tokens of the longer name left over, by kind.
    extra_given: int = 0
    extra_family: int = 0
    #: The one-token name is only the family name of the longer one.
    family_only: bool = False
    #: A token written twice on one side ("Sumiati Sumiati") counted once.
    repeated: bool = False
    #: Tokens aligned only through an old spelling and a typo together.
    combined: int = 0


_EMPTY: Final = NameEvidence(0.0, empty=True)


def names_alignable(query: PreparedName, candidate: PreparedName) -> bool:
    """Whether any token pair aligns or the joined names agree: without either, the name
    evidence is at most ``-CONFLICT_MIN`` (a cheap pre-check for bulk scoring)."""
    for _i, a in query.words:
        for _j, b in candidate.words:
            if a == b or token_factor(a, b) > 0.0:
                return True
    return bool(len(query.tokens) != len(candidate.tokens) and _joined_similarity(query, candidate))


def _extra_tokens(longer: PreparedName, used: int, shorter: PreparedName) -> tuple[int, int]:
    """The longer name's tokens left over in a one-name-against-two comparison: (given names,
    family names); a father's name the shorter record lacks is not counted."""
    given = family = 0
    skip_father = longer.has_father and not shorter.has_father
    for index, key in enumerate(longer.keys):
        if used & (1 << index) or (skip_father and longer.father[index]):
            continue
        if is_family_name(key):
            family += 1
        else:
            given += 1
    return given, family


def name_evidence(
    query: PreparedName, candidate: PreparedName, weights: TokenWeights
) -> NameEvidence:
    """The name's contribution, from :data:`NAME_FLOOR` to :data:`NAME_CAP` nats.

    Symmetric: the same whichever record is the query.
    """
    if not query.tokens or not candidate.tokens:
        return _EMPTY
    pairs, used_q, used_c = _align(query, candidate)
    evidence = 0.0
    exact = approximate = rare = combined = 0
    for factor, i, j in pairs:
        # Each aligned pair: the weight of its commoner token, times its factor.
        weight = min(weights(query.tokens[i]), weights(candidate.tokens[j]))
        evidence += factor * weight
        if factor >= 1.0:
            exact += 1
        else:
            approximate += 1
            combined += factor == COMBINED_FACTOR
        rare += weight >= RARE_WEIGHT
    single = family_only = False
    extra_given = extra_family = 0
    if len(pairs) == 1:
        single, evidence, extra_given, extra_family, family_only = _one_against_more(
            query, candidate, pairs[0], used_q, used_c, evidence)
    left_q, weight_q = _leftover_weight(query, used_q, candidate, weights)
    left_c, weight_c = _leftover_weight(candidate, used_c, query, weights)
    penalty = 0.0
    if left_q and left_c:
        penalty = -max(CONFLICT_MIN, CONFLICT_FACTOR * min(weight_q, weight_c))
    elif (left_q or left_c) and not single:
        penalty = -MISSING_TOKEN_PENALTY * min(left_q + left_c, 3)
    total = max(NAME_FLOOR, min(NAME_CAP, evidence) + penalty)
    joined = False
    if len(query.tokens) != len(candidate.tokens):
        total, joined = _joined_total(query, candidate, weights, total)
    return NameEvidence(
        total,
        len(pairs),
        max(len(query.tokens), len(candidate.tokens)),
        exact,
        approximate,
        rare,
        single,
        joined,
        left_q,
        left_c,
        False,
        extra_given,
        extra_family,
        family_only,
        query.repeated or candidate.repeated,
        combined,
    )


def _one_against_more(
    query: PreparedName,
    candidate: PreparedName,
    pair: tuple[float, int, int],
    used_q: int,
    used_c: int,
    evidence: float,
) -> tuple[bool, float, int, int, bool]:
    """One name against two (or more), in either direction, when one token pair aligned:
    (whether it is that case, the evidence, the longer name's given and family names left
    over, whether the one name is only the family name). The agreeing token's weight is
    capped, less what the left-over tokens of the longer name cost by their kind; a
    one-token name that is only the family name says less."""
    countable_q, countable_c = _countable(query, candidate), _countable(candidate, query)
    if not (min(countable_q, countable_c) == 1 and max(countable_q, countable_c) > 1):
        return False, evidence, 0, 0, False
    _factor, i, j = pair
    if countable_c > countable_q:
        matched = candidate.keys[j]
        extra_given, extra_family = _extra_tokens(candidate, used_c, query)
    else:
        matched = query.keys[i]
        extra_given, extra_family = _extra_tokens(query, used_q, candidate)
    evidence = min(SINGLE_CAP, evidence)
    family_only = False
    if is_family_name(matched) and extra_given:
        family_only = True
        evidence *= FAMILY_ONLY_FACTOR
    evidence -= extra_given * EXTRA_GIVEN_COST + extra_family * EXTRA_FAMILY_COST
    return True, evidence, extra_given, extra_family, family_only


def _joined_total(
    query: PreparedName, candidate: PreparedName, weights: TokenWeights, total: float
) -> tuple[float, bool]:
    """The name's total once the names written as one word are compared ("Nur Hayati" /
    "Nurhayati"), and whether that comparison decided it."""
    similarity = _joined_similarity(query, candidate)
    if similarity >= JOINED_MATCH_MIN:
        lighter = min(_own_weight(query, weights), _own_weight(candidate, weights))
        joined_total = min(NAME_CAP, _fuzzy_factor(similarity, 99) * lighter)
        if joined_total > total:
            return joined_total, True
    return total, False


def name_reason(evidence: NameEvidence) -> Reason:
    """The explained form of :func:`name_evidence` (relations only, never the names).

    ``detail`` is a technical English line for logs; ``code`` and ``params`` let the display
    layer say the same in the officer's language (``lindung.people.match_display``)."""
    if evidence.empty:
        return Reason("name", "missing", "a name is empty after normalisation", 0.0, "name_empty")
    both_differ = bool(evidence.left_query and evidence.left_candidate)
    one_side = (
        0 if both_differ or evidence.single else (evidence.left_query + evidence.left_candidate)
    )
    params = (
        ("matched", evidence.matched),
        ("longest", evidence.longest),
        ("exact", evidence.exact),
        ("approximate", evidence.approximate),
        ("rare", evidence.rare),
        ("single", int(evidence.single)),
        ("extra_given", evidence.extra_given),
        ("extra_family", evidence.extra_family),
        ("family_only", int(evidence.family_only)),
        ("both_differ", int(both_differ)),
        ("one_side", one_side),
        ("repeated", int(evidence.repeated)),
        ("combined", evidence.combined),
    )
    if evidence.joined:
        code = "name_joined"
        detail = "the names agree when written as one word"
    else:
        code = "name_tokens"
        detail = _tokens_detail(evidence)
        notes = _name_notes(evidence, both_differ, one_side)
        if notes:
            detail += "; " + "; ".join(notes)
    return Reason("name", _name_strength(evidence), detail, round(evidence.total, 3), code,
                  params)


def _tokens_detail(evidence: NameEvidence) -> str:
    """ "2 of 3 name tokens agree (1 exactly, 1 approximately, none rare)"."""
    detail = f"{evidence.matched} of {evidence.longest} name tokens agree"
    if evidence.matched:
        kinds = []
        if evidence.exact:
            kinds.append(f"{evidence.exact} exactly")
        if evidence.approximate:
            kinds.append(f"{evidence.approximate} approximately")
        kinds.append(f"{evidence.rare} rare" if evidence.rare else "none rare")
        detail += " (" + ", ".join(kinds) + ")"
    return detail


def _name_notes(evidence: NameEvidence, both_differ: bool, one_side: int) -> list[str]:
    """What else the explanation says: old spelling with a typo, one name against a longer
    one, a repeated name, tokens left over."""
    notes: list[str] = []
    if evidence.combined:
        notes.append("an old spelling with a typo")
    if evidence.single:
        extra = []
        if evidence.extra_given:
            extra.append(f"{evidence.extra_given} given name(s) left out")
        if evidence.extra_family:
            extra.append(f"{evidence.extra_family} family name(s) left out")
        notes.append("one name against a longer one" + (": " + ", ".join(extra) if extra else ""))
        if evidence.family_only:
            notes.append("the one name is only the family name")
    if evidence.repeated:
        notes.append("a name written twice counts once")
    if both_differ:
        notes.append("other tokens differ on both sides")
    elif one_side:
        notes.append(f"{one_side} token{'s' if one_side > 1 else ''} on one side only")
    return notes


def _name_strength(evidence: NameEvidence) -> Strength:
    """How the name agrees, in one word: conflict, exact, strong or partial."""
    total = evidence.total
    if total <= 0:
        return "conflict"
    if (
        not evidence.left_query
        and not evidence.left_candidate
        and evidence.approximate == 0
        and not evidence.single
        and not evidence.joined
    ):
        return "exact"
    if total >= 4.0:
        return "strong"
    return "partial"
