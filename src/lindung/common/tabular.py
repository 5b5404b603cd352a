"""CSV and XLSX downloads that a spreadsheet cannot turn into formulas: the one tabular
export of every app.

A text cell that starts with = + - @ (or their full-width forms), a tab, a carriage return
or a line feed is what Excel, LibreOffice and Google Sheets may run as a formula (OWASP
"CSV injection"); such text gets a leading apostrophe. Numbers, decimals, dates and times
are written as values, so a spreadsheet can compute with them; booleans as "ya"/"tidak" in
the active language; None as an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_VALUES = (int, float, Decimal, date, datetime, time, timedelta)


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should show it, never as a formula it would run."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, _VALUES):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: a title (cut to Excel's 31 characters), a header row
    (bold; none when empty) and the rows. `number_format` (an Excel format such as
    "#,##0" or "0.0%"), when given, is the display format of the sheet's numbers: they stay
    numbers a spreadsheet computes with, shown with thousands separators or as percentages."""

    title: str
    columns: Sequence[Any]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)
    number_format: str = ""


def csv_bytes(columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    # A byte-order mark so that Excel opens UTF-8 (Indonesian names) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(target: Any, value: Any, number_format: str) -> Any:
    value = safe_cell(value)
    if not number_format or isinstance(value, bool) or not isinstance(value, int | float |
                                                                       Decimal):
        return value
    cell = WriteOnlyCell(target, value=value)
    cell.number_format = number_format
    return cell


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        target = workbook.create_sheet(title=sheet.title[:31])
        if sheet.columns:
            header = []
            for title in sheet.columns:
                cell = WriteOnlyCell(target, value=safe_cell(title))
                cell.font = bold
                header.append(cell)
            target.append(header)
        for row in sheet.rows:
            target.append([_cell(target, v, sheet.number_format) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """The response as a file to save (`filename`), never cached, its type not guessed."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


def csv_response(filename: str, columns: Sequence[Any],
                 rows: Iterable[Sequence[Any]]) -> HttpResponse:
    return attachment(HttpResponse(csv_bytes(columns, rows),
                                    content_type="text/csv; charset=utf-8"), filename)


def xlsx_response(filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    return attachment(HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE), filename)
