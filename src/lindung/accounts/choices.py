"""Choices of the accounts app: what an account link is for."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountLinkPurpose(models.TextChoices):
    INVITATION = "invitation", _("undangan")
    RESET = "reset", _("atur ulang kata sandi")
