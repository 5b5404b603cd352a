"""The one base of every PDF Lindung prints (fpdf2): receipts, checklists and certificates
(LTSA), cooperative statements and village reports (villages), the periodic report
(coordination).

- **Font**: DejaVu Sans, regular and bold, shipped in the package (`common/fonts`, with its
  licence), embedded and subset: a name prints as it was written ("Łucja", "Nguyễn",
  "Sërgio") in every document, whatever the server has installed. No Latin-1 folding.
- **Letterhead**: a heading ("Lindung" and the service), the document's title, and on every
  page of a document made from demo data the notice that it is synthetic.
- **Footer**: when it was printed, in the reader's zone and language, and the page number.
- **Blocks**: a label and its value side by side (each wrapping in its own column, so a long
  label never runs over its value), a section heading, a paragraph, a QR code that is also
  a link.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import segno
from django.http import HttpResponse
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"


class Document(FPDF):
    """An A4 document with the letterhead, the footer and the blocks above. Subclasses add
    what only their documents draw (a chart, a table of their own)."""

    FAMILY = FAMILY

    def __init__(self, *, title: str, heading: str = "Lindung", synthetic: bool = False,
                 synthetic_note: str = "") -> None:
        super().__init__(format="A4")
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.letterhead = heading
        self.doc_title = title
        self.synthetic = synthetic
        self.synthetic_note = synthetic_note or _("DATA SINTETIS (CONTOH) - bukan dokumen "
                                                  "resmi")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(title)
        self.set_creator("Lindung")
        self.set_lang(translation.get_language() or "id")
        self.add_page()

    def header(self) -> None:
        self.set_font(FAMILY, "B", 13)
        self.cell(0, 8, self.letterhead, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, "", 11)
        self.cell(0, 6, self.doc_title, new_x="LMARGIN", new_y="NEXT")
        if self.synthetic:
            self.set_font(FAMILY, "B", 10)
            self.cell(0, 6, self.synthetic_note, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 6, _("Dicetak %(when)s - halaman %(page)s") % {
            "when": f"{timezone.localtime():%Y-%m-%d %H:%M}", "page": self.page_no()},
            align="C")

    def section(self, title: str, size: float = 11) -> None:
        self.ln(2)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")

    def paragraph(self, text: str, size: float = 10) -> None:
        self.set_font(FAMILY, "", size)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def facts(self, rows: Iterable[tuple[str, object]], *, label_width: float = 55,
              line: float = 6, size: float = 10) -> None:
        for label, value in rows:
            label_value(self, str(label), str(value), label_width=label_width, line=line,
                        size=size)
        self.ln(2)

    def qr(self, url: str, *, width: float = 60) -> None:
        """A QR code of `url`, centred, which is also a link to it (clickable on screen)."""
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
        buffer.seek(0)
        self.image(buffer, x=self.w / 2 - width / 2, w=width, link=url)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def label_value(pdf: Document, label: str, value: str, *, label_width: float, line: float,
                size: float = 10) -> None:
    """Write one row at the current position: `label` wrapped within `label_width` mm,
    `value` (bold) wrapped in the rest of the line; the next row starts below the taller of
    the two, on a new page when the row would not fit."""
    family = pdf.FAMILY
    value_width = pdf.epw - label_width
    pdf.set_font(family, "", size)
    # multi_cell's result type depends on `output`: with "LINES", the wrapped lines.
    label_lines: Any = pdf.multi_cell(label_width, line, label, dry_run=True, output="LINES")
    pdf.set_font(family, "B", size)
    value_lines: Any = pdf.multi_cell(value_width, line, value, dry_run=True, output="LINES")
    height = line * max(len(label_lines), len(value_lines), 1)
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_x(pdf.l_margin)
    pdf.set_font(family, "", size)
    pdf.multi_cell(label_width, line, label, new_x="RIGHT", new_y="TOP")
    pdf.set_xy(pdf.l_margin + label_width, top)
    pdf.set_font(family, "B", size)
    pdf.multi_cell(value_width, line, value, new_x="LMARGIN", new_y="TOP")
    pdf.set_xy(pdf.l_margin, top + height)


def pdf_response(content: bytes, filename: str, *, download: bool = False) -> HttpResponse:
    """A printed document for the browser: shown in it (or, with `download`, saved as
    `filename`), never kept in a cache, its type not guessed."""
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
