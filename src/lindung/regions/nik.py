"""Parse and validate the Indonesian NIK (Nomor Induk Kependudukan).

A NIK has 16 digits::

    PP RR DD ddmmyy SSSS
    |  |  |  |      +-- serial number, 0001-9999
    |  |  |  +--------- birth date; women add 40 to the day
    |  |  +------------ district (kecamatan), 01-99
    |  +--------------- regency: 01-69 kabupaten, 71-99 kota
    +------------------ province

The century is not in the number: it is inferred from ``today`` (see :func:`parse_nik`).

Regions are split and renamed over time, but a NIK keeps the code of the region that issued
it. The parser therefore checks only that the regency and district codes are well formed,
never that they exist in today's region tree. Only the province must be a known code.

Apart from the message catalogue (Django's gettext) it is plain Python, used in imports, forms
and tests alike. Every error says exactly which part of the number is wrong, as a msgid with
its parameters (English in locale/en), so a row that keeps it (a census import's problems)
shows it in the language of whoever reads it.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any
from typing import Literal

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop

from lindung.common import stored_text
from lindung.common.stored_text import Both

__all__ = [
    "CURRENT_PROVINCE_CODES",
    "HISTORICAL_PROVINCE_CODES",
    "KNOWN_PROVINCE_CODES",
    "NIK_LENGTH",
    "NikError",
    "NikErrorCode",
    "ParsedNik",
    "clean_nik",
    "mask_nik",
    "parse_nik",
]

NIK_LENGTH = 16
#: Digits a masked NIK shows: the region part only (see :func:`mask_nik`).
MASK_SHOWN = 6

#: The 38 provinces of the current Kemendagri tree (Kepmendagri 300.2.2-2138/2025),
#: identical to ``regions.csv.gz``.
CURRENT_PROVINCE_CODES: frozenset[str] = frozenset(
    {
        *("11", "12", "13", "14", "15", "16", "17", "18", "19"),
        "21",
        *("31", "32", "33", "34", "35", "36"),
        *("51", "52", "53"),
        *("61", "62", "63", "64", "65"),
        *("71", "72", "73", "74", "75", "76"),
        *("81", "82"),
        *("91", "92", "93", "94", "95", "96"),
    }
)

#: Province codes that have been used but are no longer in the tree. Every split so far
#: kept the parent's code alive (Riau 14 -> Kepulauan Riau 21, Papua 91 -> 93/94/95, ...),
#: so old NIKs still carry a current code. The one retired code is 54, Timor Timur
#: (1976-1999). It is accepted so that a document issued there is never rejected outright.
HISTORICAL_PROVINCE_CODES: frozenset[str] = frozenset({"54"})

#: Default set for :func:`parse_nik`.
KNOWN_PROVINCE_CODES: frozenset[str] = CURRENT_PROVINCE_CODES | HISTORICAL_PROVINCE_CODES

#: Characters :func:`clean_nik` drops, besides any whitespace (NBSP, tabs, ...).
SEPARATORS = frozenset(".-")

#: Women's NIKs add this to the day of birth.
FEMALE_DAY_OFFSET = 40

NikErrorCode = Literal[
    "non_digit", "length", "province", "regency", "district", "birth_date", "serial"
]

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

_MASK_CHAR = "•"


class NikError(ValueError):
    """A NIK that cannot be accepted.

    ``code`` is stable and machine readable, ``value`` is the offending part of the input
    (for highlighting). The explanation is a msgid of the message catalogue (Bahasa
    Indonesia) with its ``params``: ``message`` is it in the active language, ``kept`` the
    form a row keeps to show it later in its reader's language (lindung.common.stored_text),
    ``message_id`` and ``message_en`` it in each language (the API gives both).
    """

    code: NikErrorCode
    value: str
    msgid: str
    params: dict[str, Any]

    def __init__(self, code: NikErrorCode, msgid: str, value: str = "", **params: Any):
        self.code = code
        self.value = value
        self.msgid = msgid
        self.params = params
        super().__init__(msgid)

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """The explanation in the active language."""
        return gettext(self.msgid) % {key: str(value) if isinstance(value, Both) else value
                                      for key, value in self.params.items()}

    @property
    def kept(self) -> str:
        return stored_text.keep(self.msgid, **self.params)

    @property
    def message_id(self) -> str:
        with translation.override("id"):
            return self.message

    @property
    def message_en(self) -> str:
        with translation.override("en"):
            return self.message

    def __repr__(self) -> str:
        return f"NikError(code={self.code!r}, value={self.value!r}, message={str(self)!r})"


@dataclass(frozen=True)
class ParsedNik:
    """A NIK that passed every check, split into its parts."""

    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: datetime.date
    sex: Literal["M", "F"]
    serial: str

    @property
    def is_city(self) -> bool:
        """True when the regency part is a kota (71-99), False for a kabupaten (01-69)."""
        return int(self.regency_code[-2:]) >= 71


def _describe_char(char: str) -> str:
    if char.isprintable() and not char.isspace():
        return f"'{char}'"
    return f"U+{ord(char):04X}"


def clean_nik(raw: str) -> str:
    """Return the 16 digits of ``raw``, dropping spaces, dots and dashes.

    Raises :class:`NikError` (``non_digit`` or ``length``) otherwise. Only ASCII
    digits count: other Unicode digits are reported as ``non_digit``.
    """
    if not isinstance(raw, str):
        raise TypeError(f"NIK must be a str, got {type(raw).__name__}")
    digits: list[str] = []
    for position, char in enumerate(raw, start=1):
        if "0" <= char <= "9":
            digits.append(char)
        elif char in SEPARATORS or char.isspace():
            continue
        else:
            shown = _describe_char(char)
            raise NikError(
                "non_digit",
                gettext_noop("NIK hanya boleh berisi angka, ada karakter %(char)s pada posisi "
                             "%(position)d"),
                value=char, char=shown, position=position,
            )
    if not digits:
        raise NikError("length", gettext_noop("NIK belum diisi, harus %(length)d angka"),
                       length=NIK_LENGTH)
    count = len(digits)
    if count != NIK_LENGTH:
        raise NikError("length", gettext_noop("NIK harus %(length)d angka, yang diisi %(count)d "
                                              "angka"),
                       value="".join(digits), length=NIK_LENGTH, count=count)
    return "".join(digits)


def _parse_birth(part: str, today: datetime.date) -> tuple[datetime.date, Literal["M", "F"]]:
    """Decode the DDMMYY part: day (+40 for women), month, 2-digit year."""
    raw_day, month, yy = int(part[0:2]), int(part[2:4]), int(part[4:6])
    sex: Literal["M", "F"]
    if 1 <= raw_day <= 31:
        day, sex = raw_day, "M"
    elif FEMALE_DAY_OFFSET + 1 <= raw_day <= FEMALE_DAY_OFFSET + 31:
        day, sex = raw_day - FEMALE_DAY_OFFSET, "F"
    else:
        raise NikError("birth_date", gettext_noop(
            "Tanggal lahir pada NIK tidak valid: hari %(day)s (laki-laki 01-31, perempuan "
            "41-71)"), value=part[0:2], day=part[0:2])
    if not 1 <= month <= 12:
        raise NikError("birth_date", gettext_noop(
            "Tanggal lahir pada NIK tidak valid: bulan %(month)s (harus 01-12)"),
            value=part[2:4], month=part[2:4])

    # Century: 20yy unless that date is still in the future, then 19yy. An impossible day
    # (31 April, 29 February 2023) is compared by its month so the error names the year
    # the holder was most likely born in.
    probe_day = min(day, calendar.monthrange(2000 + yy, month)[1])
    year = 2000 + yy if datetime.date(2000 + yy, month, probe_day) <= today else 1900 + yy
    try:
        birth = datetime.date(year, month, day)
    except ValueError:
        params: dict[str, Any] = {
            "part": part, "day": day, "year": year, "raw_day": raw_day,
            "month_name": Both(_MONTHS_ID[month - 1], _MONTHS_EN[month - 1]),
            "last": calendar.monthrange(year, month)[1]}
        leap = month == 2 and day == 29
        if sex == "F" and leap:
            msgid = gettext_noop(
                "Tanggal lahir pada NIK tidak valid: %(part)s = %(day)d %(month_name)s %(year)d "
                "(hari %(raw_day)d dikurangi 40 untuk perempuan): tanggal itu tidak ada, "
                "%(year)d bukan tahun kabisat")
        elif sex == "F":
            msgid = gettext_noop(
                "Tanggal lahir pada NIK tidak valid: %(part)s = %(day)d %(month_name)s %(year)d "
                "(hari %(raw_day)d dikurangi 40 untuk perempuan): tanggal itu tidak ada, "
                "%(month_name)s hanya %(last)d hari")
        elif leap:
            msgid = gettext_noop(
                "Tanggal lahir pada NIK tidak valid: %(part)s = %(day)d %(month_name)s %(year)d: "
                "tanggal itu tidak ada, %(year)d bukan tahun kabisat")
        else:
            msgid = gettext_noop(
                "Tanggal lahir pada NIK tidak valid: %(part)s = %(day)d %(month_name)s %(year)d: "
                "tanggal itu tidak ada, %(month_name)s hanya %(last)d hari")
        raise NikError("birth_date", msgid, value=part, **params) from None
    if birth > today:  # only possible with a ``today`` before 1900+yy
        raise NikError("birth_date", gettext_noop(
            "Tanggal lahir pada NIK tidak valid: %(birth)s belum terjadi (hari ini %(today)s)"),
            value=part, birth=birth.isoformat(), today=today.isoformat())
    return birth, sex


def parse_nik(
    raw: str,
    *,
    today: datetime.date | None = None,
    known_province_codes: Collection[str] | None = None,
) -> ParsedNik:
    """Validate ``raw`` and split it into a :class:`ParsedNik`.

    ``raw`` may contain spaces, dots and dashes. Checks run left to right, so the error is
    about the first wrong part: province, regency, district, birth date, serial.

    ``today`` (default ``date.today()``) drives the century: ``yy`` is read as ``20yy``
    unless that birthday would be after ``today``, then as ``19yy``.

    ``known_province_codes`` defaults to :data:`KNOWN_PROVINCE_CODES`. Regency and district
    codes are only checked for form (they may belong to a region that has since been split
    or renamed).
    """
    nik = clean_nik(raw)
    if today is None:
        today = datetime.date.today()
    provinces = KNOWN_PROVINCE_CODES if known_province_codes is None else known_province_codes

    province = nik[0:2]
    if province not in provinces:
        raise NikError("province", gettext_noop("Kode provinsi %(digits)s pada NIK tidak dikenal"),
                       value=province, digits=province)

    regency = nik[2:4]
    regency_number = int(regency)
    if not (1 <= regency_number <= 69 or 71 <= regency_number <= 99):
        raise NikError("regency", gettext_noop(
            "Kode kabupaten/kota %(digits)s pada NIK tidak valid (kabupaten 01-69, kota 71-99)"),
            value=regency, digits=regency)

    district = nik[4:6]
    if district == "00":
        raise NikError("district", gettext_noop(
            "Kode kecamatan %(digits)s pada NIK tidak valid (harus 01-99)"),
            value=district, digits=district)

    birth_date, sex = _parse_birth(nik[6:12], today)

    serial = nik[12:16]
    if serial == "0000":
        raise NikError("serial", gettext_noop(
            "Nomor urut %(digits)s pada NIK tidak valid (harus 0001-9999)"),
            value=serial, digits=serial)

    return ParsedNik(
        nik=nik,
        province_code=province,
        regency_code=f"{province}.{regency}",
        district_code=f"{province}.{regency}.{district}",
        birth_date=birth_date,
        sex=sex,
        serial=serial,
    )


def mask_nik(nik: str) -> str:
    """Show only the region part: ``"3204110609970001"`` -> ``"320411••••••••••"``.

    The first six digits are the province, regency and district: pages show the person's
    region beside the number anyway. The birth date, sex and serial are hidden: a page
    shows the birth date and sex too, so a mask that kept the serial (the one part nothing
    else gives) would let anyone rebuild the whole number (issue 18 item 6).

    Accepts the same input as :func:`clean_nik`; the province, date and serial are not
    validated, so any well-formed stored value can be shown masked. This is a display
    helper and never raises: a value that is not 16 digits is hidden completely (one
    ``•`` per character, ignoring separators), so a malformed record leaks nothing.
    """
    try:
        digits = clean_nik(nik)
    except NikError:
        hidden = [ch for ch in str(nik) if ch not in SEPARATORS and not ch.isspace()]
        return _MASK_CHAR * len(hidden)
    return digits[:MASK_SHOWN] + _MASK_CHAR * (NIK_LENGTH - MASK_SHOWN)
