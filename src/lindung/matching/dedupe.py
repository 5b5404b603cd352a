"""De-duplicating a whole registry in memory: blocks, a budget per record, bulk scoring.

The database layer streams the stored blocking keys ordered by key (``(key, record index)``
rows) into a :class:`BlockIndex`; this module then finds every pair of records worth a human
look, without ever comparing all pairs:

1. Blocks with one member or more than ``limit`` members (stop keys) are dropped. Records
   that share a NIK or a passport number form blocks of their own
   (:meth:`BlockIndex.add_identity_blocks`), small and so always chosen.
2. Each record keeps its smallest blocks until they hold ``budget`` records
   (:func:`choose_blocks`, the same rule as :func:`~lindung.matching.retrieval.select_keys`).
3. Each record is compared with the members of its chosen blocks. A pair that both records
   would find is compared once, by the lower index; a pair found from one side only is
   compared by that side. No set of seen pairs is kept, so memory stays linear.
4. Comparisons use :func:`~lindung.matching.score.quick_log_odds` with a floor: most pairs
   are cut off after the birth date or the name, without building an explanation.

The work splits by record (index modulo the number of processes); with ``processes > 1``
the index is built once and worker processes are forked to share it (Linux), each scoring
its share. The caller explains the few pairs kept with
:func:`~lindung.matching.score.score_records`.
"""

from __future__ import annotations

import math
import multiprocessing
import time
from array import array
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import Final

from lindung.matching.decide import MATCH_MARGIN
from lindung.matching.keys import STOP_KEY_LIMIT
from lindung.matching.retrieval import DEDUPE_BUDGET
from lindung.matching.retrieval import smallest_within
from lindung.matching.score import POSSIBLE_LOG_ODDS
from lindung.matching.score import Record
from lindung.matching.score import Unseal
from lindung.matching.score import quick_log_odds
from lindung.matching.weights import TokenWeights

#: Log-odds at the "match" threshold (a score of 0.9).
MATCH_LOG_ODDS: Final = math.log(9.0)

__all__ = [
    "MATCH_LOG_ODDS",
    "BlockIndex",
    "ScoredPair",
    "ambiguous_pairs",
    "brute_force_pairs",
    "choose_blocks",
    "find_duplicates",
]

#: A pair of record indices (lower first) and its log-odds.
ScoredPair = tuple[int, int, float]
#: Called with (records done, records in all).
Progress = Callable[[int, int], None]

_PROGRESS_EVERY: Final = 2000


@dataclass
class BlockIndex:
    """Blocks of record indices by block number, and each record's block numbers."""

    blocks: list[array[int]]
    record_blocks: list[array[int]]

    @classmethod
    def from_sorted_rows(
        cls, rows: Iterable[tuple[str, int]], records: int, *, limit: int = STOP_KEY_LIMIT
    ) -> BlockIndex:
        """Build from ``(key, record index)`` rows ordered by key (as the database streams
        them). Blocks of one record, and blocks above ``limit``, are left out."""
        blocks: list[array[int]] = []
        record_blocks = [array("i") for _ in range(records)]
        current: str | None = None
        members = array("i")

        def close() -> None:
            if 1 < len(members) <= limit:
                number = len(blocks)
                blocks.append(array("i", sorted(set(members))))
                for member in blocks[-1]:
                    record_blocks[member].append(number)

        for key, index in rows:
            if key != current:
                close()
                current = key
                members = array("i")
            members.append(index)
        close()
        return cls(blocks, record_blocks)

    @classmethod
    def from_keys(
        cls, keys_per_record: Sequence[Iterable[str]], *, limit: int = STOP_KEY_LIMIT
    ) -> BlockIndex:
        """Build from each record's keys (in memory: tests, benchmarks)."""
        rows = sorted(
            (key, index) for index, keys in enumerate(keys_per_record) for key in keys
        )
        return cls.from_sorted_rows(rows, len(keys_per_record), limit=limit)

    def size(self, number: int) -> int:
        return len(self.blocks[number])

    def add_identity_blocks(self, records: Sequence[Record], *, limit: int = 20) -> int:
        """Add a block per NIK and per passport number shared by several records (clear or
        keyed, as the records carry them): a renewed name or a missing birth date does not
        hide two records of one passport. Blocks of one record, or of more than ``limit``
        (a placeholder number typed for everyone), are left out. Returns the blocks added."""
        groups: dict[str, list[int]] = defaultdict(list)
        for number, record in enumerate(records):
            nik = record.nik or record.nik_key
            if nik:
                groups["n:" + nik].append(number)
            passport = record.passport or record.passport_key
            if passport:
                groups["p:" + passport].append(number)
        added = 0
        for members in groups.values():
            if 1 < len(members) <= limit:
                number = len(self.blocks)
                self.blocks.append(array("i", members))
                for member in members:
                    self.record_blocks[member].append(number)
                added += 1
        return added


