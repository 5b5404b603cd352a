"""Helpers shared by the services of this app."""

from __future__ import annotations

from typing import Any
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from lindung.accounts.models import User
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.models import BaseModel

M = TypeVar("M", bound=BaseModel)


def invalid(field: str | None, text: str) -> ValidationError:
    """A validation error in the reader's language (a gettext message), on a field or the
    whole form."""
    if field is None:
        return ValidationError(text)
    return ValidationError({field: text})


def require(actor: User | None, action: str, target: models.Model | type[models.Model]) -> None:
    """The access check for a staff actor; None is the system (commands, demo, tasks)."""
    if actor is not None:
        access.require(actor, action, target)


def create(obj: M, *, actor: User | None, detail: dict[str, Any] | None = None,
           exclude: list[str] | None = None) -> M:
    """full_clean, save and audit a new record (call inside a transaction)."""
    obj.created_by = actor
    obj.updated_by = actor
    obj.full_clean(exclude=exclude, validate_constraints=True)
    obj.save()
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=obj,
                        region_code=str(getattr(obj, "region_code", "")), detail=detail)
    return obj


def update(obj: M, *, actor: User | None, changes: dict[str, Any], allowed: set[str],
           exclude: list[str] | None = None) -> M:
    """Apply `changes` (only `allowed` fields), full_clean, save, audit field names."""
    before = audit.apply_changes(obj, changes, allowed)
    obj.updated_by = actor
    obj.full_clean(exclude=exclude)
    obj.save()
    after = {key: getattr(obj, key) for key in changes}
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=obj,
                        region_code=str(getattr(obj, "region_code", "")),
                        detail={"fields": audit.changed_fields(before, after)})
    return obj
