"""The verdict of one query over all its candidates: "match" only when one person fits clearly
better than every other, else "check" listing every close candidate.

Scoring (:mod:`lindung.matching.score`) says how well *one* candidate fits. Whom a query
identifies depends on the others too: when two or three registry people share the name and
the birth date and no NIK or passport tells them apart, each of them scores "match", and
picking the first would stop the wrong traveller half of the time. :func:`identify` looks at
every candidate that scored at least "possible":

* ``margin``: how much better the best fits than the runner-up, in nats of log-odds
  (``exp(margin)`` times likelier); ``None`` when there is no runner-up.
* ``ambiguous``: a runner-up is within :data:`MATCH_MARGIN` of the best, and they are not
  known to be one person (an identity cluster decided in the review queue: ``same``).
* ``verdict``: ``match`` when the best scores "match" and is not ambiguous; ``check`` when
  the best scores at least "possible" (including every ambiguous "match"); else
  ``no_match``.
* ``candidates``: the people an officer must look at, best first: the best alone for a clear
  "match"; for "check", every candidate scoring "possible" or better within
  :data:`CLOSE_MARGIN` of the best (all the homonyms, not one of them).

Pure Python and generic over the hit type: the database layer
(:func:`lindung.people.matching.identify_people`) passes its ``Hit`` objects.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from typing import Generic
from typing import Literal
from typing import TypeVar

from lindung.matching.result import MATCH_THRESHOLD
from lindung.matching.result import POSSIBLE_THRESHOLD
from lindung.matching.result import MatchResult

__all__ = [
    "CLOSE_MARGIN",
    "MATCH_MARGIN",
    "Identification",
    "Verdict",
    "identify",
]

Verdict = Literal["match", "check", "no_match"]

#: Nats of log-odds by which the best candidate must lead the runner-up to be a "match"
#: (``exp(2.3)``: ten times likelier).
MATCH_MARGIN: Final = 2.3
#: Candidates within this many nats of the best are listed with it on a "check".
CLOSE_MARGIN: Final = 4.6

H = TypeVar("H")


@dataclass(frozen=True, slots=True)
class Identification(Generic[H]):
    """The verdict of one query (see the module docstring)."""

    verdict: Verdict
    best: H | None
    candidates: tuple[H, ...]
    margin: float | None
    ambiguous: bool
    #: Every candidate scoring "possible" or better, best first (a superset of candidates).
    hits: tuple[H, ...] = ()

    @property
    def times_likelier(self) -> float | None:
        """How many times likelier the best is than the runner-up (``exp(margin)``)."""
        if self.margin is None:
            return None
        return float(min(1e9, 2.718281828459045 ** min(self.margin, 30.0)))


def identify(
    hits: Sequence[H],
    result: Callable[[H], MatchResult],
    *,
    same: Callable[[H, H], bool] | None = None,
    match_margin: float = MATCH_MARGIN,
    close_margin: float = CLOSE_MARGIN,
) -> Identification[H]:
    """The verdict over ``hits`` (any order); ``result`` gives each hit's scored comparison,
    ``same`` whether two hits are known to be one person (then they do not compete)."""
    ranked = sorted(
        (hit for hit in hits if result(hit).score >= POSSIBLE_THRESHOLD),
        key=lambda hit: -result(hit).log_odds,
    )
    if not ranked:
        return Identification("no_match", None, (), None, False)
    best = ranked[0]
    top = result(best).log_odds
    rivals = [hit for hit in ranked[1:] if same is None or not same(best, hit)]
    margin = top - result(rivals[0]).log_odds if rivals else None
    ambiguous = margin is not None and margin < match_margin
    if result(best).score >= MATCH_THRESHOLD and not ambiguous:
        return Identification("match", best, (best,), margin, False, tuple(ranked))
    close = tuple(hit for hit in ranked if top - result(hit).log_odds <= close_margin)
    return Identification("check", best, close, margin, ambiguous, tuple(ranked))
