"""Countries: ISO 3166-1 alpha-2 codes with their Indonesian and English names, one list for
every pick-list, page, PDF and import.

Names come from pycountry (Debian's iso-codes data and its translations), so that a code
always reads as a country in the reader's language ("MY" → "Malaysia", "SA" → "Arab Saudi"
in Indonesian, "Saudi Arabia" in English). Where iso-codes differs from Indonesian official
usage, `_ID_NAMES` says so with its source; where its English name is the formal one
("Korea, Republic of"), the common name is used.

`DESTINATIONS` are the countries offered first in pick-lists: where Indonesian migrant
workers are placed, and where trafficked Indonesians are found (online-scam compounds,
fishing fleets). Any ISO code stays valid; "ZZ" stands for another or unknown country.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import lru_cache
from typing import Any

import pycountry
from django import forms
from django.utils import translation
from django.utils.functional import Promise
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

OTHER = "ZZ"

DESTINATIONS: tuple[str, ...] = (
    "MY", "SG", "HK", "TW", "SA", "AE", "QA", "KW", "OM", "BH", "JO", "TR", "KR", "JP", "BN",
    "KH", "MM", "LA", "TH", "PH", "VN", "CN", "MO", "AU", "NZ", "PL", "DE", "NL", "IT", "ES",
    "FR", "GB", "US", "CA", "ZA", "PE", "FJ", "MV", "TL", "PG",
)

# Indonesian official usage where iso-codes' Indonesian translation differs:
# "Tiongkok" (Keputusan Presiden 12/2014), "Timor-Leste" (the country's own name, used by
# Kemlu), "Taiwan" and "Makau" as Kemlu and BP2MI publish them, "Inggris" as BP2MI's
# placement statistics write the United Kingdom.
_ID_NAMES: dict[str, str] = {
    "CN": "Tiongkok", "TL": "Timor-Leste", "TW": "Taiwan", "MO": "Makau", "GB": "Inggris",
    "LA": "Laos",
}
_EN_NAMES: dict[str, str] = {"TW": "Taiwan", "MO": "Macau", "KR": "South Korea"}

# Spellings seen in village sheets and reports besides the names in both languages.
_ALIASES: dict[str, tuple[str, ...]] = {
    "MY": ("malaysi", "malay", "mly", "sabah", "sarawak", "kuala lumpur", "johor", "penang"),
    "TW": ("taipei", "twn"),
    "HK": ("hongkong", "hk"),
    "SG": ("singapore", "sg"),
    "SA": ("saudi", "ksa", "arab"),
    "AE": ("uea", "uae", "dubai", "abu dhabi", "emirat"),
    "QA": ("katar",),
    "BH": ("bahrein",),
    "TR": ("turkey", "turkiye"),
    "BN": ("brunei",),
    "KR": ("korsel", "korea"),
    "CN": ("china", "cina", "rrt"),
    "MO": ("macao",),
    "US": ("amerika", "usa"),
    "GB": ("united kingdom", "uk", "britania raya"),
    "FR": ("perancis",),
    "TL": ("timor leste", "timtim", "dili"),
    "PG": ("png",),
}


@lru_cache(maxsize=4)
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                               fallback=True)


def _language(language: str | None) -> str:
    return (language or get_language() or "id").split("-")[0]


def is_country(code: str) -> bool:
    return code == OTHER or pycountry.countries.get(alpha_2=code) is not None


def country_name(code: str, language: str | None = None) -> str:
    """The name of the country `code` in `language` (default: the active language); an
    unknown code is returned as it is, an empty one as ""."""
    if not code:
        return ""
    lang = _language(language)
    if code == OTHER:
        with translation.override(lang):
            return str(_("Negara lain / tidak diketahui"))
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    if lang == "en":
        return _EN_NAMES.get(country.alpha_2) or getattr(country, "common_name", None) \
            or str(country.name)
    if lang == "id" and country.alpha_2 in _ID_NAMES:
        return _ID_NAMES[country.alpha_2]
    return _catalogue(lang).gettext(str(country.name))


country_name_lazy = lazy(country_name, str)


def country_choices(blank: str | Promise | None = "—") -> list[tuple[str, str | Promise]]:
    """Destinations in the reader's language (names resolved when rendered), then "another
    or unknown country"; with a leading blank choice unless `blank` is None."""
    choices: list[tuple[str, str | Promise]] = [
        (code, country_name_lazy(code)) for code in (*DESTINATIONS, OTHER)]
    return choices if blank is None else [("", blank), *choices]


def all_country_choices() -> list[tuple[str, str]]:
    """Every ISO country in the active language: Indonesia, the destinations, then the rest
    by name (for partner countries and foreign agencies)."""
    first = ("ID", *DESTINATIONS)
    rest = sorted(((str(c.alpha_2), country_name(str(c.alpha_2))) for c in pycountry.countries
                   if c.alpha_2 not in first), key=lambda item: _fold(item[1]))
    return [*((code, country_name(code)) for code in first), *rest]


class CountryField(forms.ChoiceField):
    """A country picked by name, stored as its ISO code; lower-case codes are accepted."""

    def __init__(self, *, required: bool = True, **kwargs: Any) -> None:
        blank = [("", "—")] if not required else []
        super().__init__(choices=lambda: [*blank, *all_country_choices()], required=required,
                         **kwargs)

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]", " ", ascii_text.lower()).split())


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in DESTINATIONS:
        for alias in (country_name(code, "id"), country_name(code, "en"), *_ALIASES.get(code, ()),
                      code):
            folded = _fold(alias)
            table.setdefault(folded, code)
            table.setdefault(folded.replace(" ", ""), code)
    return table


def country_code(text: str) -> str | None:
    """The code of a destination as written by people ("Malaysia", "HONGKONG", "Saudi"),
    or None when it is not a known destination."""
    folded = _fold(text)
    if not folded:
        return None
    table = _alias_table()
    return table.get(folded) or table.get(folded.replace(" ", ""))
