"""Reading a census sheet through the kernel's streamed reader (`lindung.common.sheets`):
XLSX with openpyxl's read-only mode, CSV with the csv module, within the census limits
below, checked from the sheet's declared extent before any row is read and again while the
rows stream. The whole read runs in the worker (`census_import_inspect`); a page only reads
the first few rows (`read_head`)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any
from typing import Final

from lindung.common import sheets
from lindung.common.sheets import SheetError

__all__ = ["LIMITS", "MAX_ROWS", "Sheet", "SheetError", "is_supported", "read_head",
           "read_sheet"]

MAX_ROWS: Final = 1_000_000
# Data rows, plus a header and a few title rows above it; a census has about 25 fields.
LIMITS: Final = sheets.SheetLimits(rows=MAX_ROWS + 20, columns=200, cells=20_000_000,
                                   unpacked_bytes=512 * sheets.MB)


@dataclass
class Sheet:
    sheet_names: list[str]
    sheet_name: str
    rows: list[list[Any]]


def is_supported(file_name: str) -> bool:
    return sheets.is_supported(file_name)


def read_sheet(data: bytes, *, file_name: str, sheet_name: str = "") -> Sheet:
    """Every row of the sheet (the named one, else the first with more than a header)."""
    opened = sheets.open_sheet(data, file_name=file_name, limits=LIMITS, sheet_name=sheet_name,
                               prefer_filled=True)
    return Sheet(opened.sheet_names, opened.sheet_name, opened.read())


def read_head(data: bytes, *, file_name: str, sheet_name: str = "", rows: int) -> Sheet:
    """The first `rows` rows only (what a page shows): the rest is not parsed."""
    opened = sheets.open_sheet(data, file_name=file_name, limits=LIMITS, sheet_name=sheet_name,
                               prefer_filled=True)
    return Sheet(opened.sheet_names, opened.sheet_name, list(islice(opened.rows(), rows)))
