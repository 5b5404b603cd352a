from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import RequestLog
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_it_shows_the_landing_page_in_both_languages_without_outside_requests(
        live_server: Any, world: World, phone: Any, request_log: type[RequestLog]) -> None:
    from io import StringIO

    from django.core.management import call_command

    from lindung.regions.services import regions_load

    regions_load()
    # The sites and figures through their writer, which also renews the landing page that
    # an earlier test of this process may have left in the public pages' cache.
    call_command("load_reference", stdout=StringIO())
    log = request_log(phone, live_server.url)
    phone.goto(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "id"
    assert "prosedural dan aman" in phone.locator("h1").inner_text()
    assert "3106" in phone.content()
    assert "Nunukan" in phone.content()  # one of the 21 embarkation points
    # The page fits a 360 px screen: no horizontal scrolling of the body.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("button", name="EN", exact=True).click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == "en"
    assert "work abroad" in phone.locator("h1").inner_text().lower()
    assert log.foreign == []


def test_it_refuses_a_wrong_password_then_logs_in(live_server: Any, world: World,
                                                  desktop: Any) -> None:
    desktop.goto(live_server.url + "/accounts/login/")
    desktop.fill("#id_username", "coord_ntt")
    desktop.fill("#id_password", "not-the-password")
    desktop.get_by_role("button", name="Masuk").click()
    assert desktop.locator(".errors").is_visible()
    assert "/accounts/login/" in desktop.url
    sign_in(desktop, live_server.url, "coord_ntt", PASSWORD)
    assert "coord_ntt" in desktop.content()


def test_it_refuses_an_out_of_scope_url(live_server: Any, world: World, desktop: Any) -> None:
    sign_in(desktop, live_server.url, "coord_jabar", PASSWORD)
    response = desktop.goto(f"{live_server.url}/people/{world.ntt_person.pk}/")
    assert response is not None and response.status == 404
    assert "Maria" not in desktop.content()


def test_it_loads_its_own_stylesheet_and_script(live_server: Any, db: None,
                                                desktop: Any) -> None:
    failed: list[str] = []
    desktop.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    desktop.goto(live_server.url + "/")
    assert failed == []
    color = desktop.evaluate(
        "getComputedStyle(document.querySelector('.brand')).color")
    assert color == "rgb(11, 110, 79)"  # from site.css
    assert desktop.evaluate("typeof htmx") == "object"
