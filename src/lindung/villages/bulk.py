"""Fast bulk inserts for the census import: one `executemany` per table on SQLite, one COPY
on PostgreSQL, with each value prepared once by a converter chosen from the model field
(encrypted fields are encrypted by the field itself). This writes what `bulk_create` would
write, minus the ORM's per-value overhead, which dominates at 100,000 rows (about 30 µs per
row and model here)."""

from __future__ import annotations

import operator
import os
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import connection, models
from django.db.models.fields import AutoFieldMixin

from lindung.core.fields import EncryptedTextField

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _uuid_hex(value: Any) -> Any:
    return "%032x" % value.int if type(value) is uuid.UUID else value  # noqa: UP031


def _iso_date(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _converter(field: models.Field[Any, Any]) -> Converter:
    sqlite = connection.vendor == "sqlite"
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(field, EncryptedTextField):
        return field.get_prep_value
    if isinstance(target, models.UUIDField):
        return _uuid_hex if sqlite else _identity
    if isinstance(field, models.DateTimeField):
        if sqlite:
            return connection.ops.adapt_datetimefield_value
        return _identity
    if isinstance(field, models.DateField):
        return _iso_date if sqlite else _identity
    if isinstance(field, models.JSONField | models.DecimalField):
        return lambda value: field.get_db_prep_save(value, connection)
    return _identity


class Inserter:
    """INSERT rows into `model`: every concrete field except an auto-increment key. A row is
    a dict by attribute name (``household_id``); a missing value takes the field's default
    (called per row when the default is callable)."""

    def __init__(self, model: type[models.Model]) -> None:
        meta = model._meta
        fields = [field for field in meta.concrete_fields
                  if not isinstance(field, AutoFieldMixin)]
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in fields)
        marks = ", ".join(["%s"] * len(fields))
        # Table and column names come from the model, quoted by the backend.
        self.sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
        self.copy_sql = f"COPY {quote(meta.db_table)} ({names}) FROM STDIN"
        self.attnames = [field.attname for field in fields]
        self.pick = operator.itemgetter(*self.attnames)
        self.fields = fields
        self.converters = [(index, converter) for index, field in enumerate(fields)
                           if (converter := _converter(field)) is not _identity]
        self.constants = {field.attname: field.get_default() for field in fields
                          if not callable(field.default)}

    def _complete(self, row: dict[str, Any]) -> dict[str, Any]:
        missing = [f for f in self.fields if f.attname not in row]
        return {**{f.attname: (self.constants[f.attname] if f.attname in self.constants
                               else f.get_default()) for f in missing}, **row}

    def insert(self, rows: Iterable[dict[str, Any]]) -> int:
        pick = self.pick
        converters = self.converters
        memo: dict[Any, Any] = {}  # timestamps and audit details repeat within a chunk
        prepared: list[list[Any]] = []
        for row in rows:
            try:
                values = list(pick(row))
            except KeyError:
                values = list(pick(self._complete(row)))
            for index, convert in converters:
                value = values[index]
                if value is None:
                    continue
                kind = type(value)
                if kind is datetime or kind is dict:
                    key = value if kind is datetime else id(value)
                    converted = memo.get(key)
                    if converted is None:
                        converted = memo[key] = convert(value)
                    values[index] = converted
                else:
                    values[index] = convert(value)
            prepared.append(values)
        if not prepared:
            return 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: PostgreSQL's bulk path (constraints and triggers still apply).
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for values in prepared:
                        copy.write_row(values)
            else:
                cursor.executemany(self.sql, prepared)
        return len(prepared)


_VERSION_7 = 0x7 << 76
_VARIANT = 0x2 << 62
_COUNTER_MASK = (1 << 12) - 1
_RANDOM_MASK = (1 << 62) - 1


def uuids(count: int) -> list[uuid.UUID]:
    """`count` time-ordered UUIDs (the RFC 9562 version 7 layout: 48-bit milliseconds, a
    12-bit sequence, 62 random bits). Rows inserted with ascending keys go to the end of
    the primary-key index instead of a random page, which matters at 100,000 rows; the 62
    random bits keep them unguessable and unique across processes."""
    data = os.urandom(8 * count)
    millis = time.time_ns() // 1_000_000
    out: list[uuid.UUID] = []
    new, set_attribute, safe = object.__new__, object.__setattr__, uuid.SafeUUID.unknown
    for number in range(count):
        sequence = number & _COUNTER_MASK
        if number and sequence == 0:
            millis += 1
        randomness = int.from_bytes(data[8 * number:8 * number + 8], "big") & _RANDOM_MASK
        # uuid.UUID(int=...) checks its argument at length; these ints are built in range.
        value = new(uuid.UUID)
        set_attribute(value, "int", (millis << 80) | _VERSION_7 | (sequence << 64) | _VARIANT
                      | randomness)
        set_attribute(value, "is_safe", safe)
        out.append(value)
    return out
