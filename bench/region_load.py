"""Benchmark: load the whole Kemendagri region tree (91,599 rows) into a fresh database.

    .venv/bin/python bench/region_load.py [--db sqlite|postgres] [--repeat 3]

Prints the time of a first load into empty tables and of an idempotent re-run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="lindung-bench-")
    os.environ["LINDUNG_VAR_DIR"] = tmp
    os.environ["DJANGO_SETTINGS_MODULE"] = "lindung.settings"
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/lindung_bench")
        _recreate_postgres(os.environ["DATABASE_URL"])
    else:
        os.environ.pop("DATABASE_URL", None)

    import django

    django.setup()
    from django.core.management import call_command

    from lindung.regions.models import Region
    from lindung.regions.services import regions_load

    call_command("migrate", verbosity=0)
    firsts, reruns = [], []
    for _ in range(args.repeat):
        Region.objects.all()._raw_delete(Region.objects.db)  # one statement, no cascade
        started = time.perf_counter()
        result = regions_load()
        firsts.append(time.perf_counter() - started)
        started = time.perf_counter()
        regions_load()
        reruns.append(time.perf_counter() - started)
    print(f"database: {args.db}; rows: {result.created}")
    print(f"first load: median {statistics.median(firsts):.2f} s "
          f"(min {min(firsts):.2f}, max {max(firsts):.2f}) over {args.repeat} runs; "
          f"{result.created / statistics.median(firsts):,.0f} rows/s")
    print(f"re-run (nothing to change): median {statistics.median(reruns):.2f} s")
    print("target: first load under 10 s on SQLite")


def _recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
