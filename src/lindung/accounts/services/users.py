"""Administering accounts: create with a post, edit, deactivate and reactivate (never delete),
invitation and password-reset links. Every write checks `rules.may_administer` and is audited
with its before and after in the same transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.choices import AccountLinkPurpose
from lindung.accounts.models import AccountLink
from lindung.accounts.models import ApiToken
from lindung.accounts.models import RecoveryCode
from lindung.accounts.models import User
from lindung.accounts.rules import OFFICER_ROLES
from lindung.accounts.rules import is_national_admin
from lindung.accounts.rules import may_administer
from lindung.accounts.services.login import login_lockout_release_quiet
from lindung.accounts.services.login import password_store
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.choices import OutboxChannel
from lindung.core.models import OutboxMessage
from lindung.core.roles import Role
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.regions.models import Region

LINK_HOURS = 72

# The kind of site each role is posted to; coordinators are posted to a region.
SITE_KIND_FOR_ROLE: dict[str, str] = {
    Role.TASKFORCE_OFFICER: SiteKind.EMBARKATION_POINT,
    Role.DESK_OFFICER: SiteKind.LTSA_CENTRE,
    Role.VILLAGE_OFFICER: SiteKind.VILLAGE_POST,
}
NATIONAL_ROLES = frozenset({Role.ADMIN, Role.ANALYST})
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone")


@dataclass(frozen=True)
class Post:
    site: Site | None
    desk: str
    region: Region | None


@dataclass(frozen=True)
class AccountFields:
    """What an administrator sets on an account."""

    role: str
    site_id: str = ""
    desk: str = ""
    region_code: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    agency_id: str = ""

    @classmethod
    def of(cls, user: User) -> AccountFields:
        return cls(role=user.role, site_id=str(user.site_id or ""), desk=user.desk,
                   region_code=user.scope_region_id or "", first_name=user.first_name,
                   last_name=user.last_name, email=user.email, phone=user.phone,
                   agency_id=str(user.agency_id or ""))


def _site(site_id: str) -> Site | None:
    try:
        key = uuid.UUID(str(site_id))
    except ValueError:
        return None
    return Site.objects.select_related("region").filter(pk=key).first()


def _posted_site(kind: str, role: str, site_id: str, region_code: str,
                 errors: dict[str, str]) -> Site | None:
    """The site of a posted officer (a post of `kind`), or None with the reason in `errors`."""
    label = SiteKind(kind).label
    if not site_id:
        errors["site"] = _("Pilih pos kerja (%(kind)s).") % {"kind": label}
        return None
    site = _site(site_id)
    if site is None:
        errors["site"] = _("Pos kerja tidak ditemukan: tidak ada %(kind)s dengan kode "
                           "itu.") % {"kind": label}
    elif site.kind != kind:
        errors["site"] = _("%(site)s adalah %(actual)s; %(role)s ditempatkan di "
                           "%(kind)s.") % {
            "site": site.shown_name, "actual": SiteKind(site.kind).label,
            "role": Role(role).label, "kind": label}
    elif site.region is None:
        errors["site"] = _("Pos kerja %(site)s belum punya wilayah.") % {"site": site.shown_name}
    elif region_code and region_code != site.region.code:
        errors["region"] = _("Wilayah petugas mengikuti pos kerjanya; kosongkan wilayah.")
    else:
        return site
    return None


def _region(region_code: str, errors: dict[str, str]) -> Region | None:
    region = Region.objects.filter(code=region_code).first() if region_code else None
    if region_code and region is None:
        errors["region"] = _("Wilayah %(code)s tidak ditemukan.") % {"code": region_code}
    return region


def _unposted_region(role: str, site_id: str, region_code: str,
                     errors: dict[str, str]) -> Region | None:
    """The region of a role without a site: a coordinator's (required), a machine client's
    (optional); national roles have neither."""
    if role == Role.COORDINATOR:
        if site_id:
            errors["site"] = _("Koordinator ditempatkan di wilayah, bukan di pos.")
        if not region_code:
            errors["region"] = _("Pilih wilayah kerja koordinator.")
        return _region(region_code, errors)
    if role == Role.MACHINE_CLIENT:
        if site_id:
            errors["site"] = _("Klien mesin tidak punya pos kerja.")
        return _region(region_code, errors)
    if site_id or region_code:
        errors["site" if site_id else "region"] = _(
            "Peran nasional tidak punya pos atau wilayah.")
    return None


def _desk_errors(role: str, desk: str, errors: dict[str, str]) -> None:
    if role == Role.DESK_OFFICER:
        if not desk:
            errors["desk"] = _("Pilih loket LTSA petugas.")
        elif desk not in Desk.values:
            errors["desk"] = _("Loket tidak dikenal.")
    elif desk:
        errors["desk"] = _("Hanya petugas loket LTSA yang punya loket.")


def post_resolve(*, role: str, site_id: str = "", desk: str = "",
                 region_code: str = "") -> Post:
    """The post for `role`, or field errors saying what is wrong with it: a task-force officer
    at an embarkation point, a desk officer at an LTSA centre and desk, a village officer at a
    Desmigratif village post, a coordinator over a region; national roles have no post."""
    if role not in Role.values:
        raise ValidationError({"role": _("Peran tidak dikenal.")})
    errors: dict[str, str] = {}
    site: Site | None = None
    region: Region | None = None
    kind = SITE_KIND_FOR_ROLE.get(role)
    if kind is not None:
        site = _posted_site(kind, role, site_id, region_code, errors)
        region = site.region if site is not None else None
    else:
        region = _unposted_region(role, site_id, region_code, errors)
    _desk_errors(role, desk, errors)
    if errors:
        raise ValidationError(errors)
    return Post(site=site, desk=desk, region=region)


def _require_may_give(actor: Any, role: str, post: Post) -> None:
    region = post.site.region_code if post.site else (post.region.code if post.region else "")
    if may_administer(actor, role, region):
        return
    if not (is_national_admin(actor) or getattr(actor, "role", "") == Role.COORDINATOR):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun."))
    if role not in OFFICER_ROLES:
        raise ValidationError({"role": _(
            "Koordinator daerah hanya dapat memberi peran petugas satgas, petugas loket atau "
            "petugas desa, tidak peran %(role)s.") % {"role": Role(role).label}})
    raise ValidationError({"site" if post.site else "region": _(
        "Pos kerja ini di luar wilayah Anda.")})


def _require_may_administer(actor: Any, user: User) -> None:
    if not may_administer(actor, user):
        raise PermissionDenied(_("Anda tidak berwenang mengelola akun ini."))


def _snapshot(user: User) -> dict[str, Any]:
    """The administrative fields, values included (contact details enter the log by name)."""
    return {"role": user.role, "site": str(user.site_id or ""),
            "site_name": user.site.name if user.site else "", "desk": user.desk,
            "region": user.scope_region_id or "", "agency": str(user.agency_id or ""),
            "is_active": user.is_active}


def _record(actor: Any, user: User, before: dict[str, Any], after: dict[str, Any],
            fields: list[str], action: AuditAction = AuditAction.UPDATE) -> None:
    changed = [key for key in after if before.get(key) != after.get(key)]
    audit.record(actor=actor, action=action, entity="accounts.user", object_id=str(user.pk),
                 region_code=user.post_region_code,
                 detail={"fields": sorted(set(changed) | set(fields)),
                         "before": {key: before.get(key) for key in changed},
                         "after": {key: after[key] for key in changed}})


def _apply(user: User, fields: AccountFields, post: Post) -> None:
    user.role = fields.role
    user.site = post.site
    user.desk = post.desk
    user.scope_region = post.region
    user.first_name = fields.first_name
    user.last_name = fields.last_name
    user.email = fields.email
    user.phone = fields.phone
    agency = None
    if fields.agency_id:
        key = _uuid_or_none(fields.agency_id)
        agency = Agency.objects.filter(pk=key).first() if key else None
        if agency is None:
            raise ValidationError({"agency": _("Instansi tidak ditemukan.")})
    user.agency = agency


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@dataclass(frozen=True)
class Created:
    user: User
    link: str  # the invitation link (also queued in the outbox), "" for machine clients


@transaction.atomic
def user_create(*, actor: Any, username: str, fields: AccountFields,
                base_url: str = "", bootstrap: bool = False) -> Created:
    """A new account with its post, no password: an invitation link (one use, 72 hours) goes
    to its e-mail address and phone through the outbox. Machine clients get no invitation
    (they use API tokens). `bootstrap` (the command line, with no actor) creates the first
    national administrator, and only while there is no active one."""
    post = post_resolve(role=fields.role, site_id=fields.site_id, desk=fields.desk,
                        region_code=fields.region_code)
    if bootstrap:
        if actor is not None or fields.role != Role.ADMIN or User.objects.filter(
                role=Role.ADMIN, is_active=True).exists():
            raise PermissionDenied(_("Tanpa pelaku hanya administrator nasional pertama yang "
                                     "dapat dibuat."))
    else:
        _require_may_give(actor, fields.role, post)
    if fields.role != Role.MACHINE_CLIENT and not (fields.email or fields.phone):
        raise ValidationError({"email": _(
            "Isi surel atau nomor telepon: undangan dikirim ke sana.")})
    user = User(username=username.strip())
    _apply(user, fields, post)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    after = _snapshot(user)
    _record(actor, user, {}, after, [n for n in CONTACT_FIELDS if getattr(user, n)],
            action=AuditAction.CREATE)
    link = ""
    if user.role != Role.MACHINE_CLIENT:
        link = _link_issue(actor=actor, user=user, purpose=AccountLinkPurpose.INVITATION,
                           base_url=base_url)
    return Created(user=user, link=link)


@transaction.atomic
def user_update(*, actor: Any, user: User, fields: AccountFields) -> User:
    _require_may_administer(actor, user)
    post = post_resolve(role=fields.role, site_id=fields.site_id, desk=fields.desk,
                        region_code=fields.region_code)
    _require_may_give(actor, fields.role, post)
    if user.pk == getattr(actor, "pk", None) and fields.role != user.role:
        raise ValidationError({"role": _("Anda tidak dapat mengubah peran akun Anda sendiri.")})
    before = _snapshot(user)
    contact_before = {name: getattr(user, name) for name in CONTACT_FIELDS}
    _apply(user, fields, post)
    user.full_clean(exclude=["password"])
    user.save()
    contact = [name for name in CONTACT_FIELDS if getattr(user, name) != contact_before[name]]
    _record(actor, user, before, _snapshot(user), contact)
    if before["role"] != user.role and user.role != Role.MACHINE_CLIENT:
        _tokens_revoke(user)  # a token belongs to a machine client only
    return user


def _tokens_revoke(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now())


@transaction.atomic
def user_deactivate(*, actor: Any, user: User, reason: str = "") -> User:
    """Takes effect at once: the sessions stop authenticating (inactive users are refused on
    every request), API tokens are revoked, open links stop working. Never deleted."""
    _require_may_administer(actor, user)
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if not user.is_active:
        raise ValidationError(_("Akun ini sudah nonaktif."))
    before = _snapshot(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    revoked = _tokens_revoke(user)
    AccountLink.objects.filter(user=user, used_at__isnull=True).update(
        expires_at=timezone.now())
    audit.record(actor=actor, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.post_region_code,
                 detail={"fields": ["is_active"], "before": {"is_active": before["is_active"]},
                         "after": {"is_active": False}, "tokens_revoked": revoked,
                         "reason": reason[:200]})
    return user


@transaction.atomic
def user_reactivate(*, actor: Any, user: User) -> User:
    _require_may_administer(actor, user)
    if user.is_active:
        raise ValidationError(_("Akun ini sudah aktif."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(actor=actor, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.post_region_code,
                 detail={"fields": ["is_active"], "before": {"is_active": False},
                         "after": {"is_active": True}})
    return user


# ---------------------------------------------------------------------------------------------
# One-time links: invitation and password reset


def public_base_url(request_base: str = "") -> str:
    """Where links in messages point: LINDUNG_PUBLIC_URL, else the current request's site."""
    return (getattr(settings, "LINDUNG_PUBLIC_URL", "") or request_base).rstrip("/")


