"""A report as a new user would make it, on a phone, followed to a referral and back."""

from __future__ import annotations

from typing import Any

import pytest

from lindung.reports import forms as report_forms
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from tests.browser.conftest import RequestLog
from tests.browser.conftest import sign_in
from tests.fixtures import reports as rf

pytestmark = pytest.mark.browser


def _login(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="id-ID")
    page = context.new_page()
    sign_in(page, base, username, rf.PASSWORD)
    return page


def test_it_takes_a_report_on_a_phone_and_follows_it_through_a_referral(
        live_server: Any, taskforce: rf.Taskforce, browser: Any, phone: Any,
        request_log: type[RequestLog], monkeypatch: pytest.MonkeyPatch) -> None:
    # A person takes longer than a test to fill the form; the minimum time is tested elsewhere.
    monkeypatch.setattr(report_forms, "MIN_FILL_SECONDS", 0)
    base = live_server.url
    log = request_log(phone, base)

    # 1. Anyone, no account, on a 360 px phone: report a broker.
    phone.goto(base + "/reports/new/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_label("Calo atau perekrut tanpa izin").check()
    phone.fill("#id_description", "Ada calo menjanjikan kerja di kebun sawit Malaysia tanpa "
                                  "dokumen. Berangkat minggu depan lewat Tenau.")
    phone.fill("#id_region", rf.KUPANG_VILLAGE)
    phone.fill("#id_recruiter_name", "Pak Yohanis")
    phone.fill("#id_recruiter_phone", "0812 3456 7890")
    phone.select_option("#id_destination_country", "MY")
    phone.get_by_role("button", name="Kirim laporan").click()
    phone.wait_for_selector("#receipt-code")
    code = phone.inner_text("#receipt-code").strip()
    assert len(code) == 19
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    user_agent = phone.evaluate("navigator.userAgent")
    assert not any(c["name"] == "sessionid" for c in phone.context.cookies())

    # 2. Look it up with the receipt.
    phone.goto(base + "/reports/track/")
    phone.fill("#id_code", code.lower())
    phone.get_by_role("button", name="Lihat").click()
    assert phone.inner_text("#report-status") == "Diterima"

    # 3. The task-force officer triages, verifies, assigns, follows up and refers.
    report = PublicReport.objects.get()
    officer = _login(browser, base, "taskforce_kupang")
    officer.goto(base + "/reports/queue/")
    officer.get_by_role("link", name=report.reference).first.click()
    officer.select_option("#id_urgency", "high")
    officer.select_option("#id_responsible_agency", label=str(taskforce.world.agency))
    officer.get_by_role("button", name="Simpan triase").click()
    officer.get_by_role("button", name="Verifikasi").click()
    officer.select_option("#id_assignee", label="taskforce_kupang")
    officer.get_by_role("button", name="Tugaskan").click()
    officer.get_by_role("button", name="Mulai tindak lanjut").click()
    assert officer.inner_text("#status") == "Ditindaklanjuti"
    officer.get_by_role("link", name="Rujuk ke instansi lain").click()
    officer.select_option("#id_to_agency", label="Polda NTT")
    officer.select_option("#id_service", "investigation")
    officer.get_by_label("Kewajiban hukum (UU 21/2007, tanpa persetujuan)").check()
    officer.get_by_role("button", name="Kirim rujukan").click()
    officer.wait_for_url(f"**/reports/{report.pk}/")
    assert "Diminta" in officer.content()

    # 4. The police, another agency, accept the referral from their queue.
    police = _login(browser, base, "polisi_ntt")
    police.goto(base + "/reports/queue/")
    police.get_by_role("link", name=report.reference).click()
    police.get_by_role("button", name="Terima rujukan").click()
    assert police.inner_text("#referral-status") == "Diterima"
    assert Referral.objects.get().status == "accepted"

    # 5. The reporter sees the new status, and nothing about who handles it.
    phone.goto(base + "/reports/track/")
    phone.fill("#id_code", code)
    phone.get_by_role("button", name="Lihat").click()
    assert phone.inner_text("#report-status") == "Ditindaklanjuti"
    timeline = phone.inner_text("#timeline")
    assert "instansi mitra" in timeline and "Polda" not in timeline
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert log.foreign == []

    # The stored report holds neither the reporter's address nor their browser.
    values = rf.report_row_values(PublicReport.objects.get())
    assert not any("127.0.0.1" in v or user_agent in v or "HeadlessChrome" in v
                   for v in values)
    officer.context.close()
    police.context.close()
