from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lindung.core import access
from lindung.core.nav import nav_for


def site_context(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"is_staff_user": access.is_staff_user(user), "staff_nav": nav_for(user)}
