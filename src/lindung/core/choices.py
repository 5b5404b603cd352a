"""Choices of the core app: audit actions, background job states, outbox channels and states."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("dibuat")
    UPDATE = "update", _("diubah")
    DELETE = "delete", _("dihapus")
    VIEW = "view", _("dilihat")
    EXPORT = "export", _("diekspor")
    LOGIN = "login", _("masuk")
    LOGIN_FAILED = "login_failed", _("gagal masuk")
    DECIDE = "decide", _("diputuskan")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu")
    RUNNING = "running", _("berjalan")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")


class OutboxChannel(models.TextChoices):
    EMAIL = "email", _("surel")
    SMS = "sms", _("SMS")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("menunggu")
    SENT = "sent", _("terkirim")
    FAILED = "failed", _("gagal")
