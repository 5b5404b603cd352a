"""Browser: the task-force officer of the Kupang point, as a new user would go: lands on the
open reports of the point's area (Kab. Kupang and Belu, not Jawa Barat), registers a person
from Soe (Kab. Timor Tengah Selatan) and finds them again (registration is not residence)."""

from __future__ import annotations

from typing import Any

import pytest

from lindung.accounts.demo import DEMO_PASSWORD
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.regions.services import regions_load
from lindung.reports.models import PublicReport
from lindung.site.demo import demo_accounts_create
from lindung.site.demo import demo_reports_create
from tests.browser.conftest import RequestLog
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(regions: None) -> dict[str, PublicReport]:
    regions_load(only=("53.02.01", "53.04.12"))
    Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Kupang", region_id="53.71",
                        region_code="53.71")
    demo_accounts_create()
    demo_reports_create()
    return {report.region_code[:5]: report for report in PublicReport.objects.all()}


def test_it_lands_on_the_reports_of_the_point_and_registers_a_person_from_soe(
        live_server: Any, demo: dict[str, PublicReport], desktop: Any,
        request_log: type[RequestLog]) -> None:
    log = request_log(desktop, live_server.url)
    sign_in(desktop, live_server.url, "satgas.kupang", DEMO_PASSWORD)  # with two-factor
    home = desktop.content()
    assert "Laporan terbuka di wilayah kerja pos Anda" in home
    assert demo["53.01"].reference in home and demo["53.04"].reference in home
    assert demo["32.04"].reference not in home
    assert "Nusa Tenggara Timur" in home

    desktop.goto(live_server.url + "/people/new/")
    desktop.fill("#id_name", "Yohana Bria")
    desktop.fill("#id_birth_date", "1999-03-02")
    desktop.fill("#id_village", "53.02.01.1001")  # SoE, Kota Soe, Kab. TTS
    desktop.get_by_role("button", name="Simpan").click()
    if "mungkin sudah terdaftar" in desktop.content():
        desktop.get_by_role("button", name="Bukan orang yang sama").click()
    desktop.wait_for_url("**/people/*/")
    detail = desktop.content()
    assert "Yohana Bria" in detail and "Akses ditolak" not in detail

    desktop.goto(live_server.url + "/people/")
    desktop.fill("#id_q", "Yohana Bria")
    desktop.get_by_role("button", name="Cari").click()
    desktop.get_by_role("link", name="Yohana Bria").click()
    desktop.wait_for_url("**/people/*/")
    assert "Yohana Bria" in desktop.content()
    assert log.foreign == []
