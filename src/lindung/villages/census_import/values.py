"""Parsers for census cell values as village sheets write them. Pure Python.

Each parser takes the raw cell (str, int, float, bool, date, datetime or None, as
python-calamine or the csv module give it) and returns the value or raises ValueError
with a message (kept for the reader's language: common/stored_text.py) that never repeats
the value itself (it may be personal data).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any
from typing import TypeVar

# `_` keeps a message for the import's problems, read later by people of either language
# (common/stored_text.py), instead of translating it now; makemessages finds it as `_`.
from lindung.common.stored_text import keep as _
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.people.choices import Sex
from lindung.villages.choices import CardStatus
from lindung.villages.choices import SchoolStatus

T = TypeVar("T")

MONTHS: dict[str, int] = {}
for _number, _names in enumerate((
        ("januari", "jan", "january"), ("februari", "feb", "pebruari", "peb", "february"),
        ("maret", "mar", "march"), ("april", "apr"), ("mei", "may"),
        ("juni", "jun", "june"), ("juli", "jul", "july"),
        ("agustus", "agu", "agt", "ags", "agst", "aug", "august"),
        ("september", "sep", "sept"), ("oktober", "okt", "oct", "october"),
        ("november", "nov", "nop", "nopember"), ("desember", "des", "dec", "december")),
        start=1):
    for _name in _names:
        MONTHS[_name] = _number

_NUMERIC_DATE = re.compile(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})$")
_WORD_DATE = re.compile(r"^(\d{1,2})[\s\-/.]+([a-z]+)[\s\-/.,]+(\d{2,4})$")
_YEAR_ONLY = re.compile(r"^(19|20)\d{2}$")
_EXCEL_EPOCH = date(1899, 12, 30)

DATE_HINT = "17-08-1990, 17/08/1990, 1990-08-17, 17 Agustus 1990"


def _unreadable_date() -> ValueError:
    return ValueError(_("Tanggal tidak dapat dibaca (format yang diterima: %(formats)s)",
                        formats=DATE_HINT))


def text(value: Any) -> str:
    """A cell as clean text ("" for empty); whole floats lose their ".0"."""
    if value is None:
        return ""
    if type(value) is str:  # the common case, kept fast
        stripped = value.strip()
        if "  " in stripped or "\t" in stripped or "\n" in stripped or "\r" in stripped \
                or "\xa0" in stripped:
            return " ".join(stripped.split())
        return stripped
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())


def _century(two_digits: int, today: date) -> int:
    year = 2000 + two_digits
    return year if year <= today.year else 1900 + two_digits


def parse_date(value: Any, *, today: date, allow_year_only: bool = False) -> date | None:
    """Dates as Indonesian sheets write them: day first. Returns None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if allow_year_only and 1900 <= value <= today.year and float(value).is_integer():
            result = date(int(value), 1, 1)
        elif 1 <= value < 80000:  # an Excel serial day number
            result = _EXCEL_EPOCH + timedelta(days=int(value))
        else:
            raise _unreadable_date()
    else:
        result = _parse_date_text(str(value).strip().lower(), today, allow_year_only)
    if result > today:
        raise ValueError(_("Tanggal belum terjadi"))
    if result.year < 1900:
        raise ValueError(_("Tanggal sebelum tahun 1900"))
    return result


def _parse_date_text(raw: str, today: date, allow_year_only: bool) -> date:
    if len(raw) == 10 and raw[2] in "-/." and raw[5] == raw[2] and raw[:2].isdigit() \
            and raw[3:5].isdigit() and raw[6:].isdigit():  # dd-mm-yyyy, the common case
        try:
            return date(int(raw[6:]), int(raw[3:5]), int(raw[:2]))
        except ValueError:
            raise _unreadable_date() from None
    raw = raw.replace(",", " ").strip()
    if allow_year_only and _YEAR_ONLY.match(raw):
        return date(int(raw), 1, 1)
    try:
        match = _NUMERIC_DATE.match(raw)
        if match:
            first, second, third = match.groups()
            if len(first) == 4:  # ISO: year-month-day
                return date(int(first), int(second), int(third))
            year = int(third) if len(third) == 4 else _century(int(third), today)
            if len(third) not in (2, 4):
                raise ValueError
            return date(year, int(second), int(first))
        match = _WORD_DATE.match(raw)
        if match:
            day, month_name, year_text = match.groups()
            month = MONTHS.get(month_name)
            if month is None:
                raise ValueError
            year = int(year_text) if len(year_text) == 4 else _century(int(year_text), today)
            return date(year, month, int(day))
    except ValueError:
        pass
    raise _unreadable_date()


