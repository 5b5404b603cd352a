"""Destination countries of Indonesian migrant workers: ISO 3166-1 alpha-2 code, the
Indonesian name, and the spellings census sheets use. Pure Python."""

from __future__ import annotations

import re
import unicodedata

# code -> (Indonesian name, aliases as written in village sheets)
COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "MY": ("Malaysia", ("malaysia", "malaysi", "malay", "mly", "sabah", "sarawak",
                        "kuala lumpur", "johor", "penang")),
    "TW": ("Taiwan", ("taiwan", "taipei", "twn")),
    "HK": ("Hong Kong", ("hong kong", "hongkong", "hk")),
    "SG": ("Singapura", ("singapura", "singapore", "sg")),
    "SA": ("Arab Saudi", ("arab saudi", "saudi arabia", "saudi", "ksa", "arab")),
    "AE": ("Uni Emirat Arab", ("uni emirat arab", "uea", "uae", "dubai", "abu dhabi",
                               "emirat")),
    "QA": ("Qatar", ("qatar", "katar")),
    "KW": ("Kuwait", ("kuwait",)),
    "OM": ("Oman", ("oman",)),
    "BH": ("Bahrain", ("bahrain", "bahrein")),
    "JO": ("Yordania", ("yordania", "jordan")),
    "TR": ("Turki", ("turki", "turkey", "turkiye")),
    "BN": ("Brunei Darussalam", ("brunei darussalam", "brunei")),
    "KR": ("Korea Selatan", ("korea selatan", "korsel", "south korea", "korea")),
    "JP": ("Jepang", ("jepang", "japan")),
    "CN": ("Tiongkok", ("tiongkok", "china", "cina", "rrt")),
    "MO": ("Makau", ("makau", "macau", "macao")),
    "TH": ("Thailand", ("thailand",)),
    "PH": ("Filipina", ("filipina", "philippines")),
    "AU": ("Australia", ("australia",)),
    "NZ": ("Selandia Baru", ("selandia baru", "new zealand")),
    "US": ("Amerika Serikat", ("amerika serikat", "amerika", "usa", "as")),
    "GB": ("Inggris", ("inggris", "united kingdom", "uk")),
    "DE": ("Jerman", ("jerman", "germany")),
    "NL": ("Belanda", ("belanda", "netherlands")),
    "IT": ("Italia", ("italia", "italy")),
    "ES": ("Spanyol", ("spanyol", "spain")),
    "PL": ("Polandia", ("polandia", "poland")),
    "FR": ("Prancis", ("prancis", "perancis", "france")),
    "TL": ("Timor-Leste", ("timor leste", "timor-leste", "timtim", "dili")),
    "PG": ("Papua Nugini", ("papua nugini", "papua new guinea", "png")),
    "FJ": ("Fiji", ("fiji",)),
    "MV": ("Maladewa", ("maladewa", "maldives")),
    "ZA": ("Afrika Selatan", ("afrika selatan", "south africa")),
    "CA": ("Kanada", ("kanada", "canada")),
}

_ALIASES: dict[str, str] = {}
for _code, (_name, _aliases) in COUNTRIES.items():
    for _alias in (_name, *_aliases, _code):
        _ALIASES.setdefault(re.sub(r"[^a-z ]", " ", _alias.lower()).strip(), _code)
        _ALIASES.setdefault(re.sub(r"[^a-z]", "", _alias.lower()), _code)


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z ]", " ", ascii_text.lower()).split())


def country_code(text: str) -> str | None:
    """The ISO code for a country as written in a sheet ("Malaysia", "HONGKONG", "Saudi"),
    or None when it is not a known destination."""
    folded = _fold(text)
    if not folded:
        return None
    return _ALIASES.get(folded) or _ALIASES.get(folded.replace(" ", ""))


def country_name(code: str) -> str:
    entry = COUNTRIES.get(code)
    return entry[0] if entry else code


def country_choices() -> list[tuple[str, str]]:
    return sorted(((code, name) for code, (name, _) in COUNTRIES.items()),
                  key=lambda item: item[1])
