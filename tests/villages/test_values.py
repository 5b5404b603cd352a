"""Reading census cells as village sheets write them (pure Python, no database)."""

from __future__ import annotations

from datetime import date
from datetime import datetime

import pytest

from lindung.common import stored_text
from lindung.common.countries import country_code
from lindung.villages.census_import import values as v
from lindung.villages.census_import.columns import auto_mapping
from lindung.villages.census_import.columns import field_for_header
from lindung.villages.census_import.columns import mapping_problems
from lindung.villages.census_import.reader import SheetError
from lindung.villages.census_import.reader import read_sheet
from lindung.villages.keys import FamilyCardError
from lindung.villages.keys import clean_family_card

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(("raw", "expected"), [
    ("17-08-1990", date(1990, 8, 17)), ("17/08/1990", date(1990, 8, 17)),
    ("17.08.1990", date(1990, 8, 17)), ("1990-08-17", date(1990, 8, 17)),
    ("17 Agustus 1990", date(1990, 8, 17)), ("17 Agt 1990", date(1990, 8, 17)),
    ("3 agu 98", date(1998, 8, 3)), ("5-6-12", date(2012, 6, 5)), ("1-2-30", date(1930, 2, 1)),
    (date(1990, 8, 17), date(1990, 8, 17)), (datetime(1990, 8, 17, 0, 0), date(1990, 8, 17)),
    (33102.0, date(1990, 8, 17)), ("", None), (None, None),
])
def test_it_reads_indonesian_dates(raw: object, expected: date | None) -> None:
    assert v.parse_date(raw, today=TODAY) == expected


@pytest.mark.parametrize("raw", ["31-02-2001", "17 Brumaire 1990", "kemarin", "2027-01-01",
                                 "1850-01-01", 999999.0])
def test_it_refuses_impossible_or_future_dates_without_repeating_them(raw: object) -> None:
    with pytest.raises(ValueError) as err:
        v.parse_date(raw, today=TODAY)
    shown = stored_text.show(str(err.value))
    assert shown.startswith("Tanggal") and str(raw) not in shown


def test_it_accepts_a_year_alone_where_allowed() -> None:
    assert v.parse_date("2016", today=TODAY, allow_year_only=True) == date(2016, 1, 1)
    assert v.parse_date(2016.0, today=TODAY, allow_year_only=True) == date(2016, 1, 1)
    with pytest.raises(ValueError):
        v.parse_date("2016", today=TODAY)


@pytest.mark.parametrize(("raw", "expected"), [
    ("L", "M"), ("Laki-laki", "M"), ("PR", "F"), ("perempuan", "F"), ("", "")])
def test_it_reads_sex(raw: str, expected: str) -> None:
    assert v.parse_sex(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Kepala Keluarga", "head"), ("KK", "head"), ("ISTRI", "spouse"), ("Suami", "spouse"),
    ("Anak Kandung", "child"), ("Cucu", "grandchild"), ("Mertua", "parent"),
    ("Famili Lain", "other"), ("3", "child")])
def test_it_reads_household_relations(raw: str, expected: str) -> None:
    assert v.parse_relation(raw) == expected


def test_it_reads_procedural_school_card_and_status() -> None:
    assert v.parse_procedural("Non Prosedural") is False
    assert v.parse_procedural("resmi") is True
    assert v.parse_procedural("") is None
    assert v.parse_school_status("Kelas 3 SD") == "primary"
    assert v.parse_school_status("SMK") == "senior"
    assert v.parse_card_status("punya") == "received"
    assert v.parse_card_status("proses") == "applied"
    assert v.parse_migration_status("purna PMI") == "returned"
    for parser, raw in ((v.parse_sex, "X"), (v.parse_relation, "Tetangga"),
                        (v.parse_procedural, "mungkin"), (v.parse_card_status, "hilang"),
                        (v.parse_relation, "")):
        with pytest.raises(ValueError):
            parser(raw)


def test_it_knows_destination_countries_as_written() -> None:
    assert country_code("MALAYSIA") == "MY"
    assert country_code("Hongkong") == "HK"
    assert country_code("Saudi") == "SA"
    assert country_code("Taiwan ") == "TW"
    assert country_code("Narnia") is None


def test_it_maps_indonesian_headers() -> None:
    assert field_for_header("Tgl. Lahir (dd-mm-yyyy)") == "birth_date"
    assert field_for_header("Nama Lengkap") == "name"
    assert field_for_header("L/P") == "sex"
    assert field_for_header("No. KK") == "family_card_number"
    mapping = auto_mapping(["No", "Nama", "Nama", "NIK", "Hubungan"])
    assert mapping == {"1": "name", "3": "nik", "4": "relation"}  # the first "Nama" wins
    assert mapping_problems({"1": "name"}, 5)  # relation missing
    assert mapping_problems({"1": "name", "4": "relation", "9": "nik"}, 5)  # no column 9
    assert mapping_problems({"1": "name", "4": "relation", "3": "name"}, 5)  # twice
    assert mapping_problems({"1": "name", "4": "relation"}, 5) == []


def test_it_checks_family_card_numbers() -> None:
    assert clean_family_card("5301.0501.0117.0009") == "5301050101170009"
    for bad in ("5301", "99010501011700091", "9901050101170009", "53010501O1170009"):
        with pytest.raises(FamilyCardError):
            clean_family_card(bad)


def test_it_reads_csv_with_semicolons_and_windows_encoding() -> None:
    data = "Nama;NIK;Hubungan\r\nYohanes Bénu;;Kepala Keluarga\r\n".encode("cp1252")
    sheet = read_sheet(data, file_name="sensus.CSV")
    assert sheet.rows[1][0] == "Yohanes Bénu" and len(sheet.rows[0]) == 3
    with pytest.raises(SheetError):
        read_sheet(b"PK\x03\x04broken", file_name="sensus.xlsx")
    with pytest.raises(SheetError):
        read_sheet(b"...", file_name="sensus.pdf")
