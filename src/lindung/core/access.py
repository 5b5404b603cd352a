"""The one access helper: who may do what to which record, by role and scope.

Each entity registers a `Policy` once (in its app's `access.py`); views, API endpoints and
services ask `require`/`visible`/`get_visible_or_404` and never re-implement the rule.
A user's scope is a region code prefix ("" = national): a record is in scope when its
region code equals the scope or starts with the scope and a dot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from lindung.accounts.roles import VIEW, role_may

M = TypeVar("M", bound=models.Model)


def is_staff_user(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active
                and getattr(user, "role", ""))


def is_machine_client(user: Any) -> bool:
    """Machine clients use the API with a token; the web UI is not theirs."""
    return getattr(user, "role", "") == "machine_client"


def scope_code(user: Any) -> str:
    return str(getattr(user, "scope_code", "") or "")


def code_in_scope(scope: str, region_code: str | None) -> bool:
    if not scope:
        return True
    if not region_code:
        return False
    return region_code == scope or region_code.startswith(scope + ".")


def scope_q(scope: str, field: str) -> Q:
    if not scope:
        return Q()
    return Q(**{field: scope}) | Q(**{f"{field}__startswith": scope + "."})


@dataclass(frozen=True)
class Policy:
    """Role capabilities for `entity` (see accounts.roles.CAPABILITIES) plus region scope
    through `region_field` (None: the entity is not region-bound, e.g. reference data)."""

    entity: str
    region_field: str | None = "region_code"

    def region_of(self, obj: models.Model) -> str:
        if self.region_field is None:
            return ""
        value: Any = obj
        for part in self.region_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return ""
        return str(value)

    def allowed(self, user: Any, action: str, obj: models.Model | None) -> bool:
        if not is_staff_user(user) or not role_may(user.role, self.entity, action):
            return False
        if obj is None or self.region_field is None:
            return True
        return code_in_scope(scope_code(user), self.region_of(obj))

    def filter(self, user: Any, qs: models.QuerySet[M], action: str = VIEW) -> models.QuerySet[M]:
        if not is_staff_user(user) or not role_may(user.role, self.entity, action):
            return qs.none()
        if self.region_field is None:
            return qs
        return qs.filter(scope_q(scope_code(user), self.region_field))


_POLICIES: dict[type[models.Model], Policy] = {}


def register(model: type[models.Model], policy: Policy) -> None:
    _POLICIES[model] = policy


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _POLICIES[model]
    except KeyError as exc:
        raise LookupError(f"No access policy registered for {model.__name__}") from exc


def can(user: Any, action: str, target: models.Model | type[models.Model]) -> bool:
    if isinstance(target, type):
        return policy_for(target).allowed(user, action, None)
    return policy_for(type(target)).allowed(user, action, target)


def require(user: Any, action: str, target: models.Model | type[models.Model]) -> None:
    if not can(user, action, target):
        raise PermissionDenied("Akses ditolak / Access denied")


def visible(user: Any, qs: models.QuerySet[M], action: str = VIEW) -> models.QuerySet[M]:
    return policy_for(qs.model).filter(user, qs, action)


def get_visible_or_404(user: Any, qs: models.QuerySet[M], action: str = VIEW,
                       **lookup: Any) -> M:
    """The object if the user may `action` it. A role without the capability gets 403; an
    object outside the user's scope is answered as not found, so its existence is not
    disclosed."""
    policy = policy_for(qs.model)
    if not policy.allowed(user, action, None):
        raise PermissionDenied("Akses ditolak / Access denied")
    try:
        return policy.filter(user, qs, action).get(**lookup)
    except (qs.model.DoesNotExist, ValueError) as exc:  # type: ignore[attr-defined]
        raise Http404("Tidak ditemukan / Not found") from exc


def region_of(obj: models.Model) -> str:
    return policy_for(type(obj)).region_of(obj)
