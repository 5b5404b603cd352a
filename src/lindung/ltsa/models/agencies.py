"""Placement agencies (P3MI), their SIP3MI licences and offices, and the look-up keys of
the public checker."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.common.models import StrFormatModel
from lindung.core.models import BaseModel
from lindung.core.models import OptionallyRegionScopedModel
from lindung.core.models import RegionScopedModel
from lindung.ltsa.choices import LicenceStatus
from lindung.ltsa.choices import OfficeKind


class PlacementAgency(OptionallyRegionScopedModel):
    """A P3MI (Perusahaan Penempatan Pekerja Migran Indonesia). Whether it may recruit on a
    given day follows from its licences (:meth:`licence_on`), never from a typed flag."""

    name = models.CharField(_("nama perusahaan"), max_length=200)
    # Normalised name (lowercase ASCII, legal-form words dropped) for ordering and matching.
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    head_office_region = models.ForeignKey(
        "regions.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("wilayah kantor pusat"))
    # region_code (inherited): the head office's region code, for filtering without a join.
    address = models.CharField(_("alamat kantor pusat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    # Demo and benchmark agencies are synthetic and marked so wherever they are shown.
    synthetic = models.BooleanField(_("data sintetis"), default=False)

    class Meta:
        ordering = ["search_name"]
        verbose_name_plural = "placement agencies"

    str_format = "{name}"

    def licence_on(self, day: date) -> AgencyLicence | None:
        """The licence that lets the agency recruit on `day`, if any (uses prefetched
        licences when present)."""
        for licence in self.licences.all():
            if licence.permits_on(day):
                return licence
        return None


class AgencyLicence(BaseModel):
    """A SIP3MI licence. The status is what the ministry decided; whether it is in force on a
    day also depends on its dates (an active licence past `valid_until` has expired)."""

    agency = models.ForeignKey(PlacementAgency, on_delete=models.CASCADE, related_name="licences")
    number = models.CharField(_("nomor SIP3MI"), max_length=80, unique=True)
    # Upper-case letters and digits only, for exact look-up of a typed number.
    search_number = models.CharField(max_length=80, db_index=True, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=LicenceStatus.choices,
                              default=LicenceStatus.ACTIVE)
    issued_on = models.DateField(_("tanggal terbit"))
    valid_until = models.DateField(_("berlaku sampai"))
    status_changed_on = models.DateField(_("tanggal perubahan status"), null=True, blank=True)
    status_reason = models.CharField(_("alasan perubahan status"), max_length=300, blank=True)

    class Meta:
        ordering = ["-valid_until"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("issued_on")),
                                   name="ltsa_licence_dates_ordered"),
        ]

    str_format = "{number}"

    def permits_on(self, day: date) -> bool:
        return (self.status == LicenceStatus.ACTIVE and self.issued_on <= day
                and day <= self.valid_until)


class AgencyOffice(RegionScopedModel):
    """The head office or a branch of a P3MI, with its contact."""

    agency = models.ForeignKey(PlacementAgency, on_delete=models.CASCADE, related_name="offices")
    kind = models.CharField(_("jenis kantor"), max_length=16, choices=OfficeKind.choices,
                            default=OfficeKind.BRANCH)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("wilayah"))
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    contact_name = models.CharField(_("nama kontak"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("surel"), blank=True)

    class Meta:
        ordering = ["kind", "region_code"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.region_code}"


class CheckKey(StrFormatModel):
    """A look-up key of the public checker: a normalised name token, its prefix or suffix,
    or a normalised licence/permit number, pointing at an agency or a job order. Derived
    data, rebuilt by the services whenever a name or number changes; the checker fetches
    the few records sharing a key with the query and scores only those."""

    key = models.CharField(max_length=90, db_index=True)
    agency = models.ForeignKey(PlacementAgency, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    job_order = models.ForeignKey("ltsa.JobOrder", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency__isnull=False, job_order__isnull=True)
                           | Q(agency__isnull=True, job_order__isnull=False)),
                name="ltsa_checkkey_one_target"),
        ]

    str_format = "{key}"
