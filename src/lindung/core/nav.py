"""The staff navigation: each app registers its entries; the menu shows those the user's
role may open (by the entity capability, through the access helper's table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from lindung.core import access
from lindung.core.roles import VIEW, role_may


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    entity: str
    order: int = 50
    action: str = VIEW


_ITEMS: list[NavItem] = []


def register_nav(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)


def nav_for(user: Any) -> list[tuple[str, str]]:
    if not access.is_staff_user(user):
        return []
    return [(str(item.label), reverse(item.url_name))
            for item in sorted(_ITEMS, key=lambda i: i.order)
            if role_may(user.role, item.entity, item.action)]
