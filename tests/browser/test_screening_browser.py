"""Browser: an officer screens a passenger on a phone and handles the alert; search before
create; a de-duplication decision in the review queue (HTMX)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lindung.people.dedupe import dedupe_run
from lindung.people.services import person_create
from lindung.regions.models import Region
from tests.browser.conftest import RequestLog
from tests.browser.conftest import sign_in
from tests.conftest import NTT_VILLAGE
from tests.conftest import PASSWORD
from tests.conftest import World

pytestmark = pytest.mark.browser


def _login(page: Any, base: str, username: str) -> None:
    sign_in(page, base, username, PASSWORD)


def test_it_screens_a_passenger_and_resolves_the_alert_on_a_phone(
        live_server: Any, world: World, phone: Any, request_log: type[RequestLog]) -> None:
    log = request_log(phone, live_server.url)
    _login(phone, live_server.url, "taskforce_kupang")
    phone.goto(live_server.url + "/screening/")
    sixteen = dt.date.today().replace(year=dt.date.today().year - 16)
    phone.fill("#id_single-name", "Agustinus Lake")
    phone.fill("#id_single-birth_date", sixteen.isoformat())
    phone.get_by_role("button", name="Periksa penumpang").click()
    phone.wait_for_url("**/screening/manifests/**")
    assert "Di bawah umur" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("link", name="Agustinus Lake").click()
    phone.get_by_role("link", name="Peringatan: baru").click()
    phone.get_by_role("button", name="Tangani").click()
    phone.select_option("#id_resolution", "cleared")
    phone.fill("#id_note", "travelling with family")
    phone.get_by_role("button", name="Simpan penyelesaian").click()
    assert "diizinkan berangkat setelah diperiksa" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert log.foreign == []


def test_it_shows_likely_people_before_registering_one(live_server: Any, world: World,
                                                      desktop: Any) -> None:
    person_create(actor=None, name="Yohanes Manafe", birth_date=dt.date(1990, 4, 12),
                  village=Region.objects.get(code=NTT_VILLAGE))
    _login(desktop, live_server.url, "coord_ntt")
    desktop.goto(live_server.url + "/people/new/")
    desktop.fill("#id_name", "Johanes Manafe")
    desktop.fill("#id_nik", "5301051204900007")  # Kupang Barat, 12-04-1990
    desktop.fill("#id_birth_date", "1990-04-12")
    desktop.get_by_role("button", name="Simpan").click()
    assert "mungkin sudah terdaftar" in desktop.content()
    assert "Yohanes Manafe" in desktop.content()
    desktop.get_by_role("button", name="Bukan orang yang sama").click()
    desktop.wait_for_url("**/people/*/")
    assert "Johanes Manafe" in desktop.content()


def test_it_decides_a_duplicate_pair_in_place(live_server: Any, world: World,
                                              desktop: Any) -> None:
    village = Region.objects.get(code=NTT_VILLAGE)
    for name in ("Yosef Nope", "Josef Nope"):
        person_create(actor=None, name=name, birth_date=dt.date(1988, 7, 1), village=village,
                      birth_place="Soe")
    dedupe_run()
    _login(desktop, live_server.url, "coord_ntt")
    desktop.goto(live_server.url + "/people/duplicates/")
    card = desktop.locator("article").first
    card.get_by_role("button", name="Orang yang sama", exact=True).click()
    card.get_by_role("button", name="Batalkan keputusan").wait_for()
    assert "orang yang sama" in card.inner_text()
