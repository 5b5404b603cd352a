"""Template filters of the coordination pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from lindung.coordination.units import format_value

register = template.Library()


@register.filter
def in_unit(value: Decimal | str | None, unit: str) -> str:
    """A value shown for its unit in the active language ("—" when there is none)."""
    return format_value(value, unit)
