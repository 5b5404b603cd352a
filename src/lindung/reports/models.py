"""Public reports (pengaduan), their follow-up and referrals, and TPPO cases (HTCDS).

A report stores no IP address, user agent or cookie of its reporter: nothing of the request
that brought it is kept. Contact details a reporter volunteers live in `contact`, encrypted
and shown only to roles with the `view_contact` capability. The receipt code is stored only
as a keyed look-up digest (to find the row) and an Argon2id hash (to verify it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.core.fields import EncryptedTextField
from lindung.core.models import BaseModel
from lindung.core.models import MonthlyTally
from lindung.core.models import OptionallyRegionScopedModel
from lindung.reports.choices import CaseStatus
from lindung.reports.choices import ClosingReason
from lindung.reports.choices import ConsentBasis
from lindung.reports.choices import EventType
from lindung.reports.choices import IloIndicator
from lindung.reports.choices import LabourExploitation
from lindung.reports.choices import LegalStage
from lindung.reports.choices import MessageKind
from lindung.reports.choices import MethodOfControl
from lindung.reports.choices import MethodOfRecruitment
from lindung.reports.choices import PerpetratorRole
from lindung.reports.choices import ReferralReason
from lindung.reports.choices import ReferralService
from lindung.reports.choices import ReferralStatus
from lindung.reports.choices import ReportCategory
from lindung.reports.choices import ReportChannel
from lindung.reports.choices import ReportPersonRole
from lindung.reports.choices import ReportStatus
from lindung.reports.choices import Urgency
from lindung.reports.choices import WebsiteOrApp


def check_multi(value: Any, allowed: Iterable[str], field: str) -> list[str]:
    """A multi-select stored as a JSON list: only known values, no repeats, stable order."""
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError({field: _("Harus berupa daftar pilihan")})
    known = list(allowed)
    unknown = [v for v in value if v not in known]
    if unknown:
        raise ValidationError({field: _("Pilihan tidak dikenal: %(choices)s")
                                      % {"choices": ", ".join(unknown)[:80]}})
    return [v for v in known if v in value]


class PublicReport(OptionallyRegionScopedModel):
    """A report from the public or logged by an officer."""

    # Staff-facing reference (not secret), e.g. "LP-7K3Q9X2A".
    reference = models.CharField(_("nomor laporan"), max_length=16, unique=True)
    channel = models.CharField(_("saluran"), max_length=16, choices=ReportChannel.choices)
    category = models.CharField(_("kategori"), max_length=32, choices=ReportCategory.choices)
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices,
                              default=ReportStatus.RECEIVED)
    # Denormalised from status for the officer queues' indexes.
    is_open = models.BooleanField(default=True, editable=False)
    urgency = models.CharField(_("urgensi"), max_length=16, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    immediate_danger = models.BooleanField(_("ada bahaya segera"), default=False)

    description = models.TextField(_("apa yang terjadi"), max_length=5000)
    place_text = models.CharField(_("tempat (keterangan)"), max_length=300, blank=True)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah"))
    incident_date = models.DateField(_("kapan terjadi"), null=True, blank=True)
    destination_country = models.CharField(_("negara tujuan"), max_length=2, blank=True)
    recruiter_name = models.CharField(_("nama perekrut/calo"), max_length=200, blank=True)
    recruiter_phone = models.CharField(_("telepon perekrut"), max_length=32, blank=True)
    recruiter_social = models.CharField(_("akun media sosial perekrut"), max_length=100,
                                        blank=True)
    people_at_risk = models.TextField(_("orang yang berisiko"), max_length=1000, blank=True)
    people_at_risk_count = models.PositiveSmallIntegerField(_("jumlah orang berisiko"),
                                                            null=True, blank=True)
    missing_person_name = models.CharField(_("nama anggota keluarga yang hilang"),
                                           max_length=200, blank=True)

    # Volunteered by the reporter; encrypted; shown only with the view_contact capability.
    contact = EncryptedTextField(_("kontak pelapor"), blank=True)
    contact_consent = models.BooleanField(_("boleh dihubungi"), default=False)
    # SMS/WhatsApp: a keyed hash of the sender's channel and number (common.keys,
    # "sender-handle"), so that their next message joins this report without the number
    # being kept; the number itself is in `contact` only when they agreed to be contacted.
    sender_handle = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    # Receipt: keyed look-up digest (unique, to find the row) + Argon2id hash (to verify).
    receipt_lookup = models.CharField(max_length=64, unique=True, editable=False)
    receipt_hash = models.CharField(max_length=200, editable=False)
    receipt_expires_at = models.DateTimeField(null=True, blank=True, editable=False)

    received_at = models.DateTimeField(_("diterima"), default=timezone.now)
    # First day of the received month: statistics group by it without date functions.
    received_month = models.DateField(editable=False)

    responsible_agency = models.ForeignKey("directory.Agency", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+",
                                           verbose_name=_("instansi penanggung jawab"))
    site = models.ForeignKey("directory.Site", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("lokasi"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("petugas"))
    due_at = models.DateTimeField(_("tenggat"), null=True, blank=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    resolution_days = models.PositiveIntegerField(null=True, blank=True, editable=False)
    closing_reason = models.CharField(_("alasan"), max_length=32, choices=ClosingReason.choices,
                                      blank=True)
    closing_note = models.TextField(_("catatan penutupan (internal)"), max_length=2000,
                                    blank=True)
    # Provider message id of an SMS/WhatsApp report ("sms:abc123"), for idempotent delivery.
    external_id = models.CharField(max_length=120, blank=True, editable=False)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="report_status_due"),
            models.Index(fields=["status", "region_code", "due_at"], name="report_status_region"),
            models.Index(fields=["assigned_to", "is_open", "due_at"], name="report_assignee_due"),
            models.Index(fields=["is_open", "region_code", "due_at"], name="report_open_region"),
            models.Index(fields=["received_month", "region_code"], name="report_month_region"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["external_id"], condition=~Q(external_id=""),
                                    name="report_unique_external_id"),
        ]

    str_format = "{reference}"

    @property
    def is_overdue(self) -> bool:
        return bool(self.is_open and self.due_at and self.due_at < timezone.now())

    @property
    def is_anonymous(self) -> bool:
        return not self.contact


class ReportRecordStatistic(PublicReport):
    """Reports seen through the statistics capability: counted, never shown one by one."""

    class Meta:
        proxy = True


class ReportTransition(BaseModel):
    """One move of a report through its states: who (created_by), when (created_at), why."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE,
                               related_name="transitions")
    action = models.CharField(max_length=24)
    from_status = models.CharField(max_length=16, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReportStatus.choices)
    reason = models.CharField(max_length=32, choices=ClosingReason.choices, blank=True)
    note = models.TextField(max_length=2000, blank=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "created_at"], name="report_transition_at")]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class ReportMessage(BaseModel):
    """A public reply to the reporter, an internal note, or information the reporter added."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    body = models.TextField(max_length=4000)

    class Meta:
        ordering = ["created_at", "id"]

    str_format = "{kind} {created_at:%Y-%m-%d}"


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    # The stored name is random; the reporter's own file name is never used on disk.
    return f"reports/{timezone.now():%Y/%m}/{instance.pk}{instance.extension}"


class ReportAttachment(BaseModel):
    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE,
                               related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    # Detected from the file's first bytes, never taken from the upload's headers.
    content_type = models.CharField(max_length=64)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    from_reporter = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at"]

    str_format = "{content_type} {size} B"


class ReportPerson(BaseModel):
    """A registry person an officer linked to a report (never the reporter: anonymity)."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("peran"), max_length=16, choices=ReportPersonRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "person", "role"],
                                               name="reportperson_unique")]

    str_format = "{role} {person_id}"


