"""Statistics downloads: the tables as CSV or XLSX (formula-safe), and an anonymised
open-data version that suppresses small cells.

Open data follows CTDC's k = 11: a count from 1 to 10 is published as "<11". When a table
would then hide a single cell, whose value the published total would give away, the next
smallest count is hidden too (secondary suppression), and totals are published as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from lindung.common.tabular import Sheet
from lindung.prevention.statistics.selectors import Table, TaskforceStatistics

K_ANONYMITY = 11
SUPPRESSED = "<11"
COLUMNS = ("tabel", "kode", "keterangan", "satuan", "jumlah")


def all_tables(stats: TaskforceStatistics) -> list[Table]:
    tables = [*stats.prevention_tables, *stats.report_tables]
    if stats.prevented_by_month:
        tables.append(stats.prevented_by_month)
    if stats.reports_by_month:
        tables.append(stats.reports_by_month)
    return tables


def suppress(values: list[int], k: int = K_ANONYMITY) -> list[int | str]:
    """Primary (1..k-1) and secondary suppression of one table's cells."""
    hidden = {i for i, v in enumerate(values) if 0 < v < k}
    if len(hidden) == 1:
        candidates = sorted((v, i) for i, v in enumerate(values) if i not in hidden and v > 0)
        if candidates:
            hidden.add(candidates[0][1])
    return [SUPPRESSED if i in hidden else v for i, v in enumerate(values)]


def table_rows(table: Table, *, open_data: bool) -> list[list[Any]]:
    values: list[int | str] = [row.value for row in table.rows]
    if open_data:
        values = suppress([row.value for row in table.rows])
    rows: list[list[Any]] = [[table.key, row.code, row.label, table.measure, value]
                             for row, value in zip(table.rows, values, strict=True)]
    rows.append([table.key, "total", _("Jumlah"), table.measure, table.total])
    return rows


def _sourced_rows(stats: TaskforceStatistics) -> Iterable[list[Any]]:
    for comparison in stats.sourced:
        figure = comparison.figure
        yield ["sourced", figure.key, f"{figure.label} ({_('sumber')}: {figure.source})",
               figure.unit, figure.value]
        yield ["recorded", figure.key, str(comparison.recorded_label), figure.unit,
               comparison.recorded]


def flat_rows(stats: TaskforceStatistics, *, open_data: bool) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for table in all_tables(stats):
        if open_data and table.key in ("site", "agency") and stats.area_code:
            # A site or agency inside a small area can point at individual officers' work;
            # open data publishes these only nationally, still suppressed.
            continue
        rows.extend(table_rows(table, open_data=open_data))
    rows.extend(_sourced_rows(stats))
    return rows


def xlsx_sheets(stats: TaskforceStatistics, *, open_data: bool,
                ) -> list[Sheet]:
    sheets: list[Sheet] = []
    for table in all_tables(stats):
        if open_data and table.key in ("site", "agency") and stats.area_code:
            continue
        sheets.append(Sheet(table.key, COLUMNS, table_rows(table, open_data=open_data)))
    sourced = list(_sourced_rows(stats))
    if sourced:
        sheets.append(Sheet("sumber", COLUMNS, sourced))
    return sheets
