"""The work statistics month by month, and their download (issue 16).

One row per month of the year read (every month, the empty ones as zeros); for all years,
every month from the first one with a record to the current month. Each column is a one-way
table with its total under the same small-cell rule as the rest of the page
(common/disclosure.py) for a reader who may not open the records. Months are counted as the
page counts its periods (site/statistics.py): passengers by their manifest's departure date,
alerts and referrals by the day they were raised (in the active time zone), cases by the
month they were opened.

The download goes through the kernel's one tabular export (common/tabular.py): figures as
numbers with a number format, a hidden count as its "<11" text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.db.models import Model
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lindung.accounts.models import User
from lindung.common import tabular
from lindung.common.disclosure import Cell
from lindung.common.disclosure import suppress_table
from lindung.core import access
from lindung.reports.choices import ReferralStatus
from lindung.screening.choices import AlertStatus
from lindung.site.models import AlertStatistic
from lindung.site.models import CaseStatistic
from lindung.site.models import ReferralStatistic
from lindung.site.models import ScreenedPassengerStatistic
from lindung.site.statistics import Breakdown
from lindung.site.statistics import WorkStatistics

#: At most this many months in one table (ten years of "all years").
MAX_MONTHS = 120

COUNT_FORMAT = "#,##0"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    section: str  # screening, referrals, cases: whose records, for the owner rule
    model: type[Model]
    month_of: str  # the column whose month counts
    only: Q | None = None  # which of the records count (None: all)


def columns() -> list[Column]:
    return [
        Column("passengers", _("Penumpang disaring"), "screening", ScreenedPassengerStatistic,
               "manifest__departure_date", ~Q(verdict="")),
        Column("alerts", _("Peringatan"), "screening", AlertStatistic, "created_at"),
        Column("alerts_resolved", _("Peringatan selesai"), "screening", AlertStatistic,
               "created_at", Q(status=AlertStatus.RESOLVED)),
        Column("referrals", _("Rujukan dikirim"), "referrals", ReferralStatistic, "created_at"),
        Column("referrals_answered", _("Rujukan dijawab"), "referrals", ReferralStatistic,
               "created_at", Q(status__in=(ReferralStatus.ACCEPTED, ReferralStatus.REJECTED))),
        Column("cases", _("Kasus dibuka"), "cases", CaseStatistic, "opened_month"),
    ]


@dataclass(frozen=True)
class Monthly:
    """Months (first days) down, the columns the reader may see across."""

    months: list[date]
    columns: list[Column]
    cells: dict[str, list[Cell]]  # column key -> one cell per month
    totals: dict[str, Cell]

    @property
    def total_cells(self) -> list[Cell]:
        return [self.totals[c.key] for c in self.columns]

    @property
    def rows(self) -> list[tuple[date, list[Cell]]]:
        return [(month, [self.cells[c.key][i] for c in self.columns])
                for i, month in enumerate(self.months)]


def _month(value: date | datetime) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _months(first: date, last: date) -> list[date]:
    months: list[date] = []
    current = first
    while current <= last and len(months) < MAX_MONTHS:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _counts(qs: QuerySet[Any], column: Column) -> dict[date, int]:
    counts: dict[date, int] = {}
    for month, n in (qs.annotate(month=TruncMonth(column.month_of)).values_list("month")
                     .annotate(n=Count("id")).values_list("month", "n")):
        if month is not None:
            key = _month(month)
            counts[key] = counts.get(key, 0) + int(n)
    return counts


def monthly(*, user: User, stats: WorkStatistics) -> Monthly:
    """The month-by-month table of the reader's area for `stats.year` (None: all years)."""
    year = stats.year
    shown = [c for c in columns() if stats.shown.get(c.section)]
    counted: dict[str, dict[date, int]] = {}
    for column in shown:
        qs = access.visible(user, column.model._default_manager.all()).order_by()
        if column.only is not None:
            qs = qs.filter(column.only)
        if year:
            qs = qs.filter(**{f"{column.month_of}__year": year})
        counted[column.key] = _counts(qs, column)
    today = timezone.localdate().replace(day=1)
    if year:
        months = _months(date(year, 1, 1), date(year, 12, 1))
    else:
        seen = [month for counts in counted.values() for month in counts]
        first = min(seen, default=today)
        months = _months(max(first, date(today.year - MAX_MONTHS // 12 + 1, 1, 1)),
                         max(today, max(seen, default=today)))
    cells: dict[str, list[Cell]] = {}
    totals: dict[str, Cell] = {}
    for column in shown:
        values = [counted[column.key].get(month, 0) for month in months]
        total = sum(counted[column.key].values())
        if stats.owner.get(column.section):
            cells[column.key], totals[column.key] = list(values), total
        else:
            table = suppress_table(values, total)
            cells[column.key], totals[column.key] = table.cells, table.total
    return Monthly(months=months, columns=shown, cells=cells, totals=totals)


def month_label(month: date) -> str:
    return f"{month:%Y-%m}"


def _breakdown_sheet(title: str, heading: str, table: Breakdown | None) -> tabular.Sheet | None:
    if table is None:
        return None
    rows: list[Sequence[Any]] = [[line.label, line.value] for line in table.lines]
    rows.append([_("Jumlah seluruhnya"), table.total])
    return tabular.Sheet(title, [heading, _("Jumlah")], rows, number_format=COUNT_FORMAT)


def download(*, stats: WorkStatistics, table: Monthly, fmt: str) -> HttpResponse:
    """The figures as CSV (the monthly table) or XLSX (the monthly table and each
    breakdown on its own sheet)."""
    period = str(stats.year) if stats.year else pgettext("statistics period", "semua")
    header = [_("Bulan"), *[c.label for c in table.columns]]
    rows: list[Sequence[Any]] = [[month_label(month), *cells] for month, cells in table.rows]
    rows.append([_("Jumlah seluruhnya"), *[table.totals[c.key] for c in table.columns]])
    name = f"statistik-kerja-{period}"
    if fmt == "csv":
        return tabular.csv_response(f"{name}.csv", header, rows)
    sheets = [tabular.Sheet(_("Bulanan"), header, rows, number_format=COUNT_FORMAT)]
    for title, heading, breakdown in (
            (_("Penumpang"), _("Hasil"), stats.passengers),
            (_("Peringatan"), _("Penyelesaian"), stats.alerts),
            (_("Rujukan"), _("Status"), stats.referral_status),
            (_("Kasus status"), _("Status"), stats.cases_status),
            (_("Kasus tahap"), _("Tahap proses hukum"), stats.cases_stage)):
        sheet = _breakdown_sheet(title, heading, breakdown)
        if sheet is not None:
            sheets.append(sheet)
    return tabular.xlsx_response(f"{name}.xlsx", sheets)
