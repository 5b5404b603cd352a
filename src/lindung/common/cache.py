"""A Redis cache that keeps the site up while Redis is down.

The shared cache holds what can be lost (public page cache, rate-limit counters, locks of
short leases): when Redis does not answer, a read finds nothing, a write is dropped, and
one warning a minute is logged, so that the public report form and the tracking page keep
working on the database alone. Readiness (``/readyz``) still reports the cache as down.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache
from prometheus_client import Counter

log = logging.getLogger("lindung.cache")

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


class ResilientRedisCache(RedisCache):
    """django's RedisCache whose operations degrade to a miss when Redis is unreachable."""

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            return super().get(key, default, version)
        except UNAVAILABLE:
            _down("get")
            return default

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE:
            _down("get_many")
            return {}

    def set(self, key: Any, value: Any, timeout: Any = 300,
            version: int | None = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE:
            _down("set")

    def set_many(self, data: dict[Any, Any], timeout: Any = 300,
                 version: int | None = None) -> list[Any]:
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE:
            _down("set_many")
            return list(data)

    def add(self, key: Any, value: Any, timeout: Any = 300, version: int | None = None) -> bool:
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE:
            _down("add")
            # Counted as stored: callers that count (rate limits) then do not retry with incr.
            return True

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE:
            _down("incr")
            return delta

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().delete(key, version)
        except UNAVAILABLE:
            _down("delete")
            return False

    def touch(self, key: Any, timeout: Any = 300, version: int | None = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE:
            _down("touch")
            return False

    def has_key(self, key: Any, version: int | None = None) -> bool:
        try:
            return super().has_key(key, version)
        except UNAVAILABLE:
            _down("has_key")
            return False
