"""Kernel tables: security counters that nothing culls, the state of derived keys."""

from __future__ import annotations

from django.db import models


class RateCounter(models.Model):
    """One fixed-window counter of a rate-limit policy (or the login lockout) for one
    subject (a keyed hash, never an address or a user name). Kept in its own table, not in
    the cache: a cache that evicts entries when full would let anyone who fills it reset
    the counters. Expired rows are deleted as new ones are written."""

    key = models.CharField(max_length=120, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "rate counter"

    def __str__(self) -> str:
        return self.key


class KeyState(models.Model):
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

    def __str__(self) -> str:
        return f"{self.purpose}: {self.fingerprint}"
