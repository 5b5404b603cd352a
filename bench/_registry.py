"""Shared helpers of the matching benchmarks: a bench database (SQLite file or PostgreSQL)
and a synthetic registry of any size, loaded in bulk.

The registry is built once per database and size and reused (``--rebuild`` forces it). It is
loaded without the services, as a migration of real data would be: rows are computed in two
worker processes (normalised search name, NIK ciphertext and keyed hash, passport ciphertext
and hash, region code from the NIK, blocking keys) and written with one multi-row INSERT per
batch on SQLite or COPY on PostgreSQL, with the secondary indexes dropped during the load and
rebuilt after (much faster than maintaining them row by row). NIK encryption is real (Fernet,
about 9 microseconds a NIK): 85% of the synthetic people carry a NIK, like registered CPMI;
a duplicate record of a person keeps no NIK (the registry refuses a NIK twice), as a second
registration that slipped through normally lacks it. The truth (which records are one
person) goes into a bench-only table ``bench_truth``.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

NAMESPACE = uuid.UUID("6f1c2a4e-8a51-4b44-9a43-1c0ad1a7b0c1")
BATCH = 20_000


def setup(db: str, tag: str = "matching") -> str:
    """Point Django at the bench database, migrate it, return a description."""
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


def person_uuid(record_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, record_id)


@dataclass(frozen=True)
class Registry:
    people: int
    seconds: float
    reused: bool
    nik_share: float


def _marker() -> Path:
    return Path(os.environ["LINDUNG_VAR_DIR"]) / "bench-registry.json"


# ---------------------------------------------------------------------------------------------
# Rows, computed in worker processes


def _rows(chunk: Sequence[Any]) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]],
                                         list[tuple[str, str]]]:
    """Person rows, key rows and truth rows of synthetic people (runs in a worker)."""
    from django.db import connection
    from django.utils import timezone

    from lindung.core import crypto
    from lindung.matching.keys import record_keys
    from lindung.people.normalize import search_name_for

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    postgres = connection.vendor == "postgresql"
    people: list[Any] = []
    keys: list[Any] = []
    truth: list[Any] = []
    for person, nik in chunk:
        pk = person_uuid(person.record_id)
        db_id = str(pk) if postgres else pk.hex
        region = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}" if nik else ""
        passport = person.passport or ""
        people.append((
            db_id, now, now, crypto.encrypt(nik) if nik else "",
            crypto.blind_index("nik", nik) if nik else "", region, person.name[:200], "",
            search_name_for(person.name), person.sex, person.birth_date, person.birth_place or "",
            region, "", "", crypto.encrypt(passport) if passport else "",
            crypto.blind_index("passport", passport) if passport else "", "none", "", True))
        keys.extend((key, db_id) for key in record_keys(person.name, person.birth_date))
        truth.append((db_id, person.true_id))
    return people, keys, truth


PERSON_COLUMNS = ("id", "created_at", "updated_at", "nik", "nik_index", "nik_region_code",
                  "name", "passport_name", "search_name", "sex", "birth_date", "birth_place",
                  "region_code", "address", "phone", "passport_number", "passport_index",
                  "migration_status", "household_relation", "synthetic")


def _people(n: int, seed: int, duplicate_rate: float,
            homonym_rate: float) -> Iterator[tuple[Any, str]]:
    """Synthetic people with the NIK each keeps (unique; none on a duplicate record)."""
    from lindung.matching.synthetic import generate_registry

    seen_niks: set[str] = set()
    seen_people: set[str] = set()
    for person in generate_registry(n, seed, duplicate_rate, homonym_rate):
        nik = person.nik or ""
        if person.true_id in seen_people or nik in seen_niks:
            nik = ""
        seen_people.add(person.true_id)
        if nik:
            seen_niks.add(nik)
        yield person, nik


# ---------------------------------------------------------------------------------------------
# Loading


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of a table's secondary indexes and, on PostgreSQL, its
    foreign keys as ALTER TABLE statements."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
                           "AND indexname NOT IN (SELECT conname FROM pg_constraint "
                           "WHERE contype IN ('p', 'u'))", [table])
            found = [(name, sql) for name, sql in cursor.fetchall()]
            cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                           "WHERE conrelid = %s::regclass AND contype = 'f'", [table])
            found += [(name, f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
                      for name, definition in cursor.fetchall()]
            return found
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                       "AND tbl_name = %s AND sql IS NOT NULL", [table])
        return [(name, sql) for name, sql in cursor.fetchall()]


def _drop(table: str, definitions: list[tuple[str, str]]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, sql in definitions:
            if sql.startswith("ALTER TABLE"):
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            else:
                cursor.execute(f'DROP INDEX "{name}"')


def _create(definitions: list[tuple[str, str]]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for _name, sql in definitions:
            cursor.execute(sql)


def _write(table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    from django.db import connection

    if not rows:
        return
    names = ", ".join(f'"{column}"' for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
            return
        per_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
        step = max(1, 30_000 // len(columns))
        for start in range(0, len(rows), step):
            part = rows[start:start + step]
            cursor.execute(f'INSERT INTO "{table}" ({names}) VALUES '
                           + ", ".join([per_row] * len(part)),
                           [value for row in part for value in row])


def _clear(tables: Sequence[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
        else:
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')


def build_registry(n: int, *, seed: int = 1, duplicate_rate: float = 0.1,
                   homonym_rate: float = 0.02, rebuild: bool = False,
                   processes: int = 2, log: Any = print) -> Registry:
    """The bench registry of ``n`` people, built now or reused from an earlier run."""
    from django.db import connection, transaction

    from lindung.people.matching import key_frequencies_refresh
    from lindung.people.models import Person

    params = {"n": n, "seed": seed, "duplicate_rate": duplicate_rate,
              "homonym_rate": homonym_rate}
    marker = _marker()
    if not rebuild and marker.exists():
        saved = json.loads(marker.read_text())
        if saved["params"] == params and Person.objects.count() == n:
            return Registry(n, saved["seconds"], True, saved["nik_share"])
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_truth "
                       "(person_id varchar(36) PRIMARY KEY, true_id varchar(16))")
    _clear(["bench_truth", "screening_alert", "screening_screenedpassenger",
            "screening_screeningmanifest", "people_watchlistmatchkey", "people_watchlistentry",
            "people_duplicatedecision", "people_duplicatepair", "people_personidentity",
            "people_personmatchkey", "people_matchkeyfrequency", "people_person"])
    log(f"generating {n:,} synthetic people ...")
    people = list(_people(n, seed, duplicate_rate, homonym_rate))
    log(f"  {time.perf_counter() - started:.1f} s; computing rows in {processes} processes")
    tables = {"people_person": _secondary_indexes("people_person"),
              "people_personmatchkey": _secondary_indexes("people_personmatchkey")}
    connection.close()  # the workers must not share the parent's connection
    chunks = [people[start:start + BATCH] for start in range(0, len(people), BATCH)]
    context = multiprocessing.get_context("fork")
    written = 0
    with context.Pool(processes) as pool, transaction.atomic():
        for table, definitions in tables.items():
            _drop(table, definitions)
        for person_rows, key_rows, truth_rows in pool.imap(_rows, chunks):
            _write("people_person", PERSON_COLUMNS, person_rows)
            _write("people_personmatchkey", ("key", "person_id"), key_rows)
            _write("bench_truth", ("person_id", "true_id"), truth_rows)
            written += len(person_rows)
            if written % 100_000 < BATCH:
                log(f"  {written:,} people written, {time.perf_counter() - started:.1f} s")
        log(f"  rebuilding indexes, {time.perf_counter() - started:.1f} s")
        for definitions in tables.values():
            _create(definitions)
    log(f"  counting key frequencies, {time.perf_counter() - started:.1f} s")
    key_frequencies_refresh()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = round(time.perf_counter() - started, 1)
    nik_share = sum(1 for _p, nik in people if nik) / max(n, 1)
    marker.write_text(json.dumps({"params": params, "seconds": seconds,
                                  "nik_share": nik_share}))
    return Registry(n, seconds, False, nik_share)


def truth() -> dict[str, str]:
    """person id (as the database writes it) -> cluster id."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT person_id, true_id FROM bench_truth")
        return {str(person_id): true_id for person_id, true_id in cursor.fetchall()}


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def precision_recall(true_positives: int, predicted: int, positives: int) -> tuple[float, float,
                                                                                  float]:
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / positives if positives else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
