"""Creating an account directly with a password: the demo, tests and first-run setup. Staff
administration goes through `users.user_create` (a post, an invitation, the rule)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lindung.accounts.models import User
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import Role


@transaction.atomic
def staff_create(*, actor: User | None, username: str, password: str, role: Role | str,
                 **fields: Any) -> User:
    user = User(username=username, role=str(role), **fields)
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit.record(actor=actor, action=AuditAction.CREATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.scope_code,
                 detail={"role": str(role)})
    return user
