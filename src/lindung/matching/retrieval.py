"""Which blocking keys to look up for one query: the smallest blocks first, up to a budget.

Blocks are uneven (see :func:`~lindung.matching.keys.blocking_keys`): a date key holds a
handful of people, a frequent token thousands. The keys of a query are taken in order of
their block size (as counted in the registry, :data:`sizes`), smallest first, until the
blocks taken hold ``budget`` records; the smallest block is always taken unless it is larger
than ``limit`` (a stop key). On a 1,000,000-person synthetic registry the search budget of
40 keeps the true record among the candidates retrieved for 98.7% of the passengers written
another way, as 60 did for 98.9% at 1.4 times the cost, with the same precision and recall
at "match" (docs/matching.md, Speed); looking up every key below the stop limit would fetch
thousands of rows per query for almost no extra recall.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Final
from typing import TypeVar

from lindung.matching.keys import STOP_KEY_LIMIT

__all__ = ["DEDUPE_BUDGET", "SEARCH_BUDGET", "select_keys", "smallest_within"]

T = TypeVar("T")

#: Records fetched per query at most (in key rows) when screening or searching.
SEARCH_BUDGET: Final = 40
#: Records compared per record at most when de-duplicating a whole registry.
DEDUPE_BUDGET: Final = 40


def select_keys(
    keys: Iterable[str],
    sizes: Mapping[str, int],
    *,
    budget: int = SEARCH_BUDGET,
    limit: int = STOP_KEY_LIMIT,
    unknown_size: int = 1,
) -> list[str]:
    """The keys worth looking up, smallest block first, until ``budget`` records are covered.

    ``sizes`` maps a key to the number of records sharing it; a key missing there counts as
    ``unknown_size`` (a key new since the counts were refreshed is rare by nature). Keys with
    no record at all (size 0) and keys above ``limit`` are never chosen.

    >>> select_keys(["a", "b", "c", "d"], {"a": 60, "b": 5, "c": 50, "d": 0}, budget=60)
    ['b', 'c']
    >>> select_keys(["x"], {"x": 500}, budget=100)
    ['x']
    >>> select_keys(["x"], {"x": 5000}, budget=100)
    []
    """
    ranked = sorted(
        (size, key)
        for key in set(keys)
        if 0 < (size := sizes.get(key, unknown_size)) <= limit
    )
    return smallest_within(ranked, budget)


def smallest_within(ranked: Iterable[tuple[int, T]], budget: int) -> list[T]:
    """The items of ``ranked`` (``(size, item)``, smallest first) taken in order until their
    sizes would pass ``budget``; the first is always taken, however large. Both the search
    (blocking keys) and the de-duplication (blocks) spend their budget this way.

    >>> smallest_within([(5, "b"), (50, "c"), (60, "a")], 60)
    ['b', 'c']
    >>> smallest_within([(500, "x")], 100)
    ['x']
    """
    chosen: list[T] = []
    covered = 0
    for size, item in ranked:
        if chosen and covered + size > budget:
            break
        chosen.append(item)
        covered += size
    return chosen
