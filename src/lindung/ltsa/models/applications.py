"""Applications at an LTSA centre: the checklist worked by the desks, payments, complaints."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.core.models import BaseModel
from lindung.core.models import RegionScopedModel
from lindung.directory.choices import Desk
from lindung.ltsa.checklist import BY_CODE
from lindung.ltsa.choices import ACTIVE_STATUSES
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import ComplaintKind
from lindung.ltsa.choices import ComplaintStatus
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import DecisionOutcome
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.choices import MaritalStatus
from lindung.ltsa.choices import PaymentFlag
from lindung.ltsa.choices import RejectionReason


class Application(RegionScopedModel):
    """A prospective worker (CPMI) registered at an LTSA centre for one job order. The
    status READY is set by the services when the computed eligibility holds, and withdrawn
    when it no longer does; the file page always recomputes it."""

    number = models.CharField(_("nomor berkas"), max_length=20, unique=True)
    centre = models.ForeignKey("directory.Site", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("LTSA"))
    # region_code (inherited): the centre's region; applications are in the centre's scope.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="ltsa_applications", verbose_name=_("CPMI"))
    job_order = models.ForeignKey("ltsa.JobOrder", on_delete=models.PROTECT,
                                  related_name="applications", verbose_name=_("job order"))
    planned_departure = models.DateField(_("rencana tanggal berangkat"))
    marital_status = models.CharField(_("status perkawinan"), max_length=16,
                                      choices=MaritalStatus.choices)
    status = models.CharField(_("status"), max_length=16, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.REGISTERED, db_index=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    # Seconds from registration to ready-to-depart (for the service figures).
    ready_seconds = models.PositiveIntegerField(null=True, blank=True)
    withdrawn_reason = models.CharField(_("alasan pembatalan"), max_length=300, blank=True)
    # The receipt code is shown once; only its first characters (for look-up) and an Argon2
    # hash of the whole code are stored.
    receipt_lookup = models.CharField(max_length=8, db_index=True, editable=False)
    receipt_hash = models.CharField(max_length=200, editable=False)
    # Changes whenever a certificate is (re)issued, so an older certificate stops verifying.
    certificate_serial = models.CharField(max_length=16, blank=True, editable=False)
    certificate_issued_at = models.DateTimeField(null=True, blank=True)
    #: The short serial printed on the certificate (8 characters of an alphabet without
    #: look-alikes), for a look-up by hand at the port; issued and cleared with the serial.
    certificate_code = models.CharField(_("nomor seri sertifikat"), max_length=8, blank=True,
                                        editable=False)
    #: The applicant's photo taken at the LTSA (re-encoded, without metadata), shown to the
    #: officers who check the certificate at the port.
    photo = models.FileField(upload_to="ltsa/photos/%Y/%m/", max_length=200, blank=True,
                             editable=False)
    synthetic = models.BooleanField(_("data sintetis"), default=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person"],
                                    condition=Q(status__in=["registered", "ready"]),
                                    name="ltsa_application_one_active_per_person"),
            models.UniqueConstraint(fields=["certificate_code"],
                                    condition=~Q(certificate_code=""),
                                    name="ltsa_application_certificate_code"),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    str_format = "{number}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class ChecklistItem(BaseModel):
    """One document or desk step of an application (see :mod:`lindung.ltsa.checklist`),
    owned by one desk: only that desk's officers verify or reject it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=40)
    desk = models.CharField(_("loket"), max_length=32, choices=Desk.choices, db_index=True)
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices,
                              default=ItemStatus.PENDING, db_index=True)
    # When the item (re)entered its desk's queue.
    queued_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    rejection_reason = models.CharField(_("alasan penolakan"), max_length=20,
                                        choices=RejectionReason.choices, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    decided_by = models.ForeignKey("accounts.User", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "code"],
                                    name="ltsa_checklistitem_unique_code"),
        ]
        indexes = [models.Index(fields=["desk", "status", "queued_at"])]

    str_format = "{application_id} {code}"

    @property
    def label(self) -> str:
        entry = BY_CODE.get(self.code)
        return str(entry.label) if entry else self.code

    @property
    def expires(self) -> bool:
        entry = BY_CODE.get(self.code)
        return bool(entry and entry.expires)


class ChecklistDecision(BaseModel):
    """Each decision on a checklist item, kept for the service figures (time at the desk,
    rejections by reason) after the item itself has moved on."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="decisions")
    # Copies for figures without joins.
    centre = models.ForeignKey("directory.Site", on_delete=models.PROTECT, related_name="+")
    region_code = models.CharField(max_length=16, db_index=True)
    desk = models.CharField(max_length=32, choices=Desk.choices)
    outcome = models.CharField(max_length=16, choices=DecisionOutcome.choices)
    reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    # Seconds the item waited in the desk's queue before this decision.
    waited_seconds = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["centre", "desk", "outcome"])]

    str_format = "{item_id} {outcome}"


class Payment(RegionScopedModel):
    """A payment the applicant made for a cost component, with the centre's receipt
    number. Compared with the official schedule when recorded; anything above it is
    flagged and raises a :class:`FeeComplaint`."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="payments")
    component = models.CharField(_("komponen biaya"), max_length=32,
                                 choices=CostComponent.choices)
    amount = models.DecimalField(_("jumlah"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("mata uang"), max_length=3, choices=Currency.choices)
    paid_to = models.CharField(_("dibayar kepada"), max_length=200)
    paid_on = models.DateField(_("tanggal bayar"))
    receipt_number = models.CharField(_("nomor tanda terima"), max_length=24, unique=True)
    payer_reference = models.CharField(_("nomor kuitansi penerima"), max_length=80, blank=True)
    allowed_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    allowed_currency = models.CharField(max_length=3, blank=True)
    flag = models.CharField(_("tanda"), max_length=20, choices=PaymentFlag.choices, blank=True)
    schedule = models.ForeignKey("ltsa.FeeSchedule", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["paid_on", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ltsa_payment_amount"),
        ]

    str_format = "{receipt_number}"


class FeeComplaint(RegionScopedModel):
    """A complaint raised by the system when a payment exceeds the official schedule. The
    public-reports module may take it over (`report_reference`)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT,
                                    related_name="complaints")
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="complaint")
    kind = models.CharField(max_length=16, choices=ComplaintKind.choices,
                            default=ComplaintKind.OVERCHARGE)
    flag = models.CharField(max_length=20, choices=PaymentFlag.choices)
    agency = models.ForeignKey("ltsa.PlacementAgency", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=ComplaintStatus.choices,
                              default=ComplaintStatus.OPEN, db_index=True)
    report_reference = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{application_id} {flag}"
