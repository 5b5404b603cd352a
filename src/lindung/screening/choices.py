"""Choices of the screening app: manifest sources and states, verdicts, journeys, alert
states and resolutions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ManifestSource(models.TextChoices):
    UPLOAD = "upload", _("unggah berkas")
    TYPED = "typed", _("diketik petugas")
    API = "api", _("klien mesin (API)")


class ManifestStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu")
    RUNNING = "running", _("sedang diperiksa")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")


class Verdict(models.TextChoices):
    PENDING = "pending", _("belum diperiksa")
    CLEAR = "clear", _("aman")
    CHECK = "check", _("periksa")
    STOP = "stop", _("cegah")


class Journey(models.TextChoices):
    INTERNATIONAL = "international", _("keberangkatan internasional")
    TRANSIT = "transit", _("dalam negeri ke titik transit (Batam, Nunukan, Entikong...)")
    DOMESTIC = "domestic", _("dalam negeri lainnya")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("baru")
    ACKNOWLEDGED = "acknowledged", _("ditangani")
    RESOLVED = "resolved", _("selesai")


class AlertResolution(models.TextChoices):
    PREVENTED_DEPARTURE = "prevented_departure", _("pencegahan keberangkatan dicatat")
    CLEARED = "cleared", _("diizinkan berangkat setelah diperiksa")
    FALSE_MATCH = "false_match", _("salah cocok (bukan orang yang dicari)")
    OTHER = "other", _("lainnya")
