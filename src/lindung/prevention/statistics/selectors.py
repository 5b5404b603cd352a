"""Task-force statistics: prevented departures and public reports, counted within the user's
scope (and an optional region and year), with the seed's sourced figures beside them.

Counts come from the tallies (ReportTally, PreventionTally), which hold one row per month,
area (province or regency) and value: a national page sums tens of thousands of small rows
instead of scanning a million reports. A scope or filter below regency level (a district or
village) cannot be read from the tallies, whose finest area is the regency; those are
counted from the records themselves, which are few at that level. Both paths give the same
numbers (tested).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.db.models import Max
from django.db.models import Min
from django.db.models import Q
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lindung.accounts.models import User
from lindung.common.countries import country_name
from lindung.core import access
from lindung.directory.choices import AgencyKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.prevention.choices import PreventionOutcome
from lindung.prevention.choices import PreventionReason
from lindung.prevention.models import PreventionRecordStatistic
from lindung.prevention.models import PreventionTally
from lindung.reports.choices import OPEN_STATUSES
from lindung.reports.choices import ReportCategory
from lindung.reports.choices import ReportChannel
from lindung.reports.choices import ReportStatus
from lindung.reports.models import ReportRecordStatistic
from lindung.reports.models import ReportTally
from lindung.reports.tallies import RESOLUTION_BUCKETS
from lindung.reports.tallies import RESOLVED_STATUSES
from lindung.reports.tallies import resolution_bucket
from lindung.stats.models import SourcedFigure

AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 0), ("1-2", 1, 2), ("3-5", 3, 5), ("6-11", 6, 11), ("12+", 12, None),
)
PREVENTION_DIMENSIONS = ("site", "agency", "reason", "outcome", "destination")
_PREVENTION_FIELDS = {"site": "site_id", "agency": "acting_agency_id", "reason": "reason",
                      "outcome": "outcome", "destination": "destination_country"}
REPORT_DIMENSIONS = ("category", "channel", "status")


@dataclass
class Row:
    code: str
    label: str
    value: int
    share: float = 0.0  # of the table's total, for bar widths


@dataclass
class Table:
    key: str
    title: str
    measure: str
    rows: list[Row]

    @property
    def total(self) -> int:
        return sum(row.value for row in self.rows)

    def finish(self, *, sort: bool = True) -> Table:
        if sort:
            self.rows.sort(key=lambda r: (-r.value, r.label))
        peak = max((r.value for r in self.rows), default=0)
        for row in self.rows:
            row.share = row.value / peak if peak else 0.0
        return self


@dataclass
class SourcedComparison:
    figure: SourcedFigure
    recorded: int
    recorded_label: str


@dataclass
class TaskforceStatistics:
    area_code: str
    year: int | None
    source: str  # "tallies" or "records"
    prevented_people: int = 0
    prevented_departures: int = 0
    reports_total: int = 0
    reports_open: int = 0
    resolution_average_days: float | None = None
    prevention_tables: list[Table] = field(default_factory=list)
    report_tables: list[Table] = field(default_factory=list)
    prevented_by_month: Table | None = None
    reports_by_month: Table | None = None
    sourced: list[SourcedComparison] = field(default_factory=list)

    def table(self, key: str) -> Table:
        for table in (*self.prevention_tables, *self.report_tables):
            if table.key == key:
                return table
        raise KeyError(key)


def area_depth(code: str) -> int:
    return len(code.split(".")) if code else 0


def _tally_area_q(code: str) -> Q:
    """Tallies hold one row set per level: the area itself, exactly ("" is national)."""
    return Q(area_code=code)


def _area_q(code: str, column: str) -> Q:
    """Records: the region and everything below it (a range, so the index is used)."""
    if not code:
        return Q()
    return ((Q(**{column: code}) | Q(**{f"{column}__startswith": code + "."}))
            & Q(**{f"{column}__gte": code, f"{column}__lt": code + "/"}))


def _period_q(year: int | None, column: str) -> Q:
    if year is None:
        return Q()
    return Q(**{f"{column}__gte": date(year, 1, 1), f"{column}__lt": date(year + 1, 1, 1)})


# --- prevented departures --------------------------------------------------------------

Counts = dict[str, dict[str, tuple[int, int]]]  # dimension -> value -> (departures, people)


def _prevention_counts_from_tallies(user: User, area: str, year: int | None,
                                    ) -> tuple[Counts, dict[date, int]]:
    tallies = (access.visible(user, PreventionTally.objects.all())
               .filter(_tally_area_q(area), _period_q(year, "month")).order_by())
    counts: Counts = defaultdict(dict)
    for row in (tallies.filter(dimension__in=(*PREVENTION_DIMENSIONS, "all"))
                .values_list("dimension", "value").annotate(d=Sum("departures"),
                                                            p=Sum("people"))):
        dimension, value, departures, people = row
        counts[dimension][value] = (int(departures or 0), int(people or 0))
    monthly = {month: int(people or 0) for month, people in
               tallies.filter(dimension="all").values_list("month").annotate(p=Sum("people"))}
    return counts, monthly


def _prevention_counts_from_records(user: User, area: str, year: int | None,
                                    ) -> tuple[Counts, dict[date, int]]:
    records = (access.visible(user, PreventionRecordStatistic.objects.all())
               .filter(_area_q(area, "region_code"), _period_q(year, "month")).order_by())
    counts: Counts = defaultdict(dict)
    for dimension in PREVENTION_DIMENSIONS:
        column = _PREVENTION_FIELDS[dimension]
        for value, departures, people in (records.values_list(column)
                                          .annotate(d=Count("id"), p=Sum("people_count"))):
            counts[dimension][str(value)] = (int(departures), int(people or 0))
    total = records.aggregate(d=Count("id"), p=Sum("people_count"))
    counts["all"][""] = (int(total["d"] or 0), int(total["p"] or 0))
    monthly = {month: int(people or 0) for month, people in
               records.values_list("month").annotate(p=Sum("people_count"))}
    return counts, monthly


def _labels(dimension: str, codes: list[str]) -> dict[str, str]:
    if dimension == "site":
        return {str(pk): name for pk, name in Site.objects.filter(pk__in=codes)
                .values_list("pk", "name")}
    if dimension == "agency":
        return {str(a.pk): str(a) for a in Agency.objects.filter(pk__in=codes)}
    if dimension == "reason":
        return {c: str(PreventionReason(c).label) for c in codes if c in PreventionReason.values}
    if dimension == "outcome":
        return {c: str(PreventionOutcome(c).label) for c in codes
                if c in PreventionOutcome.values}
    if dimension == "destination":
        return {c: country_name(c) for c in codes}
    choices = {"category": ReportCategory, "channel": ReportChannel, "status": ReportStatus}
    enum = choices[dimension]
    return {c: str(enum(c).label) for c in codes if c in enum.values}


_TITLES = {
    "site": gettext_lazy("Orang dicegah menurut titik embarkasi"),
    "agency": gettext_lazy("Orang dicegah menurut instansi"),
    "reason": gettext_lazy("Orang dicegah menurut alasan"),
    "outcome": gettext_lazy("Orang dicegah menurut tindak lanjut"),
    "destination": gettext_lazy("Orang dicegah menurut negara tujuan"),
    "category": gettext_lazy("Laporan menurut kategori"),
    "channel": gettext_lazy("Laporan menurut saluran"),
    "status": gettext_lazy("Laporan menurut status"),
}


def _table(key: str, measure: str, values: dict[str, int], *, sort: bool = True) -> Table:
    labels = _labels(key, list(values))
    rows = [Row(code=code, label=labels.get(code, code), value=value)
            for code, value in values.items() if value]
    return Table(key=key, title=str(_TITLES[key]), measure=measure, rows=rows).finish(sort=sort)


def _month_table(key: str, title: str, measure: str, monthly: dict[date, int]) -> Table:
    """The last 24 months that have data, with the empty months between them shown as 0."""
    months = sorted(m for m, v in monthly.items() if v)
    rows: list[Row] = []
    if months:
        month = months[-1]
        for _step in range(24):
            rows.append(Row(code=month.isoformat()[:7], label=month.strftime("%m/%Y"),
                            value=monthly.get(month, 0)))
            if month <= months[0]:
                break
            month = (month - timedelta(days=1)).replace(day=1)
    return Table(key=key, title=title, measure=measure, rows=rows[::-1]).finish(sort=False)


def _year_table(monthly: dict[date, int]) -> Table:
    by_year: dict[int, int] = defaultdict(int)
    for month, value in monthly.items():
        by_year[month.year] += value
    rows = [Row(code=str(y), label=str(y), value=v) for y, v in sorted(by_year.items()) if v]
    return Table(key="year", title=_("Orang dicegah menurut tahun"), measure=_("orang"),
                 rows=rows).finish(sort=False)


# --- reports ------------------------------------------------------------------------------


def _report_counts_from_tallies(user: User, area: str, year: int | None,
                                ) -> tuple[dict[str, dict[str, int]], dict[date, int],
                                           dict[date, int]]:
    tallies = (access.visible(user, ReportTally.objects.all())
               .filter(_tally_area_q(area), _period_q(year, "month")).order_by())
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for dimension, value, n in (tallies.filter(dimension__in=(*REPORT_DIMENSIONS, "resolution",
                                                              "resolution_days"))
                                .values_list("dimension", "value").annotate(n=Sum("count"))):
        counts[dimension][value] = int(n or 0)
    by_month: dict[date, int] = {}
    open_by_month: dict[date, int] = {}
    for dimension, month, n in (tallies.filter(dimension__in=("category", "open"))
                                .values_list("dimension", "month").annotate(n=Sum("count"))):
        (by_month if dimension == "category" else open_by_month)[month] = int(n or 0)
    return counts, by_month, open_by_month


def _report_counts_from_records(user: User, area: str, year: int | None,
                                ) -> tuple[dict[str, dict[str, int]], dict[date, int],
                                           dict[date, int]]:
    reports = (access.visible(user, ReportRecordStatistic.objects.all())
               .filter(_area_q(area, "region_code"), _period_q(year, "received_month"))
               .order_by())
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for dimension in REPORT_DIMENSIONS:
        for value, n in reports.values_list(dimension).annotate(n=Count("id")):
            counts[dimension][str(value)] = int(n)
    days_total = 0
    for days, n in (reports.filter(status__in=RESOLVED_STATUSES, resolution_days__isnull=False)
                    .values_list("resolution_days").annotate(n=Count("id"))):
        bucket = resolution_bucket(days)
        counts["resolution"][bucket] = counts["resolution"].get(bucket, 0) + int(n)
        days_total += days * n
    if days_total or counts["resolution"]:
        counts["resolution_days"]["sum"] = days_total
    by_month = {m: int(n) for m, n in
                reports.values_list("received_month").annotate(n=Count("id"))}
    open_by_month = {m: int(n) for m, n in reports.filter(status__in=OPEN_STATUSES)
                     .values_list("received_month").annotate(n=Count("id"))}
    return counts, by_month, open_by_month


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def _age_table(open_by_month: dict[date, int], today: date) -> Table:
    current = today.replace(day=1)
    values: dict[str, int] = {label: 0 for label, _low, _high in AGE_BUCKETS}
    for month, n in open_by_month.items():
        age = max(months_between(month, current), 0)
        for label, low, high in AGE_BUCKETS:
            if age >= low and (high is None or age <= high):
                values[label] += n
                break
    labels = {"0": _("bulan ini"), "1-2": _("1–2 bulan"), "3-5": _("3–5 bulan"),
              "6-11": _("6–11 bulan"), "12+": _("12 bulan atau lebih")}
    rows = [Row(code=code, label=labels[code], value=value) for code, value in values.items()]
    return Table(key="age", title=_("Laporan terbuka menurut umur"), measure=_("laporan"),
                 rows=rows).finish(sort=False)


def _resolution_table(counts: dict[str, int]) -> Table:
    labels = {"0-1": _("0–1 hari"), "2-7": _("2–7 hari"), "8-30": _("8–30 hari"),
              "31-90": _("31–90 hari"), "91+": _("lebih dari 90 hari")}
    rows = [Row(code=code, label=labels[code], value=counts.get(code, 0))
            for code, _low, _high in RESOLUTION_BUCKETS]
    return Table(key="resolution", title=_("Laporan selesai/ditutup menurut lama penyelesaian"),
                 measure=_("laporan"), rows=rows).finish(sort=False)


# --- sourced figures ---------------------------------------------------------------------


def _sourced(user: User, area: str, use_tallies: bool) -> list[SourcedComparison]:
    figures = list(SourcedFigure.objects.filter(key__startswith="prevented"))
    if not figures:
        return []
    immigration = [str(pk) for pk in Agency.objects.filter(kind=AgencyKind.IMMIGRATION)
                   .values_list("pk", flat=True)]
    comparisons = []
    for figure in figures:
        by_immigration = "immigration" in figure.key or "imigrasi" in figure.key
        period = Q(month__gte=figure.period_start.replace(day=1), month__lte=figure.period_end)
        if use_tallies:
            tallies = (access.visible(user, PreventionTally.objects.all())
                       .filter(_tally_area_q(area), period))
            tallies = (tallies.filter(dimension="agency", value__in=immigration)
                       if by_immigration else tallies.filter(dimension="all"))
            recorded = tallies.aggregate(p=Sum("people"))["p"] or 0
        else:
            records = (access.visible(user, PreventionRecordStatistic.objects.all())
                       .filter(_area_q(area, "region_code"), period))
            if by_immigration:
                records = records.filter(acting_agency__kind=AgencyKind.IMMIGRATION)
            recorded = records.aggregate(p=Sum("people_count"))["p"] or 0
        comparisons.append(SourcedComparison(
            figure=figure, recorded=int(recorded),
            recorded_label=_("tercatat di Lindung untuk periode yang sama")))
    return comparisons


def taskforce_statistics(*, user: User, area: str = "", year: int | None = None,
                         today: date | None = None) -> TaskforceStatistics:
    """Everything the statistics page shows. `area` must already be within the user's scope
    (the view's form checks it); the access helper limits every query to the scope anyway."""
    area = area or access.home_code(user)
    use_tallies = area_depth(area) <= 2
    today = today or timezone.localdate()
    stats = TaskforceStatistics(area_code=area, year=year,
                                source="tallies" if use_tallies else "records")
    if use_tallies:
        prevention, prevented_monthly = _prevention_counts_from_tallies(user, area, year)
        reports, by_month, open_by_month = _report_counts_from_tallies(user, area, year)
    else:
        prevention, prevented_monthly = _prevention_counts_from_records(user, area, year)
        reports, by_month, open_by_month = _report_counts_from_records(user, area, year)
    departures, people = prevention.get("all", {}).get("", (0, 0))
    stats.prevented_departures, stats.prevented_people = departures, people
    for dimension in PREVENTION_DIMENSIONS:
        values = {code: p for code, (_d, p) in prevention.get(dimension, {}).items()}
        stats.prevention_tables.append(_table(dimension, _("orang"), values))
    stats.prevention_tables.append(_year_table(prevented_monthly))
    stats.prevented_by_month = _month_table("prevented_month", _("Orang dicegah per bulan"),
                                            _("orang"), prevented_monthly)
    for dimension in REPORT_DIMENSIONS:
        stats.report_tables.append(_table(dimension, _("laporan"), reports.get(dimension, {})))
    stats.report_tables.append(_age_table(open_by_month, today))
    resolution = reports.get("resolution", {})
    stats.report_tables.append(_resolution_table(resolution))
    resolved = sum(resolution.values())
    days = reports.get("resolution_days", {}).get("sum", 0)
    stats.resolution_average_days = round(days / resolved, 1) if resolved else None
    stats.reports_total = sum(reports.get("category", {}).values())
    stats.reports_open = sum(open_by_month.values())
    stats.reports_by_month = _month_table("reports_month", _("Laporan per bulan"),
                                          _("laporan"), by_month)
    stats.sourced = _sourced(user, area, use_tallies)
    return stats


def available_years(user: User) -> list[int]:
    """Years with any data in scope (index look-ups: earliest and latest month)."""
    scope = access.home_code(user)
    if area_depth(scope) <= 2:
        spans: list[Any] = [
            access.visible(user, PreventionTally.objects.filter(dimension="all",
                                                                area_code=scope)),
            access.visible(user, ReportTally.objects.filter(dimension="category",
                                                            area_code=scope))]
        fields = ("month", "month")
    else:
        spans = [access.visible(user, PreventionRecordStatistic.objects.all()),
                 access.visible(user, ReportRecordStatistic.objects.all())]
        fields = ("month", "received_month")
    bounds = []
    for queryset, column in zip(spans, fields, strict=True):
        span = queryset.aggregate(first=Min(column), last=Max(column))
        bounds += [span["first"], span["last"]]
    found = [b for b in bounds if b is not None]
    if not found:
        return []
    return list(range(max(found).year, min(found).year - 1, -1))
