"""Signing in: login throttling and its release, two-factor (TOTP without replay, recovery
codes), self-service password change."""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from typing import Any

import pyotp
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import RecoveryCode
from lindung.accounts.models import User
from lindung.accounts.rules import may_administer
from lindung.common import ratelimit
from lindung.common.ratelimit import Policy
from lindung.common.ratelimit import Window
from lindung.core import audit
from lindung.core.choices import AuditAction

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


def _login_policy() -> Policy:
    """Failed logins per user name in a fixed window; the counter lives in the kernel's
    counter table, where filling the cache cannot cull it."""
    return Policy("login-failures",
                  (Window(settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_LOCKOUT_SECONDS),))


def _login_subject(username: str) -> str:
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]


def login_locked(*, username: str) -> bool:
    return ratelimit.exceeded(_login_policy(), subject=_login_subject(username))


def login_failures(*, username: str) -> int:
    return int(ratelimit.used(_login_policy(), subject=_login_subject(username)))


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


def login_lockout_release_quiet(*, username: str) -> None:
    """Clear the failure counter (a password was just set through a one-time link)."""
    ratelimit.reset(_login_policy(), subject=_login_subject(username))


@transaction.atomic
def login_lockout_release(*, actor: Any, user: User) -> bool:
    """An administrator lifts the lockout of `user` (after checking it is really them).
    Returns whether there was a lockout."""
    if not may_administer(actor, user):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun ini."))
    was_locked = login_locked(username=user.username)
    ratelimit.reset(_login_policy(), subject=_login_subject(user.username))
    audit.record(actor=actor, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.post_region_code,
                 detail={"fields": ["lockout"], "before": {"locked": was_locked},
                         "after": {"locked": False}})
    return was_locked


# ---------------------------------------------------------------------------------------------
# Two-factor: TOTP


class CodeResult(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    REUSED = "reused"


def totp_begin(*, user: User) -> str:
    """Give the user a new, unconfirmed TOTP secret and return it."""
    secret = pyotp.random_base32()
    user.totp_secret = secret
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
    return secret


def totp_uri(*, user: User) -> str:
    return str(pyotp.TOTP(user.totp_secret).provisioning_uri(
        name=user.get_username(), issuer_name="Lindung"))


def totp_check(*, user: User, code: str) -> CodeResult:
    """A code of the current 30-second step, or one either side (clock drift), accepted once:
    the step is stored and a code of that step or an earlier one is refused as reused."""
    cleaned = "".join(ch for ch in code if ch.isdigit())
    if not user.totp_secret or len(cleaned) != 6:
        return CodeResult.INVALID
    totp = pyotp.TOTP(user.totp_secret)
    now = totp.timecode(timezone.now())
    for step in (now - 1, now, now + 1):
        if not hmac.compare_digest(totp.generate_otp(step), cleaned):
            continue
        fresh = Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step)
        if not User.objects.filter(fresh, pk=user.pk).update(totp_last_step=step):
            return CodeResult.REUSED
        user.totp_last_step = step
        return CodeResult.OK
    return CodeResult.INVALID


def totp_verify(*, user: User, code: str) -> bool:
    return totp_check(user=user, code=code) is CodeResult.OK


@transaction.atomic
def totp_confirm(*, user: User, code: str) -> list[str] | None:
    """Confirm enrolment with a first code; returns the recovery codes (shown once), or None
    when the code is wrong."""
    if not totp_verify(user=user, code=code):
        return None
    user.totp_confirmed_at = timezone.now()
    user.save(update_fields=["totp_confirmed_at"])
    audit.record(actor=user, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.scope_code,
                 detail={"fields": ["two_factor"], "before": {"two_factor": False},
                         "after": {"two_factor": True}})
    return recovery_codes_generate(user=user)


# ---------------------------------------------------------------------------------------------
# Two-factor: recovery codes


def _recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def recovery_codes_generate(*, user: User) -> list[str]:
    """Ten new one-time codes; the old ones stop working. Only their hashes are kept."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, digest=RecoveryCode.hash(user.pk, code)) for code in codes)
    audit.record(actor=user, action=AuditAction.CREATE, entity="accounts.recoverycode",
                 object_id=str(user.pk), region_code=user.scope_code,
                 detail={"count": len(codes)})
    return codes


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


@transaction.atomic
def recovery_code_use(*, user: User, code: str) -> CodeResult:
    """Spend one recovery code in place of a TOTP code."""
    digest = RecoveryCode.hash(user.pk, code)
    row = RecoveryCode.objects.select_for_update().filter(user=user, digest=digest).first()
    if row is None:
        return CodeResult.INVALID
    if row.used_at is not None:
        return CodeResult.REUSED
    row.used_at = timezone.now()
    row.save(update_fields=["used_at"])
    audit.record(actor=user, action=AuditAction.UPDATE, entity="accounts.recoverycode",
                 object_id=str(user.pk), region_code=user.scope_code,
                 detail={"used": 1, "left": recovery_codes_left(user=user)})
    return CodeResult.OK


def looks_like_recovery_code(code: str) -> bool:
    return any(ch.isalpha() for ch in code)


def second_factor_check(*, user: User, code: str) -> CodeResult:
    """A TOTP code, or a recovery code (letters and digits)."""
    if looks_like_recovery_code(code):
        return recovery_code_use(user=user, code=code)
    return totp_check(user=user, code=code)


# ---------------------------------------------------------------------------------------------
# Password


def password_store(*, user: User, password: str, field: str) -> None:
    """Check a new password with Django's validators (their errors go on the form's `field`)
    and store its hash. The callers check who may set it and audit it."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from exc
    user.set_password(password)
    user.save(update_fields=["password"])


@transaction.atomic
def password_change(*, user: User, current: str, new: str) -> None:
    """Self-service change: the current password is required; Django's validators apply."""
    if not user.check_password(current):
        raise ValidationError({"current": _("Kata sandi saat ini salah.")})
    password_store(user=user, password=new, field="new")
    audit.record(actor=user, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.scope_code,
                 detail={"fields": ["password"]})
