"""Choices of the regions app: the levels of the region tree."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("provinsi")
    REGENCY = "regency", _("kabupaten/kota")
    DISTRICT = "district", _("kecamatan")
    VILLAGE = "village", _("desa/kelurahan")
