"""Liveness and readiness: is the process up; can it serve (database, migrations, cache,
queue)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    ms: float


_migrations_current = False


def _timed(name: str, probe: Callable[[], str]) -> Check:
    started = time.perf_counter()
    try:
        detail = probe()
        ok = True
    except Exception as exc:  # any failure makes the instance not ready, never a 500
        ok, detail = False, type(exc).__name__
    return Check(name, ok, detail, round((time.perf_counter() - started) * 1000, 1))


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def migrations_pending() -> int:
    """Migrations of the code not applied to the database (0 once current; remembered for
    the life of the process, since code and database change together only at a deploy)."""
    global _migrations_current
    if _migrations_current:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_current = pending == 0
    return pending


def _migrations() -> str:
    pending = migrations_pending()
    if pending:
        raise RuntimeError(f"{pending} migrations not applied")
    return "current"


def _cache() -> str:
    token = secrets.token_hex(4)
    cache.set("ops:readyz", token, timeout=10)
    if cache.get("ops:readyz") != token:
        raise ConnectionError("cache does not keep what is written")
    return str(settings.CACHES["default"]["BACKEND"]).rsplit(".", 1)[-1]


def _queue() -> str:
    from huey.contrib.djhuey import HUEY

    depth = HUEY.pending_count()
    return f"{type(HUEY.storage).__name__}, {depth} pending"


def readiness() -> list[Check]:
    checks = [_timed("database", _database)]
    # Migrations are read from the database: not worth trying while it is down.
    checks.append(_timed("migrations", _migrations) if checks[0].ok
                  else Check("migrations", False, "database down", 0.0))
    checks.append(_timed("cache", _cache))
    checks.append(_timed("queue", _queue))
    return checks
