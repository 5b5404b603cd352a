"""What the staff pages and API calls share that needs the access helper (the kernel's
view helpers, `lindung.common.views`, know no roles)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar

from django.db import models
from django.http import HttpRequest
from django.http import HttpResponse

from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # accounts.User: core imports no app

M = TypeVar("M", bound=models.Model)


def caller_and_record(request: HttpRequest, rows: models.QuerySet[M], action: str = VIEW,
                      **lookup: Any) -> tuple[_User, M]:
    """The signed-in staff user of a call (403 without one) and the record of `rows` it
    names, if the user may `action` it (`access.get_visible_or_404`: 404 outside their
    area): how an API call on one record starts."""
    user = staff_user(request)
    return user, access.get_visible_or_404(user, rows, action, **lookup)


def list_page(request: HttpRequest, user: _User, template: str, rows: Any,
              entity: type[models.Model], *, per_page: int = 25,
              context: dict[str, Any] | None = None) -> HttpResponse:
    """A list of records: the page of `rows` that `?page=` asks for (`page`), whether the
    user may add a record of `entity` (`can_create`, the page's "new" button), and the rest
    of the page's `context`."""
    return page(request, template, {
        "page": paginated(request, rows, per_page),
        "can_create": access.can(user, CREATE, entity), **(context or {})})
