"""Choices of the prevention app: why a departure was prevented, what came of it, the topics
of dissemination events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PreventionReason(models.TextChoices):
    NO_DOCUMENTS = "no_documents", _("Dokumen tidak lengkap / tidak ada")
    SUSPECTED_TRAFFICKING = "suspected_trafficking", _("Dugaan perdagangan orang (TPPO)")
    FAKE_JOB = "fake_job", _("Pekerjaan palsu / tidak ada job order")
    MINOR = "minor", _("Di bawah umur")
    TOURIST_VISA_FOR_WORK = "tourist_visa_for_work", _("Visa kunjungan/turis untuk bekerja")
    UNLICENSED_AGENCY = "unlicensed_agency", _("Perekrut/P3MI tanpa izin")
    INCOMPLETE_PROCEDURE = "incomplete_procedure", _("Prosedur penempatan belum dilalui")
    OTHER = "other", _("Lainnya")


class PreventionOutcome(models.TextChoices):
    RETURNED_HOME = "returned_home", _("Dipulangkan ke daerah asal")
    REFERRED_TO_SHELTER = "referred_to_shelter", _("Dirujuk ke rumah aman/shelter")
    CASE_OPENED = "case_opened", _("Kasus dibuka")
    HANDED_TO_POLICE = "handed_to_police", _("Diserahkan ke kepolisian")
    PROCEDURE_RESUMED = "procedure_resumed", _("Diarahkan ke LTSA untuk jalur prosedural")
    OTHER = "other", _("Lainnya")


class DisseminationTopic(models.TextChoices):
    SAFE_MIGRATION = "safe_migration", _("Migrasi aman dan prosedural")
    OFFICIAL_FEES = "official_fees", _("Biaya resmi dan pembebasan biaya")
    LICENSED_AGENCIES = "licensed_agencies", _("P3MI berizin dan job order")
    TRAFFICKING_RISKS = "trafficking_risks", _("Bahaya calo dan perdagangan orang")
    LTSA_SERVICES = "ltsa_services", _("Layanan LTSA-PPPMI")
    COMPLAINT_CHANNELS = "complaint_channels", _("Cara melapor dan meminta bantuan")
    DESMIGRATIF = "desmigratif", _("Desa Migran Produktif")
    REMITTANCE = "remittance", _("Pengelolaan remitansi")
    OTHER = "other", _("Lainnya")
