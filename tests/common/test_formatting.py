"""The kernel's formatting: localised numbers, money, percentages, dates; times in the
zone of the officer's post with the zone's name."""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from decimal import Decimal

from django.template import Context
from django.template import Template
from django.test import Client
from django.utils import timezone
from django.utils import translation

from lindung.common.formatting import WIB
from lindung.common.formatting import WIT
from lindung.common.formatting import WITA
from lindung.common.formatting import day
from lindung.common.formatting import moment
from lindung.common.formatting import number
from lindung.common.formatting import percent
from lindung.common.formatting import rupiah
from lindung.common.formatting import zone_for_region
from tests.conftest import World

NOON_UTC = datetime(2026, 12, 6, 7, 20, tzinfo=UTC)


def test_numbers_money_and_percentages_follow_the_language() -> None:
    with translation.override("id"):
        assert number(1234567) == "1.234.567"
        assert number(Decimal("1234.5"), 1) == "1.234,5"
        assert rupiah(1500000) == "Rp1.500.000" and rupiah(-2500) == "-Rp2.500"
        assert percent(33.14) == "33,1%" and percent(60, 0) == "60%"
    with translation.override("en"):
        assert number(1234567) == "1,234,567"
        assert rupiah(1500000) == "Rp1,500,000"
        assert percent(Decimal("12.5")) == "12.5%"
    assert number(None) == rupiah(None) == percent(None) == day(None) == moment(None) == "—"


def test_dates_are_written_out_in_the_language() -> None:
    with translation.override("id"):
        assert day(date(2026, 12, 6)) == "6 Des. 2026"
    with translation.override("en"):
        assert day(date(2026, 12, 6)) == "Dec. 6, 2026"


def test_each_province_has_its_legal_time_zone() -> None:
    assert zone_for_region("53.71.01") is WITA          # Kupang, NTT
    assert zone_for_region("51") is WITA                # Bali
    assert zone_for_region("32.04") is WIB              # Kab. Bandung
    assert zone_for_region("") is WIB                   # national
    assert zone_for_region("91.01") is WIT              # Papua
    assert str(zone_for_region("61")) == "Asia/Pontianak"


def test_a_moment_carries_its_zone_name() -> None:
    with translation.override("id"):
        assert moment(NOON_UTC, WITA) == "6 Des. 2026 15.20 WITA"
        assert moment(NOON_UTC, WIB) == "6 Des. 2026 14.20 WIB"
        assert moment(NOON_UTC, WIT) == "6 Des. 2026 16.20 WIT"


def test_template_filters() -> None:
    template = Template("{% load formatting %}{{ n|number }} {{ a|rupiah }} {{ p|percent }} "
                        "{{ t|moment }}")
    with translation.override("id"), timezone.override(WITA):
        text = template.render(Context({"n": 29000, "a": 150000, "p": 12.25, "t": NOON_UTC}))
    assert text == "29.000 Rp150.000 12,2% 6 Des. 2026 15.20 WITA"


def test_a_page_shows_times_in_the_zone_of_the_officers_post(world: World) -> None:
    kupang = world.client_for("coord_ntt")            # scope 53: NTT, WITA
    bandung = Client()
    bandung.force_login(world.users["coord_jabar"])
    for client, zone in ((kupang, "Asia/Makassar"), (bandung, "Asia/Jakarta")):
        page = client.get("/staff/")
        assert page.context["TIME_ZONE"] == zone
