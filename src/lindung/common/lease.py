"""Leases: "I am working on X", held in the shared cache and renewed while the work runs.

A worker killed with SIGKILL cannot release anything; its lease simply expires ``seconds``
after the last renewal, and another worker may then take the work over. A running holder
renews the lease from a daemon thread every third of its length.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache

PREFIX = "lease:"


def lease_held(name: str) -> bool:
    return cache.get(PREFIX + name) is not None


@contextmanager
def lease(name: str, *, seconds: int = 60) -> Iterator[bool]:
    """Yield True when the lease was taken (and keep it renewed until the block ends),
    False when someone else holds it."""
    key, token = PREFIX + name, secrets.token_hex(8)
    if not cache.add(key, token, timeout=seconds):
        yield False
        return
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(seconds / 3):
            if cache.get(key) not in (token, None):
                return  # taken over after an expiry: stop renewing someone else's lease
            cache.set(key, token, timeout=seconds)

    renewer = threading.Thread(target=renew, name=f"lease-{name}", daemon=True)
    renewer.start()
    try:
        yield True
    finally:
        stop.set()
        renewer.join(timeout=5)
        if cache.get(key) == token:
            cache.delete(key)
