"""/healthz (liveness), /readyz (readiness), /metrics (Prometheus). No session, no cache,
no personal data; /metrics may require a bearer token (LINDUNG_METRICS_TOKEN) and the
reverse proxy keeps it from the public (deploy/nginx)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lindung.ops import health, metrics


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers. Nothing else is checked: a restart would not mend the rest."""
    return HttpResponse("ok\n", content_type="text/plain")


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
