"""The census fields an import can fill, the headers village sheets use for them, and the
detection of the header row and of the column mapping (which the officer may adjust)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class CensusField:
    name: str
    label: str | Promise
    synonyms: tuple[str, ...]
    required: bool = False


FIELDS: tuple[CensusField, ...] = (
    CensusField("household_ref", _("Nomor rumah tangga di lembar"),
                ("no ruta", "nomor ruta", "id ruta", "kode ruta", "no rumah tangga",
                 "nomor rumah tangga", "id keluarga", "no keluarga", "kode keluarga",
                 "id rumah tangga", "no urut ruta", "ruta")),
    CensusField("family_card_number", _("Nomor KK"),
                ("no kk", "nomor kk", "no kartu keluarga", "nomor kartu keluarga", "kk",
                 "nkk", "no. kk")),
    CensusField("village_code", _("Kode desa (Kemendagri)"),
                ("kode desa", "kode wilayah", "kode kemendagri", "kode desa kelurahan",
                 "kode kelurahan")),
    CensusField("address", _("Alamat"),
                ("alamat", "alamat rumah", "dusun", "alamat lengkap", "rt rw", "dusun rt rw")),
    CensusField("name", _("Nama"),
                ("nama", "nama lengkap", "nama anggota", "nama anggota keluarga", "nama art",
                 "nama sesuai ktp", "name"), required=True),
    CensusField("nik", _("NIK"),
                ("nik", "no ktp", "nomor ktp", "nomor induk kependudukan", "no nik",
                 "nik ktp")),
    CensusField("sex", _("Jenis kelamin"),
                ("jk", "l p", "jenis kelamin", "kelamin", "sex", "gender")),
    CensusField("birth_place", _("Tempat lahir"), ("tempat lahir", "tmp lahir", "tmpt lahir")),
    CensusField("birth_date", _("Tanggal lahir"),
                ("tgl lahir", "tanggal lahir", "tgl lhr", "tanggal lhr", "lahir",
                 "birth date", "date of birth")),
    CensusField("relation", _("Hubungan dalam keluarga"),
                ("hubungan", "hubungan keluarga", "hubungan dalam keluarga", "shdk",
                 "status hubungan", "status dalam keluarga", "hub kk", "hubungan dengan kk",
                 "hubungan dengan kepala keluarga", "hub dengan krt", "hubungan dgn kk"),
                required=True),
    CensusField("phone", _("Nomor HP"), ("no hp", "nomor hp", "hp", "telepon", "no telp",
                                         "no telepon", "wa", "no wa")),
    CensusField("migration_status", _("Status PMI"),
                ("status pmi", "status migrasi", "status tki", "status")),
    CensusField("country", _("Negara tujuan"),
                ("negara tujuan", "negara", "negara penempatan", "negara bekerja",
                 "lokasi bekerja", "tujuan")),
    CensusField("employer", _("Majikan/pemberi kerja"),
                ("majikan", "nama majikan", "pengguna", "pemberi kerja", "perusahaan tempat kerja",
                 "employer")),
    CensusField("placement_agency", _("Perusahaan penempatan (P3MI)"),
                ("p3mi", "pptkis", "pjtki", "pt penempatan", "agensi", "agency",
                 "perusahaan penempatan", "pt pengirim", "sponsor")),
    CensusField("occupation", _("Pekerjaan di luar negeri"),
                ("pekerjaan", "jabatan", "pekerjaan di ln", "jenis pekerjaan", "sektor")),
    CensusField("departed_on", _("Berangkat sejak"),
                ("tgl berangkat", "tanggal berangkat", "berangkat", "sejak",
                 "tahun berangkat", "mulai bekerja")),
    CensusField("procedural", _("Prosedural (Ya/Tidak)"),
                ("prosedural", "jalur", "jalur keberangkatan", "status keberangkatan",
                 "resmi", "prosedural ya tidak")),
    CensusField("returned_on", _("Tanggal pulang"),
                ("tgl pulang", "tanggal pulang", "pulang", "kepulangan", "tgl kembali",
                 "tanggal kembali")),
    CensusField("school_status", _("Status sekolah anak"),
                ("sekolah", "status sekolah", "pendidikan", "pendidikan anak", "jenjang")),
    CensusField("school_name", _("Nama sekolah"), ("nama sekolah", "sekolah di")),
    CensusField("kis", _("KIS"), ("kis", "kartu indonesia sehat", "punya kis")),
    CensusField("kip", _("KIP"), ("kip", "kartu indonesia pintar", "punya kip")),
)

FIELDS_BY_NAME = {f.name: f for f in FIELDS}
REQUIRED = tuple(f.name for f in FIELDS if f.required)
# Columns our own error report adds; a re-import of a fixed report ignores them.
REPORT_COLUMNS = ("baris asal", "kesalahan")

_SYNONYMS: dict[str, str] = {}
for _field in FIELDS:
    for _synonym in _field.synonyms:
        _SYNONYMS.setdefault(_synonym, _field.name)


def normalize_header(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def field_for_header(value: Any) -> str | None:
    header = normalize_header(value)
    if not header:
        return None
    if header in _SYNONYMS:
        return _SYNONYMS[header]
    # "Nama Lengkap (sesuai KTP)", "Tgl. Lahir (dd-mm-yyyy)": drop a trailing remark
    shorter = normalize_header(re.sub(r"\(.*\)", "", str(value)))
    return _SYNONYMS.get(shorter)


def detect_header_row(rows: Sequence[Sequence[Any]], *, scan: int = 15) -> int:
    """Index of the row that looks most like the header (most recognised headers)."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:scan]):
        score = len({field for cell in row if (field := field_for_header(cell))})
        if score > best_score:
            best, best_score = index, score
    return best


def auto_mapping(headers: Sequence[Any]) -> dict[str, str]:
    """column index (as a string) -> field, each field at most once (first column wins)."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        field = field_for_header(header)
        if field and field not in used:
            mapping[str(index)] = field
            used.add(field)
    return mapping


def mapping_problems(mapping: dict[str, str], width: int) -> list[str]:
    """Why a mapping cannot be used (bilingual sentences); empty when it is fine."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for column, field in mapping.items():
        if field not in FIELDS_BY_NAME:
            problems.append(gettext("Kolom %(column)s: bidang '%(field)s' tidak dikenal")
                                % {"column": column, "field": field})
            continue
        if not column.isdigit() or int(column) >= width:
            problems.append(gettext("Kolom %(column)s tidak ada di lembar") % {"column": column})
        if field in seen:
            label = FIELDS_BY_NAME[field].label
            problems.append(gettext("Bidang '%(label)s' dipetakan dua kali") % {"label": label})
        seen[field] = column
    for name in REQUIRED:
        if name not in seen:
            label = FIELDS_BY_NAME[name].label
            problems.append(gettext("Kolom untuk '%(label)s' wajib dipilih") % {"label": label})
    return problems
