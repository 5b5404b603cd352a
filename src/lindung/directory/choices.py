"""Choices of the directory app: LTSA desks, agency kinds and levels, site kinds and states."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Desk(models.TextChoices):
    """The eight desks of an LTSA centre (PP 59/2021 art. 30-31)."""

    EMPLOYMENT = "employment", _("Ketenagakerjaan")
    COMPLAINTS = "complaints", _("Pengaduan dan informasi")
    CIVIL_REGISTRY = "civil_registry", _("Kependudukan dan catatan sipil")
    HEALTH = "health", _("Kesehatan")
    IMMIGRATION = "immigration", _("Keimigrasian")
    POLICE = "police", _("Kepolisian")
    BANKING = "banking", _("Perbankan")
    SOCIAL_SECURITY = "social_security", _("Jaminan sosial")


class AgencyKind(models.TextChoices):
    MANPOWER = "manpower", _("Dinas Tenaga Kerja")
    TRANSPORT = "transport", _("Dinas Perhubungan")
    POLICE = "police", _("Kepolisian")
    IMMIGRATION = "immigration", _("Imigrasi")
    CIVIL_REGISTRY = "civil_registry", _("Kependudukan dan Catatan Sipil")
    HEALTH = "health", _("Dinas Kesehatan")
    MIGRANT_WORKER_AUTHORITY = "migrant_worker_authority", _("BNP2TKI / BP2MI / KP2MI")
    MINISTRY = "ministry", _("Kementerian")
    TASK_FORCE = "task_force", _("Gugus tugas / satgas")
    SOCIAL_SECURITY = "social_security", _("Jaminan sosial")
    BANK = "bank", _("Perbankan")
    MISSION = "mission", _("Perwakilan RI")
    INTERNATIONAL = "international", _("Mitra internasional")
    NGO = "ngo", _("Organisasi masyarakat sipil")
    SHELTER = "shelter", _("Rumah aman / shelter")
    VILLAGE = "village", _("Pemerintah desa")


class AgencyLevel(models.TextChoices):
    NATIONAL = "national", _("nasional")
    PROVINCE = "province", _("provinsi")
    REGENCY = "regency", _("kabupaten/kota")
    VILLAGE = "village", _("desa")
    INTERNATIONAL = "international", _("internasional")


class SiteKind(models.TextChoices):
    EMBARKATION_POINT = "embarkation_point", _("Titik embarkasi/debarkasi")
    LTSA_CENTRE = "ltsa_centre", _("LTSA-PPPMI")
    MISSION = "mission", _("Perwakilan RI")
    VILLAGE_POST = "village_post", _("Pos Desmigratif")


class SiteStatus(models.TextChoices):
    OPERATIONAL = "operational", _("beroperasi")
    IN_PROGRESS = "in_progress", _("dalam proses")
    CLOSED = "closed", _("tutup")
