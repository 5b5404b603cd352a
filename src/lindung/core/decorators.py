from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lindung.core import access

F = TypeVar("F", bound=Callable[..., HttpResponse])


def staff_required(view: F) -> F:
    """Logged-in, active staff with a role; anything finer is the access helper's job."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access.is_machine_client(request.user):
            raise access.Denied(_("Akun klien mesin hanya memakai API, bukan halaman web."))
        if not access.is_staff_user(request.user):
            raise access.Denied(_("Halaman ini hanya untuk petugas dengan peran yang aktif."))
        return view(request, *args, **kwargs)

    return cast(F, wrapper)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
