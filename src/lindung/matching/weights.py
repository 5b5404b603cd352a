"""How much evidence a name token carries: rare tokens weigh more than common ones.

The weight of a token is its information content, ``-ln(share)``, where ``share`` is the
estimated fraction of people whose name contains the token (an IDF). In Fellegi-Sunter terms
it is the log of ``1/u``, the chance that two unrelated people agree on that token, so the
scorer can add it to a log-likelihood ratio directly. "Muhammad" (about 5% of people) weighs
about 3.0 nats, an unknown token (assumed 1 in 5,000) 8.5, a single letter (an initial) 0.5.

With observed frequencies (``freq``: people per token, ``total``: people counted; see
:func:`count_tokens`) the observed share is used, but never below the built-in share of a
token known to be very common: a small or regional registry would otherwise call "Siti" rare.
Without frequencies the built-in list :data:`COMMON_TOKENS` decides, looked up by the token
and by its spelling key ("Sitti", "Achmad" count as "Siti", "Ahmad").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from typing import Final

from lindung.matching.common_tokens import COMMON_TOKENS
from lindung.matching.keys import spelling_key
from lindung.matching.keys import unique_key
from lindung.matching.normalize import PATRONYM_MARKER
from lindung.matching.normalize import name_tokens

__all__ = [
    "COMMON_TOKENS",
    "INITIAL_WEIGHT",
    "MAX_WEIGHT",
    "MIN_WEIGHT",
    "PLACE_AGREE",
    "PLACE_AGREE_MAX",
    "PLACE_SAME_RATE",
    "PRIOR_LOG_ODDS",
    "RARE_WEIGHT",
    "REFERENCE_PEOPLE",
    "PhoneticCounts",
    "TokenWeights",
    "count_tokens",
    "prior_log_odds",
    "token_weight",
]


#: Share assumed for a token that is neither observed nor in the built-in list.
UNKNOWN_SHARE: Final = 1 / 5000
#: Share assumed for an unknown two-letter token (often an abbreviation).
SHORT_SHARE: Final = 1 / 300
#: Weight of a single letter: an initial says almost nothing.
INITIAL_WEIGHT: Final = 0.5
MIN_WEIGHT: Final = 0.5
MAX_WEIGHT: Final = 10.0
#: Pseudo-people of the prior share mixed into observed counts (see :func:`token_weight`).
PRIOR_PEOPLE: Final = 20_000
#: Tokens at or above this weight count as rare (share below about 0.25%).
RARE_WEIGHT: Final = 6.0
#: Log-odds that a blocked candidate is the person before looking at any field, for a
#: registry of up to :data:`REFERENCE_PEOPLE` people (see :func:`prior_log_odds`).
PRIOR_LOG_ODDS: Final = -7.0
#: Registry size at which the field weights were set (and checked on synthetic data).
REFERENCE_PEOPLE: Final = 100_000
#: Birth places agreeing, without the registry's counts (see :meth:`TokenWeights.place`).
PLACE_AGREE: Final = 1.0
#: The chance that two records of one person write the birth place alike (village, district
#: or regency are written interchangeably): the ``m`` of the place's agreement weight.
PLACE_SAME_RATE: Final = 0.5
#: Most a place agreeing can weigh: names are regional, so two people of one name share a
#: birth place far more often than the place's share of the registry says (1 in 25 at most).
PLACE_AGREE_MAX: Final = 2.5


def prior_log_odds(people: int | None) -> float:
    """The prior log-odds for a registry of ``people``: the same evidence means less in a
    bigger registry, since more people share any name and birth date by chance.

    The chance that a given registry person is the one searched for is 1 in ``people``, so the
    prior falls by ``ln(people / REFERENCE_PEOPLE)``: a one-token common name with a birth
    date ("Budi", 12 March 1990), a "match" among 100,000 people, is a "check" among
    1,000,000 (where about one other Budi in 60 shares any birth date). Never raised above
    :data:`PRIOR_LOG_ODDS` for a smaller registry: the field weights were not made for one.
    """
    if not people or people <= REFERENCE_PEOPLE:
        return PRIOR_LOG_ODDS
    return PRIOR_LOG_ODDS - math.log(people / REFERENCE_PEOPLE)

_BY_SPELLING: Final = {spelling_key(token): share for token, share in COMMON_TOKENS.items()}


def _builtin_share(token: str) -> float | None:
    share = COMMON_TOKENS.get(token)
    if share is None:
        share = _BY_SPELLING.get(spelling_key(token))
    return share


def token_weight(
    tok: str, freq: Mapping[str, int] | None = None, total: int | None = None
) -> float:
    """Evidence, in nats, that agreeing on ``tok`` gives (``-ln`` of its share of people).

    >>> round(token_weight("siti"), 1), round(token_weight("manafe"), 1)
    (3.0, 8.5)
    """
    if not tok:
        return 0.0
    if len(tok) == 1:
        return INITIAL_WEIGHT
    builtin = _builtin_share(tok)
    prior = builtin if builtin is not None else (SHORT_SHARE if len(tok) == 2 else UNKNOWN_SHARE)
    if freq is not None and total:
        # Observed counts, smoothed towards the prior share by PRIOR_PEOPLE pseudo-people:
        # a small registry keeps the built-in weights, a large one speaks for itself.
        share = (freq.get(tok, 0) + 0.5 + PRIOR_PEOPLE * prior) / (total + 1 + PRIOR_PEOPLE)
        if builtin is not None:
            share = max(share, builtin)
    else:
        share = prior
    return min(MAX_WEIGHT, max(MIN_WEIGHT, -math.log(share)))


class TokenWeights:
    """Memoised :func:`token_weight` over one frequency table (or the built-in list).

    >>> weights = TokenWeights()
    >>> weights("siti") < weights("rahayu") < weights("manafe")
    True
    """

    __slots__ = ("_cache", "_place_cache", "freq", "places", "prior", "total")

    def __init__(self, freq: Mapping[str, int] | None = None, total: int | None = None,
                 places: Mapping[str, int] | None = None) -> None:
        self.freq = freq
        self.total = total
        #: People per birth place (:func:`~lindung.matching.score.place_key`), if counted.
        self.places = places
        #: The prior log-odds for this registry's size (:func:`prior_log_odds`).
        self.prior = prior_log_odds(total if freq is not None else None)
        self._cache: dict[str, float] = {}
        self._place_cache: dict[str, float] = {}

    def place(self, key: str) -> float:
        """Evidence, in nats, of two records agreeing on the birth place ``key``.

        Without the registry's counts, :data:`PLACE_AGREE`. With them, the place's
        agreement weight ``ln(m / share)``, as for name tokens: ``m`` is
        :data:`PLACE_SAME_RATE`, ``share`` the place's share of the registry (smoothed by
        :data:`PRIOR_PEOPLE` pseudo-people towards the share at which the weight is
        :data:`PLACE_AGREE`), kept between :data:`PLACE_AGREE` and :data:`PLACE_AGREE_MAX`.
        A place shared by a fifth of the registry says little; one of a hundred regencies
        says more.
        """
        if self.places is None or not self.total:
            return PLACE_AGREE
        weight = self._place_cache.get(key)
        if weight is None:
            prior = PLACE_SAME_RATE * math.exp(-PLACE_AGREE)
            share = (self.places.get(key, 0) + PRIOR_PEOPLE * prior) / (self.total + PRIOR_PEOPLE)
            weight = min(PLACE_AGREE_MAX, max(PLACE_AGREE, math.log(PLACE_SAME_RATE / share)))
            if len(self._place_cache) < 100_000:
                self._place_cache[key] = weight
        return weight

    def __call__(self, tok: str) -> float:
        weight = self._cache.get(tok)
        if weight is None:
            weight = token_weight(tok, self.freq, self.total)
            if len(self._cache) < 500_000:
                self._cache[tok] = weight
        return weight

    def is_rare(self, tok: str) -> bool:
        """Whether agreeing on ``tok`` alone is notable evidence (weight >= RARE_WEIGHT)."""
        return self(tok) >= RARE_WEIGHT


class PhoneticCounts(Mapping[str, int]):
    """People per token, read from the counts of the ``u:{phonetic token}`` blocking keys
    (as the registry's key-frequency table holds them): a token counts with every token of
    the same phonetic key, which errs towards the common side. Very common tokens make no
    ``u:`` key; their built-in share applies."""

    def __init__(self, key_counts: Mapping[str, int]) -> None:
        self.key_counts = key_counts

    def __getitem__(self, token: str) -> int:
        count = self.get(token)
        if count is None:
            raise KeyError(token)
        return count

    def get(self, token: str, default: int | None = None) -> int | None:  # type: ignore[override]
        return self.key_counts.get(unique_key(token), default)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return len(self.key_counts)


def count_tokens(names: Iterable[str]) -> tuple[dict[str, int], int]:
    """Document frequencies for :class:`TokenWeights`: (people per token, people counted).

    Each name counts a token once, whatever its repetitions.
    """
    counter: Counter[str] = Counter()
    total = 0
    for name in names:
        total += 1
        counter.update({token for token in name_tokens(name) if token != PATRONYM_MARKER})
    return dict(counter), total
