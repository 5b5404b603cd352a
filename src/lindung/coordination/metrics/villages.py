"""Metrics from `lindung.villages` (Desmigratif). Programme villages are counted by cohort
up to the period's last year; the other figures come from the villages module's own
indicator selector (`lindung.villages.selectors.indicators.indicators_for`), which counts
what is recorded (a snapshot on the period's last day, or today), so they equal the
Desmigratif indicators page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import Unit
from lindung.coordination.metrics.registry import (
    MetricValue,
    memoised,
    region_words,
    register_metric,
    rounded,
    whole,
    within,
)
from lindung.villages.models import ProgrammeVillage
from lindung.villages.selectors.indicators import indicators_for

APP = "lindung.villages"
SOURCE = _("Desa Migran Produktif (Desmigratif) yang dicatat (modul desa)")
SELECTOR = "lindung.villages.selectors.indicators.indicators_for"


def _indicators(region_code: str, end: date) -> tuple[Any, str]:
    on = min(end, timezone.localdate())
    result = memoised(("indicators_for", region_code, on),
                      lambda: indicators_for(region_code, on))
    return result, f'{SELECTOR}("{region_code}", on={on.isoformat()})'


@register_metric(name="villages.programme_villages", label=_("Desa Desmigratif"),
                 unit=Unit.VILLAGES, section="villages", source_app=APP, source_label=SOURCE,
                 snapshot=True)
def programme_villages(region_code: str, start: date, end: date) -> MetricValue:
    count = ProgrammeVillage.objects.filter(within(region_code),
                                            cohort_year__lte=end.year).count()
    return MetricValue(whole(count), Unit.VILLAGES, str(SOURCE),
                       f"villages.ProgrammeVillage: count(*) where {region_words(region_code)}, "
                       f"cohort_year <= {end.year} (all cohorts up to the period's end)")


@register_metric(name="villages.households", label=_("Rumah tangga PMI dalam sensus desa"),
                 unit=Unit.COUNT, section="villages", source_app=APP, source_label=SOURCE,
                 snapshot=True)
def households(region_code: str, start: date, end: date) -> MetricValue:
    result, call = _indicators(region_code, end)
    return MetricValue(whole(result.households), Unit.COUNT, str(SOURCE), f"{call}.households")


@register_metric(name="villages.businesses_active", label=_("Usaha produktif aktif"),
                 unit=Unit.COUNT, section="villages", source_app=APP, source_label=SOURCE,
                 snapshot=True)
def businesses_active(region_code: str, start: date, end: date) -> MetricValue:
    result, call = _indicators(region_code, end)
    return MetricValue(whole(result.businesses_active), Unit.COUNT, str(SOURCE),
                       f"{call}.businesses_active")


@register_metric(name="villages.remittance_productive_share",
                 label=_("Bagian remitansi untuk usaha produktif"), unit=Unit.PERCENT,
                 section="villages", source_app=APP, source_label=SOURCE, kind="ratio",
                 snapshot=True)
def remittance_productive_share(region_code: str, start: date, end: date) -> MetricValue:
    result, call = _indicators(region_code, end)
    return MetricValue(rounded(result.productive_share), Unit.PERCENT, str(SOURCE),
                       f"{call}.productive_share")


@register_metric(name="villages.coop_members", label=_("Anggota koperasi Desmigratif"),
                 unit=Unit.PEOPLE, section="villages", source_app=APP, source_label=SOURCE,
                 snapshot=True)
def coop_members(region_code: str, start: date, end: date) -> MetricValue:
    result, call = _indicators(region_code, end)
    return MetricValue(whole(result.coop_members), Unit.PEOPLE, str(SOURCE),
                       f"{call}.coop_members")
