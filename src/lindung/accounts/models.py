"""Staff accounts: agency, role, post (site, desk or region), two-factor with recovery codes,
one-time account links (invitation, password reset) and API tokens for machine clients."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.accounts.choices import AccountLinkPurpose
from lindung.common.models import StrFormatModel
from lindung.core.fields import EncryptedTextField
from lindung.core.roles import Role
from lindung.core.roles import two_factor_roles
from lindung.directory.choices import Desk


class User(AbstractUser):
    agency = models.ForeignKey(
        "directory.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="staff",
        verbose_name=_("instansi"),
    )
    role = models.CharField(_("peran"), max_length=32, choices=Role.choices,
                            default=Role.VILLAGE_OFFICER)
    # No region means national scope.
    scope_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("wilayah kerja"),
    )
    site = models.ForeignKey(
        "directory.Site", null=True, blank=True, on_delete=models.PROTECT, related_name="staff",
        verbose_name=_("lokasi"),
    )
    desk = models.CharField(_("loket"), max_length=32, choices=Desk.choices, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    totp_secret = EncryptedTextField(blank=True)
    totp_confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last TOTP time step accepted: a code of that step or an earlier one is refused, so
    # an observed code cannot be replayed within its window.
    totp_last_step = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["username"]

    @property
    def scope_code(self) -> str:
        """The region code prefix of this user's scope; "" means national."""
        return self.scope_region_id or ""

    @property
    def has_two_factor(self) -> bool:
        return bool(self.totp_secret) and self.totp_confirmed_at is not None

    @property
    def two_factor_required(self) -> bool:
        """Every role that can see identities or the audit log (see roles.two_factor_roles);
        machine clients use tokens, never a session."""
        return self.is_superuser or self.role in two_factor_roles()

    @property
    def post_region_code(self) -> str:
        """Where this user works: their site's region, else their scope region."""
        if self.site_id is not None and self.site is not None:
            return self.site.region_code
        return self.scope_region_id or ""


class RecoveryCode(StrFormatModel):
    """A one-time second factor for a lost phone. Only a hash is stored; the codes are shown
    once at enrolment, each works once, and a new set replaces the old."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "digest"],
                                               name="recovery_code_unique_per_user")]

    str_format = "recovery code of {user_id}"

    @staticmethod
    def hash(user_id: int, code: str) -> str:
        cleaned = "".join(ch for ch in code.lower() if ch.isalnum())
        return hashlib.sha256(f"{user_id}:{cleaned}".encode()).hexdigest()


class AccountLink(StrFormatModel):
    """A one-time link to set a password (invitation or reset). Only the token's SHA-256 is
    stored; a link works once and expires."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="account_links")
    purpose = models.CharField(max_length=16, choices=AccountLinkPurpose.choices)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{purpose} link of {user_id}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(StrFormatModel):
    """A bearer token for a machine client. Only its SHA-256 is stored; the token is shown
    once. It acts as its user, so it carries that user's role and scope, narrowed by its own
    scope: read-only or write, and the API modules (router prefixes) it may call."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    write = models.BooleanField(default=False)
    modules = models.JSONField(default=list)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    str_format = "{name} ({prefix}…)"

    def allows(self, *, module: str, method: str) -> bool:
        if module not in self.modules:
            return False
        return self.write or method.upper() in ("GET", "HEAD", "OPTIONS")

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "ldg_" + secrets.token_urlsafe(32)
