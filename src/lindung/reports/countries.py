"""Destination countries of Indonesian migrant workers (ISO 3166-1 alpha-2), for pick-lists.

The main placement countries first, then countries where Indonesians are trafficked into
online-scam compounds or fishing fleets. "ZZ" stands for another or unknown country.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNTRIES: tuple[tuple[str, str | Promise], ...] = (
    ("MY", "Malaysia"),
    ("SG", "Singapura"),
    ("HK", "Hong Kong"),
    ("TW", "Taiwan"),
    ("SA", "Arab Saudi"),
    ("AE", "Uni Emirat Arab"),
    ("QA", "Qatar"),
    ("KW", "Kuwait"),
    ("OM", "Oman"),
    ("BH", "Bahrain"),
    ("JO", "Yordania"),
    ("TR", "Turki"),
    ("KR", "Korea Selatan"),
    ("JP", "Jepang"),
    ("BN", "Brunei Darussalam"),
    ("KH", "Kamboja"),
    ("MM", "Myanmar"),
    ("LA", "Laos"),
    ("TH", "Thailand"),
    ("PH", "Filipina"),
    ("VN", "Vietnam"),
    ("CN", "Tiongkok"),
    ("AU", "Australia"),
    ("NZ", "Selandia Baru"),
    ("PL", "Polandia"),
    ("DE", "Jerman"),
    ("NL", "Belanda"),
    ("IT", "Italia"),
    ("ES", "Spanyol"),
    ("GB", "Inggris"),
    ("US", "Amerika Serikat"),
    ("ZA", "Afrika Selatan"),
    ("PE", "Peru"),
    ("FJ", "Fiji"),
    ("ZZ", _("Negara lain / tidak diketahui")),
)
COUNTRY_NAMES = dict(COUNTRIES)


def country_choices(blank: str = "—") -> list[tuple[str, str | Promise]]:
    return [("", blank), *COUNTRIES]


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))
