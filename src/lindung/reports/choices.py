"""Choice lists of the reports app.

Values of the case-level lists are the Human Trafficking Case Data Standard (HTCDS v0.2,
IOM) value names, so a record exports without remapping (see docs/reports.md); the labels
are Bahasa Indonesia for the screen.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportCategory(models.TextChoices):
    BROKER = "broker", _("Calo atau perekrut tanpa izin")
    FAKE_JOB = "fake_job", _("Lowongan kerja palsu atau ilegal")
    EXCESS_FEES = "excess_fees", _("Biaya melebihi biaya resmi")
    MISSING_ABROAD = "missing_abroad", _("Anggota keluarga hilang atau bermasalah di luar negeri")
    NONPROCEDURAL_DEPARTURE = "nonprocedural_departure", _(
        "Rencana keberangkatan non-prosedural")
    OTHER = "other", _("Lainnya")


class ReportChannel(models.TextChoices):
    WEB = "web", _("Formulir web")
    HOTLINE = "hotline", _("Telepon (hotline)")
    WALK_IN = "walk_in", _("Datang langsung")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    FIELD = "field", _("Temuan petugas di lapangan")


# Channels an officer picks when logging a report by hand (web and the webhook log themselves).
OFFICER_CHANNELS = (ReportChannel.HOTLINE, ReportChannel.WALK_IN, ReportChannel.SMS,
                    ReportChannel.WHATSAPP, ReportChannel.FIELD)


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    VERIFIED = "verified", _("Terverifikasi")
    ASSIGNED = "assigned", _("Ditugaskan")
    IN_FOLLOW_UP = "in_follow_up", _("Ditindaklanjuti")
    RESOLVED = "resolved", _("Selesai")
    CLOSED = "closed", _("Ditutup")
    REJECTED = "rejected", _("Ditolak")


OPEN_STATUSES = (ReportStatus.RECEIVED, ReportStatus.VERIFIED, ReportStatus.ASSIGNED,
                 ReportStatus.IN_FOLLOW_UP)
TERMINAL_STATUSES = (ReportStatus.RESOLVED, ReportStatus.CLOSED, ReportStatus.REJECTED)


class ReportAction(models.TextChoices):
    """What an officer does to a report; each moves it along the state machine."""

    VERIFY = "verify", _("Verifikasi")
    ASSIGN = "assign", _("Tugaskan")
    START_FOLLOW_UP = "start_follow_up", _("Mulai tindak lanjut")
    RESOLVE = "resolve", _("Selesaikan")
    CLOSE = "close", _("Tutup")
    REJECT = "reject", _("Tolak")
    REOPEN = "reopen", _("Buka kembali")


# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    ReportAction.VERIFY: ((ReportStatus.RECEIVED,), ReportStatus.VERIFIED),
    ReportAction.ASSIGN: ((ReportStatus.VERIFIED, ReportStatus.ASSIGNED,
                           ReportStatus.IN_FOLLOW_UP), ReportStatus.ASSIGNED),
    ReportAction.START_FOLLOW_UP: ((ReportStatus.ASSIGNED,), ReportStatus.IN_FOLLOW_UP),
    ReportAction.RESOLVE: ((ReportStatus.ASSIGNED, ReportStatus.IN_FOLLOW_UP),
                           ReportStatus.RESOLVED),
    ReportAction.CLOSE: (OPEN_STATUSES, ReportStatus.CLOSED),
    ReportAction.REJECT: ((ReportStatus.RECEIVED, ReportStatus.VERIFIED), ReportStatus.REJECTED),
    ReportAction.REOPEN: ((ReportStatus.RESOLVED, ReportStatus.CLOSED), ReportStatus.IN_FOLLOW_UP),
}


class ClosingReason(models.TextChoices):
    """Why a report was closed or rejected: shown to the reporter by its label."""

    NOT_CREDIBLE = "not_credible", _("Tidak dapat dipercaya / tidak terbukti")
    DUPLICATE = "duplicate", _("Sama dengan laporan lain")
    OUT_OF_MANDATE = "out_of_mandate", _("Di luar kewenangan satgas")
    INSUFFICIENT_INFORMATION = "insufficient_information", _("Informasi tidak cukup")
    SPAM = "spam", _("Bukan laporan (spam)")
    REFERRED_ELSEWHERE = "referred_elsewhere", _("Ditangani instansi lain")
    NO_FURTHER_ACTION = "no_further_action", _("Tidak perlu tindakan lanjutan")
    REPORTER_UNREACHABLE = "reporter_unreachable", _("Pelapor tidak dapat dihubungi")


REJECT_REASONS = (ClosingReason.NOT_CREDIBLE, ClosingReason.DUPLICATE,
                  ClosingReason.OUT_OF_MANDATE, ClosingReason.INSUFFICIENT_INFORMATION,
                  ClosingReason.SPAM)
CLOSE_REASONS = (ClosingReason.REFERRED_ELSEWHERE, ClosingReason.NO_FURTHER_ACTION,
                 ClosingReason.REPORTER_UNREACHABLE, ClosingReason.DUPLICATE,
                 ClosingReason.INSUFFICIENT_INFORMATION)


class Urgency(models.TextChoices):
    CRITICAL = "critical", _("Darurat (nyawa/keberangkatan segera)")
    HIGH = "high", _("Tinggi")
    NORMAL = "normal", _("Biasa")
    LOW = "low", _("Rendah")


# Time to triage a new report, and time to follow up once triaged, by urgency.
TRIAGE_DEADLINE = {
    Urgency.CRITICAL: timedelta(hours=4),
    Urgency.HIGH: timedelta(hours=24),
    Urgency.NORMAL: timedelta(hours=48),
    Urgency.LOW: timedelta(hours=72),
}
FOLLOW_UP_DEADLINE = {
    Urgency.CRITICAL: timedelta(days=1),
    Urgency.HIGH: timedelta(days=3),
    Urgency.NORMAL: timedelta(days=7),
    Urgency.LOW: timedelta(days=30),
}


class MessageKind(models.TextChoices):
    PUBLIC_REPLY = "public_reply", _("Balasan untuk pelapor")
    INTERNAL_NOTE = "internal_note", _("Catatan internal")
    REPORTER_UPDATE = "reporter_update", _("Tambahan dari pelapor")


class ReportPersonRole(models.TextChoices):
    AT_RISK = "at_risk", _("Orang yang berisiko")
    MISSING = "missing", _("Orang yang hilang")
    RECRUITER = "recruiter", _("Perekrut/calo yang dilaporkan")


# --- referrals (after Primero's transitions) --------------------------------------------


class ReferralStatus(models.TextChoices):
    REQUESTED = "requested", _("Diminta")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Ditolak")
    REVOKED = "revoked", _("Dibatalkan")


class ReferralService(models.TextChoices):
    """What the receiving agency is asked to do."""

    INVESTIGATION = "investigation", _("Penyelidikan / penegakan hukum")
    SHELTER = "shelter", _("Rumah aman / penampungan")
    REPATRIATION = "repatriation", _("Pemulangan")
    CONSULAR = "consular", _("Bantuan konsuler (perwakilan RI)")
    LEGAL_AID = "legal_aid", _("Bantuan hukum")
    HEALTH = "health", _("Layanan kesehatan / psikososial")
    DOCUMENTS = "documents", _("Dokumen kependudukan")
    FAMILY_TRACING = "family_tracing", _("Penelusuran keluarga")
    OTHER = "other", _("Lainnya")


class ReferralReason(models.TextChoices):
    """HTCDS cas_ReasonForOutgoingReferral value names."""

    ADDITIONAL_SERVICES = "AdditionalServicesRequired", _("Perlu layanan tambahan")
    MIGRATION_OR_CHANGE_OF_LOCATION = "MigrationOrChangeOfLocation", _(
        "Perpindahan / lokasi berubah")
    OTHER = "Other", _("Lainnya")


class ConsentBasis(models.TextChoices):
    """On what ground the person's information is shared with the receiving agency."""

    GIVEN_BY_PERSON = "given_by_person", _("Persetujuan orang yang bersangkutan")
    GIVEN_BY_GUARDIAN = "given_by_guardian", _("Persetujuan orang tua/wali")
    GIVEN_BY_REPORTER = "given_by_reporter", _("Persetujuan pelapor")
    LEGAL_DUTY = "legal_duty", _("Kewajiban hukum (UU 21/2007, tanpa persetujuan)")


