"""The site's public absolute address, for what leaves the screen: printed receipts, the
links in messages. LINDUNG_PUBLIC_URL (settings) when set, else the address the request came
to; never a bare path, which means nothing on paper."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def public_base(request: HttpRequest | None = None) -> str:
    """"https://lindung.example.go.id" (no trailing slash), or "" with neither setting nor
    request."""
    configured = str(getattr(settings, "LINDUNG_PUBLIC_URL", "") or "")
    if configured:
        return configured.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def public_url(path: str, request: HttpRequest | None = None) -> str:
    """The absolute address of a site path ("/ltsa/track/")."""
    return public_base(request) + path
