"""API tokens: for machine clients only, each with a scope (read-only or write, and the API
modules it may call) and an expiry; listed and revocable. Only the SHA-256 is stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import ApiToken
from lindung.accounts.models import User
from lindung.accounts.rules import may_administer
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import Role

# The router prefixes of /api/v1/ a token may be given (api/api.py mounts them).
API_MODULES: tuple[str, ...] = ("regions", "people", "screening", "reports", "prevention",
                                "ltsa", "villages", "coordination")
MAX_TOKEN_DAYS = 365


@transaction.atomic
def api_token_create(*, actor: Any, user: User, name: str, write: bool = False,
                     modules: Sequence[str] | None = None, valid_days: int = 90) -> str:
    """Create a token for the machine client `user` and return it; it is never shown again.
    `modules` None means every module. `actor` None is the system (demo, tests)."""
    if actor is not None and not may_administer(actor, user):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun ini."))
    errors: dict[str, str] = {}
    if user.role != Role.MACHINE_CLIENT:
        errors["user"] = _("Token API hanya diberikan kepada akun klien mesin, tidak kepada "
                           "petugas atau administrator: mereka masuk dengan sesi dan "
                           "verifikasi dua langkah.")
    elif not user.is_active:
        errors["user"] = _("Akun ini nonaktif.")
    chosen = list(API_MODULES if modules is None else dict.fromkeys(modules))
    unknown = [module for module in chosen if module not in API_MODULES]
    if not chosen:
        errors["modules"] = _("Pilih paling sedikit satu modul API.")
    elif unknown:
        errors["modules"] = _("Modul API tidak dikenal: %(names)s.") % {
            "names": ", ".join(unknown)}
    if not 1 <= valid_days <= MAX_TOKEN_DAYS:
        errors["valid_days"] = _("Masa berlaku 1 sampai %(max)s hari.") % {
            "max": MAX_TOKEN_DAYS}
    if not name.strip():
        errors["name"] = _("Beri nama token (misalnya sistem yang memakainya).")
    if errors:
        raise ValidationError(errors)
    token = ApiToken.generate()
    row = ApiToken.objects.create(user=user, name=name.strip()[:100], prefix=token[4:12],
                                  digest=ApiToken.hash(token), write=write, modules=chosen,
                                  expires_at=timezone.now() + timedelta(days=valid_days))
    audit.record(actor=actor, action=AuditAction.CREATE, entity="accounts.apitoken",
                 object_id=str(row.pk), region_code=user.scope_code,
                 detail={"user": user.pk, "after": {"name": row.name, "write": write,
                                                    "modules": chosen,
                                                    "expires_at": row.expires_at.isoformat()}})
    return token


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    if not may_administer(actor, token.user):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun ini."))
    if token.revoked_at is not None:
        raise ValidationError(_("Token ini sudah dicabut."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit.record(actor=actor, action=AuditAction.UPDATE, entity="accounts.apitoken",
                 object_id=str(token.pk), region_code=token.user.scope_code,
                 detail={"user": token.user_id, "fields": ["revoked_at"],
                         "before": {"revoked": False}, "after": {"revoked": True}})
    return token


def api_token_lookup(*, token: str) -> ApiToken | None:
    """The live token row (not revoked, not expired, of an active machine client)."""
    row = (ApiToken.objects.active().select_related("user")
           .filter(digest=ApiToken.hash(token)).first())
    if row is None or not row.user.is_active or row.user.role != Role.MACHINE_CLIENT:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row


def api_token_user(*, token: str) -> User | None:
    row = api_token_lookup(token=token)
    return row.user if row else None
