"""Browser: onboarding as a new ministry would run it (issue 15). The national administrator
enrols two-factor and keeps the recovery codes, invites a task-force officer for the Kupang
embarkation point; the officer sets a password from the link in the outbox, logs in and
enrols, lands on the open reports of the point's area (Kab. Kupang and Belu, not Jawa
Barat), registers a person from Soe and finds them again; the administrator resets the
officer's password, issues an API token to a machine client, and deactivates both: the
officer's session and the token stop working at once.

The steps are functions so that other tests can go on from where the officer lands."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from typing import Any

import pyotp
import pytest

from lindung.accounts.models import User
from lindung.core.models import OutboxMessage
from lindung.regions.services import regions_load
from lindung.reports.models import PublicReport
from lindung.site.demo import demo_reports_create
from tests.browser.conftest import RequestLog
from tests.conftest import PASSWORD
from tests.conftest import World
from tests.conftest import totp_code

pytestmark = [pytest.mark.browser, pytest.mark.unenrolled]

OFFICER = "yanti.satgas"
OFFICER_EMAIL = "yanti@example.org"
OFFICER_PASSWORD = "sabana-timor-2026"
NEW_PASSWORD = "pantai-lasiana-77"


def _login(page: Any, base: str, username: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()


def _second_step(page: Any, username: str) -> None:
    page.fill("#id_code", totp_code(User.objects.get(username=username)))
    page.get_by_role("button", name="Verifikasi").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


def enrol_two_factor(page: Any) -> list[str]:
    """On the enrolment page: type a code from the shown key; returns the recovery codes."""
    page.wait_for_url("**/accounts/two-factor/setup/")
    secret = page.locator("code.secret").inner_text().strip()
    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_selector(".recovery-codes")
    codes = [c.strip() for c in page.locator(".recovery-codes code").all_inner_texts()]
    page.get_by_role("link", name="Sudah saya simpan, lanjutkan").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)
    return codes


def invite_officer(page: Any, base: str) -> str:
    """The administrator creates the officer for the Kupang point; returns the account page."""
    page.goto(base + "/accounts/users/")
    page.get_by_role("link", name="Buat akun").click()
    page.fill("#id_username", OFFICER)
    page.fill("#id_first_name", "Yanti")
    page.fill("#id_email", OFFICER_EMAIL)
    page.select_option("#id_role", "taskforce_officer")
    page.select_option("#id_site", label="Kupang")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r".*/accounts/users/\d+/$"))
    assert "undangan dikirim" in page.content()
    return str(page.url)


def link_from_outbox(base: str) -> str:
    body = OutboxMessage.objects.filter(recipient=OFFICER_EMAIL).latest("created_at").body
    match = re.search(r"/accounts/invite/[\w-]+/", body)
    assert match, body
    return base + match.group(0)


def set_password(page: Any, link: str, password: str) -> None:
    page.goto(link)
    page.fill("#id_password", password)
    page.fill("#id_password_again", password)
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.wait_for_url("**/accounts/login/")


def officer_starts(browser: Any, base: str) -> Any:
    """The invited officer: password from the link, first login, two-factor enrolment.
    Returns their page, where their role lands them."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="id-ID")
    page = context.new_page()
    link = link_from_outbox(base)
    set_password(page, link, OFFICER_PASSWORD)
    # The link works once.
    again = page.goto(link)
    assert again is not None and again.status == 410
    assert "sudah dipakai" in page.content()
    _login(page, base, OFFICER, OFFICER_PASSWORD)
    codes = enrol_two_factor(page)
    assert len(codes) == 10
    return page


