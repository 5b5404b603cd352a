"""Official fee schedules per destination country and occupation, and the occupations whose
placement costs the worker may not be charged at all."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.core.models import BaseModel
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Country
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import Payer
from lindung.ltsa.models.jobs import Occupation


class FeeSchedule(BaseModel):
    """The official costs of placement to one destination, for one occupation (or for every
    occupation without a schedule of its own), in force from `effective_from` to
    `effective_to` (open-ended when empty). Schedules of the same destination and occupation
    may not overlap in time."""

    destination_country = models.CharField(_("negara tujuan"), max_length=2,
                                           choices=Country.choices, db_index=True)
    occupation = models.ForeignKey(Occupation, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("jabatan"),
                                   help_text=_("Kosong: berlaku untuk semua jabatan yang tidak "
                                               "punya jadwal sendiri."))
    currency = models.CharField(_("mata uang"), max_length=3, choices=Currency.choices)
    effective_from = models.DateField(_("berlaku mulai"))
    effective_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    # Illustrative schedules (demo, "contoh") are marked synthetic and shown as such.
    synthetic = models.BooleanField(_("data contoh (sintetis)"), default=False)

    class Meta:
        ordering = ["destination_country", "occupation__name", "-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F(
                    "effective_from")),
                name="ltsa_feeschedule_dates_ordered"),
        ]
        indexes = [models.Index(fields=["destination_country", "occupation", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.destination_country} {self.occupation or '*'} {self.effective_from}"

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None
                                               or day <= self.effective_to)


class FeeComponent(BaseModel):
    """One itemised cost of a schedule: what it is, who pays it, how much, in which
    currency (always the schedule's currency)."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="components")
    component = models.CharField(_("komponen biaya"), max_length=32,
                                 choices=CostComponent.choices)
    payer = models.CharField(_("dibayar oleh"), max_length=16, choices=Payer.choices)
    amount = models.DecimalField(_("jumlah"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("mata uang"), max_length=3, choices=Currency.choices)
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    class Meta:
        ordering = ["payer", "component"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "component", "payer"],
                                    name="ltsa_feecomponent_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="ltsa_feecomponent_amount"),
        ]

    str_format = "{component} {payer} {amount} {currency}"


class ZeroCostRule(BaseModel):
    """An occupation whose worker may not be charged the listed cost components, by a
    regulation, between two dates. Reference data with its citation."""

    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT,
                                   related_name="zero_cost_rules")
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)
    source = models.CharField(_("sumber"), max_length=500, blank=True)
    effective_from = models.DateField(_("berlaku mulai"))
    effective_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # CostComponent codes the worker may not be charged.
    components = models.JSONField(default=list)

    class Meta:
        ordering = ["occupation__name", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["occupation", "legal_basis"],
                                    name="ltsa_zerocost_unique"),
        ]

    str_format = "{occupation_id} {legal_basis}"

    def in_force_on(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None
                                               or day <= self.effective_to)
