"""Benchmark: the officer's queue and the task-force statistics page with 1,000,000 public
reports and 200,000 prevented departures of synthetic data.

    .venv/bin/python bench/taskforce_queue_stats.py [--db sqlite|postgres]
        [--reports 1000000] [--departures 200000] [--iterations 200] [--reuse PATH]

Builds a fresh database (SQLite file under /tmp, or the PostgreSQL database
``lindung_bench_taskforce``) with the whole region tree and the seed's agencies and
embarkation points, bulk-loads the synthetic rows (SQLite ``executemany``, PostgreSQL
``COPY``), rebuilds the tallies, then requests each page many times in-process through
Django's test client (whole request: middleware, session, access checks, queries,
template) and prints p50/p95/max. Target: p95 <= 200 ms for each page on both databases.

The rows are synthetic (marked so) and skip what the pages do not read: reports carry one
shared Argon2 receipt hash, prevented departures carry their people count but no links to
person records.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from collections.abc import Iterator
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

PG_URL = "postgres://postgres@127.0.0.1:5432/lindung_bench_taskforce"
# Provinces most PMI come from; the synthetic reports fall in their regencies' villages.
ORIGIN_PROVINCES = ("53", "52", "35", "33", "32", "18", "12", "61", "73", "21", "36", "51")
CHUNK = 20000
PASSWORD = secrets.token_urlsafe(16)  # nobody logs in: the client is forced in


def _recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _setup(db: str, reuse: str) -> bool:
    """Environment and django.setup(); returns whether an existing database is reused."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "lindung.settings"
    os.environ.setdefault("LINDUNG_SECRET_KEY", "bench-secret-key-not-for-production")
    os.environ["LINDUNG_HTTPS"] = "0"
    os.environ["LINDUNG_STATIC_NO_MANIFEST"] = "1"  # no collectstatic for a benchmark
    reused = False
    if db == "postgres":
        os.environ["DATABASE_URL"] = os.environ.get("BENCH_POSTGRES_URL", PG_URL)
        os.environ["LINDUNG_VAR_DIR"] = tempfile.mkdtemp(prefix="lindung-bench-")
        if reuse:
            reused = True
        else:
            _recreate_postgres(os.environ["DATABASE_URL"])
    else:
        os.environ.pop("DATABASE_URL", None)
        var = reuse or tempfile.mkdtemp(prefix="lindung-bench-")
        reused = bool(reuse) and (Path(var) / "lindung.sqlite3").exists()
        os.environ["LINDUNG_VAR_DIR"] = var
    import django

    django.setup()
    return reused


