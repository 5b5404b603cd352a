"""Browser: the phone layout (issue 16). On a 360 px phone the staff menu folds behind a
button and holds only the role's entries; lists become cards with each value labelled by its
column, the key columns (verdict, status) on screen; the one-passenger screening form is one
column. On a desktop the menu shows, lists stay tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.conftest import World

pytestmark = pytest.mark.browser


def _screen_a_minor(page: Any, base: str) -> None:
    page.goto(base + "/screening/")
    sixteen = dt.date.today().replace(year=dt.date.today().year - 16)
    page.fill("#id_single-name", "Agustinus Lake")
    page.fill("#id_single-birth_date", sixteen.isoformat())
    page.get_by_role("button", name="Periksa penumpang").click()
    page.wait_for_url("**/screening/manifests/**")


def _single_form_lefts(page: Any) -> set[int]:
    return set(page.evaluate(
        "() => Array.from(document.querySelectorAll("
        "'input[name=form][value=single] ~ .field, input[name=form][value=single] ~ * .field'))"
        ".map(f => Math.round(f.getBoundingClientRect().left))"))


def test_it_folds_the_menu_and_shows_lists_as_cards_on_a_phone(
        live_server: Any, world: World, phone: Any) -> None:
    sign_in(phone, live_server.url, "taskforce_kupang", PASSWORD)
    phone.goto(live_server.url + "/staff/")
    menu = phone.locator("#main-menu")
    button = phone.get_by_role("button", name="Menu")
    assert button.is_visible() and not menu.is_visible()
    assert phone.locator("header.top").bounding_box()["height"] < 110
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Penyaringan").is_visible()
    entries = menu.inner_text()
    # Only the task-force officer's work: no village or LTSA desk entries.
    for other in ("Desa Desmigratif", "Antrean loket", "Rencana aksi", "Sosialisasi"):
        assert other not in entries
    button.click()
    assert not menu.is_visible()

    # The one-passenger form: every field in one column.
    phone.goto(live_server.url + "/screening/")
    assert len(_single_form_lefts(phone)) == 1
    _screen_a_minor(phone, live_server.url)
    phone.goto(live_server.url + "/screening/alerts/")
    table = phone.locator("table.data").first
    assert "stacked" in (table.get_attribute("class") or "")
    head = phone.locator("table.data thead").first.bounding_box()
    assert head is not None and head["height"] <= 1  # read by screen readers, not shown
    verdict = table.locator("td[data-label='Hasil']").first
    status = table.locator("td[data-label='Status']").first
    for cell in (verdict, status):
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert verdict.inner_text().strip() == "cegah"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_it_shows_the_menu_and_tables_on_a_desktop(
        live_server: Any, world: World, desktop: Any) -> None:
    sign_in(desktop, live_server.url, "taskforce_kupang", PASSWORD)
    desktop.goto(live_server.url + "/screening/")
    assert not desktop.get_by_role("button", name="Menu").is_visible()
    assert desktop.locator("#main-menu").get_by_role("link", name="Peringatan").is_visible()
    assert len(_single_form_lefts(desktop)) == 1
    _screen_a_minor(desktop, live_server.url)
    desktop.goto(live_server.url + "/screening/alerts/")
    assert desktop.locator("table.data thead").first.is_visible()
    row = desktop.locator("table.data tbody tr").first.bounding_box()
    assert row is not None and row["height"] < 80  # one line per row, not a card
