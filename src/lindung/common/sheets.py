"""The one spreadsheet reader: rows streamed one at a time, within limits checked before
anything is read.

A sheet's size is not its file's size: an XLSX of 5 KB with cells A1 and XFD1000 declares
16.4 million cells, and a reader that makes a grid of it (python-calamine, pandas) takes
hundreds of megabytes. Here:

- XLSX (.xlsx/.xlsm): the sizes the ZIP declares for its parts are checked first (a part
  larger than it declares is not read past its declared size); then the sheet's XML is
  scanned as a stream, a megabyte at a time: its own `<dimension>` (rows, columns and
  their product) is checked against the limits before any row, then every row and cell
  position as it comes, so that a missing or lying dimension is caught at the first
  position over a limit. Only then is the sheet read, by python-calamine, whose grid is
  at most the extent scanned. (openpyxl's read-only mode streams too, but took 51.6 s
  for 100,000 rows of 18 columns where calamine takes 2.8 s.)
- CSV (.csv/.txt/.tsv): UTF-8 (with or without BOM), else Windows-1252, else Latin-1;
  the separator is the one most used in the first lines (";" is common in Indonesian Excel
  exports); rows streamed by the csv module under the same limits.
- Legacy .xls and .ods are refused: their extent cannot be checked before a grid is made
  of them; the message asks for .xlsx or .csv.

Errors (`SheetError`) are in the active language, or kept (`kept()`, common/stored_text.py)
for a worker that stores its message for whoever reads it later.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import IO
from typing import Any
from typing import Final
from xml.etree import ElementTree

from django.utils.translation import gettext
from django.utils.translation import gettext_noop

from lindung.common import stored_text

__all__ = ["CSV_SUFFIXES", "SUFFIXES", "XLSX_SUFFIXES", "Sheet", "SheetError", "SheetLimits",
           "is_supported", "open_sheet"]

XLSX_SUFFIXES: Final = (".xlsx", ".xlsm")
CSV_SUFFIXES: Final = (".csv", ".txt", ".tsv")
REFUSED_SUFFIXES: Final = (".xls", ".ods")
SUFFIXES: Final = XLSX_SUFFIXES + CSV_SUFFIXES
MB: Final = 1024 * 1024
_SEPARATORS: Final = (";", ",", "\t", "|")


@dataclass(frozen=True)
class SheetLimits:
    """At most `rows` rows (header included), `columns` columns and `cells` cells in the
    area read (each row as long as its last cell); `unpacked_bytes` of XML inside an
    XLSX."""

    rows: int
    columns: int
    cells: int
    unpacked_bytes: int = 256 * MB


class SheetError(ValueError):
    """The file cannot be read as a sheet within the limits. `str()` is in the active
    language; `kept()` is the message to store in a row, shown later in the reader's
    (common/stored_text.py)."""

    def __init__(self, message: str, kind: str = "unreadable", **params: Any) -> None:
        self.kind = kind  # unreadable, unsupported, rows, columns, cells, unpacked
        self.template = message
        self.params = params
        super().__init__(message)

    def __str__(self) -> str:
        text = gettext(self.template)
        return text % self.params if self.params else text

    def kept(self) -> str:
        return stored_text.keep(self.template, **self.params)


_UNREADABLE = gettext_noop("Berkas tidak dapat dibaca sebagai lembar kerja (rusak atau "
                           "terkunci kata sandi?).")


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _too_many_rows(limit: int) -> SheetError:
    return SheetError(gettext_noop("Lembar lebih dari %(limit)s baris; bagi menjadi beberapa "
                                   "berkas."), "rows", limit=_number(limit))


def _too_many_columns(limit: int) -> SheetError:
    return SheetError(gettext_noop("Lembar lebih dari %(limit)s kolom; hapus kolom yang tidak "
                                   "dipakai."), "columns", limit=_number(limit))


def _too_many_cells(limit: int) -> SheetError:
    return SheetError(gettext_noop("Lembar lebih dari %(limit)s sel; bagi menjadi beberapa "
                                   "berkas."), "cells", limit=_number(limit))


@dataclass
class Sheet:
    """An opened sheet: its name, the workbook's sheet names, the extent it declares (None
    when it declares none), and its rows, read on demand (once)."""

    sheet_names: list[str]
    sheet_name: str
    declared_rows: int | None
    declared_columns: int | None
    _rows: Iterator[list[Any]] = field(repr=False)

    def rows(self) -> Iterator[list[Any]]:
        return self._rows

    def read(self) -> list[list[Any]]:
        """All the rows (bounded by the limits)."""
        return list(self._rows)


def is_supported(file_name: str) -> bool:
    return file_name.lower().endswith(SUFFIXES)


def unsupported() -> SheetError:
    return SheetError(gettext_noop("Jenis berkas tidak didukung: simpan sebagai .xlsx atau "
                                   ".csv (berkas .xls dan .ods tidak dapat diperiksa "
                                   "ukurannya sebelum dibaca)."), "unsupported")


def open_sheet(data: bytes, *, file_name: str, limits: SheetLimits, sheet_name: str = "",
               prefer_filled: bool = False) -> Sheet:
    """The named sheet, else the first one (with `prefer_filled`: the first one with more
    than a header row). Raises SheetError when the file is not a sheet or declares more
    than the limits; the rows raise it when they turn out to exceed them."""
    lower = file_name.lower()
    if lower.endswith(CSV_SUFFIXES):
        return Sheet([], "", None, None, _csv_rows(data, limits))
    if lower.endswith(XLSX_SUFFIXES):
        return _open_xlsx(data, limits, sheet_name, prefer_filled)
    raise unsupported()


# ---------------------------------------------------------------------------------------------
# XLSX


def _check_parts(archive: zipfile.ZipFile, limits: SheetLimits) -> None:
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > limits.unpacked_bytes:
        raise SheetError(gettext_noop("Isi berkas lebih dari %(limit)s MB bila dibuka; bagi "
                                      "menjadi beberapa berkas."), "unpacked",
                         limit=_number(limits.unpacked_bytes // MB))


def _check_extent(rows: int, columns: int, limits: SheetLimits) -> None:
    if rows > limits.rows:
        raise _too_many_rows(limits.rows)
    if columns > limits.columns:
        raise _too_many_columns(limits.columns)
    if rows * columns > limits.cells:
        raise _too_many_cells(limits.cells)


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the ZIP part holding its XML (xl/workbook.xml and its relationships)."""
    for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if archive.getinfo(name).file_size > 16 * MB:
            raise SheetError(_UNREADABLE)
    # Small parts of a ZIP whose sizes were checked; the standard library's expat refuses
    # entity expansion attacks and resolves no external entity.
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
    relations = ElementTree.fromstring(  # noqa: S314
        archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations}
    parts = {}
    for sheet in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