def choose_blocks(index: BlockIndex, budget: int = DEDUPE_BUDGET) -> list[tuple[int, ...]]:
    """Each record's smallest blocks, until they hold ``budget`` records (at least one)."""
    sizes = [len(block) for block in index.blocks]
    chosen: list[tuple[int, ...]] = []
    for numbers in index.record_blocks:
        if not numbers:
            chosen.append(())
            continue
        ranked = sorted((sizes[number], number) for number in numbers)
        chosen.append(tuple(smallest_within(ranked, budget)))
    return chosen


@dataclass
class _Work:
    records: Sequence[Record]
    index: BlockIndex
    chosen: list[tuple[int, ...]]
    weights: TokenWeights | None
    floor: float
    unseal: Unseal | None


def _score_shard(
    work: _Work, shard: int, shards: int, tick: Callable[[int], None]
) -> list[ScoredPair]:
    records, chosen = work.records, work.chosen
    weights, floor, unseal = work.weights, work.floor, work.unseal
    found: list[ScoredPair] = []
    since = 0
    for a in range(shard, len(records), shards):
        since += 1
        if since == _PROGRESS_EVERY:
            tick(since)
            since = 0
        if not chosen[a]:
            continue
        left = records[a]
        for b in _partners(work, a):
            log_odds = quick_log_odds(left, records[b], weights, floor, unseal=unseal)
            if log_odds >= floor:
                found.append((a, b, log_odds) if a < b else (b, a, log_odds))
    tick(since)
    return found


def _partners(work: _Work, a: int) -> list[int]:
    """The records that record ``a`` compares itself with: the members of its chosen
    blocks, but not itself, nor a lower record that compares the pair (one of whose chosen
    blocks holds ``a``)."""
    blocks, chosen = work.index.blocks, work.chosen
    picked = chosen[a]
    members: Iterable[int]
    if len(picked) == 1:
        members = blocks[picked[0]]
    else:
        union: set[int] = set()
        for number in picked:
            union.update(blocks[number])
        members = union
    mine: set[int] | None = None
    partners: list[int] = []
    for b in members:
        if b == a:
            continue
        if b < a:
            if mine is None:
                mine = set(work.index.record_blocks[a])
            if not mine.isdisjoint(chosen[b]):
                continue
        partners.append(b)
    return partners


def _child(work: _Work, shard: int, shards: int, queue: Any, counter: Any) -> None:
    def tick(count: int) -> None:
        with counter.get_lock():
            counter.value += count

    queue.put(_score_shard(work, shard, shards, tick))


def find_duplicates(
    records: Sequence[Record],
    index: BlockIndex,
    *,
    budget: int = DEDUPE_BUDGET,
    floor: float = POSSIBLE_LOG_ODDS,
    weights: TokenWeights | None = None,
    unseal: Unseal | None = None,
    processes: int = 1,
    progress: Progress | None = None,
    identity_blocks: bool = True,
) -> list[ScoredPair]:
    """Every pair of records scoring at least ``floor`` (log-odds) among the blocked pairs,
    lower index first, best first. ``identity_blocks``: add the blocks of shared NIKs and
    passport numbers to ``index`` first."""
    if identity_blocks:
        index.add_identity_blocks(records)
    work = _Work(records, index, choose_blocks(index, budget), weights, floor, unseal)
    if processes > 1 and "fork" in multiprocessing.get_all_start_methods():
        found = _score_forked(work, processes, progress)
    else:
        found = _score_here(work, progress)
    found.sort(key=lambda pair: (-pair[2], pair[0], pair[1]))
    return found


