"""What the staff pages share that needs the access helper (the kernel's view helpers,
`lindung.common.views`, know no roles)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.http import HttpResponse

from lindung.common.views import page
from lindung.common.views import paginated
from lindung.core import access
from lindung.core.roles import CREATE

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # accounts.User: core imports no app


def list_page(request: HttpRequest, user: _User, template: str, rows: Any,
              entity: type[models.Model], *, per_page: int = 25,
              context: dict[str, Any] | None = None) -> HttpResponse:
    """A list of records: the page of `rows` that `?page=` asks for (`page`), whether the
    user may add a record of `entity` (`can_create`, the page's "new" button), and the rest
    of the page's `context`."""
    return page(request, template, {
        "page": paginated(request, rows, per_page),
        "can_create": access.can(user, CREATE, entity), **(context or {})})
