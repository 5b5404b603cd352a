"""The action plan (RAN PP TPPO and its regional plans): plan periods with goals, actions
with responsible and supporting stakeholders, indicators with baselines and yearly targets,
progress reports with evidence, and the flags raised on overdue or off-track work."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import CLOSED_ACTION_STATUSES
from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import Direction
from lindung.coordination.choices import FlagKind
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import PlanKind
from lindung.coordination.choices import PlanStatus
from lindung.coordination.choices import Unit
from lindung.core.models import BaseModel
from lindung.core.models import OptionallyRegionScopedModel

MAX_PLAN_YEARS = 10


class PlanPeriod(OptionallyRegionScopedModel):
    """A plan for a region ("" = the national plan) over whole years. Two plans of the same
    region may not overlap in time."""

    name = models.CharField(_("nama rencana"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=PlanKind.choices,
                            default=PlanKind.FIVE_YEAR)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah"))
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices,
                              default=PlanStatus.ACTIVE)
    legal_basis = models.CharField(_("dasar hukum"), max_length=300, blank=True)
    description = models.TextField(_("uraian"), max_length=3000, blank=True)

    class Meta:
        ordering = ["-start_year", "region_code"]
        constraints = [
            models.CheckConstraint(condition=Q(start_year__lte=models.F("end_year")),
                                   name="coordination_plan_years"),
        ]

    str_format = "{name} ({start_year}–{end_year})"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Goal(OptionallyRegionScopedModel):
    plan = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("kode"), max_length=16)
    title = models.CharField(_("sasaran"), max_length=300)
    description = models.TextField(_("uraian"), max_length=2000, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"],
                                               name="coordination_goal_code")]

    str_format = "{code} {title}"


class Action(OptionallyRegionScopedModel):
    """A planned action with one responsible stakeholder, supporting stakeholders, a
    deadline, a status and a progress percentage."""

    plan = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions",
                             verbose_name=_("sasaran"))
    code = models.CharField(_("kode"), max_length=16)
    title = models.CharField(_("kegiatan"), max_length=300)
    description = models.TextField(_("uraian"), max_length=3000, blank=True)
    responsible = models.ForeignKey("directory.Agency", on_delete=models.PROTECT,
                                    related_name="coordination_actions",
                                    verbose_name=_("penanggung jawab"))
    supporting = models.ManyToManyField("directory.Agency", blank=True,
                                        related_name="coordination_supported_actions",
                                        verbose_name=_("instansi pendukung"))
    start_date = models.DateField(_("mulai"), null=True, blank=True)
    deadline = models.DateField(_("tenggat"))
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices,
                              default=ActionStatus.PLANNED)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    completed_on = models.DateField(_("selesai pada"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="coordination_action_code"),
            models.CheckConstraint(condition=Q(progress__lte=100),
                                   name="coordination_action_progress"),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="coordination_action_due")]

    str_format = "{code} {title}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_ACTION_STATUSES


class ActionUpdate(OptionallyRegionScopedModel):
    """A progress report on an action: the status and percentage it moved to, and why."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices)
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"))
    note = models.TextField(_("catatan kemajuan"), max_length=3000)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{action_id} {status} {progress}%"


class Indicator(OptionallyRegionScopedModel):
    """An indicator of the plan: computed from the system's records through a named metric
    (the unit must be the metric's), or reported by hand in progress reports."""

    plan = models.ForeignKey(PlanPeriod, on_delete=models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="indicators", verbose_name=_("sasaran"))
    code = models.CharField(_("kode"), max_length=16)
    name = models.CharField(_("nama indikator"), max_length=300)
    definition = models.TextField(_("definisi"), max_length=2000, blank=True)
    unit = models.CharField(_("satuan"), max_length=16, choices=Unit.choices)
    direction = models.CharField(_("arah"), max_length=16, choices=Direction.choices,
                                 default=Direction.INCREASE)
    method = models.CharField(_("cara pengukuran"), max_length=16,
                              choices=IndicatorMethod.choices)
    metric = models.CharField(_("metrik sistem"), max_length=64, blank=True)
    baseline_value = models.DecimalField(_("nilai dasar (baseline)"), max_digits=16,
                                         decimal_places=2, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("tahun baseline"), null=True,
                                                     blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="coordination_indicator_code"),
            models.CheckConstraint(
                condition=(Q(method=IndicatorMethod.COMPUTED) & ~Q(metric=""))
                | (Q(method=IndicatorMethod.MANUAL) & Q(metric="")),
                name="coordination_indicator_metric"),
        ]

    str_format = "{code} {name}"

    @property
    def is_computed(self) -> bool:
        return self.method == IndicatorMethod.COMPUTED


class IndicatorTarget(BaseModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"],
                                               name="coordination_target_year")]

    str_format = "{indicator_id} {year}: {value}"


class IndicatorProgress(OptionallyRegionScopedModel):
    """A progress report on a manual indicator for a year (quarter 0) or a quarter (1-4,
    the value is year-to-date), with a narrative and evidence attachments."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan (0 = setahun)"), default=0)
    value = models.DecimalField(_("nilai capaian"), max_digits=16, decimal_places=2)
    narrative = models.TextField(_("uraian capaian"), max_length=3000)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"],
                                    name="coordination_progress_period"),
            models.CheckConstraint(condition=Q(quarter__lte=4),
                                   name="coordination_progress_quarter"),
        ]

    str_format = "{indicator_id} {year}/{quarter}: {value}"


class Flag(OptionallyRegionScopedModel):
    """An overdue or off-track plan action or meeting follow-up, raised to the responsible
    stakeholder (in-app and by e-mail through the outbox) and resolved when the condition
    ends."""

    kind = models.CharField(_("jenis"), max_length=16, choices=FlagKind.choices)
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="flags")
    follow_up = models.ForeignKey("coordination.FollowUp", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="flags")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("penanggung jawab"))
    raised_on = models.DateField(_("dimunculkan"))
    detail = models.CharField(_("keterangan"), max_length=300)
    resolved_on = models.DateField(_("selesai"), null=True, blank=True)
    messages_queued = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-raised_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(action__isnull=False) & Q(follow_up__isnull=True))
                | (Q(action__isnull=True) & Q(follow_up__isnull=False)),
                name="coordination_flag_one_subject"),
            models.UniqueConstraint(fields=["action", "kind"],
                                    condition=Q(resolved_on__isnull=True, action__isnull=False),
                                    name="coordination_flag_open_action"),
            models.UniqueConstraint(fields=["follow_up", "kind"],
                                    condition=Q(resolved_on__isnull=True,
                                                follow_up__isnull=False),
                                    name="coordination_flag_open_follow_up"),
        ]
        indexes = [models.Index(fields=["agency", "resolved_on"], name="coordination_flag_agency")]

    def __str__(self) -> str:
        return f"{self.kind} {self.action_id or self.follow_up_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None

    @property
    def subject_title(self) -> str:
        subject = self.action if self.action_id else self.follow_up
        return str(subject) if subject is not None else ""


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
