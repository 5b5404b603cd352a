"""Numbers, money, percentages, dates and times for people, through Django's localisation:
``1.234,5`` in Indonesian, ``1,234.5`` in English; times in the zone of the officer's post
with the zone's name (WIB, WITA, WIT), stored in UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.http import HttpResponse
from django.utils import formats
from django.utils import timezone
from django.utils.translation import ngettext

NONE = "—"
Number = int | float | Decimal

WIB = ZoneInfo("Asia/Jakarta")
WIB_WEST_KALIMANTAN = ZoneInfo("Asia/Pontianak")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

# Kemendagri province code -> the province's legal time zone (UU 1987/Keppres 41/1987).
# Provinces not named here are on WIB.
PROVINCE_ZONES: dict[str, ZoneInfo] = {
    "61": WIB_WEST_KALIMANTAN, "62": WIB_WEST_KALIMANTAN,
    # Bali, NTB, NTT, Kalimantan Selatan/Timur/Utara, all of Sulawesi.
    **dict.fromkeys(("51", "52", "53", "63", "64", "65",
                     "71", "72", "73", "74", "75", "76"), WITA),
    # Maluku, Maluku Utara, the Papua provinces.
    **dict.fromkeys(("81", "82", "91", "92", "93", "94", "95", "96"), WIT),
}


def zone_for_region(region_code: str | None) -> ZoneInfo:
    """The time zone of a region (a dotted Kemendagri code; "" = national, on WIB)."""
    return PROVINCE_ZONES.get((region_code or "")[:2], WIB)


def number(value: Number | None, places: int = 0) -> str:
    """A number grouped in thousands in the active language ("—" when there is none)."""
    if value is None:
        return NONE
    return formats.number_format(value, decimal_pos=places, use_l10n=True,
                                 force_grouping=True)


def percent(value: Number | None, places: int = 1) -> str:
    """``12,5%`` / ``12.5%`` ("—" when there is none)."""
    return NONE if value is None else f"{number(value, places)}%"


def rupiah(value: Number | None) -> str:
    """``Rp1.234.567`` / ``Rp1,234,567``, negative ``-Rp…`` ("—" when there is none)."""
    if value is None:
        return NONE
    if value < 0:
        return f"-Rp{number(-value)}"
    return f"Rp{number(value)}"


def day(value: date | None) -> str:
    """A date in the active language ("6 Desember 2026", "December 6, 2026")."""
    if value is None:
        return NONE
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(value, "DATE_FORMAT")


def moment(value: datetime | None, zone: tzinfo | None = None) -> str:
    """A time in the given zone, else the active one (the officer's post), with the zone's
    name: "6 Desember 2026 15.20 WITA"."""
    if value is None:
        return NONE
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_default_timezone())
    local = timezone.localtime(value, zone)
    return (f"{formats.date_format(local, 'DATE_FORMAT')} "
            f"{formats.time_format(local, 'TIME_FORMAT')} {local.tzname()}")


def duration(value: timedelta | None) -> str:
    """A waiting time or a time to answer, to the two largest units that matter: "3 hari
    4 jam", "5 jam 10 menit", "12 menit"; less than a minute is "0 menit"."""
    if value is None:
        return NONE
    minutes = max(0, int(value.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d hari", "%(n)d hari", days) % {"n": days})
    if hours and len(parts) < 2:
        parts.append(ngettext("%(n)d jam", "%(n)d jam", hours) % {"n": hours})
    if not days and (minutes or not parts):
        parts.append(ngettext("%(n)d menit", "%(n)d menit", minutes) % {"n": minutes})
    return " ".join(parts)


class PostTimeZoneMiddleware:
    """Times on a staff page are in the zone of the officer's post: the province of their
    scope, else of their post (``user.site``); national staff and the public see WIB."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        code = ""
        if user is not None and user.is_authenticated:
            code = getattr(user, "scope_code", "") or ""
            if not code and getattr(user, "site_id", None):  # posted, no scope: the post's
                code = getattr(user.site, "region_code", "") or ""
        timezone.activate(zone_for_region(code))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
