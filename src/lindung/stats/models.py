"""Sourced aggregate figures: historical totals taken from a document, never invented events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.reports.models import Case, Referral
from lindung.screening.models import Alert, ScreenedPassenger


class SourcedFigure(models.Model):
    """A number stated by a source (the 2019 Kupang briefing, a regulation), with the
    period it covers and the exact words it rests on."""

    key = models.SlugField(max_length=80, unique=True)
    label = models.CharField(_("keterangan"), max_length=200)
    value = models.IntegerField(_("nilai"))
    unit = models.CharField(_("satuan"), max_length=40, default="orang")
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    region = models.ForeignKey("regions.Region", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("sumber"), max_length=200)
    quote = models.CharField(_("kutipan"), max_length=300)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["period_start", "key"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


# Records seen through the shared "statistics" capability (stats/access.py): counted within
# the reader's area, never shown one by one (stats/work.py). Proxies: no table of their own.
class ScreenedPassengerStatistic(ScreenedPassenger):
    class Meta:
        proxy = True


class AlertStatistic(Alert):
    class Meta:
        proxy = True


class ReferralStatistic(Referral):
    class Meta:
        proxy = True


class CaseStatistic(Case):
    class Meta:
        proxy = True
