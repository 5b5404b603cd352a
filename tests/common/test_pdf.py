"""The kernel's PDF document (common/pdf.py): every name printed as written, the letterhead
and the synthetic-data notice on every page, page numbers, a label and its value side by
side without overlap, a QR code that is a link."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from lindung.common.pdf import Document
from lindung.common.pdf import label_value
from tests.fixtures.pdf import pdf_text

LONG_LABEL = "Rumah tangga dengan anggota yang sedang bekerja di luar negeri (prosedural)"
# Outside Latin-1: the old core-font documents folded these to "Lucja", "Nguyen", "S".
NAMES = ["Łucja Ŝarifah", "Nguyễn Thị Hương", "Ṭāhir bin Đức"]


def test_it_prints_names_outside_latin_1_as_written() -> None:
    doc = Document(title="Tanda terima")
    doc.facts([("Nama", name) for name in NAMES])
    text = pdf_text(doc.output_bytes())
    for name in NAMES:
        assert name in text


def test_it_marks_every_page_of_synthetic_data_and_numbers_the_pages() -> None:
    with translation.override("id"):
        doc = Document(title="Laporan desa", heading="Koperasi Desmigratif", synthetic=True)
        for number in range(60):
            doc.paragraph(f"Baris {number}")
        content = doc.output_bytes()
    text = pdf_text(content)
    pages = doc.pages_count
    assert pages >= 2
    assert text.count("DATA SINTETIS (CONTOH)") == pages
    assert text.count("Koperasi Desmigratif") == pages and text.count("Laporan desa") == pages
    for page in range(1, pages + 1):
        assert f"halaman {page}" in text


def test_the_synthetic_notice_follows_the_readers_language_and_real_data_has_none() -> None:
    with translation.override("en"):
        english = pdf_text(Document(title="Receipt", synthetic=True).output_bytes())
    assert "SYNTHETIC" in english.upper() and "DATA SINTETIS" not in english
    assert "SINTETIS" not in pdf_text(Document(title="Tanda terima").output_bytes())


def test_the_qr_code_is_a_link_to_its_address() -> None:
    doc = Document(title="Sertifikat")
    doc.qr("https://lindung.example.go.id/ltsa/verify/?t=abc")
    assert b"https://lindung.example.go.id/ltsa/verify/?t=abc" in doc.output_bytes()


def test_it_wraps_a_long_label_in_its_column_and_starts_the_next_row_below_it() -> None:
    doc = Document(title="Uji")
    doc.set_font(doc.FAMILY, "", 9)
    wrapped: Any = doc.multi_cell(70, 5, LONG_LABEL, dry_run=True, output="LINES")
    lines = len(wrapped)
    assert lines >= 2  # the label needs more than its column's one line
    top = doc.get_y()
    label_value(doc, LONG_LABEL, "12", label_width=70, line=5, size=9)
    assert doc.get_y() == top + 5 * lines
    assert doc.get_x() == doc.l_margin


def test_it_wraps_a_long_value_beside_a_short_label() -> None:
    doc = Document(title="Uji")
    top = doc.get_y()
    label_value(doc, "Alamat", "Jl. Timor Raya " * 20, label_width=55, line=6)
    assert doc.get_y() >= top + 12


def test_it_moves_a_row_that_does_not_fit_to_the_next_page() -> None:
    doc = Document(title="Uji")
    doc.set_y(doc.page_break_trigger - 4)
    label_value(doc, LONG_LABEL, "12", label_width=70, line=5, size=9)
    assert doc.page_no() == 2