class _Extent:
    """The extent of a worksheet's XML, scanned as a stream: the dimension it declares
    (checked as soon as it is seen, before any row), then every row and cell position
    (explicit `r` references, or implicit ones counted in order), checked against the
    limits as they come. Works on the raw XML a megabyte at a time; nothing is kept."""

    def __init__(self, limits: SheetLimits) -> None:
        self.limits = limits
        self.declared: tuple[int, int] | None = None
        self.rows = self.columns = self.cells = 0
        self.row = self.column = 0
        self.in_data = False
        self.row_tag = self.cell_tag = _SHEET_DATA

    def scan(self, source: IO[bytes]) -> None:
        tail = b""
        while chunk := source.read(MB):
            buffer = tail + chunk
            cut = buffer.rfind(b"<")
            if cut <= 0:
                tail = buffer
            else:
                self._feed(buffer[:cut])
                tail = buffer[cut:]
            if len(tail) > 8 * MB:  # no tag, nor the text of a cell, is that long
                raise SheetError(_UNREADABLE)
        self._feed(tail)

    def _feed(self, xml: bytes) -> None:
        if not self.in_data:
            self._scan_head(xml)
        if not self.in_data:
            return
        if not self._count_explicit(xml):
            self._count_implicit(xml)

    def _scan_head(self, xml: bytes) -> None:
        """Before `<sheetData>`: check the declared `<dimension>`, find where data starts
        (and the namespace prefix of its row and cell tags)."""
        dimension = _DIMENSION.search(xml)
        if dimension is not None and self.declared is None:
            rows, columns = _ref_size(dimension.group(1))
            self.declared = (rows, columns)
            _check_extent(rows, columns, self.limits)
        data = _SHEET_DATA.search(xml)
        if data is not None:
            self.in_data = True
            prefix = re.escape(data.group(1) or b"")
            self.row_tag = re.compile(rb"<" + prefix + rb"row[\s/>]")
            self.cell_tag = re.compile(rb"<" + prefix + rb"c[\s/>]")

    def _count_explicit(self, xml: bytes) -> bool:
        """When every row and cell of the chunk gives its position (what Excel, LibreOffice
        and the Python writers write), take the largest ones, found at C speed; False when
        some position is implicit."""
        cell_tags = len(self.cell_tag.findall(xml))
        row_refs = _ROW_R.findall(xml)
        cell_columns = _CELL_COLUMN.findall(xml)
        if len(row_refs) != len(self.row_tag.findall(xml)) or len(cell_columns) != cell_tags:
            return False
        numbers = set(row_refs)
        numbers.update(_CELL_ROW.findall(xml))
        if numbers:
            self.row = max(self.row, int(max(numbers, key=lambda n: (len(n), n))))
        letters = set(cell_columns)
        if letters:
            self.column = max(self.column, _column(
                max(letters, key=lambda text: (len(text), text))))
        self.cells += cell_tags
        self._check()
        return True

    def _count_implicit(self, xml: bytes) -> None:
        """Positions left implicit: counted one tag at a time."""
        for match in _TAG.finditer(xml):
            reference = _REF.search(match.group(2))
            if match.group(1) == b"row":
                self.row = int(reference.group(2)) if reference else self.row + 1
                self.column = 0
            else:
                self.cells += 1
                if reference is not None and reference.group(1):
                    self.column = _column(reference.group(1))
                    self.row = max(self.row, int(reference.group(2)))
                else:
                    self.column += 1
            self._check()

    def _check(self) -> None:
        self.rows = max(self.rows, self.row)
        self.columns = max(self.columns, self.column)
        _check_extent(self.rows, self.columns, self.limits)
        if self.cells > self.limits.cells:
            raise _too_many_cells(self.limits.cells)


