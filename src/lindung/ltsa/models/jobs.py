"""Occupations and job orders (recruitment under a SIP2MI permit)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lindung.core.models import BaseModel
from lindung.core.models import OptionallyRegionScopedModel
from lindung.core.models import RegionScopedModel
from lindung.ltsa.choices import Country
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import JobOrderStatus
from lindung.ltsa.choices import Sector


class Occupation(BaseModel):
    """An occupation (jabatan) a job order recruits for. Reference data."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("nama jabatan"), max_length=120)
    name_en = models.CharField(_("nama jabatan (Inggris)"), max_length=120, blank=True)
    sector = models.CharField(_("sektor"), max_length=16, choices=Sector.choices)

    class Meta:
        ordering = ["name"]

    str_format = "{shown_name}"

    @property
    def shown_name(self) -> str:
        """The name in the reader's language (the Indonesian name when no English is kept)."""
        english = (translation.get_language() or "id").startswith("en")
        return self.name_en if english and self.name_en else self.name


class JobOrder(OptionallyRegionScopedModel):
    """An employer's demand for workers, recruited by a P3MI under a SIP2MI permit. Valid on
    a day when open, within its dates, with places left and its agency licensed."""

    permit_number = models.CharField(_("nomor SIP2MI"), max_length=80, unique=True)
    search_number = models.CharField(max_length=80, db_index=True, editable=False)
    agency = models.ForeignKey("ltsa.PlacementAgency", on_delete=models.PROTECT,
                               related_name="job_orders", verbose_name=_("P3MI"))
    employer_name = models.CharField(_("pemberi kerja"), max_length=200)
    destination_country = models.CharField(_("negara tujuan"), max_length=2,
                                           choices=Country.choices, db_index=True)
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("jabatan"))
    quota = models.PositiveIntegerField(_("kuota"))
    filled = models.PositiveIntegerField(_("terisi"), default=0)
    salary_amount = models.DecimalField(_("gaji per bulan"), max_digits=12, decimal_places=2)
    salary_currency = models.CharField(_("mata uang gaji"), max_length=3,
                                       choices=Currency.choices)
    contract_months = models.PositiveSmallIntegerField(_("lama kontrak (bulan)"))
    valid_from = models.DateField(_("berlaku mulai"))
    valid_until = models.DateField(_("berlaku sampai"))
    status = models.CharField(_("status"), max_length=16, choices=JobOrderStatus.choices,
                              default=JobOrderStatus.OPEN, db_index=True)
    # region_code (inherited): the agency's head-office region code, for filtering without a join.
    synthetic = models.BooleanField(_("data sintetis"), default=False)

    class Meta:
        ordering = ["-valid_until", "permit_number"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("valid_from")),
                                   name="ltsa_joborder_dates_ordered"),
            models.CheckConstraint(condition=Q(quota__gte=1), name="ltsa_joborder_quota_positive"),
            models.CheckConstraint(condition=Q(contract_months__gte=1),
                                   name="ltsa_joborder_contract_positive"),
        ]
        indexes = [models.Index(fields=["status", "valid_until"])]

    str_format = "{permit_number}"

    @property
    def places_left(self) -> int:
        return max(self.quota - self.filled, 0)

    def within_dates(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until


class JobOrderRegion(RegionScopedModel):
    """A region a job order recruits in (province, regency, district or village)."""

    job_order = models.ForeignKey(JobOrder, on_delete=models.CASCADE,
                                  related_name="recruitment_regions")
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["region_code"]
        constraints = [
            models.UniqueConstraint(fields=["job_order", "region"],
                                    name="ltsa_joborderregion_unique"),
        ]

    str_format = "{region_code}"