def _timed(label: str, work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = work()
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return result


def _columns(model: Any) -> list[Any]:
    return [f for f in model._meta.concrete_fields]


def _bulk_insert(model: Any, rows: Iterator[dict[str, Any]], total: int) -> None:
    """executemany on SQLite (values already in SQLite's text forms), COPY on PostgreSQL."""
    from django.db import connection
    from django.db import transaction

    fields = _columns(model)
    names = [f.column for f in fields]
    table = model._meta.db_table
    quoted = ", ".join(f'"{n}"' for n in names)
    done = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            raw = connection.connection
            assert raw is not None
            with raw.cursor().copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row([row.get(f.attname) for f in fields])
                    done += 1
                    if done % 100000 == 0:
                        print(f"    {done:,}/{total:,}", flush=True)
            return
        placeholders = ", ".join("%s" for _ in names)
        sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({placeholders})'
        batch: list[list[Any]] = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append([row.get(f.attname) for f in fields])
                if len(batch) >= CHUNK:
                    cursor.executemany(sql, batch)
                    done += len(batch)
                    batch = []
                    if done % 100000 == 0:
                        print(f"    {done:,}/{total:,}", flush=True)
            if batch:
                cursor.executemany(sql, batch)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _prepare(row: dict[str, Any], sqlite: bool) -> dict[str, Any]:
    if not sqlite:
        return row
    return {key: _sqlite_value(value) for key, value in row.items()}


def _report_rows(n: int, *, villages: list[str], officers: dict[str, int], now: datetime,
                 receipt_hash: str, sqlite: bool) -> Iterator[dict[str, Any]]:
    from lindung.reports.choices import FOLLOW_UP_DEADLINE
    from lindung.reports.choices import TRIAGE_DEADLINE
    from lindung.reports.choices import ReportCategory
    from lindung.reports.choices import ReportChannel
    from lindung.reports.choices import Urgency

    rng = random.Random(20191015)
    categories = ReportCategory.values
    channels = ReportChannel.values
    urgencies = Urgency.values
    for i in range(n):
        received = now - timedelta(seconds=rng.randrange(0, 730 * 86400))
        age_days = (now - received).days
        p_open = 0.9 if age_days < 14 else 0.3 if age_days < 90 else 0.04
        urgency = rng.choices(urgencies, weights=(3, 12, 70, 15))[0]
        village = rng.choice(villages)
        area = village[:5]
        row: dict[str, Any] = {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "created_at": received, "updated_at": received, "created_by_id": None,
            "updated_by_id": None, "reference": f"LB-{i:09d}",
            "channel": rng.choices(channels, weights=(45, 20, 10, 8, 15, 2))[0],
            "category": rng.choices(categories, weights=(30, 25, 15, 10, 15, 5))[0],
            "urgency": urgency, "immediate_danger": urgency == "critical",
            "description": "Laporan sintetis untuk uji beban.", "place_text": "",
            "region_id": village, "region_code": village, "incident_date": None,
            "destination_country": rng.choice(("MY", "MY", "SA", "HK", "TW", "KH")),
            "recruiter_name": "", "recruiter_phone": "", "recruiter_social": "",
            "people_at_risk": "", "people_at_risk_count": None, "missing_person_name": "",
            "contact": "", "contact_consent": False,
            "receipt_lookup": hashlib.sha256(b"bench-%d" % i).hexdigest(),
            "receipt_hash": receipt_hash, "receipt_expires_at": None,
            "received_at": received, "received_month": received.date().replace(day=1),
            "responsible_agency_id": None, "site_id": None, "assigned_to_id": None,
            "triaged_at": None, "closed_at": None, "resolution_days": None,
            "closing_reason": "", "closing_note": "", "external_id": "", "synthetic": True,
        }
        if rng.random() < p_open:
            status = rng.choices(("received", "verified", "assigned", "in_follow_up"),
                                 weights=(25, 20, 25, 30))[0]
            row["is_open"] = True
            if status == "received":
                row["due_at"] = received + TRIAGE_DEADLINE[Urgency(urgency)]
            else:
                triaged = received + timedelta(hours=rng.randrange(1, 72))
                row["triaged_at"] = triaged
                row["due_at"] = triaged + FOLLOW_UP_DEADLINE[Urgency(urgency)]
            if status in ("assigned", "in_follow_up"):
                row["assigned_to_id"] = officers.get(area)
        else:
            status = rng.choices(("resolved", "closed", "rejected"), weights=(50, 30, 20))[0]
            days = rng.randrange(0, max(min(age_days, 120), 1))
            row.update(is_open=False, due_at=None, closed_at=received + timedelta(days=days),
                       resolution_days=days,
                       receipt_expires_at=received + timedelta(days=days + 180),
                       closing_reason={"resolved": "", "closed": "no_further_action",
                                       "rejected": "not_credible"}[status])
        row["status"] = status
        yield _prepare(row, sqlite)


def _departure_rows(n: int, *, sites: list[tuple[Any, str]], agencies: list[Any],
                    immigration: Any, now: datetime, sqlite: bool
                    ) -> Iterator[dict[str, Any]]:
    from lindung.prevention.choices import PreventionOutcome
    from lindung.prevention.choices import PreventionReason

    rng = random.Random(2018)
    reasons = PreventionReason.values
    outcomes = PreventionOutcome.values
    for i in range(n):
        day = (now - timedelta(days=rng.randrange(0, 3 * 365))).date()
        site_id, region_code = rng.choice(sites)
        created = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
        people = rng.choices((1, 2, 3, 4, 6), weights=(60, 20, 10, 6, 4))[0]
        yield _prepare({
            "id": uuid.UUID(int=rng.getrandbits(128), version=4), "created_at": created,
            "updated_at": created, "created_by_id": None, "updated_by_id": None,
            "reference": f"PB-{i:09d}", "site_id": site_id, "region_code": region_code,
            "date": day, "month": day.replace(day=1),
            "destination_country": rng.choice(("MY", "MY", "MY", "SA", "HK", "TW", "KH")),
            "reason": rng.choices(reasons, weights=(30, 10, 12, 8, 25, 8, 5, 2))[0],
            "reason_note": "",
            "acting_agency_id": immigration if rng.random() < 0.15 else rng.choice(agencies),
            "outcome": rng.choices(outcomes, weights=(60, 12, 5, 5, 15, 3))[0],
            "recruiter_name": "", "recruiter_phone": "", "people_count": people,
            "minors_count": 1 if rng.random() < 0.05 else 0, "screening_alert_id": None,
            "case_id": None, "note": "", "synthetic": True,
        }, sqlite)


def _populate(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from lindung.accounts.models import User
    from lindung.accounts.services import staff_create
    from lindung.core.roles import Role
    from lindung.directory.choices import AgencyKind
    from lindung.directory.choices import SiteKind
    from lindung.directory.models import Agency
    from lindung.directory.models import Site
    from lindung.directory.seed import reference_load
    from lindung.prevention.models import PreventedDeparture
    from lindung.prevention.tallies import prevention_tallies_rebuild
    from lindung.regions.choices import RegionLevel
    from lindung.regions.models import Region
    from lindung.regions.services import regions_load
    from lindung.reports.models import PublicReport
    from lindung.reports.receipts import receipt_generate
    from lindung.reports.receipts import receipt_hash
    from lindung.reports.tallies import report_tallies_rebuild
    from lindung.stats.seed import figures_load

    sqlite = connection.vendor == "sqlite"
    print("setting up:", flush=True)
    _timed("migrate", lambda: call_command("migrate", verbosity=0))
    if sqlite:
        _timed("cache table", lambda: call_command("createcachetable", verbosity=0))
    _timed("regions", regions_load)
    _timed("agencies, sites", reference_load)
    figures_load()
    regencies = list(Region.objects.filter(level=RegionLevel.REGENCY,
                                           parent_id__in=ORIGIN_PROVINCES)
                     .values_list("code", flat=True))
    villages: list[str] = []
    for code in regencies:
        villages += list(Region.objects.filter(level=RegionLevel.VILLAGE,
                                               code__startswith=code + ".")
                         .values_list("code", flat=True)[:40])
    agency = Agency.objects.get(code="disnaker")
    officers: dict[str, int] = {}
    for code in regencies:
        user = staff_create(actor=None, username=f"satgas-{code}", password=PASSWORD,
                            role=Role.TASKFORCE_OFFICER, agency=agency,
                            scope_region=Region.objects.get(code=code))
        officers[code] = user.pk
    staff_create(actor=None, username="coord-ntt", password=PASSWORD,
                 role=Role.COORDINATOR, agency=agency, scope_region=Region.objects.get(code="53"))
    staff_create(actor=None, username="analyst", password=PASSWORD,
                 role=Role.ANALYST, agency=agency, scope_region=None)
    staff_create(actor=None, username="coord-national", password=PASSWORD,
                 role=Role.COORDINATOR, agency=agency, scope_region=None)
    now = datetime.now(UTC)
    hashed = receipt_hash(receipt_generate())
    print(f"loading {args.reports:,} reports over {len(villages):,} villages in "
          f"{len(regencies)} regencies:", flush=True)
    _timed("reports", lambda: _bulk_insert(PublicReport, _report_rows(
        args.reports, villages=villages, officers=officers, now=now, receipt_hash=hashed,
        sqlite=sqlite), args.reports))
    sites = list(Site.objects.filter(kind=SiteKind.EMBARKATION_POINT)
                 .values_list("pk", "region_code"))
    agencies = list(Agency.objects.filter(taskforce_member=True)
                    .exclude(kind=AgencyKind.IMMIGRATION).values_list("pk", flat=True))
    immigration = Agency.objects.get(kind=AgencyKind.IMMIGRATION, taskforce_member=True).pk
    print(f"loading {args.departures:,} prevented departures at {len(sites)} points:",
          flush=True)
    _timed("prevented departures", lambda: _bulk_insert(PreventedDeparture, _departure_rows(
        args.departures, sites=sites, agencies=agencies, immigration=immigration, now=now,
        sqlite=sqlite), args.departures))
    _timed("report tallies", report_tallies_rebuild)
    _timed("prevention tallies", prevention_tallies_rebuild)
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load on PostgreSQL (statistics, visibility map).
        statement = "ANALYZE" if sqlite else "VACUUM ANALYZE"
        _timed(statement.lower(), lambda: cursor.execute(statement))
    print(f"  users: {User.objects.count()}", flush=True)


def _measure(label: str, client: Any, url: str, iterations: int) -> tuple[float, float]:
    for _ in range(5):  # warm-up
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(iterations):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    verdict = "ok" if p95 <= 200 else "OVER TARGET"
    print(f"  {label:<52} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {times[-1]:7.1f} ms"
          f"  [{verdict}]", flush=True)
    return p50, p95


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--departures", type=int, default=200_000)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--reuse", default="",
                        help="SQLite: a LINDUNG_VAR_DIR with a loaded database; "
                             "postgres: any value keeps the loaded database")
    args = parser.parse_args()
    reused = _setup(args.db, args.reuse)
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from lindung.accounts.models import User
    from lindung.prevention.models import PreventedDeparture
    from lindung.reports.models import PublicReport

    if not reused:
        _populate(args)
    setup_test_environment()
    print(f"database: {connection.vendor}; reports: {PublicReport.objects.count():,}; "
          f"prevented departures: {PreventedDeparture.objects.count():,}", flush=True)

    def client(username: str) -> Client:
        c = Client()
        c.force_login(User.objects.get(username=username))
        return c

    officer = client("satgas-53.71")
    queue_size = PublicReport.objects.filter(assigned_to__username="satgas-53.71",
                                             is_open=True).count()
    print(f"measuring ({args.iterations} requests each, after 5 warm-up requests):",
          flush=True)
    print(f"  (officer satgas-53.71 has {queue_size} open reports assigned)")
    results = [
        _measure("officer queue, regency officer (Kota Kupang)", officer, "/reports/queue/",
                 args.iterations),
        _measure("officer queue, province coordinator (NTT)", client("coord-ntt"),
                 "/reports/queue/", args.iterations),
        _measure("officer queue, national coordinator", client("coord-national"),
                 "/reports/queue/", args.iterations),
        _measure("statistics, national analyst, all years", client("analyst"),
                 "/prevention/statistics/", args.iterations),
        _measure("statistics, national analyst, one year", client("analyst"),
                 f"/prevention/statistics/?year={datetime.now(UTC).year - 1}",
                 args.iterations),
        _measure("statistics, province coordinator (NTT)", client("coord-ntt"),
                 "/prevention/statistics/", args.iterations),
        _measure("statistics, regency officer (Kota Kupang)", officer,
                 "/prevention/statistics/", args.iterations),
        _measure("statistics, national, filtered to a district (records)", client("analyst"),
                 "/prevention/statistics/?region=53.71.01", args.iterations),
    ]
    worst = max(p95 for _p50, p95 in results)
    print(f"worst p95: {worst:.1f} ms (target <= 200 ms): "
          f"{'met' if worst <= 200 else 'NOT met'}")
    print(f"database kept in {os.environ['LINDUNG_VAR_DIR']}"
          if connection.vendor == "sqlite" else f"database kept: {os.environ['DATABASE_URL']}")


if __name__ == "__main__":
    main()
