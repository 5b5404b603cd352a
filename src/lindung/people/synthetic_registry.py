"""A synthetic registry of any size, loaded in bulk, for demos and benchmarks.

``synthetic_registry_load(n)`` (command ``lindung synthetic_registry``) fills the person
registry with ``n`` synthetic Indonesian people from ``lindung.matching.synthetic``: names
from regional pools, realistic spelling variation, known duplicate records (10% by default:
old spelling, Muhammad variants, titles, swapped or dropped tokens, typos, a birth year off
by one, missing NIK or birth date) and homonyms (2%: same name, another person), people with
one name among them. Every row is marked ``synthetic``.

It loads as a migration of real data would, not through the services: rows are computed in
worker processes (normalised search name, NIK ciphertext and keyed hash, passport
ciphertext and hash, region code from the NIK, blocking keys) and written with multi-row
INSERTs on SQLite or COPY on PostgreSQL, with the secondary indexes dropped during the load
and rebuilt after. NIK encryption is real (Fernet). A duplicate record of a person keeps no
NIK (the registry refuses a NIK twice), as a second registration that slipped through
normally lacks it. The truth (which records are one person) is kept in the table
``synthetic_truth`` (person id, cluster id), for measuring matching quality.

It refuses to run on a registry that holds real people: it replaces the registry and the
tables that hang on it (screening, watchlist, duplicate pairs).
"""

from __future__ import annotations

import multiprocessing
import time
import uuid
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lindung.core import audit
from lindung.core import crypto
from lindung.core.choices import AuditAction
from lindung.matching.keys import record_keys
from lindung.matching.synthetic import generate_registry
from lindung.people.matching import key_frequencies_refresh
from lindung.people.models import Person
from lindung.people.normalize import search_name_for

NAMESPACE = uuid.UUID("6f1c2a4e-8a51-4b44-9a43-1c0ad1a7b0c1")
BATCH = 20_000
TRUTH_TABLE = "synthetic_truth"


class RealDataPresent(Exception):
    """The registry holds people who are not synthetic: refuse to replace it."""


@dataclass(frozen=True)
class LoadResult:
    people: int
    seconds: float
    nik_share: float


def person_uuid(record_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, record_id)


# ---------------------------------------------------------------------------------------------
# Rows, computed in worker processes


def _rows(chunk: Sequence[Any]) -> tuple[list[tuple[Any, ...]], list[tuple[str, str]],
                                         list[tuple[str, str]]]:
    """Person rows, key rows and truth rows of synthetic people (runs in a worker)."""
    from django.db import connection
    from django.utils import timezone

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
            cursor.execute(f'INSERT INTO "{table}" ({names}) VALUES '  # noqa: S608 (own names)
                           + ", ".join([per_row] * len(part)),
                           [value for row in part for value in row])


def _clear(tables: Sequence[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
        else:
            for table in tables:
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 (constant names)


def synthetic_registry_load(n: int, *, seed: int = 1, duplicate_rate: float = 0.1,
                            homonym_rate: float = 0.02, processes: int = 2,
                            log: Callable[[str], Any] = print) -> LoadResult:
    """Replace the (synthetic or empty) registry with ``n`` synthetic people."""
    from django.db import connection
    from django.db import transaction

    if Person.objects.filter(synthetic=False).exists():
        raise RealDataPresent
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TRUTH_TABLE} "
                       "(person_id varchar(36) PRIMARY KEY, true_id varchar(16))")
    _clear([TRUTH_TABLE, "screening_alert", "screening_screenedpassenger",
            "screening_screeningmanifest", "people_watchlistmatchkey", "people_watchlistentry",
            "people_duplicatedecision", "people_duplicatepair", "people_personidentity",
            "people_personmatchkey", "people_matchkeyfrequency", "people_person"])
    log(f"generating {n:,} synthetic people ...")
    people = list(_people(n, seed, duplicate_rate, homonym_rate))
    log(f"  {time.perf_counter() - started:.1f} s; computing rows in {processes} processes")
    tables = {"people_person": _secondary_indexes("people_person"),
              "people_personmatchkey": _secondary_indexes("people_personmatchkey")}
    chunks = [people[start:start + BATCH] for start in range(0, len(people), BATCH)]
    if processes > 1:
        connection.close()  # the workers must not share the parent's connection
        pool: Any = multiprocessing.get_context("fork").Pool(processes)
        computed: Iterator[Any] = pool.imap(_rows, chunks)
    else:
        pool, computed = None, map(_rows, chunks)
    written = 0
    with transaction.atomic():
        for table, definitions in tables.items():
            _drop(table, definitions)
        for person_rows, key_rows, truth_rows in computed:
            _write("people_person", PERSON_COLUMNS, person_rows)
            _write("people_personmatchkey", ("key", "person_id"), key_rows)
            _write(TRUTH_TABLE, ("person_id", "true_id"), truth_rows)
            written += len(person_rows)
            if written % 100_000 < BATCH:
                log(f"  {written:,} people written, {time.perf_counter() - started:.1f} s")
        log(f"  rebuilding indexes, {time.perf_counter() - started:.1f} s")
        for definitions in tables.values():
            _create(definitions)
    if pool is not None:
        pool.close()
        pool.join()
    log(f"  counting key frequencies, {time.perf_counter() - started:.1f} s")
    key_frequencies_refresh()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # As after any bulk load: the visibility map lets the key lookups be index-only
            # scans (autovacuum would get there later); statistics for the planner.
            for table in ("people_person", "people_personmatchkey", "people_matchkeyfrequency",
                          TRUTH_TABLE):
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        else:
            cursor.execute("ANALYZE")
    audit.record(actor=None, action=AuditAction.CREATE, entity="people.person",
                 detail={"synthetic_registry": n, "seed": seed})
    nik_share = sum(1 for _p, nik in people if nik) / max(n, 1)
    return LoadResult(n, round(time.perf_counter() - started, 1), nik_share)


def synthetic_truth() -> dict[str, str]:
    """person id (as the database writes it) -> cluster id, for the last load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT person_id, true_id FROM {TRUTH_TABLE}")  # noqa: S608
        return {str(person_id): true_id for person_id, true_id in cursor.fetchall()}
