"""Counts and times every request; logs the slow ones and the server errors (route, status
and time only: no address, no query string, no user)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse

from lindung.ops.metrics import observe_request
from lindung.ops.metrics import route_of

log = logging.getLogger("lindung.http")


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.slow = getattr(settings, "LINDUNG_SLOW_REQUEST_MS", 1000) / 1000

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        except Exception:
            observe_request(request, 500, started)
            raise
        elapsed = observe_request(request, response.status_code, started)
        if response.status_code >= 500 or elapsed >= self.slow:
            log.warning("%s %s %s in %.0f ms", request.method, route_of(request),
                        response.status_code, elapsed * 1000,
                        extra={"event": "http.slow" if response.status_code < 500
                               else "http.error", "method": request.method,
                               "route": route_of(request), "status": response.status_code,
                               "ms": round(elapsed * 1000, 1)})
        return response
