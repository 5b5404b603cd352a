"""A Redis cache that keeps the site up while Redis is down.

The shared cache holds what can be lost (public page cache, rate-limit counters, locks of
short leases): when Redis does not answer, a read finds nothing, a write is dropped, and
one warning a minute is logged, so that the public report form and the tracking page keep
working on the database alone. Readiness (``/readyz``) still reports the cache as down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any
from typing import TypeVar

from django.core.cache.backends.redis import RedisCache
from prometheus_client import Counter

log = logging.getLogger("lindung.cache")
T = TypeVar("T")

try:  # redis is a dependency; its errors are the ones a lost server raises
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    UNAVAILABLE: tuple[type[BaseException], ...] = (RedisConnectionError, RedisTimeoutError,
                                                    OSError)
except ImportError:  # pragma: no cover - redis is always installed
    UNAVAILABLE = (OSError,)

CACHE_FAILURES = Counter("lindung_cache_unavailable_total",
                         "Cache operations skipped because the cache was unreachable")
_last_warning = 0.0


def _down(operation: str) -> None:
    global _last_warning
    CACHE_FAILURES.inc()
    now = time.monotonic()
    if now - _last_warning > 60:
        _last_warning = now
        log.warning("cache unavailable, %s skipped", operation,
                    extra={"event": "cache.unavailable", "operation": operation})


def _or(fallback: T, operation: Callable[..., T], *args: Any) -> T:
    """The operation's answer, or `fallback` (a miss, a dropped write) when Redis is
    unreachable."""
    try:
        return operation(*args)
    except UNAVAILABLE:
        _down(operation.__name__)
        return fallback


class ResilientRedisCache(RedisCache):
    """django's RedisCache whose operations degrade to a miss when Redis is unreachable."""

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return _or(default, super().get, key, default, version)

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        return _or({}, super().get_many, keys, version)

    def set(self, key: Any, value: Any, timeout: Any = 300,
            version: int | None = None) -> None:
        _or(None, super().set, key, value, timeout, version)

    def set_many(self, data: dict[Any, Any], timeout: Any = 300,
                 version: int | None = None) -> list[Any]:
        return _or(list(data), super().set_many, data, timeout, version)

    def add(self, key: Any, value: Any, timeout: Any = 300, version: int | None = None) -> bool:
        # Counted as stored when Redis is down: callers that count (rate limits) then do not
        # retry with incr.
        return _or(True, super().add, key, value, timeout, version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return _or(delta, super().incr, key, delta, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return _or(False, super().delete, key, version)

    def touch(self, key: Any, timeout: Any = 300, version: int | None = None) -> bool:
        return _or(False, super().touch, key, timeout, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return _or(False, super().has_key, key, version)
