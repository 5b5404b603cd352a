"""Reading and checking manifests: encodings, header synonyms, per-row reports, limits."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import translation

from lindung.screening.manifest import MAX_ROWS
from lindung.screening.manifest import decode_csv
from lindung.screening.manifest import map_headers
from lindung.screening.manifest import parse_date
from lindung.screening.manifest import validate_file
from lindung.screening.manifest import validate_records

TODAY = dt.date(2026, 6, 1)
HEADER = "Nama;NIK;Tanggal Lahir;Jenis Kelamin;Tempat Lahir;Negara Tujuan\n"


def _csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def test_it_reads_a_semicolon_csv_with_indonesian_headers() -> None:
    data = _csv(HEADER + "Maria Goreti Ndun;5301054506990003;05-06-1999;P;Kupang;MY\n"
                "Yohanes Benu;;1990-04-12;L;Soe;SG\n")
    validation = validate_file(data, "manifest.csv", today=TODAY)
    assert validation.ok, validation.report()
    first, second = validation.passengers
    assert (first.row, first.name, first.nik, first.sex) == (2, "Maria Goreti Ndun",
                                                              "5301054506990003", "F")
    assert first.birth_date == dt.date(1999, 6, 5) and first.destination == "MY"
    assert second.birth_date == dt.date(1990, 4, 12) and second.nik == ""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_it_detects_the_encoding(encoding: str) -> None:
    data = _csv("Name,Date of birth,Place of birth\nJosé Ñúñez,12/04/1990,Maumere\n", encoding)
    validation = validate_file(data, "m.csv", today=TODAY)
    assert validation.ok, validation.report()
    assert validation.passengers[0].name == "José Ñúñez"
    assert decode_csv(data).startswith("Name")


def test_it_maps_english_and_indonesian_synonyms_and_ignores_unknown_columns() -> None:
    mapping, ignored, problems = map_headers(
        ["NAMA LENGKAP", "No. KTP", "Passport No.", "DOB", "L/P", "Seat"])
    assert mapping == {"name": 0, "nik": 1, "passport": 2, "birth_date": 3, "sex": 4}
    assert ignored == ["Seat"] and problems == []


def test_it_refuses_a_manifest_without_a_name_column_or_with_two() -> None:
    validation = validate_file(_csv("NIK,Tanggal lahir\n5301054506990003,05-06-1999\n"),
                               "m.csv", today=TODAY)
    assert not validation.ok
    assert "Kolom nama tidak ditemukan" in validation.problems[0].message
    validation = validate_file(_csv("Nama,Name,NIK\nA,B,5301054506990003\n"), "m.csv",
                               today=TODAY)
    assert "Dua kolom" in validation.problems[0].message
    validation = validate_file(_csv("Nama,Tujuan\nA,MY\n"), "m.csv", today=TODAY)
    assert "Perlu sedikitnya satu kolom NIK" in validation.problems[0].message


def test_it_reports_every_bad_row_and_keeps_nothing() -> None:
    data = _csv(HEADER
                + "Maria Goreti Ndun;5301054506990003;05-06-1999;P;Kupang;MY\n"
                + ";;;;;\n"  # an empty row: skipped, counted
                + ";5301054506990003;;;;\n"  # no name
                + "Budi;99041106099700;;;;\n"  # a bad NIK
                + "Siti;;31-02-1990;X;;\n"  # an impossible date and an unknown sex
                + "Maria Goreti Ndun;5301054506990003;05-06-1999;P;Kupang;MY\n")  # twice
    validation = validate_file(data, "m.csv", today=TODAY)
    assert not validation.ok
    report = validation.report()
    assert report["empty_rows"] == 1
    by_row = {(e["row"], e["column"]) for e in report["errors"]}
    assert (4, "nama") in by_row
    assert (5, "NIK") in by_row
    assert (6, "tanggal lahir") in by_row and (6, "jenis kelamin") in by_row
    assert any(e["row"] == 7 and "sama dengan baris 2" in e["message"]
               for e in report["errors"])
    for error in report["errors"]:
        assert " / " not in error["message"]  # one language, the reader's


def test_it_finds_duplicates_by_passport_and_by_name_and_birth_date() -> None:
    validation = validate_records([
        {"name": "Agus Santoso", "passport": "C1234567"},
        {"name": "Agus S.", "passport": "c 123 4567"},
        {"name": "Dewi Lestari", "birth_date": "1990-01-02"},
        {"name": "DEWI  LESTARI", "birth_date": "02-01-1990"},
    ], today=TODAY)
    rows = [p.row for p in validation.problems]
    assert rows == [2, 4]


def test_it_reads_xlsx_with_date_cells() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Nama", "Paspor", "Tanggal lahir", "Jenis kelamin"])
    sheet.append(["Yosef Nope", "B7654321", dt.datetime(1988, 7, 1), "Laki-laki"])
    sheet.append([None, None, None, None])
    sheet.append(["Marselina Bria", None, "17/08/2009", "Perempuan"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    validation = validate_file(buffer.getvalue(), "manifest.xlsx", today=TODAY)
    assert validation.ok, validation.report()
    first, second = validation.passengers
    assert first.birth_date == dt.date(1988, 7, 1) and first.passport == "B7654321"
    assert first.sex == "M" and second.sex == "F" and second.row == 4
    assert validation.empty_rows == 1


def test_it_refuses_unknown_files_and_broken_spreadsheets() -> None:
    # The reader's refusals are in the active language (the kernel reader's messages).
    assert "tidak didukung" in validate_file(b"x", "m.pdf", today=TODAY).problems[0].message
    assert "tidak didukung" in validate_file(b"x", "m.xls", today=TODAY).problems[0].message
    with translation.override("en"):
        broken = validate_file(b"not a zip", "m.xlsx", today=TODAY)
    assert "cannot be read" in broken.problems[0].message
    assert "kosong" in validate_file(b"\n\n", "m.csv", today=TODAY).problems[0].message
    only_header = validate_file(_csv("Nama,NIK\n"), "m.csv", today=TODAY)
    assert "tidak berisi penumpang" in only_header.problems[0].message


def test_it_parses_dates_in_common_forms() -> None:
    for value in ("1990-04-12", "12-04-1990", "12/04/1990", "12.04.1990", "19900412",
                  dt.date(1990, 4, 12), dt.datetime(1990, 4, 12, 0, 0), 32975.0):
        assert parse_date(value, today=TODAY) == dt.date(1990, 4, 12), value
    for bad in ("1990-13-01", "tomorrow", "2030-01-01", "1800-01-01", -5):
        with pytest.raises(ValueError):
            parse_date(bad, today=TODAY)


def test_it_fills_birth_date_and_sex_from_the_nik() -> None:
    [passenger] = validate_records([{"name": "Siti Aminah", "nik": "3204 1146 0997 0004"}],
                                   today=TODAY).passengers
    assert passenger.birth_date == dt.date(1997, 9, 6) and passenger.sex == "F"


def _letters(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 26)
        text += "abcdefghijklmnopqrstuvwxyz"[digit]
        if not number:
            return text


def test_it_checks_a_manifest_of_a_hundred_thousand_rows() -> None:
    lines = ["Nama,Tanggal lahir"]
    lines += [f"Penumpang Qx{_letters(i)},{1 + i % 28:02d}-{1 + i % 12:02d}-{1960 + i % 40}"
              for i in range(MAX_ROWS)]
    validation = validate_file(("\n".join(lines) + "\n").encode(), "big.csv", today=TODAY)
    assert validation.ok and len(validation.passengers) == MAX_ROWS
    lines.append("Satu Terlalu Banyak,01-01-1990")
    too_many = validate_file(("\n".join(lines) + "\n").encode(), "big.csv", today=TODAY)
    assert not too_many.ok and "Lebih dari 100,000" in too_many.problems[0].message


def test_it_caps_the_report_but_counts_every_problem() -> None:
    lines = ["Nama,NIK"] + [f"Orang {i},123" for i in range(1500)]
    validation = validate_file(("\n".join(lines)).encode(), "m.csv", today=TODAY)
    report = validation.report()
    assert report["problems"] == 1500 and report["errors_shown"] == 1000
