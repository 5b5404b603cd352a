"""Every role that can see identities or the audit log must have enrolled two-factor before
working: pages redirect to enrolment, the API answers 403 with the reason. (A session of an
enrolled user exists only after its second factor was checked at login.)"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ALLOWED_PREFIXES = ("/static/", "/i18n/", "/accounts/two-factor/", "/accounts/login/",
                    "/accounts/logout/", "/accounts/invite/", "/accounts/link/")
API_PREFIX = "/api/"
TWO_FACTOR_MESSAGE = _("Aktifkan verifikasi dua langkah dulu (/accounts/two-factor/setup/).")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and getattr(user, "two_factor_required", False)
                and not getattr(user, "has_two_factor", False)
                and not request.path.startswith(ALLOWED_PREFIXES)):
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": str(TWO_FACTOR_MESSAGE)}, status=403)
            return redirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)
