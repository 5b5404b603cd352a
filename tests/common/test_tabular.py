"""The kernel's tabular export: formula-safe text, numbers kept as numbers."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from lindung.common.tabular import XLSX_TYPE
from lindung.common.tabular import Sheet
from lindung.common.tabular import csv_bytes
from lindung.common.tabular import csv_response
from lindung.common.tabular import safe_cell
from lindung.common.tabular import xlsx_bytes
from lindung.common.tabular import xlsx_response


@pytest.mark.parametrize("value", ["=1+1", "+62812", "-2", "@SUM(A1)", "\t=x", "\r=x",
                                   "\n=x", "\uff1dSUM(A1)", "\uff0b1", "\uff0d1", "\uff20x"])
def test_it_defuses_every_formula_start(value: str) -> None:
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [-2, 3.5, Decimal("-1.25"), date(2025, 3, 1), None])
def test_it_keeps_values_as_they_are(value: object) -> None:
    assert safe_cell(value) == value


def test_it_writes_text_and_booleans_in_the_active_language() -> None:
    assert safe_cell("Kupang") == "Kupang"
    assert safe_cell(True) == "ya" and safe_cell(False) == "tidak"
    with translation.override("en"):
        assert safe_cell(True) == "yes"


def test_it_writes_a_safe_csv_with_a_byte_order_mark() -> None:
    data = csv_bytes(["nama", "umur"], [["=HYPERLINK(\"x\")", 31], ["Maria", None]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["nama", "umur"], ["'=HYPERLINK(\"x\")", "31"], ["Maria", ""]]


def test_it_writes_an_xlsx_with_numbers_as_numbers_and_a_bold_header() -> None:
    data = xlsx_bytes([Sheet("data", ["nama", "jumlah"], [["=1+1", -4], ["Ana", 2.5]]),
                       Sheet("x" * 40, (), [["catatan"]])])
    book = load_workbook(io.BytesIO(data))
    sheet = book["data"]
    assert sheet["A1"].font.bold and sheet["A1"].value == "nama"
    assert sheet["A2"].value == "'=1+1" and sheet["B2"].value == -4
    assert sheet["B3"].value == 2.5
    notes = book["x" * 31]  # Excel's limit on titles
    assert notes["A1"].value == "catatan" and not notes["A1"].font.bold


def test_it_answers_downloads_that_browsers_do_not_sniff_or_keep() -> None:
    response = csv_response("a.csv", ["x"], [["-1"]])
    assert response["Content-Disposition"] == 'attachment; filename="a.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert "'-1" in response.content.decode("utf-8-sig")
    response = xlsx_response("a.xlsx", [Sheet("s", ["x"], [[1]])])
    assert response["Content-Type"] == XLSX_TYPE
