"""Staff accounts: agency, role, scope (region, optional site), two-factor, API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.accounts.roles import Role
from lindung.core.fields import EncryptedTextField
from lindung.directory.models import Desk


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
        return self.role == Role.ADMIN or self.is_superuser


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))


class ApiToken(models.Model):
    """A bearer token for a machine client. Only its SHA-256 is stored; the token is shown
    once. It acts as its user, so it carries that user's role and scope."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "ldg_" + secrets.token_urlsafe(32)
