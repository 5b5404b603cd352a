"""Benchmark: batch de-duplication of a registry of 1,000,000 people.

    .venv/bin/python bench/dedupe_speed.py [--db sqlite|postgres] [--people 1000000]
        [--processes 2] [--rebuild]

Builds (or reuses) the synthetic registry (bench/_registry.py: 10% duplicate records, 2%
homonyms), then runs the real batch job (``lindung.people.dedupe.dedupe_run``: key
frequencies, people and keys streamed from the database, blocks, scoring in ``--processes``
forked processes, explanations, the review queue written) and prints the time of each
phase, the quality against the truth, the plain baseline (exact normalised name + birth
date) on the same data, and a brute-force all-pairs scorer timed on a sample and
extrapolated to the whole registry, as a ratio.

Then the incremental check (``lindung.people.dedupe.dedupe_person``, what the Huey task runs
when a person is created or changed): ``--incremental`` new people (80% another record of a
registry person, written another way; 20% someone new) are registered through
``person_create`` and each is checked against the whole registry, timed one by one (p50,
p95); they are removed afterwards. ``--only-incremental`` skips the batch run.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections import defaultdict
from typing import Any

from _registry import build_registry
from _registry import precision_recall
from _registry import setup
from _registry import truth

MATCH_THRESHOLD = 0.9


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Phases:
    """Wall time per phase of the run, and a progress line."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.order: list[str] = []
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if phase not in self.started:
            self.started[phase] = now
            self.order.append(phase)
        if now - self.last > 10:
            self.last = now
            print(f"  {phase}: {done:,}/{total:,}" if total else f"  {phase}: {done:,}",
                  flush=True)

    def report(self, end: float) -> str:
        marks = [*(self.started[phase] for phase in self.order), end]
        return ", ".join(f"{phase} {marks[i + 1] - marks[i]:.0f} s"
                         for i, phase in enumerate(self.order))


def _pairs_by_cluster() -> tuple[set[tuple[str, str]], dict[str, str]]:
    clusters = truth()
    members: dict[str, list[str]] = defaultdict(list)
    for person_id, cluster in clusters.items():
        members[cluster].append(person_id)
    pairs = {tuple(sorted((a, b))) for group in members.values() if len(group) > 1
             for i, a in enumerate(group) for b in group[i + 1:]}
    return pairs, clusters  # type: ignore[return-value]


def _key(value: Any, clusters: dict[str, str]) -> str:
    text = value.hex if hasattr(value, "hex") else str(value)
    return text if text in clusters else str(value)


def _quality() -> None:
    """Precision and recall of the review queue against the truth, beside the baseline."""
    from lindung.people.models import DuplicatePair
    from lindung.people.models import Person

    true_pairs, clusters = _pairs_by_cluster()
    found = DuplicatePair.objects.values_list("person_a_id", "person_b_id", "score",
                                              "decision")
    matched, scored, queued = set(), set(), set()
    for first, second, score, decision in found:
        pair = tuple(sorted((_key(first, clusters), _key(second, clusters))))
        queued.add(pair)
        if decision == "match":
            matched.add(pair)
        if score >= MATCH_THRESHOLD:
            scored.add(pair)
    for label, predicted in (("match (decision)", matched),
                             ("score >= 0.9 (no margin)", scored),
                             ("review queue (>= 0.5)", queued)):
        precision, recall, f1 = precision_recall(len(predicted & true_pairs), len(predicted),
                                                 len(true_pairs))
        print(f"  engine, {label:<22} precision {precision:.3f}  recall {recall:.3f}  "
              f"F1 {f1:.3f}")
    groups: dict[tuple[str, Any], list[str]] = defaultdict(list)
    for pk, name, born in Person.objects.values_list("id", "search_name", "birth_date"):
        groups[(name, born)].append(_key(pk, clusters))
    baseline = {tuple(sorted((a, b))) for group in groups.values() if len(group) > 1
                for i, a in enumerate(group) for b in group[i + 1:]}
    precision, recall, f1 = precision_recall(len(baseline & true_pairs), len(baseline),
                                             len(true_pairs))
    print(f"  baseline, exact name + date  precision {precision:.3f}  recall {recall:.3f}  "
          f"F1 {f1:.3f}")


