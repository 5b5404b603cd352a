"""Who may administer whom: the one rule, read by the pages, the API and the commands.

A national administrator administers every account. A regional coordinator administers the
officers (task force, LTSA desk, village) posted inside their region, and nobody else: never an
administrator, an analyst, another coordinator or a machine client. Nobody else administers
anyone. Reads only; the writes are in `services`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core.access import code_in_scope
from lindung.core.access import is_machine_client
from lindung.core.access import is_staff_user
from lindung.core.access import scope_q
from lindung.core.roles import Role

# The roles a regional coordinator may give and administer (all below their own).
OFFICER_ROLES: frozenset[str] = frozenset({
    Role.TASKFORCE_OFFICER, Role.DESK_OFFICER, Role.VILLAGE_OFFICER})


def is_national_admin(actor: Any) -> bool:
    return bool(is_staff_user(actor) and not is_machine_client(actor)
                and (actor.role == Role.ADMIN or actor.is_superuser))


def may_administer(actor: Any, target: User | str, post_region: str | None = None) -> bool:
    """May `actor` create, change, deactivate or issue tokens for `target`?

    `target` is an account (its role and post are read from it) or a role, with
    `post_region` the region code of the post it would be given ("" for national).
    """
    if not is_staff_user(actor) or is_machine_client(actor):
        return False
    if is_national_admin(actor):
        return True
    if actor.role != Role.COORDINATOR:
        return False
    if isinstance(target, User):
        role, region = target.role, target.post_region_code
    else:
        role, region = str(target), post_region or ""
    scope = str(actor.scope_code or "")
    return role in OFFICER_ROLES and bool(scope) and bool(region) and code_in_scope(scope, region)


def may_list_users(actor: Any) -> bool:
    return is_national_admin(actor) or (is_staff_user(actor) and actor.role == Role.COORDINATOR
                                        and bool(actor.scope_code))


def users_visible(actor: Any) -> QuerySet[User]:
    """The accounts `actor` may see in the list: exactly those they may administer."""
    users = User.objects.select_related("site", "scope_region", "agency")
    if is_national_admin(actor):
        return users
    if not may_list_users(actor):
        return users.none()
    scope = str(actor.scope_code)
    posted_in = (Q(site__isnull=False) & scope_q(scope, "site__region_code")) | (
        Q(site__isnull=True) & scope_q(scope, "scope_region__code"))
    return users.filter(posted_in, role__in=sorted(OFFICER_ROLES))


def administrator(actor: User) -> User:
    """The actor of the user administration pages and API: one who may list accounts, or a
    refusal (403)."""
    if not may_list_users(actor):
        raise PermissionDenied(_("Hanya administrator nasional dan koordinator daerah yang "
                                 "mengelola akun."))
    return actor


def administered(actor: User, user_id: int) -> User:
    """An account the actor may administer; any other answers not found."""
    user = users_visible(actor).filter(pk=user_id).first()
    if user is None:
        raise Http404(_("Akun tidak ditemukan."))
    return user


def assignable_roles(actor: Any) -> list[str]:
    if is_national_admin(actor):
        return [str(role) for role in Role]
    if may_list_users(actor):
        return [str(role) for role in Role if role in OFFICER_ROLES]
    return []
