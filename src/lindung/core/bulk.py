"""Fast bulk inserts for the bulk paths (the census import, the screened passengers of a
manifest): one `executemany` per table on SQLite, one COPY on PostgreSQL, with each value
prepared once by a converter chosen from the model field (encrypted fields are encrypted by
the field itself). This writes what `bulk_create` would write, minus the ORM's per-value
overhead, which dominates at 100,000 rows (about 30 µs per row and model here). And the
look-ups that go with them (`select_in`): one statement for thousands of keys, instead of
the ORM's IN lists of a few hundred parameters each."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import connection
from django.db import models
from django.db.models.fields import AutoFieldMixin

from lindung.core.fields import EncryptedTextField
from lindung.core.sql import in_values
from lindung.core.sql import uuid_hex

Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _iso_date(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _converter(field: models.Field[Any, Any]) -> Converter:
    sqlite = connection.vendor == "sqlite"
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(field, EncryptedTextField):
        return field.get_prep_value
    if isinstance(target, models.UUIDField):
        return uuid_hex if sqlite else _identity
    if isinstance(field, models.DateTimeField):
        if sqlite:
            return connection.ops.adapt_datetimefield_value
        return _identity
    if isinstance(field, models.DateField):
        return _iso_date if sqlite else _identity
    if isinstance(field, models.JSONField | models.DecimalField):
        return lambda value: field.get_db_prep_save(value, connection)
    return _identity


# PostgreSQL's own names for the types Django's `db_type` spells out, for binary COPY.
_PG_TYPE_NAMES = {"timestamp with time zone": "timestamptz", "boolean": "bool",
                  "bigint": "int8", "integer": "int4", "smallint": "int2",
                  "double precision": "float8"}


def _pg_type(field: models.Field[Any, Any]) -> str:
    """The PostgreSQL type name of a column (varchar(40) -> varchar), for binary COPY."""
    db_type = field.db_type(connection) or "text"
    name = db_type.split("(", 1)[0].strip()
    return _PG_TYPE_NAMES.get(name, name)


class Inserter:
    """INSERT rows into `model`: every concrete field except an auto-increment key. Each row
    is a tuple of the `columns` (attribute names, in that order). Every other field takes,
    per call, its value in `fixed` or else its default: values that are the same for the
    whole batch (timestamps, author, import, flags) are converted once, not once per row.
    A primary key or unique field must be among the columns."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        meta = model._meta
        fields = {field.attname: field for field in meta.concrete_fields
                  if not isinstance(field, AutoFieldMixin)}
        unknown = set(columns) - fields.keys()
        if unknown:
            raise ValueError(f"{meta.label} has no fields {sorted(unknown)}")
        self.label = meta.label
        self.columns = tuple(columns)
        self.rest = [field for name, field in fields.items() if name not in self.columns]
        for field in self.rest:
            if field.primary_key or field.unique:
                raise ValueError(f"{meta.label}.{field.attname} must be a column")
        ordered = [fields[name] for name in self.columns] + self.rest
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in ordered)
        marks = ", ".join(["%s"] * len(ordered))
        # Table and column names come from the model, quoted by the backend.
        self.sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
        # Binary COPY: nothing for the server to parse, values packed by psycopg's C dumpers.
        self.copy_sql = f"COPY {quote(meta.db_table)} ({names}) FROM STDIN (FORMAT BINARY)"
        self.pg_types = ([_pg_type(field) for field in ordered]
                         if connection.vendor == "postgresql" else [])
        self.converters = [(index, converter) for index, name in enumerate(self.columns)
                           if (converter := _converter(fields[name])) is not _identity]

    def _tail(self, fixed: dict[str, Any]) -> list[Any]:
        unknown = fixed.keys() - {field.attname for field in self.rest}
        if unknown:
            raise ValueError(f"{self.label}: {sorted(unknown)} are columns or not fields")
        tail: list[Any] = []
        for field in self.rest:
            value = fixed[field.attname] if field.attname in fixed else field.get_default()
            tail.append(None if value is None else _converter(field)(value))
        return tail

    def _prepared(self, rows: Iterable[Sequence[Any]], tail: list[Any]
                  ) -> Iterator[list[Any]]:
        converters = self.converters
        for row in rows:
            values = list(row)
            for index, convert in converters:
                value = values[index]
                if value is not None:
                    values[index] = convert(value)
            values += tail
            yield values

    def insert(self, rows: Sequence[Sequence[Any]], fixed: dict[str, Any] | None = None) -> int:
        if not rows:
            return 0
        prepared = self._prepared(rows, self._tail(fixed or {}))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: PostgreSQL's bulk path (constraints and triggers still apply). Rows
                # are converted (NIKs encrypted) as they stream: the server inserts the
                # rows already sent while this process prepares the next ones.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    copy.set_types(self.pg_types)
                    for values in prepared:
                        copy.write_row(values)
            else:
                cursor.executemany(self.sql, list(prepared))
        return len(rows)


def _from_db(field: models.Field[Any, Any]) -> Converter | None:
    """How a raw value of this field comes back as Python (None: as it is)."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, models.UUIDField):
        return lambda value: value if value is None or type(value) is uuid.UUID \
            else uuid.UUID(value)
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return lambda value: date.fromisoformat(value) if type(value) is str else value
    return None


SELECT_BATCH = 10_000


def _concrete(field: Any) -> models.Field[Any, Any]:
    assert isinstance(field, models.Field) and field.column
    return field


def select_in(model: type[models.Model], columns: Sequence[str], key: str,
              values: Collection[Any], *, also: tuple[str, Collection[Any]] | None = None
              ) -> list[tuple[Any, ...]]:
    """Rows (`columns`, attribute names) of `model` whose `key` is one of `values` (and,
    with `also=(column, values)`, whose column is one of those too), in one statement per
    10,000 values: the values go as ONE parameter (`lindung.core.sql.in_values`). UUIDs and
    dates come back as Python values."""
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [_concrete(meta.get_field(name)) for name in columns]
    convert = [(index, converter) for index, field in enumerate(fields)
               if (converter := _from_db(field)) is not None]
    names = ", ".join(quote(field.column) for field in fields)

    def condition(attname: str, batch: Sequence[Any]) -> tuple[str, Any]:
        return in_values(quote(_concrete(meta.get_field(attname)).column), batch)

    rows: list[tuple[Any, ...]] = []
    ordered = list(values)
    if not ordered:
        return rows
    extra_sql, extra_params = "", []
    if also is not None:
        extra, param = condition(also[0], list(also[1]))
        extra_sql, extra_params = f" AND {extra}", [param]
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), SELECT_BATCH):
            where, param = condition(key, ordered[start:start + SELECT_BATCH])
            # Table and column names come from the model, quoted by the backend.
            cursor.execute(f"SELECT {names} FROM {quote(meta.db_table)} "  # noqa: S608
                           f"WHERE {where}{extra_sql}", [param, *extra_params])
            for row in cursor.fetchall():
                if convert:
                    values_ = list(row)
                    for index, converter in convert:
                        values_[index] = converter(values_[index])
                    row = tuple(values_)
                rows.append(row)
    return rows


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
