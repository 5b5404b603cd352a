"""Account actions: login throttling, two-factor, API tokens, staff creation."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lindung.accounts.models import ApiToken, User
from lindung.accounts.roles import Role
from lindung.common import ratelimit
from lindung.common.ratelimit import Policy, Window
from lindung.core import audit
from lindung.core.models import AuditAction


def _login_policy() -> Policy:
    """Failed logins per user name in a fixed window; the counter lives in the kernel's
    counter table, where filling the cache cannot cull it."""
    return Policy("login-failures",
                  (Window(settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_LOCKOUT_SECONDS),))


def _login_subject(username: str) -> str:
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]


def login_locked(*, username: str) -> bool:
    return ratelimit.exceeded(_login_policy(), subject=_login_subject(username))


def login_failure_record(*, username: str, user: User | None) -> int:
    policy = _login_policy()
    subject = _login_subject(username)
    ratelimit.hit(policy, subject=subject)
    failures = ratelimit.used(policy, subject=subject)
    audit.record(actor=None, action=AuditAction.LOGIN_FAILED, entity="accounts.user",
                 object_id=str(user.pk) if user else "",
                 region_code=user.scope_code if user else "",
                 detail={"failures": failures})
    return int(failures)


def login_success_record(*, user: User) -> None:
    ratelimit.reset(_login_policy(), subject=_login_subject(user.get_username()))
    audit.record(actor=user, action=AuditAction.LOGIN, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.scope_code)


def totp_begin(*, user: User) -> str:
    """Give the user a new, unconfirmed TOTP secret and return it."""
    secret = pyotp.random_base32()
    user.totp_secret = secret
    user.totp_confirmed_at = None
    user.save(update_fields=["totp_secret", "totp_confirmed_at"])
    return secret


def totp_uri(*, user: User) -> str:
    return str(pyotp.TOTP(user.totp_secret).provisioning_uri(
        name=user.get_username(), issuer_name="Lindung"))


def totp_verify(*, user: User, code: str) -> bool:
    if not user.totp_secret:
        return False
    cleaned = "".join(ch for ch in code if ch.isdigit())
    return bool(pyotp.TOTP(user.totp_secret).verify(cleaned, valid_window=1))


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> bool:
    if not totp_verify(user=user, code=code):
        return False
    user.totp_confirmed_at = timezone.now()
    user.save(update_fields=["totp_confirmed_at"])
    audit.record(actor=user, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.scope_code,
                 detail={"fields": ["two_factor"]})
    return True


@transaction.atomic
def api_token_create(*, actor: User | None, user: User, name: str,
                     valid_days: int | None = 365) -> str:
    """Create a token for `user` and return it; it is never shown again."""
    token = ApiToken.generate()
    expires = timezone.now() + timedelta(days=valid_days) if valid_days else None
    row = ApiToken.objects.create(user=user, name=name, prefix=token[4:12],
                                  digest=ApiToken.hash(token), expires_at=expires)
    audit.record(actor=actor, action=AuditAction.CREATE, entity="accounts.apitoken",
                 object_id=str(row.pk), region_code=user.scope_code, detail={"user": user.pk})
    return token


def api_token_user(*, token: str) -> User | None:
    row = (ApiToken.objects.active().select_related("user")
           .filter(digest=ApiToken.hash(token)).first())
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


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
