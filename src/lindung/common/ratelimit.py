"""The one rate limiter: named policies of fixed windows, counted in the `RateCounter`
table, never in the cache.

A policy is a name and one or more windows ("5 an hour and 20 a day"). The subject it
counts is a keyed hash: of the client address for public forms (`lindung.common.client`),
of the user name for the login lockout. Counters live in their own table because the
shared cache evicts entries when it is full, and anyone who can fill it (one GET per query
string on a cached public page) could otherwise reset the counters (issue 18 #8). Rows
expire with their window and are deleted as new ones are written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta

from django.db import IntegrityError
from django.db import transaction
from django.db.models import Case
from django.db.models import F
from django.db.models import Value
from django.db.models import When
from django.http import HttpRequest
from django.utils import timezone

from lindung.common.client import client_key
from lindung.common.models import RateCounter


@dataclass(frozen=True)
class Window:
    limit: int
    seconds: int


@dataclass(frozen=True)
class Policy:
    """A named limit: every window must still have room for the next use."""

    name: str
    windows: tuple[Window, ...]

    def keys(self, subject: str) -> Iterable[tuple[str, Window]]:
        for window in self.windows:
            yield f"{self.name}:{window.seconds}:{subject}", window


def _counts(keys: list[str], now: datetime) -> dict[str, int]:
    rows = RateCounter.objects.filter(key__in=keys, expires_at__gt=now)
    return dict(rows.values_list("key", "count"))


def used(policy: Policy, *, subject: str) -> int:
    """Uses counted in the policy's first window (for messages and tests)."""
    key, _window = next(iter(policy.keys(subject)))
    return _counts([key], timezone.now()).get(key, 0)


def exceeded(policy: Policy, *, subject: str) -> bool:
    """True when a window is used up (this call counts nothing)."""
    pairs = list(policy.keys(subject))
    counts = _counts([key for key, _ in pairs], timezone.now())
    return any(counts.get(key, 0) >= window.limit for key, window in pairs)


def _increment(key: str, now: datetime, expires: datetime) -> int:
    live = When(expires_at__gt=now, then=F("count") + 1)
    keep = When(expires_at__gt=now, then=F("expires_at"))
    return RateCounter.objects.filter(key=key).update(
        count=Case(live, default=Value(1)), expires_at=Case(keep, default=Value(expires)))


def hit(policy: Policy, *, subject: str) -> bool:
    """Count one use in every window; True when a window is now over its limit."""
    now = timezone.now()
    over = False
    for key, window in policy.keys(subject):
        expires = now + timedelta(seconds=window.seconds)
        with transaction.atomic():
            if not _increment(key, now, expires):
                try:
                    with transaction.atomic():
                        RateCounter.objects.create(key=key, count=1, expires_at=expires)
                except IntegrityError:  # written meanwhile by a concurrent request
                    _increment(key, now, expires)
                RateCounter.objects.filter(expires_at__lte=now).delete()
            count = RateCounter.objects.filter(key=key).values_list("count", flat=True).get()
        over = over or count > window.limit
    return over


def reset(policy: Policy, *, subject: str) -> None:
    RateCounter.objects.filter(key__in=[key for key, _ in policy.keys(subject)]).delete()


def client_subject(request: HttpRequest, policy: Policy) -> str:
    return client_key(request, purpose=f"rate-limit:{policy.name}")


def request_exceeded(request: HttpRequest, policy: Policy) -> bool:
    """The policy is used up for this request's client (counts nothing)."""
    return exceeded(policy, subject=client_subject(request, policy))


def request_hit(request: HttpRequest, policy: Policy) -> bool:
    """Count one use by this request's client; True when it went over the limit."""
    return hit(policy, subject=client_subject(request, policy))
