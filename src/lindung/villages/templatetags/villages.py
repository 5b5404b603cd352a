from __future__ import annotations

from django import template

register = template.Library()


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
