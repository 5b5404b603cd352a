"""Benchmark: departure screening against a registry of 1,000,000 people.

    .venv/bin/python bench/screening_speed.py [--db sqlite|postgres] [--people 1000000]
        [--passengers 5000] [--single 300] [--rebuild] [--profile 2000]

Builds (or reuses) the synthetic registry (bench/_registry.py) and a watchlist of 2,000
entries, then measures, through the real services and database:

* a manifest of ``--passengers`` passengers screened by the background run
  (``manifest_screen_run``: matching, watchlist, LTSA procedural status, minors, verdicts,
  alerts and the passengers written, 500 per transaction): passengers per second;
* ``--single`` single passengers typed in (``manifest_submit`` of one passenger, screened in
  the request): median and 95th percentile latency;
* a brute-force scorer (every registry record scored with the same fast scorer) on a
  sample of the registry, extrapolated to the whole registry: passengers per second, and
  the ratio;
* precision and recall of the manifest's verdicts ("match" to the right person).

``--profile N`` instead screens N passengers in this one process (the verdicts only, as a
worker does before writing them) under cProfile and prints where the CPU goes; with a
smaller ``--people`` the registry is another database, built once and kept.

Passengers: 70% registered people written another way (synthetic variants), 15% homonyms
of registered people, 13% new people, 2% people on the watchlist.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from typing import Any

from _registry import build_registry
from _registry import percentile
from _registry import precision_recall
from _registry import setup
from _registry import truth


def _site_and_officer() -> tuple[Any, Any]:
    from lindung.accounts.models import User
    from lindung.accounts.services import staff_create
    from lindung.core.roles import Role
    from lindung.directory.choices import AgencyKind
    from lindung.directory.choices import SiteKind
    from lindung.directory.models import Agency
    from lindung.directory.models import Site

    agency, _ = Agency.objects.get_or_create(
        code="bench-disnaker", defaults={"name": "Disnaker (bench)", "kind": AgencyKind.MANPOWER,
                                         "taskforce_member": True})
    site, _ = Site.objects.get_or_create(kind=SiteKind.EMBARKATION_POINT, name="Bench Kupang",
                                         defaults={"region_code": "53.71"})
    officer = User.objects.filter(username="bench_officer").first() or staff_create(
        actor=None, username="bench_officer", password="bench-password-123",
        role=Role.TASKFORCE_OFFICER, agency=agency, site=site)
    return site, officer


def _sample(count: int) -> list[Any]:
    """Registry people as synthetic persons (to write them another way), with their cluster."""
    from lindung.matching.synthetic import SyntheticPerson
    from lindung.people.models import Person

    clusters = truth()
    rows = Person.objects.order_by("id").values_list(
        "id", "name", "birth_date", "birth_place", "sex", "nik", "passport_number")[:count]
    people = []
    for pk, name, born, place, sex, nik, passport in rows:
        key = pk.hex if pk.hex in clusters else str(pk)
        people.append(SyntheticPerson(key, clusters[key], name, born, place or None,
                                      "F" if sex == "F" else "M", nik or None, passport or None,
                                      "muslim"))
    return people


def _watchlist(people: list[Any], rng: random.Random) -> list[Any]:
    from lindung.matching.synthetic import make_person
    from lindung.people.choices import WatchlistKind
    from lindung.people.models import WatchlistEntry
    from lindung.people.services import watchlist_entry_add

    listed = people[:1000]
    if WatchlistEntry.objects.filter(source_entity="bench").count() < 2000:
        WatchlistEntry.objects.filter(source_entity="bench").delete()
        kinds = list(WatchlistKind.values)
        for number, person in enumerate(listed + [make_person(rng) for _ in range(1000)]):
            watchlist_entry_add(actor=None, kind=kinds[number % len(kinds)], name=person.name,
                                birth_date=person.birth_date, source_entity="bench",
                                source_id=str(number))
    return listed


def _passengers(people: list[Any], listed: list[Any], count: int,
                rng: random.Random) -> list[tuple[Any, str | None]]:
    from lindung.matching.synthetic import make_homonym
    from lindung.matching.synthetic import make_person
    from lindung.matching.synthetic import make_variant

    pool = people[1000:]
    chosen: list[tuple[Any, str | None]] = []
    for number in range(count):
        draw = number % 100
        if draw < 70:
            person = rng.choice(pool)
            chosen.append((make_variant(person, rng), person.true_id))
        elif draw < 85:
            chosen.append((make_homonym(rng.choice(pool), rng), None))
        elif draw < 98:
            chosen.append((make_person(rng), None))
        else:
            person = rng.choice(listed)
            chosen.append((make_variant(person, rng), person.true_id))
    return chosen


def _as_passenger(number: int, person: Any) -> Any:
    from lindung.screening.manifest import Passenger

    return Passenger(row=number, name=person.name, nik=person.nik or "",
                     passport=person.passport or "", birth_date=person.birth_date,
                     sex=person.sex, birth_place=person.birth_place or "")


def _brute_force_rate(people: int, sample_size: int, queries: list[Any]) -> float:
    """Passengers per second when every registry record is scored (extrapolated)."""
    from lindung.matching.score import make_record
    from lindung.matching.score import quick_log_odds
    from lindung.people.models import Person

    records = [make_record(str(pk), name, born, place, sex, nik_key=nik_key)
               for pk, name, born, place, sex, nik_key in Person.objects.values_list(
                   "id", "name", "birth_date", "birth_place", "sex", "nik_index")[:sample_size]]
    started = time.perf_counter()
    for query in queries:
        probe = make_record("q", query.name, query.birth_date, query.birth_place, query.sex)
        for record in records:
            quick_log_odds(probe, record)
    per_query = (time.perf_counter() - started) / len(queries) * people / len(records)
    return 1 / per_query


def _profile(passengers: list[Any], count: int) -> None:
    """Where the CPU of screening goes: ``count`` passengers in chunks, as a worker screens
    them (after one chunk to warm the per-process caches), under cProfile."""
    import cProfile
    import pstats

    from django.utils import timezone

    from lindung.matching import bulk_work
    from lindung.screening.services import CHUNK
    from lindung.screening.verdicts import screen

    today = timezone.localdate()
    warm, measured = passengers[:CHUNK], passengers[CHUNK:CHUNK + count]
    with bulk_work():
        screen(warm, departure_date=today)
        profile = cProfile.Profile(time.process_time)  # CPU time: the machine may be busy
        started, cpu = time.perf_counter(), time.process_time()
        profile.enable()
        for start in range(0, len(measured), CHUNK):
            screen(measured[start:start + CHUNK], departure_date=today)
        profile.disable()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"profiled {len(measured):,} passengers: {seconds:.1f} s, CPU {cpu:.1f} s under "
          f"cProfile (load average {os.getloadavg()[0]:.1f})")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(25)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the forked workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--passengers", type=int, default=5_000)
    parser.add_argument("--single", type=int, default=300)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()
    where = setup(args.db, people=args.people)
    registry = build_registry(args.people, rebuild=args.rebuild)
    print(f"database: {where}")
    print(f"registry: {registry.people:,} people "
          f"({'reused' if registry.reused else 'built'} in {registry.seconds:.0f} s; "
          f"{registry.nik_share:.0%} with an encrypted NIK)")

    from django.utils import timezone

    from lindung.screening import services

    site, officer = _site_and_officer()
    people = _sample(20_000)
    # Separate seeds: the passengers are the same whether the watchlist is built or reused.
    listed = _watchlist(people, random.Random(11))
    chosen = _passengers(people, listed, args.passengers, random.Random(7))
    today = timezone.localdate()

    if args.profile:
        _profile([_as_passenger(number, person)
                  for number, (person, _truth) in enumerate(chosen, start=1)], args.profile)
        return

    # A worker process has its URLs loaded (the alerts' outbox links use them).
    from django.urls import reverse

    reverse("screening:alerts")

    # A manifest, screened by the background run.
    manifest = services.manifest_submit(
        actor=officer, site=site, departure_date=today, source="api", synthetic=True,
        passengers=[_as_passenger(number, person)
                    for number, (person, _truth) in enumerate(chosen, start=1)])
    started, cpu = time.perf_counter(), _cpu()
    manifest = services.manifest_screen_run(manifest=manifest, processes=args.processes)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    rate = len(chosen) / seconds
    print(f"\nmanifest of {len(chosen):,} passengers, {args.processes} process(es): "
          f"{seconds:.1f} s, {rate:,.0f} passengers/s (verdicts: {manifest.stop_count:,} stop, "
          f"{manifest.check_count:,} check, {manifest.clear_count:,} clear; "
          f"{manifest.alerts.count():,} alerts)")
    print(f"  CPU time {cpu:.1f} s: {len(chosen) / cpu:,.0f} passengers per CPU-second "
          f"(load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")

    clusters = truth()
    results = manifest.passengers.order_by("row_number").values_list("person_id", "person_score")
    true_positives = predicted = 0
    for (person_id, _score), (_person, cluster) in zip(results, chosen, strict=True):
        if person_id is not None:
            predicted += 1
            key = person_id.hex if person_id.hex in clusters else str(person_id)
            true_positives += clusters.get(key) == cluster
    positives = sum(1 for _p, cluster in chosen if cluster is not None)
    precision, recall, f1 = precision_recall(true_positives, predicted, positives)
    print(f"identification in the manifest (match >= 0.9): precision {precision:.3f}, "
          f"recall {recall:.3f}, F1 {f1:.3f}")

    # Single passengers, typed in one at a time.
    latencies = []
    cpu_latencies = []  # this process's CPU: the wall time on an idle core (SQLite in process)
    for number in range(args.single):
        person, _cluster = chosen[number % len(chosen)]
        begun, cpu_begun = time.perf_counter(), time.process_time()
        services.manifest_submit(actor=officer, site=site, departure_date=today,
                                 source="typed", synthetic=True,
                                 passengers=[_as_passenger(1, person)])
        latencies.append((time.perf_counter() - begun) * 1000)
        cpu_latencies.append((time.process_time() - cpu_begun) * 1000)
    print(f"single passenger ({args.single} typed in): median "
          f"{percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
          f"max {max(latencies):.1f} ms (CPU of this process: median "
          f"{percentile(cpu_latencies, 0.5):.1f} ms, p95 {percentile(cpu_latencies, 0.95):.1f} ms; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")

    # Brute force: every record scored, on a sample, extrapolated to the registry.
    brute = _brute_force_rate(registry.people, 50_000, [person for person, _ in chosen[:3]])
    print(f"brute force (every record scored, sampled on 50,000 records): "
          f"{brute:.2f} passengers/s -> the engine is {rate / brute:,.0f}x faster")
    print("\ntargets: >= 1,000 passengers/s for manifests; p95 <= 50 ms for one passenger")


if __name__ == "__main__":
    main()
