"""Metrics from `lindung.prevention`: prevented departures (through the task-force
statistics selector for whole calendar years, so the figures equal the statistics page) and
dissemination events (counted from the records)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count
from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import Unit
from lindung.coordination.metrics.registry import MetricValue
from lindung.coordination.metrics.registry import calendar_years
from lindung.coordination.metrics.registry import depth
from lindung.coordination.metrics.registry import memoised
from lindung.coordination.metrics.registry import month_aligned
from lindung.coordination.metrics.registry import period_words
from lindung.coordination.metrics.registry import region_words
from lindung.coordination.metrics.registry import register_metric
from lindung.coordination.metrics.registry import system_reader
from lindung.coordination.metrics.registry import tally_area_q
from lindung.coordination.metrics.registry import whole
from lindung.coordination.metrics.registry import within
from lindung.directory.choices import AgencyKind
from lindung.directory.models import Agency
from lindung.prevention.models import DisseminationEvent
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.models import PreventionTally
from lindung.prevention.statistics.selectors import taskforce_statistics as selector

APP = "lindung.prevention"
SOURCE = _("Pencegahan keberangkatan non-prosedural yang dicatat satgas (modul pencegahan)")
DISSEMINATION_SOURCE = _("Kegiatan sosialisasi yang dicatat (modul pencegahan)")
SELECTOR = "lindung.prevention.statistics.selectors.taskforce_statistics"


def taskforce_statistics(region_code: str, year: int) -> Any:
    """The statistics page's own numbers for one year and area (memoised per report)."""

    return memoised(("taskforce_statistics", region_code, year),
                    lambda: selector(user=system_reader(), area=region_code, year=year))


def _immigration_ids() -> list[str]:
    return [str(pk) for pk in Agency.objects.filter(kind=AgencyKind.IMMIGRATION)
            .values_list("pk", flat=True)]


def _selector_query(region_code: str, years: list[int], attribute: str) -> str:
    calls = " + ".join(f'{SELECTOR}(area="{region_code}", year={year}).{attribute}'
                       for year in years)
    return f"{calls}  [statistics page /prevention/statistics/?region={region_code}]"


def _own_counts(region_code: str, start: date, end: date,
                immigration: bool = False) -> tuple[int, int, str]:
    """(departures, people, query) counted like the selector: from the tallies when the
    period is whole months and the area is a province or regency, else from the records."""

    if month_aligned(start, end) and depth(region_code) <= 2:
        tallies = PreventionTally.objects.filter(
            tally_area_q(region_code), month__gte=start, month__lte=end)
        if immigration:
            tallies = tallies.filter(dimension="agency", value__in=_immigration_ids())
            what = 'dimension="agency", value in immigration agencies'
        else:
            tallies = tallies.filter(dimension="all")
            what = 'dimension="all"'
        totals = tallies.aggregate(d=Sum("departures"), p=Sum("people"))
        query = (f"prevention.PreventionTally: sum(departures), sum(people) where {what}, "
                 f"area_code = \"{region_code}\", "
                 f"month {start:%Y-%m}..{end:%Y-%m}")
    else:
        records = PreventedDeparture.objects.filter(within(region_code), date__gte=start,
                                                    date__lte=end)
        if immigration:
            records = records.filter(acting_agency__kind="immigration")
        totals = records.aggregate(d=Count("id"), p=Sum("people_count"))
        query = (f"prevention.PreventedDeparture: count(*), sum(people_count) where "
                 f"{region_words(region_code)}, date {period_words(start, end)}"
                 + (", acting_agency.kind = immigration" if immigration else ""))
    return int(totals["d"] or 0), int(totals["p"] or 0), query


def _immigration_people(stats: Any, ids: list[str]) -> int:
    return sum(row.value for row in stats.table("agency").rows if row.code in ids)


def _prevented(name: str, label: Promise, unit: str, field: str, *, people: bool) -> None:
    """Register `prevention.<name>`: the statistics' `field` summed over whole calendar
    years, else counted from the records (the `people` in them, or the departures)."""

    @register_metric(name=f"prevention.{name}", label=label, unit=unit, section="prevention",
                     source_app=APP, source_label=SOURCE, owner_entity="prevented_departure")
    def count(region_code: str, start: date, end: date) -> MetricValue:
        years = calendar_years(start, end)
        if years:
            value = sum(getattr(taskforce_statistics(region_code, y), field) for y in years)
            return MetricValue(whole(value), unit, str(SOURCE),
                               _selector_query(region_code, years, field))
        departures, persons, query = _own_counts(region_code, start, end)
        return MetricValue(whole(persons if people else departures), unit, str(SOURCE), query)


_prevented("people_prevented", _("Orang dicegah berangkat"), Unit.PEOPLE, "prevented_people",
           people=True)
_prevented("departures_prevented", _("Kejadian pencegahan keberangkatan"), Unit.COUNT,
           "prevented_departures", people=False)


@register_metric(name="prevention.people_prevented_immigration",
                 label=_("Orang dicegah oleh imigrasi (tempat pemeriksaan imigrasi)"),
                 unit=Unit.PEOPLE, section="prevention", source_app=APP, source_label=SOURCE,
                 owner_entity="prevented_departure")
def people_prevented_immigration(region_code: str, start: date, end: date) -> MetricValue:
    years = calendar_years(start, end)
    if years:
        ids = _immigration_ids()
        value = sum(_immigration_people(taskforce_statistics(region_code, y), ids)
                    for y in years)
        query = _selector_query(region_code, years, 'table("agency")') + \
            " rows of agencies of kind immigration"
        return MetricValue(whole(value), Unit.PEOPLE, str(SOURCE), query)
    _d, people, query = _own_counts(region_code, start, end, immigration=True)
    return MetricValue(whole(people), Unit.PEOPLE, str(SOURCE), query)


def _dissemination(region_code: str, start: date, end: date) -> tuple[int, int, str]:
    totals = (DisseminationEvent.objects.filter(within(region_code), date__gte=start,
                                                date__lte=end)
              .aggregate(n=Count("id"), a=Sum("audience_size")))
    query = (f"prevention.DisseminationEvent: count(*), sum(audience_size) where "
             f"{region_words(region_code)}, date {period_words(start, end)}")
    return int(totals["n"] or 0), int(totals["a"] or 0), query


@register_metric(name="dissemination.events", label=_("Kegiatan sosialisasi"),
                 unit=Unit.COUNT, section="dissemination", source_app=APP,
                 source_label=DISSEMINATION_SOURCE)
def dissemination_events(region_code: str, start: date, end: date) -> MetricValue:
    events, _a, query = _dissemination(region_code, start, end)
    return MetricValue(whole(events), Unit.COUNT, str(DISSEMINATION_SOURCE), query)


@register_metric(name="dissemination.audience", label=_("Peserta sosialisasi"),
                 unit=Unit.PEOPLE, section="dissemination", source_app=APP,
                 source_label=DISSEMINATION_SOURCE)
def dissemination_audience(region_code: str, start: date, end: date) -> MetricValue:
    _e, audience, query = _dissemination(region_code, start, end)
    return MetricValue(whole(audience), Unit.PEOPLE, str(DISSEMINATION_SOURCE), query)
