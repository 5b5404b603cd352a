"""Requests carrying a NUL character are refused (400) before any view.

No text in the system contains U+0000, and PostgreSQL refuses it in a text value: a NUL in
a query parameter, a form field or a JSON string would otherwise reach the database and
answer 500 (found by fuzzing the API, issue 18 #16). Django's forms refuse it already; API
operations and hand-read parameters did not. Files are not looked into.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

_JSON_NUL = (b"\\u0000", b"\x00")


def carries_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    if any("\x00" in key or any("\x00" in value for value in values)
           for key, values in request.GET.lists()):
        return True
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return False
    # The raw body is read (and kept for the view, which may read it again): bounded by the
    # route's body cap, checked before this. A multipart body is left to the view: its
    # files may hold any byte, and reading its parts here would take the body from a view
    # that reads it raw.
    content_type = request.content_type or ""
    if content_type == "application/json":
        return any(marker in request.body for marker in _JSON_NUL)
    if content_type == "application/x-www-form-urlencoded":
        body = request.body
        return b"\x00" in body or b"%00" in body
    return False


class NulRefusalMiddleware(MiddlewareMixin):
    """Answers 400 to a request with a NUL in its path, parameters, form or JSON body."""

    def process_view(self, request: HttpRequest, view: Callable[..., Any],
                     args: Any, kwargs: Any) -> HttpResponse | None:
        if carries_nul(request):
            return HttpResponse(_("Kiriman berisi karakter NUL, yang tidak diterima."),
                                status=400, content_type="text/plain; charset=utf-8")
        return None
