"""Reference data shipped as CSV files inside the package, read with a declared column per
field and checked row by row.

A data file is UTF-8 CSV with a header row; each field is a :class:`Column` with a type
(text, integer, yes/no), whether it may be empty, a longest length, the values it may take
and a pattern it must match. A bad row is refused with the file and the row number as a
spreadsheet shows it (the header is row 1): ``DataFileError("agencies.csv, row 7, column
'kind': 'polisi' is not one of ...")``. The files are the package's own data, so the errors
are for whoever edits them, in English, never shown to a user of the site.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Literal

__all__ = ["Column", "DataFileError", "DataRow", "read_data_file", "require_unique"]

Kind = Literal["text", "int", "bool"]
_BOOLEANS = {"yes": True, "no": False}


class DataFileError(ValueError):
    """A data file that cannot be read, or a row of it that breaks its columns' rules."""

    def __init__(self, path: Path | str, message: str, row: int | None = None,
                 column: str = "") -> None:
        self.file = Path(path).name
        self.row = row
        self.column = column
        where = self.file + (f", row {row}" if row is not None else "")
        where += f", column {column!r}" if column else ""
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Column:
    """One field of a data file. `required`: the cell may not be empty (an empty optional
    cell reads as "", 0 or False). `choices`: the values allowed. `pattern`: a regular
    expression the whole cell must match."""

    name: str
    kind: Kind = "text"
    required: bool = True
    max_length: int | None = None
    choices: Sequence[str] | None = None
    pattern: str | None = None

    def parse(self, cell: str) -> Any:
        """The cell's value; ValueError with the reason when it breaks a rule."""
        if not cell:
            if self.required:
                raise ValueError("empty, but required")
            return {"text": "", "int": 0, "bool": False}[self.kind]
        if cell != cell.strip():
            raise ValueError(f"{cell!r} has spaces round it")
        if self.kind == "int":
            if not re.fullmatch(r"-?[0-9]+", cell):
                raise ValueError(f"{cell!r} is not a whole number")
            return int(cell)
        if self.kind == "bool":
            if cell not in _BOOLEANS:
                raise ValueError(f"{cell!r} is not 'yes' or 'no'")
            return _BOOLEANS[cell]
        self._check_text(cell)
        return cell

    def _check_text(self, cell: str) -> None:
        if self.max_length is not None and len(cell) > self.max_length:
            raise ValueError(f"{len(cell)} characters, more than {self.max_length}")
        if self.choices is not None and cell not in self.choices:
            raise ValueError(f"{cell!r} is not one of {', '.join(self.choices)}")
        if self.pattern is not None and not re.fullmatch(self.pattern, cell):
            raise ValueError(f"{cell!r} does not match {self.pattern}")


@dataclass(frozen=True)
class DataRow:
    """A checked row: its values by column name and its row number (the header is row 1)."""

    path: Path
    number: int
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def error(self, message: str, column: str = "") -> DataFileError:
        """An error about this row (for checks across columns or files)."""
        return DataFileError(self.path, message, self.number, column)


def read_data_file(path: Path, columns: Sequence[Column],
                   check: Callable[[DataRow], None] | None = None) -> list[DataRow]:
    """The rows of a data file, each checked against `columns` (the header must name them
    all, in any order, and nothing else) and then by `check` (which raises
    ``row.error(...)``). Raises :class:`DataFileError` on the first bad row."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle, strict=True))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(path, f"cannot be read ({exc})") from exc
    if not records:
        raise DataFileError(path, "empty: no header row", 1)
    header, body = records[0], records[1:]
    _check_header(path, header, columns)
    by_name = {column.name: column for column in columns}
    rows: list[DataRow] = []
    for number, record in enumerate(body, start=2):
        if len(record) != len(header):
            raise DataFileError(path, f"{len(record)} cells, the header has {len(header)}",
                                number)
        values: dict[str, Any] = {}
        for name, cell in zip(header, record, strict=True):
            try:
                values[name] = by_name[name].parse(cell)
            except ValueError as exc:
                raise DataFileError(path, str(exc), number, name) from exc
        row = DataRow(path, number, values)
        if check is not None:
            check(row)
        rows.append(row)
    return rows


def _check_header(path: Path, header: list[str], columns: Sequence[Column]) -> None:
    expected = [column.name for column in columns]
    missing = [name for name in expected if name not in header]
    unknown = [name for name in header if name not in expected]
    if missing or unknown or len(set(header)) != len(header):
        raise DataFileError(path, f"the header must name the columns {', '.join(expected)} "
                                  f"once each (missing: {', '.join(missing) or '-'}; unknown: "
                                  f"{', '.join(unknown) or '-'})", 1)


def require_unique(rows: Iterable[DataRow], *names: str) -> None:
    """Refuse the second row with the same values in the columns `names`."""
    seen: dict[tuple[Any, ...], int] = {}
    for row in rows:
        key = tuple(row[name] for name in names)
        first = seen.setdefault(key, row.number)
        if first != row.number:
            raise row.error(f"{', '.join(map(str, key))} is already in row {first}",
                            names[0])