# --- cases (HTCDS) -------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    """HTCDS cas_Status."""

    ACTIVE = "Active", _("Aktif")
    FOLLOW_UP = "FollowUp", _("Tindak lanjut")
    CLOSED = "Closed", _("Ditutup")
    CLOSED_REFERRED = "ClosedReferred", _("Ditutup (dirujuk)")


class LegalStage(models.TextChoices):
    """Stage of the criminal process under KUHAP (not in HTCDS: a Lindung extension)."""

    NONE = "none", _("Belum ada proses hukum")
    REPORTED = "reported", _("Dilaporkan ke polisi")
    INQUIRY = "inquiry", _("Penyelidikan")
    INVESTIGATION = "investigation", _("Penyidikan")
    PROSECUTION = "prosecution", _("Penuntutan")
    TRIAL = "trial", _("Persidangan")
    VERDICT = "verdict", _("Putusan")
    FINAL = "final", _("Berkekuatan hukum tetap")
    DISCONTINUED = "discontinued", _("Dihentikan (SP3)")


class PerpetratorRole(models.TextChoices):
    """HTCDS per_RoleInProcess (subset used by the task force)."""

    RECRUITER = "RecruiterOrIntermediary", _("Perekrut / perantara")
    BROKER = "BrokerTravelAgent", _("Calo / agen perjalanan")
    TRANSPORTER = "Transporter", _("Pengangkut")
    EXPLOITER = "Exploiter", _("Majikan / pengeksploitasi")
    SMUGGLER = "Smuggler", _("Penyelundup")
    HARBOURER = "HarbouredIndividual", _("Penampung")
    TRAVELLING_PARTNER = "TravellingPartner", _("Pendamping perjalanan")
    OTHER = "Other", _("Lainnya")


