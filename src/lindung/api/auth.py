from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from lindung.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ldg_…`; the token acts as its user, with that user's scope."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token=token)
        if user is None:
            return None
        request.user = user
        return user


class StaffSessionAuth(SessionAuth):
    """A logged-in staff session (the web UI calling its own API), CSRF-checked."""
