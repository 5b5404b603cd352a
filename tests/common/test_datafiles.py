"""Reference data files: typed columns, a bad row refused with its file and row number."""

from __future__ import annotations

from pathlib import Path

import pytest

from lindung.common.datafiles import Column
from lindung.common.datafiles import DataFileError
from lindung.common.datafiles import DataRow
from lindung.common.datafiles import read_data_file
from lindung.common.datafiles import require_unique

COLUMNS = (
    Column("code", pattern=r"[a-z]+"),
    Column("count", "int"),
    Column("member", "bool"),
    Column("kind", choices=("port", "centre")),
    Column("note", required=False, max_length=10),
)


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "places.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_typed_values_with_their_row_numbers(tmp_path: Path) -> None:
    path = _file(tmp_path, 'member,code,count,kind,note\nyes,abc,3,port,\nno,de,-1,centre,"a, b"\n')
    rows = read_data_file(path, COLUMNS)
    assert [row.values for row in rows] == [
        {"code": "abc", "count": 3, "member": True, "kind": "port", "note": ""},
        {"code": "de", "count": -1, "member": False, "kind": "centre", "note": "a, b"},
    ]
    assert [row.number for row in rows] == [2, 3]  # the header is row 1


@pytest.mark.parametrize(("line", "column", "reason"), [
    (",1,yes,port,", "code", "empty, but required"),
    ("ABC,1,yes,port,", "code", "does not match"),
    ("abc,one,yes,port,", "count", "not a whole number"),
    ("abc,1,ya,port,", "member", "not 'yes' or 'no'"),
    ("abc,1,yes,airport,", "kind", "not one of port, centre"),
    ("abc,1,yes,port,far too long", "note", "more than 10"),
    ("abc,1,yes, port,", "kind", "spaces round it"),
])
def test_it_refuses_a_bad_cell_naming_file_row_and_column(
        tmp_path: Path, line: str, column: str, reason: str) -> None:
    path = _file(tmp_path, f"code,count,member,kind,note\nok,1,no,port,\n{line}\n")
    with pytest.raises(DataFileError, match=reason) as caught:
        read_data_file(path, COLUMNS)
    assert str(caught.value).startswith(f"places.csv, row 3, column {column!r}: ")
    assert (caught.value.file, caught.value.row, caught.value.column) == ("places.csv", 3,
                                                                           column)


def test_it_refuses_a_row_with_too_many_or_too_few_cells(tmp_path: Path) -> None:
    path = _file(tmp_path, "code,count,member,kind,note\nok,1,no,port\n")
    with pytest.raises(DataFileError, match=r"^places.csv, row 2: 4 cells, the header has 5"):
        read_data_file(path, COLUMNS)


@pytest.mark.parametrize("header", ["code,count,member,kind", "code,count,member,kind,note,x",
                                    "code,count,member,kind,note,note", ""])
def test_it_refuses_a_header_that_does_not_name_the_columns(tmp_path: Path,
                                                             header: str) -> None:
    path = _file(tmp_path, header + "\n" if header else "")
    with pytest.raises(DataFileError, match=r"^places.csv, row 1: "):
        read_data_file(path, COLUMNS)


def test_it_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "places.csv"
    path.write_bytes("code,count,member,kind,note\nabc,1,no,port,Sukabumi\xe9\n".encode("latin-1"))
    with pytest.raises(DataFileError, match=r"^places.csv: cannot be read"):
        read_data_file(path, COLUMNS)


def test_it_runs_the_row_check_and_refuses_duplicates(tmp_path: Path) -> None:
    path = _file(tmp_path, "code,count,member,kind,note\nabc,1,no,port,\nabc,2,no,port,\n")

    def positive(row: DataRow) -> None:
        if row["count"] < 2:
            raise row.error("must be 2 or more", "count")

    with pytest.raises(DataFileError, match=r"^places.csv, row 2, column 'count': must be 2"):
        read_data_file(path, COLUMNS, positive)
    rows = read_data_file(path, COLUMNS)
    with pytest.raises(DataFileError, match=r"^places.csv, row 3, column 'code': abc is "
                                            r"already in row 2"):
        require_unique(rows, "code")