class EventType(models.TextChoices):
    """HTCDS hte_Type."""

    RECRUITMENT = "Recruitment", _("Perekrutan")
    TRANSIT = "Transit", _("Transit")
    EXPLOITATION = "Exploitation", _("Eksploitasi")


class MethodOfRecruitment(models.TextChoices):
    """HTCDS vic_MethodOfRecruitment."""

    ABDUCTION = "Abduction", _("Penculikan")
    FAMILIAL = "Familial", _("Keluarga")
    INTERNET = "Internet", _("Internet / media sosial")
    INTIMATE_PARTNER = "IntimatePartner", _("Pasangan / lamaran nikah")
    JOB_OFFER = "JobOffer", _("Tawaran / iklan kerja")
    POSING_AS_BENEFACTOR = "PosingAsBenefactor", _("Berpura-pura menolong")
    PUBLIC_AREA = "PublicArea", _("Tempat umum")
    SMUGGLING = "Smuggling", _("Penyelundupan, tebusan")
    OTHER = "Other", _("Lainnya")
    UNKNOWN = "Unknown", _("Tidak diketahui")


class MethodOfControl(models.TextChoices):
    """HTCDS vic_MethodsOfControl."""

    DEBT_BONDAGE = "DebtBondage", _("Jeratan utang")
    TAKES_EARNINGS = "TakesEarnings", _("Mengambil penghasilan")
    RESTRICTS_FINANCIAL_ACCESS = "RestrictsFinancialAccess", _("Membatasi akses keuangan")
    THREATS = "Threats", _("Ancaman")
    PSYCHOLOGICAL_ABUSE = "PsychologicalAbuse", _("Kekerasan psikis")
    PHYSICAL_ABUSE = "PhysicalAbuse", _("Kekerasan fisik")
    SEXUAL_ABUSE = "SexualAbuse", _("Kekerasan seksual")
    FALSE_PROMISES = "FalsePromises", _("Janji palsu")
    PSYCHOACTIVE_SUBSTANCES = "PsychoactiveSubstances", _("Zat psikoaktif")
    RESTRICTS_MOVEMENT = "RestrictsMovement", _("Membatasi gerak")
    RESTRICTS_MEDICAL_CARE = "RestrictsMedicalCare", _("Membatasi perawatan medis")
    EXCESSIVE_WORKING_HOURS = "ExcessiveWorkingHours", _("Jam kerja berlebihan")
    USES_CHILDREN = "UsesChildren", _("Memanfaatkan anak")
    THREAT_OF_LAW_ENFORCEMENT = "ThreatOfLawEnforcement", _("Ancaman dilaporkan ke aparat")
    WITHHOLDS_NECESSITIES = "WithholdsNecessities", _("Menahan kebutuhan pokok")
    WITHHOLDS_DOCUMENTS = "WithholdsDocuments", _("Menahan dokumen")
    OTHER = "Other", _("Lainnya")


