from __future__ import annotations

from typing import Any

from django import template

from lindung.core.roles import VIEW
from lindung.core.roles import role_may

register = template.Library()


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key) if mapping else None


@register.simple_tag
def optional_url(name: str, *args: object) -> str:
    """The URL of another app's page when that app provides it, else "" (e.g. an LTSA
    application linked from the service log)."""
    from django.urls import NoReverseMatch
    from django.urls import reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.filter
def may_view(user: Any, entity: str) -> bool:
    """Whether the user's role may view `entity` (the capability table), for menus that
    show only what the role can open."""
    return bool(getattr(user, "role", "")) and role_may(user.role, entity, VIEW)
