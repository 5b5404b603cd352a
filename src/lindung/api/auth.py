"""Who calls the API: a machine client with a bearer token (narrowed by the token's scope),
or a staff session of the web UI that has passed two-factor where its role requires it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth

from lindung.accounts.middleware import TWO_FACTOR_MESSAGE
from lindung.accounts.services import api_token_lookup

API_ROOT = "/api/v1/"


def api_module(path: str) -> str:
    """The router prefix of an API path: "/api/v1/people/12" -> "people"."""
    rest = path.split(API_ROOT, 1)[1] if API_ROOT in path else ""
    return rest.split("/", 1)[0]


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ldg_…`; the token acts as its machine client, with that user's
    role and scope, and only in its modules; a read-only token may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        row = api_token_lookup(token=token)
        if row is None:
            return None
        module = api_module(request.path)
        if module not in row.modules:
            raise HttpError(403, _("Token ini tidak berlaku untuk modul API '%(module)s'")
                                 % {"module": module})
        if not row.allows(module=module, method=request.method or "GET"):
            raise HttpError(403, _("Token ini hanya-baca: tidak dapat mengubah data"))
        request.user = row.user
        return row.user


class StaffSessionAuth(SessionAuth):
    """A logged-in staff session (the web UI calling its own API), CSRF-checked. A role that
    must use two-factor must have enrolled (the two-factor middleware refuses such a session
    before it gets here; this is the second lock). Machine clients cannot log in to get a
    session (the login page refuses them): they use tokens."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is None:
            return None
        if getattr(user, "two_factor_required", False) and not user.has_two_factor:
            raise HttpError(403, str(TWO_FACTOR_MESSAGE))
        return user

