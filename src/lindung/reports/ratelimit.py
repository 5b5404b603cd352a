"""Rate limits for the public forms, in the shared cache (database table or Redis).

The key is a keyed hash of the client address: the address itself is never written
anywhere, and the hash is never stored with a report. Counters expire with their window.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


# Submissions of new reports; look-ups with a receipt code (right or wrong); additions.
SUBMIT_LIMITS = (Limit("report-submit-hour", 5, 3600), Limit("report-submit-day", 20, 86400))
LOOKUP_LIMITS = (Limit("receipt-lookup-15min", 20, 900), Limit("receipt-lookup-day", 100, 86400))
WEBHOOK_LIMITS = (Limit("report-webhook-minute", 600, 60),)


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address (REMOTE_ADDR: the reverse proxy must set it to
    the real client, see docs/operations.md); never stored, used only as a cache key."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    key = hmac.new(settings.SECRET_KEY.encode(), b"lindung-rate-limit", hashlib.sha256).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]


def limit_reached(*, request: HttpRequest, limits: tuple[Limit, ...]) -> bool:
    """True when any of the limits is already used up (does not count this request)."""
    who = client_key(request)
    return any(int(cache.get(f"rl:{limit.name}:{who}", 0)) >= limit.count for limit in limits)


def limit_hit(*, request: HttpRequest, limits: tuple[Limit, ...]) -> None:
    """Count one use against each limit."""
    who = client_key(request)
    for limit in limits:
        key = f"rl:{limit.name}:{who}"
        if cache.add(key, 1, timeout=limit.seconds):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=limit.seconds)
