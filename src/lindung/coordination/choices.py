"""Choices of the coordination app: stakeholder categories and services, agreements, plan
and action states, indicator units, meeting levels, report kinds."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StakeholderCategory(models.TextChoices):
    """How the action plan groups its stakeholders (finer than the directory's agency kind:
    it separates foreign counterparts from international organisations)."""

    GOVERNMENT = "government", _("Instansi pemerintah")
    MISSION = "mission", _("Perwakilan RI di luar negeri")
    FOREIGN_COUNTERPART = "foreign_counterpart", _("Mitra pemerintah negara lain")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("Organisasi internasional")
    NGO = "ngo", _("Organisasi masyarakat sipil")
    SHELTER = "shelter", _("Rumah aman / shelter")
    SERVICE_PROVIDER = "service_provider", _("Penyedia layanan")


class ServiceKind(models.TextChoices):
    """Services a stakeholder offers. The first nine codes are the referral services of
    the task-force module (`lindung.reports.choices.ReferralService`), so a referral's
    requested service is the `case_kind` of a referral pathway."""

    INVESTIGATION = "investigation", _("Penyelidikan / penegakan hukum")
    SHELTER = "shelter", _("Rumah aman / penampungan")
    REPATRIATION = "repatriation", _("Pemulangan")
    CONSULAR = "consular", _("Bantuan konsuler (perwakilan RI)")
    LEGAL_AID = "legal_aid", _("Bantuan hukum")
    HEALTH = "health", _("Layanan kesehatan / psikososial")
    DOCUMENTS = "documents", _("Dokumen kependudukan")
    FAMILY_TRACING = "family_tracing", _("Penelusuran keluarga")
    OTHER = "other", _("Lainnya")
    REINTEGRATION = "reintegration", _("Reintegrasi dan pemberdayaan ekonomi")
    JOB_INFORMATION = "job_information", _("Informasi kerja dan migrasi aman")
    TRAINING = "training", _("Pelatihan dan uji kompetensi")
    DISSEMINATION = "dissemination", _("Sosialisasi")


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Nota kesepahaman (MoU)")
    REFERRAL = "referral", _("Perjanjian rujukan")
    COOPERATION = "cooperation", _("Perjanjian kerja sama")
    DATA_SHARING = "data_sharing", _("Perjanjian berbagi data")
    OTHER = "other", _("Lainnya")


class PlanKind(models.TextChoices):
    FIVE_YEAR = "five_year", _("Rencana lima tahun")
    YEARLY = "yearly", _("Rencana tahunan")
    OTHER = "other", _("Rencana jangka lain")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("konsep")
    ACTIVE = "active", _("berlaku")
    CLOSED = "closed", _("selesai")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("direncanakan")
    IN_PROGRESS = "in_progress", _("berjalan")
    BLOCKED = "blocked", _("terhambat")
    DONE = "done", _("selesai")
    CANCELLED = "cancelled", _("dibatalkan")


CLOSED_ACTION_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)


class Unit(models.TextChoices):
    """Units of indicators and metrics. Whole-number units refuse fractions; a percentage
    lies between 0 and 100."""

    PEOPLE = "people", _("orang")
    COUNT = "count", _("jumlah")
    VILLAGES = "villages", _("desa")
    PERCENT = "percent", _("persen")
    DAYS = "days", _("hari")
    HOURS = "hours", _("jam")
    RUPIAH = "rupiah", _("rupiah")


WHOLE_UNITS = (Unit.PEOPLE, Unit.COUNT, Unit.VILLAGES, Unit.RUPIAH)

UNIT_NAMES_EN = {Unit.PEOPLE: "people", Unit.COUNT: "count", Unit.VILLAGES: "villages",
                 Unit.PERCENT: "percent", Unit.DAYS: "days", Unit.HOURS: "hours",
                 Unit.RUPIAH: "rupiah"}


class Direction(models.TextChoices):
    INCREASE = "increase", _("naik lebih baik")
    DECREASE = "decrease", _("turun lebih baik")


class IndicatorMethod(models.TextChoices):
    COMPUTED = "computed", _("dihitung sistem dari catatan")
    MANUAL = "manual", _("dilaporkan (laporan kemajuan)")


class FlagKind(models.TextChoices):
    OVERDUE = "overdue", _("lewat tenggat")
    OFF_TRACK = "off_track", _("tidak sesuai jadwal")


class MeetingLevel(models.TextChoices):
    NATIONAL = "national", _("nasional")
    REGIONAL = "regional", _("daerah")
    CROSS_BORDER = "cross_border", _("lintas negara")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("direncanakan")
    HELD = "held", _("terlaksana")
    CANCELLED = "cancelled", _("dibatalkan")


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", _("pimpinan rapat")
    MEMBER = "member", _("peserta")
    OBSERVER = "observer", _("peninjau")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("terbuka")
    DONE = "done", _("selesai")
    CANCELLED = "cancelled", _("dibatalkan")


class ReportKind(models.TextChoices):
    YEARLY = "yearly", _("Laporan tahunan")
    FIVE_YEARLY = "five_yearly", _("Laporan lima tahunan")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("menunggu")
    RUNNING = "running", _("sedang disusun")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")
