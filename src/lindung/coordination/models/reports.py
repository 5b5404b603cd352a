"""The periodic report of the task force and the action plan (yearly or five-yearly, for a
region): figures computed once from the system's records, each with the query it came
from; rendered in Bahasa Indonesia or English, as a page, a PDF and an XLSX."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import ReportKind
from lindung.coordination.choices import ReportStatus
from lindung.core.models import OptionallyRegionScopedModel


class PeriodicReport(OptionallyRegionScopedModel):
    kind = models.CharField(_("jenis laporan"), max_length=16, choices=ReportKind.choices)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah"))
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    plan = models.ForeignKey("coordination.PlanPeriod", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="reports",
                             verbose_name=_("rencana aksi"))
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices,
                              default=ReportStatus.QUEUED)
    job = models.ForeignKey("core.BackgroundJob", null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+")
    # The computed figures (see coordination/report/builder.py for the layout).
    content = models.JSONField(default=dict, blank=True)
    # Why the report could not be built: a kept message (its msgid and parameters), shown in
    # the reader's language with `|shown` (lindung.common.stored_text).
    message = models.CharField(max_length=300, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    # The narrative a Perpres 22/2021 report has, written by the coordinator (not computed).
    achievements = models.TextField(_("capaian kegiatan"), max_length=5000, blank=True)
    obstacles = models.TextField(_("hambatan"), max_length=5000, blank=True)
    recommendations = models.TextField(_("rekomendasi"), max_length=5000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(start_year__lte=models.F("end_year")),
                                   name="coordination_report_years"),
        ]

    def __str__(self) -> str:
        period = (str(self.start_year) if self.start_year == self.end_year
                  else f"{self.start_year}–{self.end_year}")
        return f"{self.get_kind_display()} {self.region_code or 'nasional'} {period}"

    @property
    def is_running(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def percent(self) -> int:
        if self.status == ReportStatus.DONE:
            return 100
        return self.job.percent if self.job is not None else 0
