"""A label and its value side by side in an fpdf2 document, each wrapping in its own column
so that a long label never runs over its value (issue 16: the village PDF). Used by every
document's "facts" block."""

from __future__ import annotations

from typing import Any


def label_value(pdf: Any, label: str, value: str, *, label_width: float, line: float,
                size: float = 10) -> None:
    """Write one row at the current position: `label` wrapped within `label_width` mm,
    `value` (bold) wrapped in the rest of the line; the next row starts below the taller of
    the two, on a new page when the row would not fit."""
    value_width = pdf.epw - label_width
    pdf.set_font("Helvetica", "", size)
    label_lines = pdf.multi_cell(label_width, line, label, dry_run=True, output="LINES")
    pdf.set_font("Helvetica", "B", size)
    value_lines = pdf.multi_cell(value_width, line, value, dry_run=True, output="LINES")
    height = line * max(len(label_lines), len(value_lines), 1)
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin)
    pdf.set_font("Helvetica", "", size)
    pdf.multi_cell(label_width, line, label, new_x="RIGHT", new_y="TOP")
    pdf.set_xy(pdf.l_margin + label_width, top)
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(value_width, line, value, new_x="LMARGIN", new_y="TOP")
    pdf.set_xy(pdf.l_margin, top + height)