def _score_here(work: _Work, progress: Progress | None) -> list[ScoredPair]:
    """Every record scored in this process."""
    total = len(work.records)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    return _score_shard(work, 0, 1, tick)


def _score_forked(work: _Work, processes: int, progress: Progress | None) -> list[ScoredPair]:
    """The records shared among ``processes`` forked processes (which share the index)."""
    total = len(work.records)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    counter = context.Value("q", 0)
    children = [
        context.Process(target=_child, args=(work, shard, processes, queue, counter))
        for shard in range(processes)
    ]
    for child in children:
        child.start()
    found: list[ScoredPair] = []
    received = 0
    while received < processes:
        try:
            found.extend(queue.get(timeout=0.5))
            received += 1
        except Exception:
            if not any(child.is_alive() for child in children) and queue.empty():
                break
        if progress is not None:
            progress(min(int(counter.value), total), total)
    for child in children:
        child.join()
    if received < processes:
        raise RuntimeError("A de-duplication worker process failed")
    if progress is not None:
        progress(total, total)
    return found


def brute_force_pairs(
    records: Sequence[Record],
    *,
    floor: float = POSSIBLE_LOG_ODDS,
    weights: TokenWeights | None = None,
    deadline: float = math.inf,
) -> tuple[list[ScoredPair], int]:
    """Every pair compared (the baseline the benchmarks quote): (pairs kept, pairs compared).

    Stops at ``deadline`` (a :func:`time.perf_counter` value) so a benchmark can sample it.
    """
    found: list[ScoredPair] = []
    compared = 0
    for a in range(len(records)):
        left = records[a]
        for b in range(a + 1, len(records)):
            log_odds = quick_log_odds(left, records[b], weights, floor)
            if log_odds >= floor:
                found.append((a, b, log_odds))
        compared += len(records) - a - 1
        if time.perf_counter() > deadline:
            break
    return found, compared


def ambiguous_pairs(
    pairs: Sequence[ScoredPair],
    records: Sequence[Record],
    *,
    weights: TokenWeights | None = None,
    match_floor: float = MATCH_LOG_ODDS,
    same_floor: float = POSSIBLE_LOG_ODDS,
    margin: float = MATCH_MARGIN,
    unseal: Unseal | None = None,
    not_same: Collection[tuple[int, int]] = (),
) -> set[tuple[int, int]]:
    """The pairs scoring "match" that are not a clear match once every other candidate of
    either record is looked at: the rule of :func:`~lindung.matching.decide.identify`,
    applied to both records of a pair.

    A pair (a, b) is ambiguous when a third record c, found with a or b (scoring at least
    "possible"), fits within ``margin`` nats of the pair, or better, and is not plausibly
    one person with the record it competes with (the pair of them scores below
    ``same_floor``, "possible" by default: e.g. their NIKs differ). The usual case: two
    registry people share a name and a birth date, their NIKs tell them apart, and a third
    record without NIK or passport fits both; it is one of them at most, and a person must
    say which. Records of one person never compete with each other. ``not_same``: pairs (lower
    index first) a person decided are two people: neither is a candidate for the other.
    """
    weights = weights or TokenWeights()
    partners: dict[int, list[tuple[float, int]]] = defaultdict(list)
    known: dict[tuple[int, int], float] = {}
    rejected = set(not_same)
    for a, b, log_odds in pairs:
        if (a, b) in rejected:
            continue
        partners[a].append((log_odds, b))
        partners[b].append((log_odds, a))
        known[(a, b)] = log_odds

    def same(first: int, second: int) -> bool:
        key = (first, second) if first < second else (second, first)
        if key in rejected:
            return False
        log_odds = known.get(key)
        if log_odds is None:
            log_odds = known[key] = quick_log_odds(
                records[key[0]], records[key[1]], weights, same_floor, unseal=unseal)
        return log_odds >= same_floor

    ambiguous: set[tuple[int, int]] = set()
    for a, b, log_odds in pairs:
        if log_odds < match_floor:
            continue
        for this, other in ((a, b), (b, a)):
            if any(
                rival != other and score > log_odds - margin and not same(other, rival)
                for score, rival in partners[this]
            ):
                ambiguous.add((a, b))
                break
    return ambiguous
