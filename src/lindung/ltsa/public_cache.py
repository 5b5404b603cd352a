"""Caching of the public pages in the shared cache (database table or Redis, never only in
one process), invalidated by a version that every write to agencies, licences, job orders
and fees bumps.

An entry is stored with the version it was built under; one ``get_many`` returns the
current version and the entry together, so a cached page costs one cache round trip. The
pages are rendered with a placeholder where the CSRF token goes and the requester's own
token is put in on the way out, so a cached page never hands one visitor's token to another.

In front of the shared cache each process keeps what it fetched for a few seconds
(:data:`LOCAL_SECONDS`, a bounded micro-cache): a burst of identical requests then costs no
round trip at all. The shared cache stays the one source: a change reaches every process
within :data:`LOCAL_SECONDS`, and the process that made it at once. (On SQLite a round trip
includes opening a connection, about 8 ms on this machine, more than rendering the page.)
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

VERSION_KEY = "ltsa:public:version"
#: Entries expire anyway, so date-dependent verdicts (a licence expiring at midnight) are
#: never older than this.
TIMEOUT_SECONDS = 300
CSRF_PLACEHOLDER = "ltsa-csrf-placeholder-5f1c"
#: How long a process reuses a page it fetched from the shared cache (0: never; tests).
LOCAL_SECONDS = 0.0 if getattr(settings, "TESTING", False) else 5.0
LOCAL_MAX_ENTRIES = 512

Entry = tuple[int, int, str, str]  # version, status, content type, body
_local: OrderedDict[str, tuple[float, Entry]] = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key: str) -> Entry | None:
    if LOCAL_SECONDS <= 0:
        return None
    with _local_lock:
        found = _local.get(key)
        if found is None:
            return None
        if found[0] < time.monotonic():
            del _local[key]
            return None
        return found[1]


def _local_put(key: str, entry: Entry) -> None:
    if LOCAL_SECONDS <= 0:
        return
    with _local_lock:
        _local[key] = (time.monotonic() + LOCAL_SECONDS, entry)
        _local.move_to_end(key)
        while len(_local) > LOCAL_MAX_ENTRIES:
            _local.popitem(last=False)


def local_clear() -> None:
    with _local_lock:
        _local.clear()


def bump() -> None:
    """Invalidate every cached public page (called by the services after a write)."""
    local_clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _key(request: HttpRequest, name: str) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"ltsa:public:{name}:{translation.get_language()}:{digest}"


def cached_page(request: HttpRequest, name: str,
                render: Callable[[dict[str, Any]], HttpResponse]) -> HttpResponse:
    """Serve an anonymous GET of a public page from the shared cache, rendering it with
    ``render(extra_context)`` on a miss. Logged-in users always get a fresh page."""
    if request.method != "GET" or request.user.is_authenticated:
        return render({})
    key = _key(request, name)
    entry = _local_get(key)
    if entry is None:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY, 1)
        entry = found.get(key)
        if entry is None or entry[0] != version:
            response = render({"csrf_token": CSRF_PLACEHOLDER})
            entry = (version, response.status_code, response["Content-Type"],
                     response.content.decode())
            if response.status_code == 200:
                cache.set(key, entry, timeout=TIMEOUT_SECONDS)
        if entry[1] == 200:
            _local_put(key, entry)
    _, status, content_type, body = entry
    html = body.replace(CSRF_PLACEHOLDER, get_token(request)) if CSRF_PLACEHOLDER in body \
        else body
    response = HttpResponse(html, status=status, content_type=content_type)
    response["Cache-Control"] = "no-cache"
    return response