def link_path(token: str) -> str:
    return reverse("accounts:account_link", args=[token])


def _link_issue(*, actor: Any, user: User, purpose: str, base_url: str) -> str:
    """A new link (older open links of the user stop working), queued to the user's e-mail
    and phone. Returns the full link."""
    now = timezone.now()
    AccountLink.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now)
    token = AccountLink.generate()
    row = AccountLink.objects.create(
        user=user, purpose=purpose, digest=AccountLink.hash(token), created_at=now,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=now + timedelta(hours=LINK_HOURS))
    url = public_base_url(base_url) + link_path(token)
    if purpose == AccountLinkPurpose.INVITATION:
        subject = "Lindung: undangan akun / account invitation"
        body = (f"Anda diundang ke Lindung. Buat kata sandi melalui tautan ini (sekali pakai, "
                f"berlaku {LINK_HOURS} jam): {url}\n"
                f"You are invited to Lindung. Set your password with this link (single use, "
                f"valid {LINK_HOURS} hours): {url}")
    else:
        subject = "Lindung: atur ulang kata sandi / password reset"
        body = (f"Buat kata sandi baru melalui tautan ini (sekali pakai, berlaku {LINK_HOURS} "
                f"jam): {url}\nSet a new password with this link (single use, valid "
                f"{LINK_HOURS} hours): {url}")
    messages = []
    if user.email:
        messages.append(OutboxMessage(channel=OutboxChannel.EMAIL, recipient=user.email,
                                      subject=subject, body=body))
    if user.phone:
        messages.append(OutboxMessage(channel=OutboxChannel.SMS, recipient=user.phone,
                                      body=f"Lindung: {url}"[:300]))
    OutboxMessage.objects.bulk_create(messages)
    audit.record(actor=actor, action=AuditAction.CREATE, entity="accounts.accountlink",
                 object_id=str(row.pk), region_code=user.post_region_code,
                 detail={"user": user.pk, "purpose": purpose,
                         "channels": sorted(m.channel for m in messages)})
    return url