def _by_word(words: Mapping[T, tuple[str, ...]]) -> dict[str, T]:
    """The value each word a spreadsheet may write stands for, from each value's words."""
    return {word: value for value, group in words.items() for word in group}


_SEX = _by_word({
    Sex.MALE: ("l", "lk", "laki", "laki laki", "pria", "m", "male", "1"),
    Sex.FEMALE: ("p", "pr", "perempuan", "wanita", "w", "f", "female", "2"),
})


def _key(value: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text(value).lower()).split())


def parse_sex(value: Any) -> str:
    key = _key(value)
    if not key:
        return ""
    try:
        return str(_SEX[key])
    except KeyError:
        raise ValueError(_("Jenis kelamin tidak dikenal (isi L atau P)")) from None


#: The words a village's spreadsheet uses for each relation to the head of the household,
#: in Indonesian and English, and the numbers 1-8 some forms write instead.
_RELATION_WORDS: dict[HouseholdRelation, tuple[str, ...]] = {
    HouseholdRelation.HEAD: (
        "kepala keluarga", "kepala rumah tangga", "kepala", "kk", "krt", "head", "1"),
    HouseholdRelation.SPOUSE: (
        "istri", "isteri", "suami", "suami istri", "pasangan", "spouse", "2"),
    HouseholdRelation.CHILD: ("anak", "anak kandung", "anak tiri", "anak angkat", "child", "3"),
    HouseholdRelation.GRANDCHILD: ("cucu", "grandchild", "5"),
    HouseholdRelation.PARENT: (
        "orang tua", "orangtua", "ayah", "ibu", "bapak", "mertua", "parent", "6"),
    HouseholdRelation.SIBLING: ("saudara", "saudara kandung", "adik", "kakak", "sibling"),
    HouseholdRelation.OTHER: (
        "menantu", "famili lain", "pembantu", "lainnya", "lain lain", "lain", "other",
        "4", "7", "8"),
}
_RELATION = _by_word(_RELATION_WORDS)


def parse_relation(value: Any) -> str:
    key = _key(value)
    if not key:
        raise ValueError(_("Hubungan dalam keluarga belum diisi"))
    try:
        return str(_RELATION[key])
    except KeyError:
        raise ValueError(_("Hubungan dalam keluarga tidak dikenal (contoh: Kepala Keluarga, "
                           "Istri, Anak)")) from None


_YES = {"ya", "y", "yes", "1", "true", "benar", "iya", "ada", "punya", "sudah", "v", "x"}
_NO = {"tidak", "t", "tdk", "no", "n", "0", "false", "belum", "tidak ada", "blm"}

_PROCEDURAL_YES = _YES | {"prosedural", "resmi", "legal", "p3mi", "pptkis", "lewat pt",
                          "melalui pt"}
_PROCEDURAL_NO = _NO | {"non prosedural", "nonprosedural", "tidak prosedural", "ilegal",
                        "illegal", "tidak resmi", "mandiri", "perorangan", "calo",
                        "unprocedural"}


def parse_procedural(value: Any) -> bool | None:
    key = _key(value)
    if not key or key in {"tidak tahu", "tdk tahu", "?"}:
        return None
    if key in _PROCEDURAL_YES:
        return True
    if key in _PROCEDURAL_NO:
        return False
    raise ValueError(_("Isi prosedural dengan Ya/Tidak (atau Prosedural/Non prosedural)"))


_STATUS: dict[str, str] = {"": "", **_by_word({
    MigrationStatus.NONE: ("bukan pmi", "tidak", "bukan", "none"),
    MigrationStatus.PROSPECTIVE: ("calon", "calon pmi", "cpmi"),
    MigrationStatus.REGISTERED: ("cpmi terdaftar", "terdaftar"),
    MigrationStatus.DEPARTED: ("berangkat",),
    MigrationStatus.ABROAD: (
        "pmi", "pmi aktif", "di luar negeri", "luar negeri", "ln", "bekerja di luar negeri",
        "abroad", "tki"),
    MigrationStatus.RETURNED: (
        "purna", "purna pmi", "pulang", "sudah pulang", "kembali", "returned", "eks pmi",
        "mantan pmi"),
})}


