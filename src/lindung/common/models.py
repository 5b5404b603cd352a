"""Kernel tables: security counters that nothing culls."""

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