class LabourExploitation(models.TextChoices):
    """HTCDS vic_TypeOfLabourExploitation."""

    AGRICULTURE = "Agriculture", _("Pertanian / perkebunan")
    AQUAFARMING = "Aquafarming", _("Perikanan / kapal ikan")
    BEGGING = "Begging", _("Mengemis")
    CONSTRUCTION = "Construction", _("Konstruksi")
    DOMESTIC_WORK = "DomesticWork", _("Pekerja rumah tangga")
    HOSPITALITY = "Hospitality", _("Perhotelan / restoran")
    ILLICIT_ACTIVITIES = "IllicitActivities", _("Kegiatan ilegal (mis. penipuan daring)")
    MANUFACTURING = "Manufacturing", _("Pabrik")
    MINING = "MiningOrDrilling", _("Pertambangan")
    PEDDLING = "Peddling", _("Berjualan keliling")
    TRANSPORTATION = "Transportation", _("Transportasi")
    OTHER = "Other", _("Lainnya")


class WebsiteOrApp(models.TextChoices):
    """HTCDS vic_RecruitmentWebsitesAndApps (subset seen in Indonesia)."""

    FACEBOOK = "Facebook", "Facebook"
    INSTAGRAM = "Instagram", "Instagram"
    WHATSAPP = "WhatsApp", "WhatsApp"
    TELEGRAM = "Telegram", "Telegram"
    FACEBOOK_MESSENGER = "FacebookMessenger", "Facebook Messenger"
    TIKTOK = "TikTok", "TikTok"
    LINE = "Line", "Line"
    WECHAT = "WeChat", "WeChat"
    TWITTER = "Twitter", "X (Twitter)"
    OTHER = "Other", _("Lainnya")


class IloIndicator(models.TextChoices):
    """The 11 ILO indicators of forced labour (ILO, 2012)."""

    ABUSE_OF_VULNERABILITY = "abuse_of_vulnerability", _("Penyalahgunaan kerentanan")
    DECEPTION = "deception", _("Penipuan")
    RESTRICTION_OF_MOVEMENT = "restriction_of_movement", _("Pembatasan gerak")
    ISOLATION = "isolation", _("Isolasi")
    PHYSICAL_SEXUAL_VIOLENCE = "physical_sexual_violence", _("Kekerasan fisik dan seksual")
    INTIMIDATION_THREATS = "intimidation_threats", _("Intimidasi dan ancaman")
    RETENTION_OF_DOCUMENTS = "retention_of_documents", _("Penahanan dokumen identitas")
    WITHHOLDING_OF_WAGES = "withholding_of_wages", _("Penahanan upah")
    DEBT_BONDAGE = "debt_bondage", _("Jeratan utang")
    ABUSIVE_CONDITIONS = "abusive_conditions", _("Kondisi kerja dan hidup yang kejam")
    EXCESSIVE_OVERTIME = "excessive_overtime", _("Lembur berlebihan")
