"""Metrics from `lindung.villages` (Desmigratif). Programme villages are counted by cohort
up to the period's last year; the other figures come from the villages module's own
indicator selector (`lindung.villages.selectors.indicators.indicators_for`), which counts
what is recorded (a snapshot on the period's last day, or today), so they equal the
Desmigratif indicators page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import Unit
from lindung.coordination.metrics.registry import MetricValue
from lindung.coordination.metrics.registry import memoised
from lindung.coordination.metrics.registry import region_words
from lindung.coordination.metrics.registry import register_metric
from lindung.coordination.metrics.registry import rounded
from lindung.coordination.metrics.registry import whole
from lindung.coordination.metrics.registry import within
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


def _indicator(name: str, label: Promise, unit: str, field: str, *, kind: str = "sum",
               value: Callable[[Any], Decimal | None] = whole) -> None:
    """Register `villages.<name>`: the `field` of the village indicators on the period's
    last day (a snapshot)."""

    @register_metric(name=f"villages.{name}", label=label, unit=unit, section="villages",
                     source_app=APP, source_label=SOURCE, kind=kind, snapshot=True)
    def indicator(region_code: str, start: date, end: date) -> MetricValue:
        result, call = _indicators(region_code, end)
        return MetricValue(value(getattr(result, field)), unit, str(SOURCE), f"{call}.{field}")


_indicator("households", _("Rumah tangga PMI dalam sensus desa"), Unit.COUNT, "households")
_indicator("businesses_active", _("Usaha produktif aktif"), Unit.COUNT, "businesses_active")
_indicator("remittance_productive_share", _("Bagian remitansi untuk usaha produktif"),
           Unit.PERCENT, "productive_share", kind="ratio", value=rounded)
_indicator("coop_members", _("Anggota koperasi Desmigratif"), Unit.PEOPLE, "coop_members")
