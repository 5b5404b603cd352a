"""The staff navigation: each app registers its entries; the menu shows those the user's
role may open (by the entity capability, through the access helper's table) and, for the
roles that work from one post, only the entries of that post's work (ROLE_MENUS): a
task-force officer's menu holds no village or LTSA desk entries, even where the role may
read those pages (issue 16). On a phone the menu folds behind a button (site.js)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from lindung.core import access
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import role_may


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    entity: str
    order: int = 50
    action: str = VIEW


_ITEMS: list[NavItem] = []

# The menu entries of each role that works from one post, by URL name. A role missing here
# (administrator, analyst, coordinator: they oversee every kind of work) sees every entry
# it may open.
ROLE_MENUS: dict[str, frozenset[str]] = {
    Role.TASKFORCE_OFFICER: frozenset({
        "reports:queue", "reports:list", "reports:referral_list", "reports:case_list",
        "screening:home", "screening:alerts", "screening:watchlist", "prevention:list",
        "prevention:statistics", "site:work_statistics", "ltsa:certificate_lookup", "people:list"}),
    Role.DESK_OFFICER: frozenset({
        "ltsa:queue", "ltsa:application_list", "ltsa:complaint_list", "ltsa:figures",
        "people:list", "people:dedupe_queue"}),
    Role.VILLAGE_OFFICER: frozenset({
        "villages:home", "villages:indicators", "people:list", "reports:queue",
        "prevention:dissemination_list"}),
}


def register_nav(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)


def nav_for(user: Any) -> list[tuple[str, str]]:
    if not access.is_staff_user(user):
        return []
    menu = ROLE_MENUS.get(user.role)
    return [(str(item.label), reverse(item.url_name))
            for item in sorted(_ITEMS, key=lambda i: i.order)
            if role_may(user.role, item.entity, item.action)
            and (menu is None or item.url_name in menu)]
