from __future__ import annotations

from django import template

from lindung.villages import formatting

register = template.Library()


@register.filter
def rupiah(value: int | float | None) -> str:
    return formatting.rupiah(value)


@register.filter
def percent(value: float | None) -> str:
    return formatting.percent(value)


@register.filter
def thousands(value: int | float | None) -> str:
    return "—" if value is None else formatting.thousands(value)


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key) if mapping else None


@register.simple_tag
def optional_url(name: str, *args: object) -> str:
    """The URL of another app's page when that app provides it, else "" (e.g. an LTSA
    application linked from the service log)."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
