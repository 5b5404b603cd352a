"""The LTSA as a new user goes through it: the public checks agencies and a fee; an
applicant is registered; three desks verify their items (the others were done earlier); the
file becomes ready to depart; the certificate's QR link verifies and a tampered one fails;
a desk officer cannot touch another desk's item."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lindung.directory.choices import Desk
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.models import Application
from tests.browser.conftest import RequestLog
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.fixtures.ltsa import LtsaWorld

pytestmark = pytest.mark.browser


def _login(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    sign_in(page, base, username, PASSWORD)
    return page


def _verify(page: Any, code: str, expires: str = "") -> None:
    row = page.locator(f"#item-{code}")
    if expires:
        row.locator("input[name=expires_on]").fill(expires)
    row.locator("button[value=verify]").click()
    page.wait_for_selector(f'#item-{code}[data-status="verified"]')


def test_it_takes_a_new_user_from_the_public_check_to_a_verified_certificate(
        live_server: Any, ltsa: LtsaWorld, fixed_today: object, browser: Any, phone: Any,
        request_log: type[RequestLog]) -> None:
    base = live_server.url
    log = request_log(phone, base)

    # The public: a licensed agency (misspelt), an unlicensed one, and a fee.
    phone.goto(base + "/ltsa/")
    phone.fill("#id_q", "sinar harapn jaya")
    phone.get_by_role("button", name="Periksa").click()
    phone.wait_for_selector('.agency-hit [data-state="licensed"]')
    assert "PT Sinar Harapan Jaya" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.fill("#id_q", "Bintang Timur Abadi")
    phone.get_by_role("button", name="Periksa").click()
    phone.wait_for_selector('.agency-hit [data-state="expired"]')
    assert phone.locator('.agency-hit a[href="/reports/new/"]').count() == 1
    phone.goto(base + "/ltsa/")
    phone.select_option("#id_country", "MY")
    phone.select_option("#id_occupation", "household_worker")
    phone.get_by_role("button", name="Lihat biaya resmi").click()
    phone.wait_for_selector("#zero-cost-notice")
    assert "contoh" in phone.content()

    # An applicant is registered by the civil-registry desk, after a search.
    registrar = _login(browser, base, "desk_civil_registry")
    registrar.goto(base + "/ltsa/staff/applications/new/")
    registrar.fill("#id_q", "Yohana")
    registrar.get_by_role("button", name="Cari").click()
    registrar.locator("#candidates").get_by_role("link", name="Pilih").first.click()
    registrar.fill("#id_permit_number", ltsa.job.permit_number)
    registrar.fill("#id_planned_departure", "2026-05-01")
    registrar.select_option("#id_marital_status", "single")
    registrar.get_by_role("button", name="Daftarkan").click()
    registrar.wait_for_selector("#receipt-code")
    code = registrar.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"([0-9A-Z]{4}-){5}[0-9A-Z]{4}", code)
    application = Application.objects.get(person=ltsa.applicant)

    # Five desks did their part earlier; three desks now verify theirs in the browser.
    ltsa.verify_all(application, except_desks=(Desk.CIVIL_REGISTRY, Desk.HEALTH,
                                               Desk.IMMIGRATION))
    registrar.get_by_role("link", name="Buka berkas").click()
    registrar.wait_for_selector("#file-body")
    for item in ("identity", "marital_status", "family_consent"):
        _verify(registrar, item)
    assert "#ready" not in registrar.content()

    health = _login(browser, base, "desk_health")
    health.goto(f"{base}/ltsa/staff/applications/{application.pk}/")
    # The health officer sees the whole file but has no control on another desk's item...
    assert health.locator("#item-passport").count() == 1
    assert health.locator("#item-passport button").count() == 0
    passport = application.items.get(code="passport")
    token = health.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    refused = health.request.post(
        f"{base}/ltsa/staff/applications/{application.pk}/items/{passport.pk}/decide/",
        form={"action": "verify", "expires_on": "2030-01-01", "csrfmiddlewaretoken": token},
        headers={"Referer": base + "/"})
    assert refused.status == 403
    passport.refresh_from_db()
    assert passport.status == ItemStatus.PENDING
    # ...and verifies its own.
    _verify(health, "health_certificate", "2027-12-31")

    immigration = _login(browser, base, "desk_immigration")
    immigration.goto(f"{base}/ltsa/staff/applications/{application.pk}/")
    _verify(immigration, "passport", "2030-01-01")
    _verify(immigration, "work_visa", "2028-05-01")
    immigration.wait_for_selector("#ready")
    immigration.reload()
    href = immigration.locator("#certificate-link").get_attribute("href")
    pdf = immigration.request.get(base + href)
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    match = re.search(rb"/URI \((http[^)]+/ltsa/verify/[^)]+)\)", pdf.body())
    assert match is not None
    verify_url = match.group(1).decode()

    # The screening scans the QR: it verifies; a tampered one fails.
    phone.goto(verify_url)
    phone.wait_for_selector("#certificate-valid")
    assert ltsa.applicant.name not in phone.content()
    tampered = verify_url[:-4] + ("AAAA" if not verify_url.endswith("AAAA") else "BBBB")
    phone.goto(tampered)
    phone.wait_for_selector("#certificate-invalid")

    # The applicant follows the file with the receipt code, in English.
    phone.goto(base + "/ltsa/track/")
    phone.get_by_role("button", name="EN", exact=True).click()
    phone.wait_for_load_state()
    phone.fill("#id_receipt_code", code)
    phone.fill("#id_birth_date", "1998-04-12")
    phone.locator("form.narrow button[type=submit]").click()
    phone.wait_for_selector("#track-result")
    assert application.number in phone.content()
    assert log.foreign == []
    for page in (registrar, health, immigration):
        page.context.close()
