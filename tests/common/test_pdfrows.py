"""A label and its value side by side in a PDF: each wraps in its own column, the next row
starts below the taller one (the village PDF's label ran over its value: issue 16)."""

from __future__ import annotations

from typing import Any

from fpdf import FPDF

from lindung.common.pdfrows import label_value

LONG_LABEL = "Rumah tangga dengan anggota yang sedang bekerja di luar negeri (prosedural)"


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    return pdf


def test_it_wraps_a_long_label_in_its_column_and_starts_the_next_row_below_it() -> None:
    pdf = _pdf()
    pdf.set_font("Helvetica", "", 9)
    wrapped: Any = pdf.multi_cell(70, 5, LONG_LABEL, dry_run=True, output="LINES")
    lines = len(wrapped)
    assert lines >= 2  # the label needs more than its column's one line
    top = pdf.get_y()
    label_value(pdf, LONG_LABEL, "12", label_width=70, line=5, size=9)
    assert pdf.get_y() == top + 5 * lines
    assert pdf.get_x() == pdf.l_margin


def test_it_wraps_a_long_value_beside_a_short_label() -> None:
    pdf = _pdf()
    top = pdf.get_y()
    label_value(pdf, "Alamat", "Jl. Timor Raya " * 20, label_width=55, line=6)
    assert pdf.get_y() >= top + 12


def test_it_moves_a_row_that_does_not_fit_to_the_next_page() -> None:
    pdf = _pdf()
    pdf.set_y(pdf.page_break_trigger - 4)
    label_value(pdf, LONG_LABEL, "12", label_width=70, line=5, size=9)
    assert pdf.page_no() == 2
