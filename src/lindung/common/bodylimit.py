"""Request bodies capped before anything reads them.

Every request's declared length (`Content-Length`) is checked before the view, and before
CSRF checking parses a form: over the route's cap the answer is 413 and nothing of the body
is read. The cap is the view's own (`@body_limit(bytes)`, e.g. the largest set of
attachments its form takes), else the first matching path prefix of
`settings.REQUEST_BODY_LIMITS` (for routes that cannot be decorated, such as API
operations), else `settings.MAX_REQUEST_BODY_BYTES` (`LINDUNG_MAX_BODY_BYTES`). A body sent
without a length is not read by Django at all (WSGI), so it cannot get around the cap.

Uploaded files never touch the disk in clear during the request: Django writes a file
over FILE_UPLOAD_MAX_MEMORY_SIZE (2 MB here, 2.5 MB by default) to a temporary file in
FILE_UPLOAD_TEMP_DIR, where a census sheet's NIKs, names and family-card numbers would sit
in clear while the request runs (and stay there if the process is killed).
`InMemoryUploadHandler`, the only upload handler (settings.FILE_UPLOAD_HANDLERS), keeps
every file in memory instead: the memory a request can take is bounded by its route's cap,
which this module checks before any body is read, and the handler checks again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

V = TypeVar("V", bound=Callable[..., Any])
ATTRIBUTE = "max_body_bytes"


def body_limit(max_bytes: int) -> Callable[[V], V]:
    """Cap the request body of this view at `max_bytes`."""
    def decorate(view: V) -> V:
        setattr(view, ATTRIBUTE, max_bytes)
        return view
    return decorate


def limit_for(request: HttpRequest, view: Callable[..., Any] | None) -> int:
    own = getattr(view, ATTRIBUTE, None) if view is not None else None
    if isinstance(own, int):
        return own
    for prefix, limit in getattr(settings, "REQUEST_BODY_LIMITS", {}).items():
        if request.path.startswith(prefix):
            return int(limit)
    return int(settings.MAX_REQUEST_BODY_BYTES)


def too_large(limit: int) -> HttpResponse:
    text = _("Kiriman terlalu besar (paling besar %(mb)s MB).") % {
        "mb": f"{limit / 1024 / 1024:.1f}".rstrip("0").rstrip(".")}
    return HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")


class BodyLimitMiddleware(MiddlewareMixin):
    """Answers 413 when the declared body is larger than the route's cap."""

    def process_view(self, request: HttpRequest, view: Callable[..., Any],
                     args: Any, kwargs: Any) -> HttpResponse | None:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(status=400)
        limit = limit_for(request, view)
        return too_large(limit) if length > limit else None


class InMemoryUploadHandler(MemoryFileUploadHandler):
    """Every uploaded file in memory, whatever its size (never a temporary file on disk),
    within the route's body cap: a body over it is refused before any of it is read."""

    def handle_raw_input(self, input_data: Any, META: dict[str, Any], content_length: int,
                         boundary: str, encoding: str | None = None) -> None:
        request = self.request
        match = getattr(request, "resolver_match", None) if request is not None else None
        limit = (limit_for(request, match.func if match is not None else None)
                 if request is not None else int(settings.MAX_REQUEST_BODY_BYTES))
        if content_length > limit:
            raise RequestDataTooBig(f"Upload body over the route's cap of {limit} bytes")
        self.activated = True
