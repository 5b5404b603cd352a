"""The base of every model (its text from a template), and the kernel tables: security
counters that nothing culls, the state of derived keys."""

from __future__ import annotations

from typing import Any
from typing import ClassVar

from django.db import models


class StrFormatModel(models.Model):
    """The base of Lindung's models (`core.models.BaseModel` is one): a record's text
    (`str()`, what the admin, logs and pick-lists show) is its class's `str_format`, a
    `str.format` template over the record's attributes, e.g. `"{code} {name}"`,
    `"{loan_id} #{number}"` or `"{at:%Y-%m-%d}"`. A model whose text needs more than its
    attributes keeps a `__str__` of its own; one without a template keeps Django's
    ("Site object (<pk>)")."""

    str_format: ClassVar[str] = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        if not self.str_format:
            return super().__str__()
        return self.str_format.format_map(_Attributes(self))


class _Attributes(dict[str, Any]):
    """The attributes of a record as the names of a `str.format` template."""

    def __init__(self, record: models.Model) -> None:
        super().__init__()
        self.record = record

    def __missing__(self, name: str) -> Any:
        return getattr(self.record, name)


class RateCounter(StrFormatModel):
    """One fixed-window counter of a rate-limit policy (or the login lockout) for one
    subject (a keyed hash, never an address or a user name). Kept in its own table, not in
    the cache: a cache that evicts entries when full would let anyone who fills it reset
    the counters. Expired rows are deleted as new ones are written."""

    key = models.CharField(max_length=120, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate counter"

    str_format = "{key}"


class KeyState(StrFormatModel):
    """Which root a purpose's stored values are kept under, for a purpose whose values are
    not read under every key but computed under one (the blind indexes): `fingerprint` of
    its derived key (`common.keys.fingerprint`). `reindexing` while `lindung keys_rotate`
    recomputes them: no index is computed until it has finished. No row: the oldest root
    configured (a database never re-indexed)."""

    purpose = models.CharField(max_length=40, primary_key=True)
    fingerprint = models.CharField(max_length=16)
    reindexing = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "key state"

    str_format = "{purpose}: {fingerprint}"