class Referral(OptionallyRegionScopedModel):
    """A request to another agency (national or international) to act on a report."""

    report = models.ForeignKey(PublicReport, on_delete=models.CASCADE, related_name="referrals")
    case = models.ForeignKey("reports.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="referrals")
    from_agency = models.ForeignKey("directory.Agency", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("instansi perujuk"))
    to_agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("instansi tujuan"))
    to_site = models.ForeignKey("directory.Site", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("lokasi tujuan"))
    service = models.CharField(_("layanan yang diminta"), max_length=24,
                               choices=ReferralService.choices)
    reason = models.CharField(_("alasan rujukan"), max_length=40, choices=ReferralReason.choices,
                              default=ReferralReason.ADDITIONAL_SERVICES)
    details = models.TextField(_("rincian"), max_length=2000, blank=True)
    consent_basis = models.CharField(_("dasar berbagi data"), max_length=24,
                                     choices=ConsentBasis.choices)
    consent_note = models.CharField(_("catatan persetujuan"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ReferralStatus.choices,
                              default=ReferralStatus.REQUESTED)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    response_note = models.CharField(_("alasan"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["to_agency", "status", "created_at"],
                                name="referral_incoming")]

    str_format = "{report_id} -> {to_agency_id} ({status})"


class ReferralTransition(BaseModel):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class ReportTally(MonthlyTally):
    """Counts of reports by received month, area ("" national, a province or a regency code)
    and one dimension (category, channel, status, open, resolution bucket, resolution days),
    kept in the same transaction as every change: the statistics page sums these instead of
    scanning a million reports."""

    value = models.CharField(max_length=32)
    count = models.BigIntegerField(default=0)


# --- cases (TPPO), field names after HTCDS ------------------------------------------------


class Case(OptionallyRegionScopedModel):
    """A trafficking (TPPO) case. HTCDS "cas_" fields keep their names in snake case."""

    reference = models.CharField(_("nomor kasus"), max_length=20, unique=True)
    report = models.OneToOneField(PublicReport, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="case")
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah"))
    title = models.CharField(_("judul"), max_length=200)
    summary = models.TextField(_("ringkasan"), max_length=5000, blank=True)
    status = models.CharField(_("status (HTCDS)"), max_length=16,
                              choices=CaseStatus.choices, default=CaseStatus.ACTIVE)
    case_owner = models.ForeignKey("directory.Agency", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("instansi pemilik kasus"))
    legal_stage = models.CharField(_("tahap proses hukum"), max_length=16,
                                   choices=LegalStage.choices, default=LegalStage.NONE)
    police_report_number = models.CharField(_("nomor laporan polisi"), max_length=60,
                                            blank=True)
    ilo_indicators = models.JSONField(_("indikator kerja paksa ILO"), default=list, blank=True)
    reason_for_case_closure = models.TextField(_("alasan penutupan kasus"), max_length=2000,
                                               blank=True)
    opened_month = models.DateField(editable=False)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{reference}"

    def clean(self) -> None:
        self.ilo_indicators = check_multi(self.ilo_indicators, IloIndicator.values,
                                          "ilo_indicators")


class CaseVictim(BaseModel):
    """A victim: a registry person plus the HTCDS "vic_" context."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victims")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    agreement_to_manage_personal_data = models.BooleanField(
        _("setuju data pribadinya dikelola"), default=False)
    method_of_recruitment = models.JSONField(_("cara perekrutan"), default=list, blank=True)
    methods_of_control = models.JSONField(_("cara pengendalian"), default=list, blank=True)
    type_of_labour_exploitation = models.JSONField(_("jenis eksploitasi kerja"), default=list,
                                                   blank=True)
    recruitment_websites_and_apps = models.JSONField(_("situs/aplikasi perekrutan"),
                                                     default=list, blank=True)
    details_of_vulnerabilities = models.TextField(_("rincian kerentanan"), max_length=2000,
                                                  blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person"],
                                               name="casevictim_unique")]

    str_format = "{case_id} victim {person_id}"

    def clean(self) -> None:
        self.method_of_recruitment = check_multi(
            self.method_of_recruitment, MethodOfRecruitment.values, "method_of_recruitment")
        self.methods_of_control = check_multi(
            self.methods_of_control, MethodOfControl.values, "methods_of_control")
        self.type_of_labour_exploitation = check_multi(
            self.type_of_labour_exploitation, LabourExploitation.values,
            "type_of_labour_exploitation")
        self.recruitment_websites_and_apps = check_multi(
            self.recruitment_websites_and_apps, WebsiteOrApp.values,
            "recruitment_websites_and_apps")


class CaseSuspect(BaseModel):
    """A suspect (HTCDS perpetrator, "per_"): named, and linked to the registry when known."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspects")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    name = models.CharField(_("nama"), max_length=200)
    role_in_process = models.JSONField(_("peran"), default=list)
    role_details = models.TextField(_("rincian peran"), max_length=2000, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    social_handle = models.CharField(_("akun media sosial"), max_length=100, blank=True)
    organisation = models.CharField(_("organisasi/perusahaan"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]

    str_format = "{name}"

    def clean(self) -> None:
        self.role_in_process = check_multi(self.role_in_process, PerpetratorRole.values,
                                           "role_in_process")
        if not self.role_in_process:
            raise ValidationError({"role_in_process": _("Pilih sedikitnya satu peran")})


class TraffickingEvent(BaseModel):
    """HTCDS historic trafficking event ("hte_"): recruitment, transit or exploitation."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(_("jenis"), max_length=16, choices=EventType.choices)
    date = models.DateField(_("tanggal"), null=True, blank=True)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah (Indonesia)"))
    city = models.CharField(_("kota"), max_length=100, blank=True)
    state = models.CharField(_("provinsi/negara bagian"), max_length=100, blank=True)
    country = models.CharField(_("negara"), max_length=2, default="ID")
    description = models.TextField(_("uraian"), max_length=2000, blank=True)

    class Meta:
        ordering = ["date", "created_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.date or ''}"
