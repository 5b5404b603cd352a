"""Statistics downloads: the tables as CSV or XLSX (formula-safe), and an anonymised
open-data version that suppresses small cells.

Open data follows the kernel's one small-cell rule (`lindung.common.disclosure`, CTDC's
k = 11): a count from 1 to 10 is published as "<11", hidden cells are protected together so
that the published total does not give them away, and a small total is hidden too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from lindung.common.disclosure import Cell
from lindung.common.disclosure import suppress_table
from lindung.common.tabular import Sheet
from lindung.prevention.statistics.selectors import Table
from lindung.prevention.statistics.selectors import TaskforceStatistics

COLUMNS = ("tabel", "kode", "keterangan", "satuan", "jumlah")


def all_tables(stats: TaskforceStatistics) -> list[Table]:
    tables = [*stats.prevention_tables, *stats.report_tables]
    if stats.prevented_by_month:
        tables.append(stats.prevented_by_month)
    if stats.reports_by_month:
        tables.append(stats.reports_by_month)
    return tables


def table_rows(table: Table, *, open_data: bool) -> list[list[Any]]:
    values: list[Cell] = [row.value for row in table.rows]
    total: Cell = table.total
    if open_data:
        suppressed = suppress_table([row.value for row in table.rows], table.total)
        values, total = suppressed.cells, suppressed.total
    rows: list[list[Any]] = [[table.key, row.code, row.label, table.measure, value]
                             for row, value in zip(table.rows, values, strict=True)]
    rows.append([table.key, "total", _("Jumlah"), table.measure, total])
    return rows


def _sourced_rows(stats: TaskforceStatistics) -> Iterable[list[Any]]:
    for comparison in stats.sourced:
        figure = comparison.figure
        yield ["sourced", figure.key, f"{figure.shown_label} ({_('sumber')}: {figure.source})",
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
