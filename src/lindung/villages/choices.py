"""Choices of the villages app: programme village states, the four pillars' kinds and states,
the cooperative's loans, savings and remittances, ledger account types and roles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VillagePotential(models.TextChoices):
    FARMING = "farming", _("pertanian/perkebunan")
    LIVESTOCK = "livestock", _("peternakan")
    FISHERY = "fishery", _("perikanan/rumput laut")
    WEAVING = "weaving", _("tenun/kerajinan")
    FOOD = "food", _("pengolahan pangan")
    TRADE = "trade", _("perdagangan/warung")
    SERVICES = "services", _("jasa (bengkel, jahit, salon)")
    TOURISM = "tourism", _("pariwisata")
    OTHER = "other", _("lainnya")


class BusinessStatus(models.TextChoices):
    ACTIVE = "active", _("aktif")
    INACTIVE = "inactive", _("tidak aktif")


class BusinessMemberRole(models.TextChoices):
    CHAIR = "chair", _("ketua")
    SECRETARY = "secretary", _("sekretaris")
    TREASURER = "treasurer", _("bendahara")
    MEMBER = "member", _("anggota")


class EquipmentSource(models.TextChoices):
    MINISTRY = "ministry", _("Kemnaker/KP2MI")
    REGIONAL = "regional", _("pemerintah daerah")
    VILLAGE_FUND = "village_fund", _("dana desa")
    PRIVATE = "private", _("swasta/CSR")
    OWN = "own", _("swadaya")


class TrainingTopic(models.TextChoices):
    ENTREPRENEURSHIP = "entrepreneurship", _("kewirausahaan")
    TECHNICAL = "technical", _("keterampilan teknis")
    FINANCIAL = "financial", _("literasi keuangan/remitansi")
    MARKETING = "marketing", _("pemasaran/digital")
    SAFE_MIGRATION = "safe_migration", _("migrasi aman")


class SchoolStatus(models.TextChoices):
    UNKNOWN = "unknown", _("belum didata")
    NOT_YET = "not_yet", _("belum sekolah")
    EARLY = "early", _("PAUD/TK")
    PRIMARY = "primary", _("SD/MI")
    JUNIOR = "junior", _("SMP/MTs")
    SENIOR = "senior", _("SMA/SMK/MA")
    HIGHER = "higher", _("perguruan tinggi")
    DROPPED_OUT = "dropped_out", _("putus sekolah")
    NOT_IN_SCHOOL = "not_in_school", _("tidak sekolah")


class CardKind(models.TextChoices):
    KIS = "kis", _("KIS (Kartu Indonesia Sehat)")
    KIP = "kip", _("KIP (Kartu Indonesia Pintar)")


class CardStatus(models.TextChoices):
    NEEDED = "needed", _("perlu kartu")
    APPLIED = "applied", _("sedang diurus")
    RECEIVED = "received", _("kartu diterima")
    REJECTED = "rejected", _("ditolak")
    NOT_NEEDED = "not_needed", _("tidak perlu")


class ServiceKind(models.TextChoices):
    JOB_INFO = "job_info", _("informasi lowongan kerja")
    MIGRATION_INFO = "migration_info", _("informasi migrasi aman")
    CPMI_VERIFICATION = "cpmi_verification", _("verifikasi dan pendataan CPMI untuk LTSA")
    CIVIL_DOCUMENTS = "civil_documents", _("bantuan dokumen kependudukan")
    DEPARTURE_MONITORING = "departure_monitoring", _("pemantauan keberangkatan")
    RETURN_MONITORING = "return_monitoring", _("pemantauan kepulangan")
    FAMILY_EMPOWERMENT = "family_empowerment", _("pemberdayaan keluarga PMI")
    TRAINING_INFO = "training_info", _("informasi pelatihan dan uji kompetensi")


class SavingsKind(models.TextChoices):
    PRINCIPAL = "principal", _("simpanan pokok")
    MANDATORY = "mandatory", _("simpanan wajib")
    VOLUNTARY = "voluntary", _("simpanan sukarela")


class LoanPurpose(models.TextChoices):
    BUSINESS = "business", _("pinjaman usaha")
    DEPARTURE = "departure", _("pembiayaan pemberangkatan")
    PMI_FINANCING = "pmi_financing", _("pembiayaan PMI")


class LoanStatus(models.TextChoices):
    APPLIED = "applied", _("diajukan")
    APPROVED = "approved", _("disetujui")
    REJECTED = "rejected", _("ditolak")
    DISBURSED = "disbursed", _("berjalan")
    REPAID = "repaid", _("lunas")
    WRITTEN_OFF = "written_off", _("dihapusbukukan")


class RemittanceChannel(models.TextChoices):
    BANK = "bank", _("transfer bank")
    POST = "post", _("pos/wesel")
    MONEY_TRANSFER = "money_transfer", _("jasa pengiriman uang")
    COOPERATIVE = "cooperative", _("melalui koperasi")
    CARRIED = "carried", _("dibawa pulang tunai")


class RemittanceUse(models.TextChoices):
    PRODUCTIVE = "productive", _("produktif (usaha, alat, ternak, lahan)")
    CONSUMPTIVE = "consumptive", _("konsumtif (kebutuhan sehari-hari, rumah, kendaraan)")
    SAVINGS = "savings", _("tabungan")


class ImportStatus(models.TextChoices):
    READING = "reading", _("sedang dibaca")
    UPLOADED = "uploaded", _("menunggu pemetaan kolom")
    QUEUED = "queued", _("dalam antrean")
    RUNNING = "running", _("sedang berjalan")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")


class AccountType(models.TextChoices):
    ASSET = "asset", _("aset")
    LIABILITY = "liability", _("kewajiban")
    EQUITY = "equity", _("ekuitas")
    INCOME = "income", _("pendapatan")
    EXPENSE = "expense", _("beban")


class AccountRole(models.TextChoices):
    """What the posting services use an account for (OTHER: added by the cooperative)."""

    CASH = "cash", _("kas")
    BANK = "bank", _("bank")
    LOANS_RECEIVABLE = "loans_receivable", _("piutang pinjaman anggota")
    LOAN = "loan", _("piutang satu pinjaman")
    VOLUNTARY_SAVINGS = "voluntary_savings", _("simpanan sukarela")
    PRINCIPAL_SAVINGS = "principal_savings", _("simpanan pokok")
    MANDATORY_SAVINGS = "mandatory_savings", _("simpanan wajib")
    MEMBER_SAVINGS = "member_savings", _("simpanan satu anggota")
    CAPITAL = "capital", _("modal/hibah")
    RETAINED_SURPLUS = "retained_surplus", _("SHU ditahan")
    INTEREST_INCOME = "interest_income", _("pendapatan jasa pinjaman")
    FEE_INCOME = "fee_income", _("pendapatan administrasi")
    OPERATING_EXPENSE = "operating_expense", _("beban operasional")
    LOAN_LOSS = "loan_loss", _("beban penghapusan piutang")
    OTHER = "other", _("lainnya")


class EntryKind(models.TextChoices):
    MANUAL = "manual", _("jurnal umum")
    CAPITAL = "capital", _("modal/hibah")
    SAVINGS_DEPOSIT = "savings_deposit", _("setoran simpanan")
    SAVINGS_WITHDRAWAL = "savings_withdrawal", _("penarikan simpanan")
    LOAN_DISBURSEMENT = "loan_disbursement", _("pencairan pinjaman")
    LOAN_REPAYMENT = "loan_repayment", _("angsuran pinjaman")
    LOAN_WRITE_OFF = "loan_write_off", _("penghapusan piutang")
    EXPENSE = "expense", _("beban")
    REVERSAL = "reversal", _("jurnal pembalik")


class ActivityKind(models.TextChoices):
    READING_GARDEN = "reading_garden", _("taman bacaan")
    COUNSELLING = "counselling", _("layanan konseling")
    LEARNING_HOUSE = "learning_house", _("rumah belajar Desmigratif")
    HEALTHY_INTERNET = "healthy_internet", _("internet sehat")


class VillageStatus(models.TextChoices):
    PLANNED = "planned", _("direncanakan")
    ACTIVE = "active", _("aktif")
    INDEPENDENT = "independent", _("mandiri")
    SUSPENDED = "suspended", _("dihentikan sementara")
