"""Roles and what each may do: the one capability table that the access helper reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator nasional")
    ANALYST = "analyst", _("Analis nasional")
    COORDINATOR = "coordinator", _("Koordinator daerah")
    TASKFORCE_OFFICER = "taskforce_officer", _("Petugas satgas")
    DESK_OFFICER = "desk_officer", _("Petugas loket LTSA")
    VILLAGE_OFFICER = "village_officer", _("Petugas desa")
    MACHINE_CLIENT = "machine_client", _("Klien mesin (API)")


VIEW = "view"
CREATE = "create"
CHANGE = "change"
DELETE = "delete"
VIEW_IDENTITY = "view_identity"  # see NIK and passport numbers unmasked

_ALL = {VIEW, CREATE, CHANGE, DELETE}
_WORK = {VIEW, CREATE, CHANGE}

# entity -> role -> actions. An entity missing for a role means no access at all.
CAPABILITIES: dict[str, dict[Role, set[str]]] = {
    "person": {
        Role.ADMIN: _ALL | {VIEW_IDENTITY},
        Role.COORDINATOR: _WORK | {VIEW_IDENTITY},
        Role.TASKFORCE_OFFICER: _WORK | {VIEW_IDENTITY},
        Role.DESK_OFFICER: _WORK | {VIEW_IDENTITY},
        Role.VILLAGE_OFFICER: _WORK,
    },
    "household": {
        Role.ADMIN: _ALL,
        Role.COORDINATOR: _WORK,
        Role.VILLAGE_OFFICER: _WORK,
        Role.DESK_OFFICER: {VIEW},
        Role.TASKFORCE_OFFICER: {VIEW},
    },
    "watchlist": {
        Role.ADMIN: _ALL,
        Role.COORDINATOR: _WORK,
        Role.TASKFORCE_OFFICER: _WORK,
    },
    "audit": {
        Role.ADMIN: {VIEW},
        Role.COORDINATOR: {VIEW},
        Role.ANALYST: {VIEW},
    },
    "user": {
        Role.ADMIN: _ALL,
        Role.COORDINATOR: {VIEW},
    },
    "reference": {  # agencies, sites, sourced figures
        Role.ADMIN: _ALL,
        Role.ANALYST: {VIEW},
        Role.COORDINATOR: {VIEW},
        Role.TASKFORCE_OFFICER: {VIEW},
        Role.DESK_OFFICER: {VIEW},
        Role.VILLAGE_OFFICER: {VIEW},
    },
    "statistics": {
        Role.ADMIN: {VIEW},
        Role.ANALYST: {VIEW},
        Role.COORDINATOR: {VIEW},
        Role.TASKFORCE_OFFICER: {VIEW},
        Role.DESK_OFFICER: {VIEW},
        Role.VILLAGE_OFFICER: {VIEW},
    },
    "job": {
        Role.ADMIN: {VIEW, CREATE},
        Role.COORDINATOR: {VIEW, CREATE},
        Role.TASKFORCE_OFFICER: {VIEW, CREATE},
        Role.DESK_OFFICER: {VIEW, CREATE},
        Role.VILLAGE_OFFICER: {VIEW, CREATE},
    },
}


def role_may(role: str, entity: str, action: str) -> bool:
    try:
        return action in CAPABILITIES[entity].get(Role(role), set())
    except ValueError:
        return False


def two_factor_roles() -> frozenset[str]:
    """Roles that must use two-factor: every role that may see identities (NIK, passport)
    of any entity or the audit log. Machine clients never hold a session."""
    roles: set[str] = set()
    for entity, table in CAPABILITIES.items():
        for role, actions in table.items():
            if VIEW_IDENTITY in actions or (entity == "audit" and actions):
                roles.add(str(role))
    roles.discard(str(Role.MACHINE_CLIENT))
    return frozenset(roles)


def register_capabilities(entity: str, capabilities: dict[Role, set[str]]) -> None:
    """Each app adds its entities to the one table (from its access.py), once."""
    if entity in CAPABILITIES and CAPABILITIES[entity] != capabilities:
        raise ValueError(f"Capabilities for {entity!r} are already registered differently")
    CAPABILITIES[entity] = capabilities
