"""The per-row error report: the rows that were not imported, as they were in the sheet,
with the row number and what is wrong, as an XLSX the officer fixes and imports again.
Written through the kernel's formula-safe export (lindung.common.tabular)."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_noop

from lindung.common import stored_text
from lindung.common.tabular import Sheet
from lindung.common.tabular import xlsx_bytes

CONTEXT_NOTE = gettext_noop("(kepala keluarga dari baris di bawahnya, sudah diimpor: biarkan "
                            "agar anggota menemukan rumah tangganya)")


def build_error_report(*, headers: Sequence[Any], rows: Sequence[Sequence[Any]],
                       first_data_sheet_row: int,
                       errors: Iterable[tuple[int, str, int | None]]) -> bytes:
    """`errors`: (sheet row, message as kept by the import: common/stored_text.py, sheet
    row of its head of household or None); the report is in the reader's language.
    `rows`: the sheet's data rows (index 0 = the row at `first_data_sheet_row`). A head
    of household that was imported but has members in error is repeated as context."""
    messages: dict[int, list[str]] = {}
    context: set[int] = set()
    for sheet_row, message, context_row in errors:
        messages.setdefault(sheet_row, []).append(stored_text.show(message))
        if context_row:
            context.add(context_row)
    for context_row in context - messages.keys():
        messages[context_row] = [gettext(CONTEXT_NOTE)]
    rows_out = []
    for sheet_row in sorted(messages):
        index = sheet_row - first_data_sheet_row
        original = rows[index] if 0 <= index < len(rows) else []
        rows_out.append([sheet_row, "; ".join(messages[sheet_row]), *original])
    return xlsx_bytes([Sheet(gettext("Perbaiki"),
                             (gettext("Baris asal"), gettext("Kesalahan"), *headers), rows_out)])


TEMPLATE_HEADERS = ("No KK", "Nama", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tgl Lahir",
                    "Hubungan", "No HP", "Negara Tujuan", "Majikan", "P3MI", "Pekerjaan",
                    "Tgl Berangkat", "Prosedural", "Tgl Pulang", "Sekolah", "KIS", "KIP")


def build_template() -> bytes:
    """An empty census sheet with the headers the import recognises, and a second sheet
    with instructions (never imported: the import reads the first sheet that has rows)."""
    return xlsx_bytes([Sheet("Sensus Ruta PMI", TEMPLATE_HEADERS),
                       Sheet("Petunjuk", (), [[line] for line in TEMPLATE_NOTES])])


TEMPLATE_NOTES = (
    "Petunjuk pengisian sensus rumah tangga PMI",
    "Satu baris untuk satu anggota keluarga. Kepala keluarga di baris pertama, lalu anggotanya.",
    "Format kolom NIK dan No KK sebagai Teks (Excel membulatkan angka 16 digit).",
    "Tanggal: 17-08-1990, 17/08/1990 atau 17 Agustus 1990. Tgl Berangkat boleh tahun saja.",
    "Hubungan: Kepala Keluarga, Istri, Suami, Anak, Cucu, Orang Tua, Saudara, Lainnya.",
    "Anggota di luar negeri: isi Negara Tujuan, Majikan, P3MI, Tgl Berangkat, "
    "Prosedural (Ya/Tidak).",
    "Purna PMI: isi juga Tgl Pulang.",
    "Anak: isi Sekolah (belum sekolah, PAUD, SD, SMP, SMA, putus sekolah), KIS dan KIP "
    "(Ya, Belum, Proses).",
    "Berkas yang sama boleh diimpor lagi: orang yang sudah tercatat tidak digandakan.",
)
