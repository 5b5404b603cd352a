"""Raw-SQL helpers for the bulk paths (census import, matching): a list of thousands of
values as ONE parameter, and primary keys read as text.

``column IN (%s, %s, ...)`` with 20,000 placeholders costs more than the query itself:
the driver splits and quotes the statement (psycopg binds on the client), the server parses
and plans 20,000 expressions. One parameter does the same work in C: an array on PostgreSQL
(``= ANY(%s)``), a JSON array on SQLite (``IN (SELECT value FROM json_each(%s))``). Both
use the column's index.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.db import connection


def uuid_hex(value: Any) -> Any:
    """A value as SQLite stores it: UUIDs as 32 hex digits (Django's char(32)), others as
    they are."""
    return "%032x" % value.int if type(value) is uuid.UUID else value  # noqa: UP031


def in_values(column: str, values: Iterable[Any], *, cast: str = "") -> tuple[str, Any]:
    """The condition ``column IN values`` and its one parameter, for ``cursor.execute``.

    ``column`` is SQL (quoted by the caller). ``cast`` names the PostgreSQL type of the
    values (``"uuid"`` when they are primary keys read as text by :func:`text_id`)."""
    if connection.vendor == "postgresql":
        array = f"%s::{cast}[]" if cast else "%s"
        return f"{column} = ANY({array})", list(values)
    return (f"{column} IN (SELECT value FROM json_each(%s))",  # noqa: S608  (SQL names only)
            json.dumps([uuid_hex(value) for value in values]))


def text_id(column: str) -> str:
    """A UUID column selected as text: what SQLite stores (32 hex digits), on PostgreSQL the
    hyphenated form (``str(uuid)``). Cheaper than a ``uuid.UUID`` object per row when ids
    are only compared and passed back to the database (with ``cast="uuid"``)."""
    if connection.vendor == "postgresql":
        return f"CAST({column} AS text)"
    return column


def text_date(column: str) -> str:
    """A date column selected for :func:`read_date`: on SQLite as its stored text, which
    skips the driver's per-row converter (a Python function; a memoised parse is cheaper
    when thousands of rows share a few thousand dates), on PostgreSQL as it is."""
    if connection.vendor == "postgresql":
        return column
    return f"{column} || ''"


@lru_cache(maxsize=100_000)
def _iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def read_date(value: Any) -> dt.date | None:
    """A date selected by :func:`text_date` (a date, ISO text, or NULL)."""
    if value is None or isinstance(value, dt.date):
        return value
    return _iso_date(value)