def _incremental(count: int) -> None:
    """Register ``count`` people and time the incremental check of each (see the docstring)."""
    import random

    from huey.contrib.djhuey import HUEY

    from lindung.matching.synthetic import SyntheticPerson
    from lindung.matching.synthetic import make_person
    from lindung.matching.synthetic import make_variant
    from lindung.people.dedupe import dedupe_person
    from lindung.people.models import Person
    from lindung.people.services import person_create

    if count <= 0:
        return
    rng = random.Random(17)
    ids = list(Person.objects.values_list("id", flat=True)[:200_000:97])
    sample = Person.objects.filter(pk__in=rng.sample(ids, min(len(ids), count))).values_list(
        "name", "birth_date", "birth_place", "sex")
    newcomers: list[SyntheticPerson] = []
    for name, born, place, sex in sample:
        if rng.random() < 0.2:
            newcomers.append(make_person(rng))
            continue
        known = SyntheticPerson("", "", name, born, place, "M" if sex == "M" else "F", None, None,
                                "javanese")
        newcomers.append(make_variant(known, rng))
    created: list[Any] = []
    timings: list[float] = []
    cpu_timings: list[float] = []  # this process's CPU: the wall time on an idle core
    pairs = matches = 0
    try:
        for person in newcomers:
            stored = person_create(actor=None, name=person.name, birth_date=person.birth_date,
                                   birth_place=person.birth_place or "", sex=person.sex,
                                   synthetic=True)
            created.append(stored.pk)
            begun, cpu_begun = time.perf_counter(), time.process_time()
            check = dedupe_person(stored.pk)
            timings.append(time.perf_counter() - begun)
            cpu_timings.append(time.process_time() - cpu_begun)
            pairs += check.pairs
            matches += check.new_pairs
    finally:
        Person.objects.filter(pk__in=created).delete()
        HUEY.flush()
    from _registry import percentile

    print(f"\nincremental check of {len(timings)} new people against "
          f"{Person.objects.count():,} (load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores): p50 {percentile(timings, 0.5) * 1000:.0f} ms, "
          f"p95 {percentile(timings, 0.95) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms "
          f"(CPU of this process: p50 {percentile(cpu_timings, 0.5) * 1000:.0f} ms, p95 "
          f"{percentile(cpu_timings, 0.95) * 1000:.0f} ms, plus the database server's on "
          f"PostgreSQL); {pairs} pairs queued ({matches} new)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--brute-sample", type=int, default=3_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--incremental", type=int, default=200)
    parser.add_argument("--only-incremental", action="store_true")
    parser.add_argument("--only-quality", action="store_true",
                        help="the quality of the review queue the last run left")
    args = parser.parse_args()
    where = setup(args.db, people=args.people)
    registry = build_registry(args.people, rebuild=args.rebuild)
    print(f"database: {where}")
    print(f"registry: {registry.people:,} people "
          f"({'reused' if registry.reused else 'built'} in {registry.seconds:.0f} s; "
          f"{registry.nik_share:.0%} with an encrypted NIK)")

    from lindung.matching.dedupe import brute_force_pairs
    from lindung.matching.score import make_record
    from lindung.people.dedupe import dedupe_run
    from lindung.people.models import Person

    if args.only_incremental:
        _incremental(args.incremental)
        return
    if args.only_quality:
        _quality()
        return
    phases = Phases()
    started, cpu = time.perf_counter(), _cpu()
    summary = dedupe_run(processes=args.processes, report=phases)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    print(f"\nde-duplication of {summary.people:,} people, {summary.processes} process(es): "
          f"{seconds:.0f} s wall ({phases.report(started + seconds)})")
    print(f"  CPU time {cpu:.0f} s (load average while running: {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores); {summary.pairs:,} pairs in the review queue")

    _quality()

    sample = [make_record(str(pk), name, born, place, sex, nik_key=nik_key)
              for pk, name, born, place, sex, nik_key in Person.objects.values_list(
                  "id", "name", "birth_date", "birth_place", "sex", "nik_index")[
                  :args.brute_sample]]
    begun = time.perf_counter()
    _found, compared = brute_force_pairs(sample)
    rate = compared / (time.perf_counter() - begun)
    all_pairs = summary.people * (summary.people - 1) / 2
    brute_seconds = all_pairs / rate / max(args.processes, 1)
    print(f"brute force (all pairs, sampled on {len(sample):,} people): {rate:,.0f} pairs/s "
          f"-> {all_pairs:,.0f} pairs would take {brute_seconds / 3600:,.1f} hours on "
          f"{args.processes} processes; the engine is {brute_seconds / seconds:,.0f}x faster")
    _incremental(args.incremental)
    print("\ntarget: the whole registry in at most 5 minutes; the incremental check of one "
          "new person p95 <= 200 ms")


if __name__ == "__main__":
    main()
