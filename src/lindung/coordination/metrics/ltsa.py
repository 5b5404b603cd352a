"""Metrics from `lindung.ltsa`: applications and service times at the LTSA centres, with
the definitions of the LTSA service figures (`lindung.ltsa.selectors.service_figures`),
over all centres of the region together and bounded by the period (the figures page takes
only a start date and groups by centre)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Avg
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import Unit
from lindung.coordination.metrics.registry import MetricValue
from lindung.coordination.metrics.registry import aware_range
from lindung.coordination.metrics.registry import period_words
from lindung.coordination.metrics.registry import region_words
from lindung.coordination.metrics.registry import register_metric
from lindung.coordination.metrics.registry import rounded
from lindung.coordination.metrics.registry import whole
from lindung.coordination.metrics.registry import within
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import DecisionOutcome
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistDecision

APP = "lindung.ltsa"
SOURCE = _("Berkas CPMI dan keputusan loket di LTSA-PPPMI (modul LTSA)")


def _applications(region_code: str, start: date, end: date) -> QuerySet[Any]:
    begin, stop = aware_range(start, end)
    return Application.objects.filter(within(region_code), created_at__gte=begin,
                                      created_at__lt=stop)


def _where(region_code: str, start: date, end: date) -> str:
    return f"{region_words(region_code)} (the centre's region), created_at " \
           f"{period_words(start, end)}"


@register_metric(name="ltsa.applications_registered", label=_("CPMI terdaftar di LTSA"),
                 unit=Unit.COUNT, section="ltsa", source_app=APP, source_label=SOURCE)
def applications_registered(region_code: str, start: date, end: date) -> MetricValue:
    count = _applications(region_code, start, end).count()
    return MetricValue(whole(count), Unit.COUNT, str(SOURCE),
                       f"ltsa.Application: count(*) where {_where(region_code, start, end)}")


@register_metric(name="ltsa.applications_ready", label=_("CPMI siap berangkat"),
                 unit=Unit.COUNT, section="ltsa", source_app=APP, source_label=SOURCE)
def applications_ready(region_code: str, start: date, end: date) -> MetricValue:
    count = _applications(region_code, start, end).filter(
        status=ApplicationStatus.READY).count()
    return MetricValue(whole(count), Unit.COUNT, str(SOURCE),
                       f"ltsa.Application: count(*) where status = ready, "
                       f"{_where(region_code, start, end)}")


@register_metric(name="ltsa.days_to_ready_mean",
                 label=_("Rata-rata hari dari pendaftaran sampai siap berangkat"),
                 unit=Unit.DAYS, section="ltsa", source_app=APP, source_label=SOURCE,
                 kind="ratio")
def days_to_ready(region_code: str, start: date, end: date) -> MetricValue:
    seconds = _applications(region_code, start, end).filter(
        ready_seconds__isnull=False).aggregate(mean=Avg("ready_seconds"))["mean"]
    value = rounded(Decimal(str(seconds)) / 86400) if seconds is not None else None
    return MetricValue(value, Unit.DAYS, str(SOURCE),
                       f"ltsa.Application: avg(ready_seconds) / 86400 where ready_seconds is "
                       f"set, {_where(region_code, start, end)} (as service_figures' "
                       f"mean_days_to_ready, all centres together)")


@register_metric(name="ltsa.desk_wait_hours_mean",
                 label=_("Rata-rata jam menunggu di loket LTSA"), unit=Unit.HOURS,
                 section="ltsa", source_app=APP, source_label=SOURCE, kind="ratio")
def desk_wait_hours(region_code: str, start: date, end: date) -> MetricValue:
    begin, stop = aware_range(start, end)
    seconds = ChecklistDecision.objects.filter(
        within(region_code), created_at__gte=begin, created_at__lt=stop,
        outcome__in=[DecisionOutcome.VERIFIED, DecisionOutcome.REJECTED],
    ).aggregate(mean=Avg("waited_seconds"))["mean"]
    value = rounded(Decimal(str(seconds)) / 3600) if seconds is not None else None
    return MetricValue(value, Unit.HOURS, str(SOURCE),
                       f"ltsa.ChecklistDecision: avg(waited_seconds) / 3600 where outcome in "
                       f"(verified, rejected), {_where(region_code, start, end)} (as "
                       f"service_figures' mean_wait_hours, all desks together)")
