"""Shared helpers of the matching benchmarks: a bench database (SQLite file or PostgreSQL)
and a synthetic registry of any size (``lindung.people.synthetic_registry``, the loader of
the ``lindung synthetic_registry`` command), built once per database and size and reused
(``--rebuild`` forces it). Which records are one person: ``truth()``.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

NAMESPACE = uuid.UUID("6f1c2a4e-8a51-4b44-9a43-1c0ad1a7b0c1")
BATCH = 20_000


def setup(db: str, tag: str = "matching", people: int = 1_000_000) -> str:
    """Point Django at the bench database, migrate it, return a description. Each registry
    size other than 1,000,000 has a database of its own (``tag_people``), so that profiling
    on a small registry keeps the large one."""
    if people != 1_000_000:
        tag = f"{tag}_{people}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "lindung.settings"
    var = Path(f"/tmp/lindung-bench-{tag}-{db}")
    var.mkdir(parents=True, exist_ok=True)
    os.environ["LINDUNG_VAR_DIR"] = str(var)
    if db == "postgres":
        url = os.environ.get("BENCH_POSTGRES_URL",
                             f"postgres://postgres@127.0.0.1:5432/lindung_bench_{tag}")
        os.environ["DATABASE_URL"] = url
        _create_postgres(url)
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return f"{db} ({os.environ.get('DATABASE_URL', str(var / 'lindung.sqlite3'))})"


def _create_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


@dataclass(frozen=True)
class Registry:
    people: int
    seconds: float
    reused: bool
    nik_share: float


def _marker() -> Path:
    return Path(os.environ["LINDUNG_VAR_DIR"]) / "bench-registry.json"


def build_registry(n: int, *, seed: int = 1, duplicate_rate: float = 0.1,
                   homonym_rate: float = 0.02, rebuild: bool = False,
                   processes: int = 2, log: Any = print) -> Registry:
    """The bench registry of ``n`` people, built now (``lindung synthetic_registry``'s loader)
    or reused from an earlier run with the same parameters."""
    from lindung.people.models import Person
    from lindung.people.synthetic_registry import synthetic_registry_load

    params = {"n": n, "seed": seed, "duplicate_rate": duplicate_rate,
              "homonym_rate": homonym_rate}
    marker = _marker()
    if not rebuild and marker.exists():
        saved = json.loads(marker.read_text())
        if saved["params"] == params and Person.objects.count() == n:
            return Registry(n, saved["seconds"], True, saved["nik_share"])
    result = synthetic_registry_load(n, seed=seed, duplicate_rate=duplicate_rate,
                                     homonym_rate=homonym_rate, processes=processes, log=log)
    _settle()
    marker.write_text(json.dumps({"params": params, "seconds": result.seconds,
                                  "nik_share": result.nik_share}))
    return Registry(n, result.seconds, False, result.nik_share)


def _settle() -> None:
    """Write the load's pages out now (PostgreSQL CHECKPOINT, SQLite WAL checkpoint), so
    that flushing a million rows does not land in the first measurement after a build."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def truth() -> dict[str, str]:
    """person id (as the database writes it) -> cluster id."""
    from lindung.people.synthetic_registry import synthetic_truth

    return synthetic_truth()


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def precision_recall(true_positives: int, predicted: int, positives: int) -> tuple[float, float,
                                                                                  float]:
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