def _require_link_target(actor: Any, user: User, no_contact: str) -> None:
    """Refuse to send a sign-in link to an account the actor may not administer, that is
    inactive, that signs in with a token (a machine client), or that cannot be reached
    (`no_contact` says which link)."""
    _require_may_administer(actor, user)
    if not user.is_active:
        raise ValidationError(_("Akun ini nonaktif; aktifkan dulu."))
    if user.role == Role.MACHINE_CLIENT:
        raise ValidationError(_("Klien mesin tidak masuk dengan kata sandi; buat token API."))
    if not (user.email or user.phone):
        raise ValidationError(no_contact)


@transaction.atomic
def invitation_send(*, actor: Any, user: User, base_url: str = "") -> str:
    """Send the invitation again (a new link; the old one stops working)."""
    _require_link_target(actor, user,
                         _("Akun ini tidak punya surel atau telepon untuk undangan."))
    return _link_issue(actor=actor, user=user, purpose=AccountLinkPurpose.INVITATION,
                       base_url=base_url)


@transaction.atomic
def password_reset_send(*, actor: Any, user: User, base_url: str = "") -> str:
    """An administrator resets a password: the old one stops working at once (and with it
    every session of the user), and a one-time link to set a new one is sent."""
    _require_link_target(actor, user, _("Akun ini tidak punya surel atau telepon untuk tautan."))
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit.record(actor=actor, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.post_region_code,
                 detail={"fields": ["password"], "reset": True})
    return _link_issue(actor=actor, user=user, purpose=AccountLinkPurpose.RESET,
                       base_url=base_url)


