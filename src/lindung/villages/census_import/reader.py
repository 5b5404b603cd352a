"""Reading a census sheet: XLSX/XLS/ODS through python-calamine (about 14x faster than
openpyxl, see DESIGN.md section 4), CSV through the csv module (UTF-8 with or without BOM,
else Windows-1252; the delimiter is sniffed: ";" is common in Indonesian Excel exports)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import python_calamine

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
MAX_ROWS = 1_000_000


class SheetError(ValueError):
    """The file cannot be read as a census sheet (bilingual message)."""


@dataclass
class Sheet:
    sheet_names: list[str]
    sheet_name: str
    rows: list[list[Any]]


def is_supported(file_name: str) -> bool:
    return file_name.lower().endswith(SPREADSHEET_SUFFIXES + CSV_SUFFIXES)


def read_sheet(data: bytes, *, file_name: str, sheet_name: str = "") -> Sheet:
    lower = file_name.lower()
    if lower.endswith(CSV_SUFFIXES):
        rows = _read_csv(data)
        sheet = Sheet(sheet_names=[], sheet_name="", rows=rows)
    elif lower.endswith(SPREADSHEET_SUFFIXES):
        sheet = _read_spreadsheet(data, sheet_name)
    else:
        raise SheetError("Jenis berkas tidak didukung (pakai .xlsx, .xls, .ods atau .csv) / "
                         "Unsupported file type (use .xlsx, .xls, .ods or .csv)")
    if len(sheet.rows) > MAX_ROWS:
        raise SheetError(f"Lembar lebih dari {MAX_ROWS:,} baris; bagi menjadi beberapa berkas / "
                         f"The sheet has more than {MAX_ROWS:,} rows; split it")
    return sheet


def _read_spreadsheet(data: bytes, sheet_name: str) -> Sheet:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(workbook.sheet_names)
        if not names:
            raise SheetError("Berkas tidak berisi lembar / The workbook has no sheet")
        chosen, sheet = _choose(workbook, names, sheet_name)
        rows = sheet.to_python(skip_empty_area=False)
    except SheetError:
        raise
    except Exception as exc:  # calamine raises several error types for broken files
        raise SheetError("Berkas tidak dapat dibaca sebagai lembar kerja (rusak atau "
                         "terkunci kata sandi?) / The file cannot be read as a spreadsheet "
                         "(damaged or password-protected?)") from exc
    return Sheet(sheet_names=names, sheet_name=chosen, rows=rows)


def _choose(workbook: Any, names: list[str], wanted: str) -> tuple[str, Any]:
    """The named sheet, else the first one with more than a header row (each sheet is
    parsed once: calamine parses it when it is opened)."""
    if wanted in names:
        return wanted, workbook.get_sheet_by_name(wanted)
    first = None
    for name in names:
        sheet = workbook.get_sheet_by_name(name)
        if first is None:
            first = (name, sheet)
        if sheet.height > 1:
            return name, sheet
    assert first is not None
    return first


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """The separator most used in the first lines (the header row has one per column)."""
    lines = [line for line in text[:20000].splitlines() if line.strip()][:5]
    counts = {sep: sum(line.count(sep) for line in lines) for sep in (";", ",", "\t", "|")}
    return max(counts, key=lambda sep: counts[sep])


def _read_csv(data: bytes) -> list[list[Any]]:
    text = _decode(data)
    return [row for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))]
