"""List filters of the API: a choice filter with a value it does not know is refused (422
with the allowed values, in Indonesian and English), never silently ignored."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = ["choice_filter"]


def choice_filter(value: str | None, field: str, allowed: Iterable[str]) -> str:
    """``value`` when empty or one of ``allowed``; else a ValidationError on ``field`` that
    the API turns into a 422 naming the allowed values."""
    if not value:
        return ""
    choices = [str(choice) for choice in allowed]
    if value in choices:
        return value
    listed = ", ".join(choices)
    raise ValidationError({field: (
        _("%(field)s: nilai tidak dikenal %(value)s; pilihan: %(allowed)s")
        % {"field": field, "value": repr(value[:40]), "allowed": listed})})