@transaction.atomic
def two_factor_reset(*, actor: Any, user: User, base_url: str = "") -> str:
    """A user lost both their phone and their recovery codes: their two-factor is removed and
    their password reset with it, so only whoever receives the one-time link (at the
    account's e-mail and phone) can log in again, and must enrol anew."""
    _require_may_administer(actor, user)
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(_("Minta administrator lain mengatur ulang verifikasi dua "
                                "langkah Anda."))
    if not user.has_two_factor:
        raise ValidationError(_("Akun ini belum memakai verifikasi dua langkah."))
    user.totp_secret = ""
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.save(update_fields=["totp_secret", "totp_confirmed_at", "totp_last_step"])
    RecoveryCode.objects.filter(user=user).delete()
    audit.record(actor=actor, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.post_region_code,
                 detail={"fields": ["two_factor"], "before": {"two_factor": True},
                         "after": {"two_factor": False}})
    return password_reset_send(actor=actor, user=user, base_url=base_url)


class LinkRefused(Exception):
    """A one-time link that cannot be used, with the reason to show."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def account_link_get(*, token: str) -> AccountLink:
    row = (AccountLink.objects.select_related("user")
           .filter(digest=AccountLink.hash(token)).first())
    if row is None:
        raise LinkRefused("unknown", _("Tautan ini tidak dikenal. Periksa apakah tautannya "
                                       "tersalin utuh, atau minta tautan baru."))
    if row.used_at is not None:
        raise LinkRefused("used", _("Tautan ini sudah dipakai dan tidak berlaku lagi. Minta "
                                    "tautan baru kepada administrator Anda."))
    if row.expires_at <= timezone.now() or not row.user.is_active:
        raise LinkRefused("expired", _("Tautan ini sudah kedaluwarsa. Minta tautan baru "
                                       "kepada administrator Anda."))
    return row


@transaction.atomic
def account_link_use(*, token: str, password: str) -> User:
    """Set the password through a one-time link; the link is spent."""
    row = account_link_get(token=token)
    locked = AccountLink.objects.select_for_update().filter(pk=row.pk, used_at__isnull=True)
    if not locked.exists():
        raise LinkRefused("used", _("Tautan ini sudah dipakai dan tidak berlaku lagi. Minta "
                                    "tautan baru kepada administrator Anda."))
    user = row.user
    password_store(user=user, password=password, field="password")
    now = timezone.now()
    locked.update(used_at=now)
    login_lockout_release_quiet(username=user.username)
    audit.record(actor=user, action=AuditAction.UPDATE, entity="accounts.user",
                 object_id=str(user.pk), region_code=user.post_region_code,
                 detail={"fields": ["password"], "link": row.purpose})
    return user
