"""Benchmark: import a 100,000-row census XLSX with full validation.

    .venv/bin/python bench/census_import.py [--rows 100000] [--db sqlite|postgres]
                                            [--chunk N] [--match-keys]
                                            [--sheet PATH] [--profile FILE]

Generates a synthetic census sheet (openpyxl, write-only), then times, on a fresh database:
1. merely reading the file with python-calamine;
2. a raw bulk insert of the same rows into a plain 18-column table (executemany on SQLite,
   COPY on PostgreSQL);
3. the real import (`lindung.villages.services.imports`): header detection, full validation
   (NIK, dates, relations, countries, household grouping, duplicates), then people,
   households, stays abroad, children and KIS/KIP cards in committed chunks with progress
   and audit rows. Target: <= 10 s on SQLite and on PostgreSQL on the reference machine
   (2 cores);
4. with --match-keys, the background task the import queues: matching keys for the new
   people (people.services.people_index_for_matching).
PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/lindung_bench_villages (the
database is dropped and re-created). Wall time and this process's CPU time are printed (on
PostgreSQL also the CPU time of the server process serving the import, when /proc shows
it), with the machine's load average before and after: on a shared machine the wall time
also measures the others; the CPU times much less so.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PG_URL = "postgres://postgres@127.0.0.1:5432/lindung_bench_villages"
DISTRICT = "53.01.05"  # Kupang Barat, Kabupaten Kupang (NTT): 12 villages


def _prepare_database(kind: str, var_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "lindung.settings"
    os.environ["LINDUNG_VAR_DIR"] = var_dir
    os.environ.pop("REDIS_URL", None)
    if kind == "postgres":
        import psycopg

        os.environ["DATABASE_URL"] = PG_URL
        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres",
                             autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS lindung_bench_villages")
            connection.execute("CREATE DATABASE lindung_bench_villages")
    else:
        os.environ.pop("DATABASE_URL", None)


def _write_sheet(path: Path, rows: int, today: date) -> int:
    from openpyxl import Workbook

    from lindung.regions.models import Region
    from lindung.villages.synthetic import HEADERS
    from lindung.villages.synthetic import census_rows

    villages = list(Region.objects.filter(code__startswith=DISTRICT + ".", level="village")
                    .values_list("code", flat=True))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sensus Ruta PMI")
    sheet.append(list(HEADERS))
    written = 0
    rng = random.Random(2019)
    for row in census_rows(rng, village_codes=villages, rows=rows, today=today):
        sheet.append(row)
        written += 1
    workbook.save(path)
    return written


def _read(path: Path) -> list[list[Any]]:
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    rows: list[list[Any]] = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    return rows


def _server_cpu() -> float | None:
    """CPU seconds of the PostgreSQL backend serving this connection (None elsewhere)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _raw_insert(rows: list[list[Any]]) -> None:
    from django.db import connection
    from django.db import transaction

    columns = len(rows[0])
    names = ", ".join(f"c{i} TEXT" for i in range(columns))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_census_raw")
        cursor.execute(f"CREATE TABLE bench_census_raw ({names})")
    placeholders = ", ".join(["%s"] * columns)
    data = [[None if v == "" else str(v) for v in row] for row in rows[1:]]
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # the fastest raw path on each database
            with cursor.cursor.copy("COPY bench_census_raw FROM STDIN") as copy:
                for values in data:
                    copy.write_row(values)
        else:
            cursor.executemany(f"INSERT INTO bench_census_raw VALUES ({placeholders})", data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--chunk", type=int, default=0, help="rows per committed chunk")
    parser.add_argument("--match-keys", action="store_true",
                        help="also time the matching keys the import queues for the new people")
    parser.add_argument("--sheet", type=Path, default=None,
                        help="reuse this generated sheet (written there when it is missing)")
    parser.add_argument("--profile", type=Path, default=None,
                        help="write a cProfile of the full import to this file (slower)")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="lindung-bench-census-")
    _prepare_database(args.db, work)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from lindung.people.models import Person
    from lindung.people.services import people_index_for_matching
    from lindung.regions.models import Region
    from lindung.regions.services import regions_load
    from lindung.villages.models import ProgrammeVillage
    from lindung.villages.services import imports
    from lindung.villages.services.programme import programme_village_create

    call_command("migrate", verbosity=0)
    regions_load(only=(DISTRICT,))
    for village in Region.objects.filter(code__startswith=DISTRICT + ".", level="village"):
        if not ProgrammeVillage.objects.filter(village=village).exists():
            programme_village_create(actor=None, village=village, cohort_year=2017,
                                     special_ntt=True, synthetic=True)
    first = ProgrammeVillage.objects.order_by("region_code").first()
    assert first is not None
    today = timezone.localdate()
    path = args.sheet or Path(work) / "sensus-100rb.xlsx"

    started = time.perf_counter()
    written = len(_read(path)) - 1 if path.exists() else _write_sheet(path, args.rows, today)
    generate_s = time.perf_counter() - started

    load_before = os.getloadavg()
    cpu = time.process_time()
    started = time.perf_counter()
    rows = _read(path)
    read_s = time.perf_counter() - started
    read_cpu = time.process_time() - cpu

    cpu = time.process_time()
    started = time.perf_counter()
    _raw_insert(rows)
    raw_s = time.perf_counter() - started
    raw_cpu = time.process_time() - cpu
    del rows

    steps: list[int] = []

    def progress(done: int, total: int) -> None:
        steps.append(done)

    profiler = cProfile.Profile() if args.profile else None
    server = _server_cpu()
    cpu = time.process_time()
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    census_import = imports.census_import_from_path(actor=None, programme_village=first,
                                                    path=str(path), synthetic=True)
    uploaded = time.perf_counter()
    imports.census_import_start(actor=None, census_import=census_import, enqueue=False)
    result = imports.census_import_run(census_import=census_import, progress=progress,
                                       chunk_rows=args.chunk)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(args.profile))
    import_s = time.perf_counter() - started
    import_cpu = time.process_time() - cpu
    server_after = _server_cpu()
    server_cpu = server_after - server if server is not None and server_after else None
    load_after = os.getloadavg()
    keys_s = keys_cpu = 0.0
    keyed = 0
    if args.match_keys:
        cpu = time.process_time()
        keys_started = time.perf_counter()
        keyed = people_index_for_matching()
        keys_s = time.perf_counter() - keys_started
        keys_cpu = time.process_time() - cpu

    vendor = connection.vendor
    people = Person.objects.filter(synthetic=True).count()

    def line(label: str, seconds: float, cpu_s: float, note: str = "") -> None:
        print(f"  {label:<34}{seconds:7.2f} s {written / seconds:>9,.0f} rows/s  "
              f"(CPU {cpu_s:5.2f} s){note}")

    def load(values: tuple[float, float, float]) -> str:
        return ", ".join(f"{value:.1f}" for value in values)

    print(f"Census import benchmark on {vendor}, {written:,} rows, "
          f"{path.stat().st_size / 1e6:.1f} MB XLSX (generated in {generate_s:.1f} s); "
          f"{os.cpu_count()} CPUs, load average {load(load_before)} before the runs, "
          f"{load(load_after)} after the import")
    line("read only (python-calamine)", read_s, read_cpu)
    line("raw bulk insert (" + ("COPY" if vendor == "postgresql" else "executemany") + ")",
         raw_s, raw_cpu)
    line("full import with validation", import_s, import_cpu,
         (f" + server CPU {server_cpu:5.2f} s" if server_cpu is not None else "")
         + f"  (target <= 10 s: {'met' if import_s <= 10 else 'NOT met'})")
    print(f"    upload: read, header detection  {uploaded - started:7.2f} s")
    chunk = args.chunk or imports.chunk_size(written)
    print(f"    run: check and write, {len(steps) - 1} chunks of {chunk:,} rows "
          f"{import_s - (uploaded - started):7.2f} s")
    print(f"  created: {result.people_created:,} people ({people:,} in the registry), "
          f"{result.households_created:,} households, {result.stays_created:,} stays abroad, "
          f"{result.children_created:,} children; {result.error_rows:,} rows in error, "
          f"{result.blank_rows:,} blank")
    if args.match_keys:
        print(f"  then, in a background task: matching keys for {keyed:,} people "
              f"{keys_s:.2f} s (CPU {keys_cpu:.2f} s)")
    print(f"  work dir: {work}")


if __name__ == "__main__":
    main()
