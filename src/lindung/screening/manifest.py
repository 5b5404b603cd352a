"""Reading and checking a passenger manifest: CSV (UTF-8 with or without BOM, Windows-1252
or Latin-1, separator detected) or XLSX, streamed within limits by the kernel reader
(`lindung.common.sheets`), or JSON rows from the API.

Headers are mapped by Indonesian and English synonyms (case, spaces and punctuation do not
matter). Every row is checked; the result is either the list of passengers or a report of
every problem, row by row and column by column, in Indonesian and English. Nothing is
screened or saved unless the whole manifest is valid (all or nothing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Final

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lindung.common import sheets
from lindung.matching.normalize import normalize_name
from lindung.regions.nik import NikError
from lindung.regions.nik import parse_nik

__all__ = [
    "FIELDS",
    "MAX_ROWS",
    "ManifestError",
    "Passenger",
    "RowProblem",
    "Validation",
    "decode_csv",
    "map_headers",
    "read_rows",
    "validate_rows",
]

MAX_ROWS: Final = 100_000
MAX_ERRORS: Final = 1_000
# The header row and every passenger, with room for the columns of airline and ferry
# exports; checked from the sheet's declared extent before reading (lindung.common.sheets).
LIMITS: Final = sheets.SheetLimits(rows=MAX_ROWS + 1, columns=100, cells=3_000_000,
                                   unpacked_bytes=128 * sheets.MB)

#: Field -> header synonyms (compared without case, spaces or punctuation).
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "name": ("nama", "namalengkap", "namapenumpang", "namasesuaipaspor", "namaktp", "name",
             "fullname", "passengername", "passenger", "penumpang"),
    "nik": ("nik", "noktp", "nomorktp", "ktp", "nomorindukkependudukan", "nikktp",
            "nationalid", "idnumber", "nationalidnumber"),
    "passport": ("paspor", "nopaspor", "nomorpaspor", "passport", "passportno",
                 "passportnumber", "nopassport"),
    "birth_date": ("tanggallahir", "tgllahir", "tgllhr", "lahir", "dateofbirth", "dob",
                   "birthdate", "born"),
    "sex": ("jeniskelamin", "jk", "kelamin", "lp", "sex", "gender"),
    "birth_place": ("tempatlahir", "tmplahir", "placeofbirth", "birthplace"),
    "destination": ("negaratujuan", "tujuan", "destination", "destinationcountry", "country",
                    "negara"),
    "certificate": ("sertifikat", "kodesertifikat", "qr", "kodeqr", "certificate",
                    "certificatecode", "token"),
}
FIELDS: Final = tuple(SYNONYMS)
FIELD_LABELS: Final = {
    "name": gettext_lazy("nama"),
    "nik": "NIK",
    "passport": gettext_lazy("paspor"),
    "birth_date": gettext_lazy("tanggal lahir"),
    "sex": gettext_lazy("jenis kelamin"),
    "birth_place": gettext_lazy("tempat lahir"),
    "destination": gettext_lazy("tujuan"),
    "certificate": gettext_lazy("sertifikat"),
}
_BY_SYNONYM: Final = {synonym: name for name, synonyms in SYNONYMS.items()
                      for synonym in synonyms}
_HEADER_RE: Final = re.compile(r"[^a-z0-9]+")
_PASSPORT_RE: Final = re.compile(r"^[A-Z]{1,2}[0-9]{6,8}$")
_SEXES: Final = {
    **dict.fromkeys(("l", "lk", "laki", "lakilaki", "m", "male", "pria", "man"), "M"),
    **dict.fromkeys(("p", "pr", "perempuan", "wanita", "f", "female", "w", "woman"), "F"),
}
_DATE_FORMATS: Final = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d",
                        "%d-%m-%y", "%d/%m/%y", "%Y%m%d")
_EXCEL_EPOCH: Final = dt.date(1899, 12, 30)


class ManifestError(ValueError):
    """The manifest as a whole cannot be read (bilingual message)."""


@dataclass(frozen=True)
class RowProblem:
    row: int  # the row number in the file (header = 1), or 0 for the whole manifest
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class Passenger:
    row: int
    name: str
    nik: str = ""
    passport: str = ""
    birth_date: dt.date | None = None
    sex: str = ""
    birth_place: str = ""
    destination: str = ""
    certificate: str = ""


@dataclass
class Validation:
    passengers: list[Passenger] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    problem_count: int = 0
    empty_rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.problem_count == 0 and bool(self.passengers)

    def add(self, row: int, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(RowProblem(row, column, message))

    def report(self) -> dict[str, Any]:
        return {"passengers": len(self.passengers), "problems": self.problem_count,
                "empty_rows": self.empty_rows, "ignored_columns": self.ignored_columns,
                "errors": [problem.as_dict() for problem in self.problems],
                "errors_shown": len(self.problems)}


# ---------------------------------------------------------------------------------------------
# Reading


def decode_csv(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_rows(data: bytes, file_name: str) -> list[list[Any]]:
    """The rows of an uploaded manifest (header first), streamed by the kernel reader within
    `LIMITS`: a sheet that declares more is refused before a row is read."""
    try:
        return sheets.open_sheet(data, file_name=file_name, limits=LIMITS).read()
    except sheets.SheetError as exc:
        if exc.kind == "rows":
            raise ManifestError(_("Lebih dari %(max_rows)s penumpang; bagi menjadi beberapa "
                                  "berkas") % {"max_rows": format(MAX_ROWS, ",")}) from exc
        raise ManifestError(str(exc)) from exc


def map_headers(headers: Sequence[Any]) -> tuple[dict[str, int], list[str], list[RowProblem]]:
    """Columns of each field, the headers ignored, and the problems of the header row."""
    mapping: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[RowProblem] = []
    for index, header in enumerate(headers):
        text = str(header if header is not None else "").strip()
        if not text:
            continue
        field_name = _BY_SYNONYM.get(_HEADER_RE.sub("", text.lower()))
        if field_name is None:
            ignored.append(text)
        elif field_name in mapping:
            problems.append(RowProblem(1, text, (
                _("Dua kolom untuk %(column)s: pakai satu saja")
                    % {"column": FIELD_LABELS[field_name]})))
        else:
            mapping[field_name] = index
    if "name" not in mapping:
        problems.append(RowProblem(1, "", (
            _("Kolom nama tidak ditemukan (judul kolom yang dikenal: Nama, Nama Lengkap, Name)"))))
    if not {"nik", "passport", "birth_date"} & mapping.keys():
        problems.append(RowProblem(1, "", (
            _("Perlu sedikitnya satu kolom NIK, paspor atau tanggal lahir"))))
    return mapping, ignored, problems


# ---------------------------------------------------------------------------------------------
# Checking


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value: Any, *, today: dt.date) -> dt.date:
    """A birth date from a cell: a date, an Excel serial number or common text forms."""
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 80_000:
            raise ValueError(value)
        result = _EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        text = str(value).strip()
        for date_format in _DATE_FORMATS:
            try:
                result = dt.datetime.strptime(text, date_format).date()
                break
            except ValueError:
                continue
        else:
            raise ValueError(text)
    if result > today or result.year < 1900:
        raise ValueError(value)
    return result


_Problem = Callable[[str, str], None]


def _name_of(raw: Any, problem: _Problem) -> str:
    name = " ".join(_text(raw).split())
    if not name:
        problem("name", _("Nama kosong"))
    elif len(name) > 200:
        problem("name", _("Nama lebih dari 200 huruf"))
    elif not normalize_name(name):
        problem("name", _("Nama tidak berisi huruf"))
    return name


def _nik_of(raw: Any, today: dt.date, problem: _Problem) -> tuple[str, dt.date | None, str]:
    """The NIK without separators, with the birth date and sex it encodes."""
    nik = re.sub(r"[\s.\-]", "", _text(raw))
    if not nik:
        return "", None, ""
    try:
        parsed = parse_nik(nik, today=today)
    except NikError as exc:
        problem("nik", str(exc))
        return nik, None, ""
    return parsed.nik, parsed.birth_date, parsed.sex


def _passport_of(raw: Any, problem: _Problem) -> str:
    passport = "".join(ch for ch in _text(raw).upper() if ch.isalnum())
    if passport and not _PASSPORT_RE.match(passport):
        problem("passport", _("Nomor paspor tidak sah (contoh: C1234567)"))
    return passport


def _birth_date_of(raw: Any, today: dt.date, problem: _Problem) -> dt.date | None:
    if not _text(raw):
        return None
    try:
        return parse_date(raw, today=today)
    except (ValueError, OverflowError):
        problem("birth_date", _("Tanggal lahir tidak dapat dibaca (pakai HH-BB-TTTT)"))
        return None


def _sex_of(raw: Any, problem: _Problem) -> str:
    raw_sex = _HEADER_RE.sub("", _text(raw).lower())
    sex = _SEXES.get(raw_sex, "") if raw_sex else ""
    if raw_sex and not sex:
        problem("sex", _("Jenis kelamin harus L atau P"))
    return sex


def _check_row(row_number: int, cells: Sequence[Any], mapping: Mapping[str, int],
               validation: Validation, today: dt.date) -> Passenger | None:
    def cell(name: str) -> Any:
        index = mapping.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def problem(name: str, message: str) -> None:
        validation.add(row_number, str(FIELD_LABELS.get(name, name)), message)

    before = validation.problem_count
    name = _name_of(cell("name"), problem)
    nik, nik_birth, nik_sex = _nik_of(cell("nik"), today, problem)
    passport = _passport_of(cell("passport"), problem)
    birth_date = _birth_date_of(cell("birth_date"), today, problem)
    sex = _sex_of(cell("sex"), problem)
    birth_place = _text(cell("birth_place"))[:100]
    destination = _text(cell("destination"))
    if len(destination) > 100:
        problem("destination", _("Tujuan lebih dari 100 huruf"))
    if not nik and not passport and not _text(cell("birth_date")):
        problem("", _("Perlu NIK, nomor paspor atau tanggal lahir selain nama"))
    certificate = _text(cell("certificate"))
    if len(certificate) > 1000:
        problem("certificate", _("Kode sertifikat terlalu panjang"))
    if validation.problem_count > before:
        return None
    # Like the registry, a NIK supplies the birth date and sex when the row has none.
    return Passenger(row_number, name, nik, passport, birth_date or nik_birth, sex or nik_sex,
                     birth_place, destination, certificate)


def _duplicate_keys(passenger: Passenger) -> list[tuple[str, str]]:
    keys = []
    if passenger.nik:
        keys.append(("nik", passenger.nik))
    if passenger.passport:
        keys.append(("passport", passenger.passport))
    if passenger.birth_date is not None:
        keys.append(("name", f"{normalize_name(passenger.name)}|{passenger.birth_date}"))
    return keys


def validate_rows(rows: Iterable[Sequence[Any]], *, first_row: int = 2,
                  mapping: Mapping[str, int], today: dt.date) -> Validation:
    """Check the data rows (``first_row`` is the file row of the first one)."""
    validation = Validation()
    seen: dict[tuple[str, str], int] = {}
    for row_number, cells in enumerate(rows, start=first_row):
        if not any(_text(value) for value in cells):
            validation.empty_rows += 1
            continue
        passenger = _check_row(row_number, cells, mapping, validation, today)
        if passenger is None:
            continue
        duplicate = next((seen[key] for key in _duplicate_keys(passenger) if key in seen), None)
        if duplicate is not None:
            validation.add(row_number, "", (
                _("Penumpang yang sama dengan baris %(duplicate)s") % {"duplicate": duplicate}))
            continue
        for key in _duplicate_keys(passenger):
            seen[key] = row_number
        validation.passengers.append(passenger)
    if not validation.passengers and not validation.problem_count:
        validation.add(0, "", _("Manifes tidak berisi penumpang"))
    if len(validation.passengers) > MAX_ROWS:
        validation.add(0, "", _("Lebih dari %(max_rows)s penumpang")
                                  % {"max_rows": format(MAX_ROWS, ",")})
    return validation


def validate_file(data: bytes, file_name: str, *, today: dt.date) -> Validation:
    """Read, map and check an uploaded manifest."""
    try:
        rows = read_rows(data, file_name)
    except ManifestError as exc:
        validation = Validation()
        validation.add(0, "", str(exc))
        return validation
    start = next((index for index, row in enumerate(rows)
                  if any(_text(value) for value in row)), None)
    if start is None:
        validation = Validation()
        validation.add(0, "", _("Berkas kosong"))
        return validation
    mapping, ignored, problems = map_headers(rows[start])
    if problems:
        validation = Validation(ignored_columns=ignored)
        for problem in problems:
            validation.add(start + 1, problem.column, problem.message)
        return validation
    validation = validate_rows(rows[start + 1:], first_row=start + 2, mapping=mapping,
                               today=today)
    validation.ignored_columns = ignored
    return validation


def validate_records(records: Sequence[Mapping[str, Any]], *, today: dt.date) -> Validation:
    """Check passengers given as mappings of field names (the JSON API, the typed form)."""
    mapping = {name: index for index, name in enumerate(FIELDS)}
    rows = [[record.get(name) for name in FIELDS] for record in records]
    return validate_rows(rows, first_row=1, mapping=mapping, today=today)
