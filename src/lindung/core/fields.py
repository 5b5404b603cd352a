"""Model fields for personal data protected at rest."""

from __future__ import annotations

from typing import Any

from django.db import models

from lindung.core import crypto


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Stores a Fernet token; Python sees the clear text. Not searchable: pair it with
    a blind index field for exact look-ups."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str:
        if not value:
            return ""
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> str:
        if not value:
            return ""
        return crypto.encrypt(str(value))
