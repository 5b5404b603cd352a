"""The doors of the staff pages: `staff_required` (logged-in, active staff with a role) and
`staff_view` (the same, plus the one entity check a page starts with, handing the view its
user)."""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from functools import wraps
from typing import TYPE_CHECKING
from typing import Any
from typing import Concatenate
from typing import ParamSpec
from typing import TypeAlias
from typing import TypeVar
from typing import cast

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _

from lindung.common.views import staff_user
from lindung.core import access

if TYPE_CHECKING:
    # settings.AUTH_USER_MODEL (accounts.User) for the stubs' plugin: core imports no app.
    from django.contrib.auth.models import _User

F = TypeVar("F", bound=Callable[..., HttpResponse])
P = ParamSpec("P")

#: A staff page as written: the request, the signed-in staff user, the URL's arguments.
StaffView: TypeAlias = Callable[Concatenate[HttpRequest, "_User", P], HttpResponse]
#: The same page as Django calls it.
PageView: TypeAlias = Callable[Concatenate[HttpRequest, P], HttpResponse]


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


def staff_view(action: str | None = None, entity: type[models.Model] | None = None,
               ) -> Callable[[StaffView[P]], PageView[P]]:
    """A staff page (`staff_required`) that receives its user after the request.

    With `action` and `entity` (``@staff_view(VIEW, Meeting)``) the page first asks the
    access helper whether the user's role may do that to the entity (`access.require`: 403
    with the reason); the checks on one record stay in the view, where the record is."""
    if (action is None) != (entity is None):
        raise TypeError("staff_view takes an action with its entity, or neither")

    def decorate(view: StaffView[P]) -> PageView[P]:
        def page(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            user = staff_user(request)
            if action is not None and entity is not None:
                access.require(user, action, entity)
            return view(request, user, *args, **kwargs)

        update_wrapper(page, view)
        return staff_required(page)

    return decorate


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
