"""Administrators (and anyone with two-factor turned on) must pass it before working."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_PREFIXES = ("/static/", "/i18n/", "/accounts/", "/api/")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and getattr(user, "two_factor_required", False)
                and not getattr(user, "has_two_factor", False)
                and not request.path.startswith(ALLOWED_PREFIXES)):
            return redirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)
