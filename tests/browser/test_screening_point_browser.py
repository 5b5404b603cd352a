"""Browser: a day at the Kupang embarkation point (issue 17), as the task-force officer sees
it. The rule book (screening/rules.toml) decides: a family with a child on a domestic ferry
is "check" with the reason; the same child alone to Batam is "stop"; an adult holding a
verified certificate (looked up by its serial, then screened with its QR code) is "clear";
an ambiguous name shows both registered people; a second manifest with the same child adds
to the open alert. And the watchlist: a recruiter stored three times, merged by the officer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lindung.ltsa import certificates
from lindung.people.choices import FamilyRelation
from lindung.people.choices import WatchlistKind
from lindung.people.services import family_link_create
from lindung.people.services import person_create
from lindung.people.services import watchlist_entry_add
from lindung.regions.models import Region
from tests.browser.conftest import RequestLog
from tests.browser.conftest import sign_in
from tests.conftest import NTT_VILLAGE
from tests.conftest import PASSWORD
from tests.conftest import World
from tests.fixtures.ltsa import TODAY
from tests.fixtures.ltsa import LtsaWorld

pytestmark = pytest.mark.browser

ADULT = dt.date(1985, 3, 14)
CHILD = TODAY.replace(year=TODAY.year - 11)


def _login(page: Any, base: str, username: str) -> None:
    sign_in(page, base, username, PASSWORD)


def _one(page: Any, base: str, *, name: str, birth_date: dt.date, journey: str,
         destination: str = "", certificate: str = "", reference: str = "") -> None:
    """Type one passenger on the screening page and wait for the result."""
    page.goto(base + "/screening/")
    page.fill("#id_single-name", name)
    page.fill("#id_single-birth_date", birth_date.isoformat())
    page.select_option("#id_single-journey", journey)
    page.fill("#id_single-destination", destination)
    page.fill("#id_single-reference", reference)
    if certificate:
        page.fill("#id_single-certificate", certificate)
    page.get_by_role("button", name="Periksa penumpang").click()
    page.wait_for_url("**/screening/manifests/**")


def _row(page: Any, name: str) -> str:
    """The result row of the passenger named ``name`` (by the link on the name)."""
    link = page.get_by_role("link", name=name, exact=True)
    text: str = page.locator("table.data tbody tr").filter(has=link).inner_text()
    return text


def test_a_day_at_the_point(live_server: Any, ltsa: LtsaWorld, fixed_today: object,
                            desktop: Any, request_log: type[RequestLog]) -> None:
    base = live_server.url
    village = Region.objects.get(code=NTT_VILLAGE)
    mother = person_create(actor=None, name="Yuliana Taek", birth_date=ADULT, sex="F",
                           village=village)
    child = person_create(actor=None, name="Maria Yasinta Taek", birth_date=CHILD, sex="F",
                          village=village)
    family_link_create(actor=None, person=mother, relative=child,
                       relation=FamilyRelation.PARENT)
    kota = Region.objects.filter(code__startswith="53.71.01.", level="village").first()
    assert kota is not None
    for birth_place in ("Kupang", "Soe"):  # same name and birth date, no NIK: two people
        person_create(actor=None, name="Yosef Nope", birth_date=ADULT, village=kota,
                      birth_place=birth_place)
    application, _receipt = ltsa.register()
    ltsa.verify_all(application)
    application.refresh_from_db()
    log = request_log(desktop, base)
    _login(desktop, base, "taskforce_kupang")

    # 1. A family on the domestic ferry to Larantuka: the child is "check", with the reason.
    desktop.goto(base + "/screening/")
    desktop.select_option("#id_upload-journey", "domestic")
    desktop.fill("#id_upload-destination", "Larantuka")
    desktop.fill("#id_upload-reference", "KM Lambelu")
    desktop.set_input_files("#id_upload-file", files=[{
        "name": "manifes.csv", "mimeType": "text/csv",
        "buffer": (f"Nama;Tanggal lahir\nYuliana Taek;{ADULT:%d-%m-%Y}\n"
                   f"Maria Yasinta Taek;{CHILD:%d-%m-%Y}\n").encode()}])
    desktop.get_by_role("button", name="Periksa manifes").click()
    desktop.wait_for_url("**/screening/manifests/**")
    mother_row, child_row = _row(desktop, "Yuliana Taek"), _row(desktop, "Maria Yasinta Taek")
    assert "aman" in mother_row
    assert "periksa" in child_row
    assert "bepergian bersama orang tua/wali terdaftar" in child_row
    assert "Yuliana Taek" in child_row and "11 tahun" in child_row

    # 2. The same child alone to Batam (a transit point): "stop", and an alert.
    _one(desktop, base, name="Maria Yasinta Taek", birth_date=CHILD, journey="domestic",
         destination="Batam", reference="KM Kelud")
    row = _row(desktop, "Maria Yasinta Taek")
    assert "cegah" in row and "tanpa orang tua/wali terdaftar" in row
    assert "ke titik transit" in row

    # 3. An adult with a ready-to-depart certificate: the officer checks its serial, then
    #    screens her with the QR code: "clear".
    desktop.goto(base + "/ltsa/verify/")
    desktop.fill("#id_serial", certificates.printed_code(application.certificate_code))
    desktop.get_by_role("button", name="Periksa", exact=True).click()
    desktop.locator("#certificate-valid").wait_for()
    assert desktop.locator("#holder-name").inner_text() == "Yohana Bria Seran"
    assert desktop.locator("#holder-birth-date").inner_text() == "12-04-1998"
    _one(desktop, base, name="Yohana Bria Seran", birth_date=dt.date(1998, 4, 12),
         journey="international", destination="Malaysia",
         certificate=certificates.certificate_token(application))
    assert "aman" in _row(desktop, "Yohana Bria Seran")

    # 4. An ambiguous name: both registered people are shown.
    _one(desktop, base, name="Yosef Nope", birth_date=ADULT, journey="international",
         destination="Malaysia")
    assert "periksa" in _row(desktop, "Yosef Nope")
    desktop.get_by_role("link", name="Yosef Nope").click()
    desktop.wait_for_url("**/screening/passengers/**")
    desktop.locator("ul.candidates").wait_for()
    candidates = desktop.locator("ul.candidates li")
    assert candidates.count() == 2
    assert all("Yosef Nope" in text for text in candidates.all_inner_texts())
    assert "2 orang terdaftar sama-sama cocok" in desktop.content()

    # 5. The child again on a second manifest: added to the open alert, not a new one.
    _one(desktop, base, name="Maria Yasinta Taek", birth_date=CHILD, journey="domestic",
         destination="Batam", reference="KM Umsini")
    desktop.get_by_role("link", name="Maria Yasinta Taek").click()
    desktop.wait_for_url("**/screening/passengers/**")
    desktop.get_by_role("link", name="Peringatan: baru").click()
    desktop.wait_for_url("**/screening/alerts/**")
    desktop.locator("#alert-hits").wait_for()
    assert "Muncul 2 kali di titik ini" in desktop.content()
    assert desktop.locator("#alert-hits li").count() == 2
    desktop.goto(base + "/screening/alerts/")
    assert desktop.locator("table.data tbody tr", has_text="Maria Yasinta").count() == 1
    assert log.foreign == []


def test_the_officer_merges_a_recruiter_stored_three_times(
        live_server: Any, world: World, phone: Any, request_log: type[RequestLog]) -> None:
    base = live_server.url
    entries = [watchlist_entry_add(actor=None, kind=WatchlistKind.RECRUITER, name=name,
                                   birth_date=ADULT, region_code="53.71",
                                   source_entity="reports.publicreport", source_id=source)
               for name, source in (("Hendrik Lado", "R-1"), ("Hendrik Lado", "R-2"),
                                    ("Hendrikus Lado", "R-3"))]
    log = request_log(phone, base)
    _login(phone, base, "taskforce_kupang")
    _one(phone, base, name="Hendrik Lado", birth_date=ADULT, journey="international")
    phone.get_by_role("link", name="Hendrik Lado", exact=True).click()
    phone.wait_for_url("**/screening/passengers/**")
    assert str(entries[1].pk) not in phone.inner_text("main")  # names, never ids
    phone.goto(base + "/screening/watchlist/")
    assert "Kemungkinan entri ganda" in phone.content()
    phone.locator("#watchlist-duplicates a").first.click()
    phone.locator("#watchlist-merge").wait_for()
    survivor = phone.url.rstrip("/").rsplit("/", 1)[-1]
    for box in phone.locator("#watchlist-merge input[type=checkbox]").all():
        box.check()
    phone.get_by_role("button", name="Gabungkan", exact=True).click()
    phone.wait_for_selector("#watchlist-merged")
    assert phone.locator("#watchlist-merged li").count() == 2
    assert phone.locator("#watchlist-hits li a", has_text="Hendrik Lado").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.locator("#watchlist-merged li a").first.click()
    phone.get_by_text("Entri ini digabung ke").wait_for()
    phone.locator("p.notice a").click()
    phone.wait_for_url(f"**/screening/watchlist/{survivor}/")
    assert log.foreign == []