_MAIN_NS: Final = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DIMENSION: Final = re.compile(rb"""<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_SHEET_DATA: Final = re.compile(rb"<(\w+:)?sheetData[\s/>]")
_ROW_R: Final = re.compile(rb' r="(\d+)"')
_CELL_COLUMN: Final = re.compile(rb' r="([A-Z]{1,3})\d')
_CELL_ROW: Final = re.compile(rb' r="[A-Z]{1,3}(\d+)"')
_TAG: Final = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF: Final = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{0,3})(\d+)["']""")


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _ref_size(ref: bytes) -> tuple[int, int]:
    """Rows and columns of a dimension ("A1:XFD1000", "A1"), counted from A1."""
    last = ref.split(b":")[-1]
    match = re.fullmatch(rb"\$?([A-Za-z]{1,3})\$?(\d+)", last.strip())
    if match is None:
        return 0, 0
    return int(match.group(2)), _column(match.group(1))


def _open_xlsx(data: bytes, limits: SheetLimits, wanted: str, prefer_filled: bool) -> Sheet:
    import python_calamine

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_parts(archive, limits)
        parts = _sheet_parts(archive)
    except SheetError:
        raise
    except Exception as exc:  # not a ZIP, no workbook part, broken XML
        raise SheetError(_UNREADABLE) from exc
    names = list(parts)
    if not names:
        raise SheetError(gettext_noop("Berkas tidak berisi lembar."))
    candidates = [wanted] if wanted in names else names
    chosen, extent = candidates[0], _Extent(limits)
    for name in candidates:
        extent = _Extent(limits)
        try:
            with archive.open(parts[name]) as source:
                extent.scan(source)
        except SheetError:
            raise
        except Exception as exc:  # a missing part, a bad CRC, a truncated stream
            raise SheetError(_UNREADABLE) from exc
        chosen = name
        if not prefer_filled or name == wanted or extent.rows > 1:
            break
    # Within the limits: read with python-calamine (about 18x faster than openpyxl's
    # read-only mode: 2.8 s against 51.6 s for 100,000 rows of 18 columns). Its grid is
    # at most the extent just scanned.
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows: list[list[Any]] = workbook.get_sheet_by_name(chosen).to_python(
            skip_empty_area=False)
    except Exception as exc:  # calamine raises several error types for broken files
        raise SheetError(_UNREADABLE) from exc
    declared = extent.declared or (None, None)
    return Sheet(names, chosen, declared[0], declared[1], _limited(iter(rows), limits))


# ---------------------------------------------------------------------------------------------
# Counting


def _limited(rows: Iterator[list[Any]], limits: SheetLimits,
             stop: int | None = None) -> Iterator[list[Any]]:
    """The rows, refused at the first one past a limit (rows, columns, cells)."""
    cells = 0
    for count, row in enumerate(rows, start=1):
        if count > limits.rows:
            raise _too_many_rows(limits.rows)
        if len(row) > limits.columns:
            raise _too_many_columns(limits.columns)
        cells += len(row)
        if cells > limits.cells:
            raise _too_many_cells(limits.cells)
        yield row
        if stop is not None and count >= stop:
            return


# ---------------------------------------------------------------------------------------------
# CSV


def _decodes(data: bytes, encoding: str) -> bool:
    """Whether `data` is valid in `encoding`, checked piece by piece (nothing kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), MB):
            decoder.decode(data[start:start + MB], final=start + MB >= len(data))
    except UnicodeDecodeError:
        return False
    return True


def _encoding(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        if _decodes(data, encoding):
            return encoding
    return "latin-1"


def _delimiter(sample: str) -> str:
    """The separator most used in the first lines (the header row has one per column)."""
    lines = [line for line in sample.splitlines() if line.strip()][:5]
    counts = {sep: sum(line.count(sep) for line in lines) for sep in _SEPARATORS}
    return max(counts, key=lambda sep: counts[sep])


def _csv_rows(data: bytes, limits: SheetLimits) -> Iterator[list[Any]]:
    encoding = _encoding(data)
    sample = data[:20000].decode(encoding, errors="ignore")
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(text, delimiter=_delimiter(sample))

    def rows() -> Iterator[list[Any]]:
        try:
            yield from reader
        except csv.Error as exc:  # a field over the csv module's limit, a NUL byte
            raise SheetError(gettext_noop("Berkas CSV tidak dapat dibaca (baris %(row)s)."),
                             row=_number(reader.line_num)) from exc

    return _limited(rows(), limits)
