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
from typing import Final, NamedTuple

from rapidfuzz.distance import OSA, JaroWinkler

from lindung.matching.keys import spelling_key
from lindung.matching.normalize import PATRONYM_MARKER, name_tokens
from lindung.matching.result import Reason, Strength
from lindung.matching.weights import RARE_WEIGHT, TokenWeights

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
SINGLE_COMMON_FACTOR: Final = 0.35
SINGLE_RARE_FACTOR: Final = 0.8
JOINED_MATCH_MIN: Final = 0.93
#: A one-token name matching one token of a longer name adds at most this much.
SINGLE_RARE_CAP: Final = 5.0

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
    for token in normalized.split():
        if token == PATRONYM_MARKER and tokens:
            in_father = True
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
        # Initials ("Ahmad S.") match a leftover token with the same first letter, for nothing.
        for i, a in enumerate(left.keys):
            if used_left & (1 << i):
                continue
            for j, b in enumerate(right.keys):
                if used_right & (1 << j) or (len(a) > 1 and len(b) > 1) or a[:1] != b[:1]:
                    continue
                used_left |= 1 << i
                used_right |= 1 << j
                break
    return pairs, used_left, used_right


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
    single_rare: bool = False
    joined: bool = False
    left_query: int = 0
    left_candidate: int = 0
    empty: bool = False


_EMPTY: Final = NameEvidence(0.0, empty=True)


def names_alignable(query: PreparedName, candidate: PreparedName) -> bool:
    """Whether any token pair aligns or the joined names agree: without either, the name
    evidence is at most ``-CONFLICT_MIN`` (a cheap pre-check for bulk scoring)."""
    for _i, a in query.words:
        for _j, b in candidate.words:
            if a == b or token_factor(a, b) > 0.0:
                return True
    return bool(
        len(query.tokens) != len(candidate.tokens) and _joined_similarity(query, candidate)
    )


def name_evidence(
    query: PreparedName, candidate: PreparedName, weights: TokenWeights, exact_date: bool
) -> NameEvidence:
    """The name's contribution, from :data:`NAME_FLOOR` to :data:`NAME_CAP` nats."""
    if not query.tokens or not candidate.tokens:
        return _EMPTY
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
    single = single_rare = False
    if len(pairs) == 1:
        countable_q, countable_c = _countable(query, candidate), _countable(candidate, query)
        single = min(countable_q, countable_c) == 1 and max(countable_q, countable_c) > 1
    if single:
        if rare and exact_date:
            single_rare = True
            evidence = min(SINGLE_RARE_CAP, evidence * SINGLE_RARE_FACTOR)
        else:
            evidence *= SINGLE_COMMON_FACTOR
    left_q, weight_q = _leftover_weight(query, used_q, candidate, weights)
    left_c, weight_c = _leftover_weight(candidate, used_c, query, weights)
    penalty = 0.0
    if left_q and left_c:
        penalty = -max(CONFLICT_MIN, CONFLICT_FACTOR * min(weight_q, weight_c))
    elif left_q or left_c:
        penalty = -MISSING_TOKEN_PENALTY * min(left_q + left_c, 3)
    total = max(NAME_FLOOR, min(NAME_CAP, evidence) + penalty)

    joined = False
    if len(query.tokens) != len(candidate.tokens):
        similarity = _joined_similarity(query, candidate)
        if similarity >= JOINED_MATCH_MIN:
            lighter = min(_own_weight(query, weights), _own_weight(candidate, weights))
            joined_total = min(NAME_CAP, _fuzzy_factor(similarity, 99) * lighter)
            if joined_total > total:
                total = joined_total
                joined = True
    return NameEvidence(
        total,
        len(pairs),
        max(len(query.tokens), len(candidate.tokens)),
        exact,
        approximate,
        rare,
        single,
        single_rare,
        joined,
        left_q,
        left_c,
    )


def name_reason(evidence: NameEvidence) -> Reason:
    """The explained form of :func:`name_evidence` (relations only, never the names)."""
    if evidence.empty:
        return Reason("name", "missing", "a name is empty after normalisation", 0.0)
    if evidence.joined:
        detail = "the names agree when written as one word"
    else:
        detail = f"{evidence.matched} of {evidence.longest} name tokens agree"
        if evidence.matched:
            kinds = []
            if evidence.exact:
                kinds.append(f"{evidence.exact} exactly")
            if evidence.approximate:
                kinds.append(f"{evidence.approximate} approximately")
            kinds.append(f"{evidence.rare} rare" if evidence.rare else "none rare")
            detail += " (" + ", ".join(kinds) + ")"
        notes: list[str] = []
        if evidence.single_rare:
            notes.append("a one-token name matches a rare token of the longer name")
        elif evidence.single:
            notes.append("a one-token name matches only one token of the longer name")
        if evidence.left_query and evidence.left_candidate:
            notes.append("other tokens differ on both sides")
        elif evidence.left_query or evidence.left_candidate:
            count = evidence.left_query + evidence.left_candidate
            notes.append(f"{count} token{'s' if count > 1 else ''} on one side only")
        if notes:
            detail += "; " + "; ".join(notes)
    total = evidence.total
    strength: Strength
    if total <= 0:
        strength = "conflict"
    elif (
        not evidence.left_query
        and not evidence.left_candidate
        and evidence.approximate == 0
        and not evidence.single
        and not evidence.joined
    ):
        strength = "exact"
    elif total >= 4.0:
        strength = "strong"
    else:
        strength = "partial"
    return Reason("name", strength, detail, round(total, 3))
