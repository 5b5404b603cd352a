"""The forbidden and not-found pages (``handler403``/``handler404`` in the root urls).

Never a bare page: they go through the base template (with the menu), say what was refused
and why (an :class:`lindung.core.access.Denied` carries both), and who can grant access
(the user's regional coordinator and the national administrators). The API answers JSON.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lindung.core import access
from lindung.site.selectors import grantors_for


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Akses ditolak"),
                             "reason": str(getattr(exception, "why", "") or "")}, status=403)
    user: Any = request.user
    why = getattr(exception, "why", None)
    if why is None:
        if not user.is_authenticated:
            why = _("Halaman ini hanya untuk petugas yang masuk.")
        elif access.is_machine_client(user):
            why = _("Akun klien mesin hanya memakai API, bukan halaman web.")
        else:
            why = _("Peran atau wilayah kerja Anda tidak mencakup halaman ini.")
    return render(request, "site/forbidden.html", {
        "what": getattr(exception, "what", "") or _("membuka halaman ini"),
        "why": why,
        "path": request.path,
        "grantors": grantors_for(user),
    }, status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its token (expired page, another site): not a question of rights,
    so the page says to reload rather than who can grant access (settings.CSRF_FAILURE_VIEW)."""
    if _is_api(request):
        return JsonResponse({"detail": _("Akses ditolak"),
                             "reason": "CSRF"}, status=403)
    return render(request, "site/forbidden.html", {
        "what": _("mengirim formulir ini"),
        "why": _("Formulir ini sudah kedaluwarsa atau tidak dikirim dari halaman Lindung. "
                 "Muat ulang halamannya, lalu kirim lagi."),
        "path": request.path,
        "grantors": None,
    }, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": _("Tidak ditemukan")}, status=404)
    user: Any = request.user
    return render(request, "site/not_found.html", {
        "path": request.path,
        "staff": access.is_staff_user(user),
        "grantors": grantors_for(user) if access.is_staff_user(user) else None,
    }, status=404)