def parse_migration_status(value: Any) -> str:
    key = _key(value)
    try:
        return str(_STATUS[key])
    except KeyError:
        raise ValueError(
            _("Status PMI tidak dikenal (contoh: calon, di luar negeri, purna)")) from None


_SCHOOL = {
    "belum sekolah": SchoolStatus.NOT_YET, "belum": SchoolStatus.NOT_YET,
    "paud": SchoolStatus.EARLY, "tk": SchoolStatus.EARLY, "ra": SchoolStatus.EARLY,
    "paud tk": SchoolStatus.EARLY,
    "sd": SchoolStatus.PRIMARY, "mi": SchoolStatus.PRIMARY, "sd mi": SchoolStatus.PRIMARY,
    "smp": SchoolStatus.JUNIOR, "mts": SchoolStatus.JUNIOR, "smp mts": SchoolStatus.JUNIOR,
    "sltp": SchoolStatus.JUNIOR,
    "sma": SchoolStatus.SENIOR, "smk": SchoolStatus.SENIOR, "ma": SchoolStatus.SENIOR,
    "slta": SchoolStatus.SENIOR, "sma smk": SchoolStatus.SENIOR,
    "sma smk ma": SchoolStatus.SENIOR,
    "kuliah": SchoolStatus.HIGHER, "perguruan tinggi": SchoolStatus.HIGHER,
    "pt": SchoolStatus.HIGHER, "d3": SchoolStatus.HIGHER, "s1": SchoolStatus.HIGHER,
    "putus sekolah": SchoolStatus.DROPPED_OUT, "putus": SchoolStatus.DROPPED_OUT,
    "do": SchoolStatus.DROPPED_OUT,
    "tidak sekolah": SchoolStatus.NOT_IN_SCHOOL, "tidak": SchoolStatus.NOT_IN_SCHOOL,
}


def parse_school_status(value: Any) -> str:
    key = _key(value)
    if not key:
        return ""
    # "Kelas 3 SD", "SD kelas 3", "sekolah SMP": the level is what counts
    tokens = [token for token in key.split()
              if not token.isdigit() and token not in ("kelas", "sekolah", "tingkat")]
    key = " ".join(tokens) or key
    try:
        return str(_SCHOOL[key])
    except KeyError:
        raise ValueError(_("Status sekolah tidak dikenal (contoh: belum sekolah, PAUD, SD, SMP, "
                           "SMA, putus sekolah)")) from None


_CARD = {
    "ya": CardStatus.RECEIVED, "ada": CardStatus.RECEIVED, "punya": CardStatus.RECEIVED,
    "sudah": CardStatus.RECEIVED, "sudah punya": CardStatus.RECEIVED,
    "diterima": CardStatus.RECEIVED, "1": CardStatus.RECEIVED, "v": CardStatus.RECEIVED,
    "tidak": CardStatus.NEEDED, "belum": CardStatus.NEEDED, "belum punya": CardStatus.NEEDED,
    "tidak ada": CardStatus.NEEDED, "perlu": CardStatus.NEEDED, "butuh": CardStatus.NEEDED,
    "0": CardStatus.NEEDED,
    "proses": CardStatus.APPLIED, "diproses": CardStatus.APPLIED,
    "diajukan": CardStatus.APPLIED, "sedang diurus": CardStatus.APPLIED,
    "ditolak": CardStatus.REJECTED, "tidak perlu": CardStatus.NOT_NEEDED,
}


def parse_card_status(value: Any) -> str:
    key = _key(value)
    if not key or key == "-":
        return ""
    try:
        return str(_CARD[key])
    except KeyError:
        raise ValueError(_("Status kartu tidak dikenal (isi Ya, Belum, atau Proses)")) from None


def parse_phone(value: Any) -> str:
    raw = text(value)
    if not raw:
        return ""
    digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
    if not 8 <= len(digits.lstrip("+")) <= 15:
        raise ValueError(_("Nomor telepon harus 8–15 angka"))
    return digits