def officer_works(page: Any, base: str, reports: dict[str, PublicReport]) -> None:
    """The officer's first day: the point's reports, a person from Soe registered and found
    again (registration is not residence)."""
    page.goto(base + "/staff/")
    home = page.content()
    assert "Laporan terbuka di wilayah kerja pos Anda" in home
    assert reports["53.01"].reference in home and reports["53.04"].reference in home
    assert reports["32.04"].reference not in home
    page.goto(base + "/people/new/")
    page.fill("#id_name", "Yohana Bria")
    page.fill("#id_birth_date", "1999-03-02")
    page.fill("#id_village", "53.02.01.1001")  # SoE, Kota Soe, Kab. Timor Tengah Selatan
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    if "Bukan orang yang sama" in page.content():
        page.get_by_role("button", name="Bukan orang yang sama").click()
    page.wait_for_url("**/people/*/")
    assert "Yohana Bria" in page.content()
    page.goto(base + "/people/")
    page.fill("#id_q", "Yohana Bria")
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("link", name="Yohana Bria").click()
    page.wait_for_url("**/people/*/")
    assert "Yohana Bria" in page.content()


def _api_status(url: str, token: str) -> int:
    request = urllib.request.Request(  # noqa: S310 - the live server, http only
        url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - live server
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_an_administrator_onboards_an_officer_and_offboards_at_once(
        live_server: Any, world: World, browser: Any, desktop: Any,
        request_log: type[RequestLog]) -> None:
    base = live_server.url
    log = request_log(desktop, base)
    # The Kupang point works the whole province (its default area); open reports in Kab.
    # Kupang, Belu and Jawa Barat; the villages of Soe and Belu.
    regions_load(only=("53.02.01", "53.04.12"))
    world.embarkation.area_codes = []
    world.embarkation.save()
    demo_reports_create()
    reports = {r.region_code[:5]: r for r in PublicReport.objects.all()}

    # The administrator must enrol before working, and keeps ten recovery codes.
    _login(desktop, base, "admin", PASSWORD)
    admin_codes = enrol_two_factor(desktop)
    assert len(admin_codes) == 10 and len(set(admin_codes)) == 10
    assert User.objects.get(username="admin").has_two_factor

    # The invitation for the Kupang embarkation point.
    officer_url = invite_officer(desktop, base)
    officer = User.objects.get(username=OFFICER)
    assert officer.site == world.embarkation and not officer.has_usable_password()

    # The officer sets a password from the link and logs in.
    officer_page = officer_starts(browser, base)
    assert "/accounts/" not in officer_page.url
    assert OFFICER in officer_page.content()
    officer_works(officer_page, base, reports)

    # A password reset: the officer's session stops at once; a new link sets a new password.
    desktop.goto(officer_url)
    desktop.get_by_role("button", name="Atur ulang kata sandi").click()
    desktop.wait_for_load_state()
    assert "tautan untuk membuat kata sandi baru dikirim" in desktop.content()
    officer_page.goto(base + "/staff/")
    assert "/accounts/login/" in officer_page.url
    set_password(officer_page, link_from_outbox(base), NEW_PASSWORD)
    _login(officer_page, base, OFFICER, NEW_PASSWORD)
    _second_step(officer_page, OFFICER)

    # A machine client's token, issued from its account page.
    desktop.goto(f"{base}/accounts/users/{world.users['machine'].pk}/")
    desktop.get_by_role("link", name="Buat token API").click()
    desktop.fill("#id_name", "Imigrasi El Tari")
    desktop.get_by_label("baca dan tulis").check()
    desktop.get_by_label("screening").check()
    desktop.fill("#id_valid_days", "30")
    desktop.get_by_role("button", name="Buat token").click()
    token = desktop.locator("#api-token").inner_text().strip()
    points = base + "/api/v1/screening/points"
    assert _api_status(points, token) == 200

    # Deactivation takes effect at once: the officer's session, the machine client's token.
    for account, url in ((OFFICER, officer_url),
                         ("machine", f"{base}/accounts/users/{world.users['machine'].pk}/")):
        desktop.goto(url)
        desktop.get_by_role("link", name="Nonaktifkan").click()
        desktop.fill("#id_reason", "uji offboarding")
        desktop.get_by_role("button", name="Nonaktifkan").click()
        desktop.wait_for_load_state()
        assert "dinonaktifkan" in desktop.content(), account
    officer_page.goto(base + "/staff/")
    assert "/accounts/login/" in officer_page.url
    assert _api_status(points, token) == 401
    assert not User.objects.get(username=OFFICER).is_active
    assert log.foreign == []
