from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from lindung.core import access

F = TypeVar("F", bound=Callable[..., HttpResponse])


def staff_required(view: F) -> F:
    """Logged-in, active staff with a role; anything finer is the access helper's job."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_staff_user(request.user) or access.is_machine_client(request.user):
            raise PermissionDenied("Akses ditolak / Access denied")
        return view(request, *args, **kwargs)

    return cast(F, wrapper)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
