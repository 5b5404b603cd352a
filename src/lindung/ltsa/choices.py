"""Choices of the LTSA app: licence and office kinds, countries, currencies, sectors, job
order, application, checklist, payment and complaint states, cost components and payers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.common.countries import country_name_lazy


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", _("aktif")
    SUSPENDED = "suspended", _("dibekukan")
    REVOKED = "revoked", _("dicabut")


class OfficeKind(models.TextChoices):
    HEAD_OFFICE = "head_office", _("kantor pusat")
    BRANCH = "branch", _("kantor cabang")


class ApplicationStatus(models.TextChoices):
    REGISTERED = "registered", _("terdaftar, berkas diproses")
    READY = "ready", _("siap berangkat")
    WITHDRAWN = "withdrawn", _("dibatalkan")


#: Statuses in which an application holds a place on its job order.
ACTIVE_STATUSES = (ApplicationStatus.REGISTERED, ApplicationStatus.READY)


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("belum kawin")
    MARRIED = "married", _("kawin")
    DIVORCED = "divorced", _("cerai hidup")
    WIDOWED = "widowed", _("cerai mati")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("menunggu verifikasi")
    VERIFIED = "verified", _("terverifikasi")
    REJECTED = "rejected", _("ditolak")


class RejectionReason(models.TextChoices):
    MISSING = "missing", _("dokumen tidak dibawa")
    ILLEGIBLE = "illegible", _("tidak terbaca / tidak lengkap")
    EXPIRED = "expired", _("kedaluwarsa")
    DATA_MISMATCH = "data_mismatch", _("data tidak sesuai dengan identitas")
    SUSPECTED_FAKE = "suspected_fake", _("diduga palsu")
    NOT_ELIGIBLE = "not_eligible", _("tidak memenuhi syarat")
    OTHER = "other", _("lainnya")


class DecisionOutcome(models.TextChoices):
    VERIFIED = "verified", _("diverifikasi")
    REJECTED = "rejected", _("ditolak")
    REOPENED = "reopened", _("diajukan ulang")


class PaymentFlag(models.TextChoices):
    ABOVE_SCHEDULE = "above_schedule", _("di atas biaya resmi")
    WRONG_CURRENCY = "wrong_currency", _("mata uang tidak sesuai jadwal resmi")
    NOT_IN_SCHEDULE = "not_in_schedule", _("komponen tidak boleh dibebankan kepada pekerja")
    NO_SCHEDULE = "no_schedule", _("tidak ada jadwal biaya resmi")


class ComplaintKind(models.TextChoices):
    OVERCHARGE = "overcharge", _("biaya di atas jadwal resmi")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("terbuka")
    FORWARDED = "forwarded", _("diteruskan")
    CLOSED = "closed", _("selesai")


class CostComponent(models.TextChoices):
    """Cost components of a placement. The first eleven are those Perban BP2MI 9/2020 frees
    the worker from in the zero-cost occupations; the last two complete Perban BP2MI 2/2020's
    list of a worker's personal costs."""

    DEPARTURE_TICKET = "departure_ticket", _("tiket keberangkatan")
    RETURN_TICKET = "return_ticket", _("tiket pulang")
    WORK_VISA = "work_visa", _("visa kerja")
    CONTRACT_LEGALISATION = "contract_legalisation", _("legalisasi perjanjian kerja")
    TRAINING = "training", _("pelatihan kerja")
    COMPETENCE_CERTIFICATE = "competence_certificate", _("sertifikat kompetensi kerja")
    AGENCY_SERVICE = "agency_service", _("jasa perusahaan (P3MI)")
    PASSPORT = "passport", _("penggantian paspor")
    POLICE_CERTIFICATE = "police_certificate", _("surat keterangan catatan kepolisian (SKCK)")
    SOCIAL_SECURITY = "social_security", _("jaminan sosial PMI")
    HEALTH_CHECK = "health_check", _("pemeriksaan kesehatan dan psikologi di dalam negeri")
    LOCAL_TRANSPORT = "local_transport", _("transportasi lokal ke tempat keberangkatan")
    ACCOMMODATION = "accommodation", _("akomodasi")


class Payer(models.TextChoices):
    WORKER = "worker", _("pekerja")
    EMPLOYER = "employer", _("pemberi kerja")
    GOVERNMENT = "government", _("pemerintah")


class Country(models.TextChoices):
    """Destination countries (ISO 3166-1 alpha-2) most Indonesian workers go to, named in the
    reader's language by the kernel's country list."""

    MY = "MY", country_name_lazy("MY")
    TW = "TW", country_name_lazy("TW")
    HK = "HK", country_name_lazy("HK")
    SG = "SG", country_name_lazy("SG")
    SA = "SA", country_name_lazy("SA")
    KR = "KR", country_name_lazy("KR")
    JP = "JP", country_name_lazy("JP")
    BN = "BN", country_name_lazy("BN")
    AE = "AE", country_name_lazy("AE")
    QA = "QA", country_name_lazy("QA")
    KW = "KW", country_name_lazy("KW")
    OM = "OM", country_name_lazy("OM")
    BH = "BH", country_name_lazy("BH")
    TR = "TR", country_name_lazy("TR")
    PL = "PL", country_name_lazy("PL")
    DE = "DE", country_name_lazy("DE")
    IT = "IT", country_name_lazy("IT")
    AU = "AU", country_name_lazy("AU")


class Currency(models.TextChoices):
    """ISO 4217 codes of the currencies fees and salaries are stated in."""

    IDR = "IDR", "IDR (Rupiah)"
    USD = "USD", "USD"
    MYR = "MYR", "MYR (Ringgit)"
    TWD = "TWD", "TWD"
    HKD = "HKD", "HKD"
    SGD = "SGD", "SGD"
    SAR = "SAR", "SAR (Riyal)"
    KRW = "KRW", "KRW (Won)"
    JPY = "JPY", "JPY (Yen)"
    BND = "BND", "BND"
    AED = "AED", "AED (Dirham)"
    QAR = "QAR", "QAR"
    KWD = "KWD", "KWD"
    OMR = "OMR", "OMR"
    BHD = "BHD", "BHD"
    TRY = "TRY", "TRY (Lira)"
    PLN = "PLN", "PLN (Zloty)"
    EUR = "EUR", "EUR (Euro)"
    AUD = "AUD", "AUD"


class Sector(models.TextChoices):
    DOMESTIC = "domestic", _("rumah tangga / perseorangan")
    CARE = "care", _("perawatan dan kesehatan")
    MANUFACTURING = "manufacturing", _("manufaktur")
    CONSTRUCTION = "construction", _("konstruksi")
    AGRICULTURE = "agriculture", _("pertanian dan perkebunan")
    FISHERIES = "fisheries", _("perikanan dan pelayaran")
    HOSPITALITY = "hospitality", _("perhotelan dan restoran")
    SERVICES = "services", _("jasa lainnya")


class JobOrderStatus(models.TextChoices):
    OPEN = "open", _("dibuka")
    CLOSED = "closed", _("ditutup")
    CANCELLED = "cancelled", _("dibatalkan")
