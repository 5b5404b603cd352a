"""/healthz (liveness), /readyz (readiness), /metrics (Prometheus). No session, no cache,
no personal data; /metrics may require a bearer token (LINDUNG_METRICS_TOKEN) and the
reverse proxy keeps it from the public (deploy/nginx). ``server_error`` is the root
``handler500``: a request that failed because the database is unreachable answers 503 with
``Retry-After`` (a clean, temporary refusal), every other failure the usual 500."""

from __future__ import annotations

import hmac
import logging
import sys

from django import db
from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lindung.common.routes import route
from lindung.ops import health
from lindung.ops import metrics


@route("healthz", name="healthz")
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers. Nothing else is checked: a restart would not mend the rest."""
    return HttpResponse("ok\n", content_type="text/plain")


@route("readyz", name="readyz")
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks = health.readiness()
    ready = all(check.ok for check in checks)
    return JsonResponse(
        {"ready": ready,
         "checks": {check.name: {"ok": check.ok, "detail": check.detail, "ms": check.ms}
                    for check in checks}},
        status=200 if ready else 503)


@route("metrics", name="metrics")
@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    token = getattr(settings, "LINDUNG_METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return HttpResponse("unauthorised\n", status=401, content_type="text/plain")
    return HttpResponse(metrics.exposition(),
                        content_type="text/plain; version=0.0.4; charset=utf-8")


#: Seconds a client is asked to wait before trying again while the database is unreachable.
RETRY_AFTER_SECONDS = 5
log = logging.getLogger("lindung.http")


def database_unreachable(exc: BaseException | None) -> bool:
    """The request failed because the database does not answer (down, restarting, refusing
    connections), not because of a fault of the request or of the code."""
    return isinstance(exc, db.OperationalError | db.InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: 503 + ``Retry-After`` while the database is unreachable, drawn without
    touching the database, the session or the user (the base template would); else 500."""
    if not database_unreachable(sys.exc_info()[1]):
        return defaults.server_error(request)
    log.warning("database unreachable", extra={"event": "db.unavailable",
                                               "method": request.method})
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": _("Layanan sementara tidak tersedia")},
            status=503)
    else:
        title = escape(_("Layanan sementara tidak tersedia"))
        text = escape(_("Lindung tidak dapat membuka datanya saat ini. Tidak ada yang "
                        "tersimpan dari permintaan ini. Coba lagi dalam beberapa saat."))
        response = HttpResponse(
            f'<!DOCTYPE html><html lang="{escape(get_language() or "id")}"><head>'
            f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>{title} · Lindung</title></head><body><main>'
            f"<h1>{title}</h1><p>{text}</p></main></body></html>", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
