"""Reads for the site pages: who a user's coordinator is, who can grant access."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lindung.accounts.models import User
from lindung.accounts.roles import Role
from lindung.core import access


@dataclass(frozen=True)
class Grantors:
    """Who can grant a user access: their coordinator(s) and the national administrators."""

    coordinators: list[User]
    admins: list[User]


def _home_code(user: Any) -> str:
    """The region the user works in: their scope, else their post's region."""
    code = access.scope_code(user)
    if code:
        return code
    site = getattr(user, "site", None) if getattr(user, "site_id", None) else None
    return str(getattr(site, "region_code", "") or "")


def coordinators_for(user: Any) -> list[User]:
    """The active regional coordinators whose region covers the user's, nearest first (the
    province's coordinator before a national one); none for national staff."""
    code = _home_code(user)
    if not code or not getattr(user, "is_authenticated", False):
        return []
    parts = code.split(".")
    prefixes = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    found = (User.objects.filter(role=Role.COORDINATOR, is_active=True,
                                 scope_region_id__in=prefixes)
             .exclude(pk=user.pk).select_related("agency", "scope_region"))
    return sorted(found, key=lambda u: (-len(u.scope_code), u.username))


def admins() -> list[User]:
    return list(User.objects.filter(role=Role.ADMIN, is_active=True)
                .select_related("agency").order_by("username")[:3])


def grantors_for(user: Any) -> Grantors:
    if not getattr(user, "is_authenticated", False):
        return Grantors(coordinators=[], admins=[])
    return Grantors(coordinators=coordinators_for(user)[:3], admins=admins())
