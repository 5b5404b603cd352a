"""Natural keys of census records, shared by the forms and the bulk import so that a
household recorded by hand and the same household in a sheet are recognised as one.

- household: the family card number (KK, as a keyed blind index; the number itself is kept
  only encrypted, on the registry household, to recompute the index), else the
  sheet's own household number, else the head of household's identity;
- person: the NIK where present (the registry's blind index), else household + normalised
  name + birth date.
"""

from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext_noop

from lindung.common import stored_text
from lindung.core import crypto
from lindung.regions.nik import KNOWN_PROVINCE_CODES

KK_LENGTH = 16


class FamilyCardError(ValueError):
    """A family card number that cannot be accepted: `kept` is the reason as a kept message
    (a census import keeps it for its reader, common/stored_text.py); `str()` is it in the
    active language."""

    def __init__(self, kept: str) -> None:
        self.kept = kept
        super().__init__(kept)

    def __str__(self) -> str:
        return stored_text.show(self.kept)


def clean_family_card(raw: str) -> str:
    """The 16 digits of a family card number (KK); spaces, dots and dashes are dropped."""
    digits = re.sub(r"[\s.\-]", "", raw)
    if not digits.isascii() or not digits.isdigit():
        raise FamilyCardError(gettext_noop("Nomor KK hanya boleh berisi angka"))
    if len(digits) != KK_LENGTH:
        raise FamilyCardError(stored_text.keep(
            gettext_noop("Nomor KK harus %(kk_length)s angka, yang diisi %(count)s"),
            kk_length=KK_LENGTH, count=len(digits)))
    if digits[:2] not in KNOWN_PROVINCE_CODES:
        raise FamilyCardError(stored_text.keep(
            gettext_noop("Kode provinsi %(value)s pada nomor KK tidak dikenal"),
            value=digits[:2]))
    return digits


def family_card_key(digits: str) -> str:
    return "kk:" + crypto.blind_index("kk", digits)


def sheet_reference_key(reference: str) -> str:
    return "ref:" + " ".join(reference.lower().split())[:100]


def head_key(*, nik_index: str, search_name: str, birth_date: date | None) -> str:
    if nik_index:
        return "head:" + nik_index
    return f"head:{search_name[:90]}|{birth_date.isoformat() if birth_date else ''}"


def person_key(*, nik_index: str, household_key: str, search_name: str,
               birth_date: date | None) -> str:
    """Used to spot the same person twice in one sheet."""
    if nik_index:
        return "nik:" + nik_index
    return f"{household_key}|{search_name}|{birth_date.isoformat() if birth_date else ''}"
