"""Caching of the public pages in the shared cache (database table or Redis, never only in
one process), invalidated by a version that every write to agencies, licences, job orders,
fees and places bumps.

An entry is stored with the version it was built under; one ``get_many`` returns the
current version and the entry together, so a cached page costs one cache round trip. The
key holds the path and query, the language and the local date, so a verdict that depends on
the date (a licence valid until yesterday) changes at midnight.

In front of the shared cache each process keeps what it fetched for at most
:data:`LOCAL_SECONDS` (a bounded micro-cache), so a burst of identical requests costs no
round trip. The shared cache stays the one source of truth. **Staleness bound:** a page
another process serves is at most :data:`LOCAL_SECONDS` older than the last committed write
(a revoked licence shows as revoked everywhere within that time); the process that wrote
clears its copies at once.

Pages given a ``fast`` builder (the checker and the fee page) are built from the process's
copy of the public data instead (``public_index``), at the versions read at most every
:data:`LOCAL_SECONDS`: neither looked up in the shared cache nor stored there.

The public pages carry no per-visitor data: no CSRF token (the language switch needs none,
see ``core/locale.py``), no user name. Should a public template ever include a CSRF token,
the page is rendered with a placeholder and each visitor's own token is put in on the way
out, so a cached page never hands one visitor's token to another.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import update_wrapper
from typing import Any
from typing import Concatenate
from typing import NamedTuple
from typing import ParamSpec

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils import translation

#: The "~" keeps it out of the database cache's culling, which, once the table holds
#: MAX_ENTRIES (300), deletes the third of the keys that sort first; were it deleted, the
#: next request would set a new version and every process rebuild its copy
#: (``public_index``).
VERSION_KEY = "~ltsa:public:version"
#: The version of what the fee pages show (schedules, occupations, zero-cost rules) alone,
#: so that their copies outlive the far more frequent changes to agencies and job orders.
FEES_VERSION_KEY = "~ltsa:public:fees-version"
#: Entries expire in the shared cache after this long (they are invalidated by version and
#: keyed by date anyway; the timeout only bounds what unused entries occupy).
TIMEOUT_SECONDS = 300
CSRF_PLACEHOLDER = "ltsa-csrf-placeholder-5f1c"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
#: How long a process reuses a page it fetched from the shared cache: the staleness bound
#: of the public pages in the other processes (0: never; tests).
LOCAL_SECONDS = 0.0 if getattr(settings, "TESTING", False) else 1.0
LOCAL_MAX_ENTRIES = 512


class Versions(NamedTuple):
    data: int  # every public datum
    fees: int  # what the fee pages show


class Entry(NamedTuple):
    version: int
    status: int
    content_type: str
    body: bytes
    needs_token: bool  # the body holds CSRF_PLACEHOLDER


_local: OrderedDict[tuple[str, ...], tuple[float, Entry]] = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key: tuple[str, ...]) -> Entry | None:
    if LOCAL_SECONDS <= 0:
        return None
    found = _local.get(key)  # a plain dict read is atomic; only writes take the lock
    if found is None or found[0] < time.monotonic():
        return None
    return found[1]


def _local_put(key: tuple[str, ...], entry: Entry) -> None:
    if LOCAL_SECONDS <= 0:
        return
    with _local_lock:
        _local[key] = (time.monotonic() + LOCAL_SECONDS, entry)
        _local.move_to_end(key)
        while len(_local) > LOCAL_MAX_ENTRIES:
            _local.popitem(last=False)


#: The versions this process read last, and until when it may use them without asking.
_version_memo: tuple[float, Versions] | None = None


def local_clear() -> None:
    global _version_memo
    with _local_lock:
        _local.clear()
        _version_memo = None


def _new_version() -> int:
    """A fresh random stamp rather than a counter: a counter restarts where it was when the
    shared cache loses the key (a Redis restart, a rolled-back test), so a process could
    take data it copied under an old 2 for the new 2."""
    return secrets.randbits(62) + 2


def _bump_now(fees: bool = False) -> None:
    stamps = {VERSION_KEY: _new_version()}
    if fees:
        stamps[FEES_VERSION_KEY] = _new_version()
    cache.set_many(stamps, timeout=None)
    local_clear()


def bump(*, fees: bool = False) -> None:
    """Invalidate every cached public page; called by the services after a write.

    Bumps now (a database cache is written in the caller's transaction) and, inside a
    transaction, once more after the commit: a Redis cache is not transactional, so a page
    rendered from the old data between the first bump and the commit must not survive, nor
    a copy this process fetched meanwhile. `fees`: a change to what the fee pages show."""
    _bump_now(fees)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_now(fees))


def _anonymous(request: HttpRequest) -> bool:
    # Without a session cookie the visitor cannot be logged in: no session look-up needed.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def current_version(key: str = VERSION_KEY) -> int | None:
    """The version of the public data now (None: the shared cache does not answer)."""
    version = cache.get(key)
    if version is None:
        cache.add(key, _new_version(), timeout=None)
        version = cache.get(key)
    return version if isinstance(version, int) else None


def local_versions() -> Versions | None:
    """The versions of the public data, asked of the shared cache at most every
    :data:`LOCAL_SECONDS` (the same staleness bound as the pages' micro-cache); None when
    the shared cache does not answer."""
    global _version_memo
    memo = _version_memo
    now = time.monotonic()
    if memo is not None and memo[0] > now:
        return memo[1]
    found = cache.get_many([VERSION_KEY, FEES_VERSION_KEY])
    data = found.get(VERSION_KEY) or current_version(VERSION_KEY)
    fees = found.get(FEES_VERSION_KEY) or current_version(FEES_VERSION_KEY)
    if not isinstance(data, int) or not isinstance(fees, int):
        return None
    versions = Versions(data, fees)
    if LOCAL_SECONDS > 0:
        _version_memo = (now + LOCAL_SECONDS, versions)
    return versions


def local_version() -> int | None:
    """The version of every public datum (see :func:`local_versions`)."""
    versions = local_versions()
    return versions.data if versions is not None else None


P = ParamSpec("P")
#: A public page's drawing: the request, the extra context to render with, the URL's values.
Draw = Callable[Concatenate[HttpRequest, dict[str, Any], P], HttpResponse]
#: The view Django calls: the request and the URL's values.
View = Callable[Concatenate[HttpRequest, P], HttpResponse]


def public_page(name: str) -> Callable[[Draw[P]], View[P]]:
    """A public page served through the cache (:func:`cached_page`, under `name`): the
    decorated function draws the page from the request, the extra context to render with,
    and the URL's parameters."""

    def decorate(draw: Draw[P]) -> View[P]:
        def view(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            return cached_page(request, name, lambda extra: draw(request, extra, *args, **kwargs))

        update_wrapper(view, draw)
        return view

    return decorate


def cached_page(request: HttpRequest, name: str,
                render: Callable[[dict[str, Any]], HttpResponse],
                fast: Callable[[Versions], str | None] | None = None) -> HttpResponse:
    """Serve an anonymous GET of a public page from the cache, rendering it with
    ``render(extra_context)`` on a miss. Logged-in users always get a fresh page.

    A page with ``fast`` is built by ``fast(versions)`` instead, from the process's copy of
    the public data at the current version (``public_index``): faster than a round trip
    to the shared cache and back with the page, so it is neither looked up there nor
    stored; ``fast`` returns None for what it does not build (then as above)."""
    if request.method != "GET" or not _anonymous(request):
        return render({})
    full_path = request.get_full_path()
    language = translation.get_language() or ""
    today = timezone.localdate().isoformat()
    local_key = (name, language, today, full_path)
    entry = _local_get(local_key)
    if entry is None and fast is not None:
        versions = local_versions()
        text = fast(versions) if versions is not None else None
        if text is not None and versions is not None:
            body = text.encode()
            entry = Entry(versions.data, 200, "text/html; charset=utf-8", body,
                          _PLACEHOLDER_BYTES in body)
            _local_put(local_key, entry)
    if entry is None:
        digest = hashlib.sha256(full_path.encode()).hexdigest()[:32]
        key = f"ltsa:public:{name}:{language}:{today}:{digest}"
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:  # never bumped, or lost: a fresh stamp (None: no cache)
            version = current_version()
        entry = found.get(key)
        if not isinstance(entry, Entry) or entry.version != version:
            response = render({"csrf_token": CSRF_PLACEHOLDER})
            body = response.content
            entry = Entry(version or 0, response.status_code, response["Content-Type"],
                          body, _PLACEHOLDER_BYTES in body)
            if entry.status == 200:
                cache.set(key, entry, timeout=TIMEOUT_SECONDS)
        if entry.status == 200:
            _local_put(local_key, entry)
    body = entry.body
    if entry.needs_token:
        body = body.replace(_PLACEHOLDER_BYTES, get_token(request).encode())
    response = HttpResponse(body, status=entry.status, content_type=entry.content_type)
    response["Cache-Control"] = "no-cache"
    return response
