"""A coordinator creates a plan with an action and an indicator computed from recorded
prevented departures, records a meeting whose decision creates a follow-up, and generates
the yearly report, whose figures equal those on the task-force statistics page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from lindung.coordination import services
from lindung.coordination.choices import ServiceKind
from lindung.coordination.choices import StakeholderCategory
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import AgencyLevel
from lindung.regions.models import Region
from tests.browser.conftest import RequestLog
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD
from tests.conftest import World
from tests.fixtures.coordination import prevent

pytestmark = pytest.mark.browser


def _login(page: Any, base: str, username: str) -> None:
    sign_in(page, base, username, PASSWORD)


def _number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def test_it_plans_meets_and_reports_with_the_statistics_pages_figures(
        live_server: Any, world: World, desktop: Any, request_log: type[RequestLog],
        media: Any) -> None:
    today = timezone.localdate()
    year = today.year
    polda = services.stakeholder_create(
        actor=world.users["admin"], name="Kepolisian Daerah NTT", short_name="Polda NTT",
        kind=AgencyKind.POLICE, level=AgencyLevel.PROVINCE,
        category=StakeholderCategory.GOVERNMENT, region=Region.objects.get(code="53"),
        services=[ServiceKind.INVESTIGATION])
    services.stakeholder_create(
        actor=world.users["admin"], name="Rumah Aman Kupang", kind=AgencyKind.SHELTER,
        level=AgencyLevel.REGENCY, category=StakeholderCategory.SHELTER,
        region=Region.objects.get(code="53.71"), services=[ServiceKind.SHELTER])
    prevent(world, date(year, 1, 1) if today.month == 1 and today.day < 3 else
            today.replace(day=1), people=2)
    prevent(world, today, people=1)
    page, base = desktop, live_server.url
    log = request_log(page, base)
    _login(page, base, "coord_ntt")

    # The plan, from the staff menu.
    page.get_by_role("link", name="Rencana aksi").first.click()
    page.get_by_role("link", name="Buat rencana aksi").click()
    page.fill("#id_name", f"RAD PP TPPO NTT {year}–{year + 4}")
    page.fill("#id_region", "53")
    page.fill("#id_start_year", str(year))
    page.fill("#id_end_year", str(year + 4))
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r".*/coordination/plans/[0-9a-f-]{36}/$"))
    plan_url = page.url
    page.get_by_role("link", name="Tambah sasaran").click()
    page.fill("#id_code", "1")
    page.fill("#id_title", "Mencegah keberangkatan non-prosedural")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(plan_url)
    page.get_by_role("link", name="Tambah kegiatan").click()
    page.select_option("#id_goal", label="1 Mencegah keberangkatan non-prosedural")
    page.fill("#id_code", "1.1")
    page.fill("#id_title", "Operasi gabungan di Pelabuhan Tenau")
    page.select_option("#id_responsible", label="Kepolisian Daerah NTT (Polda NTT)")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r".*/coordination/actions/[0-9a-f-]{36}/$"))
    assert "Operasi gabungan di Pelabuhan Tenau" in page.locator("h1").inner_text()

    # An indicator computed from the prevented departures; first in the wrong unit.
    page.goto(plan_url)
    page.get_by_role("link", name="Tambah indikator").click()
    page.fill("#id_code", "I1")
    page.fill("#id_name", "Orang dicegah berangkat non-prosedural")
    page.select_option("#id_method", "computed")
    page.select_option("#id_metric", "prevention.people_prevented")
    page.select_option("#id_unit", "percent")
    page.fill(f"#id_target_{year}", "10")
    page.get_by_role("button", name="Simpan indikator").click()
    assert "tidak sama dengan satuan metrik" in page.locator(".error").first.inner_text()
    page.select_option("#id_unit", "people")
    page.fill(f"#id_target_{year}", "2.5")
    page.get_by_role("button", name="Simpan indikator").click()
    assert "harus bilangan bulat" in page.locator(".error").first.inner_text()
    page.fill(f"#id_target_{year}", "10")
    page.get_by_role("button", name="Simpan indikator").click()
    page.wait_for_url(re.compile(r".*/coordination/indicators/[0-9a-f-]{36}/$"))
    actual = page.locator(f'td[data-year="{year}"]').inner_text()
    assert _number(actual) == 3
    assert "taskforce_statistics" in page.content()

    # A meeting whose decision creates a follow-up.
    page.get_by_role("link", name="Rapat").first.click()
    page.get_by_role("link", name="Catat rapat").click()
    page.fill("#id_title", "Rapat koordinasi gugus tugas NTT")
    page.select_option("#id_level", "regional")
    page.fill("#id_region", "53")
    page.fill("#id_place", "Kantor Gubernur NTT, Kupang")
    page.get_by_label("Kepolisian Daerah NTT (Polda NTT)").check()
    page.select_option("#id_status", "held")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(re.compile(r".*/coordination/meetings/[0-9a-f-]{36}/$"))
    form = page.locator("#decision-form")
    form.locator("#id_decision-text").fill("Polda NTT memimpin operasi gabungan di Tenau")
    form.locator("#id_decision-follow_up_title").fill("Operasi gabungan di Tenau")
    form.locator("#id_decision-follow_up_owner").select_option(label="Rumah Aman Kupang")
    form.locator("#id_decision-follow_up_deadline").fill(f"{year + 1}-01-31")
    form.get_by_role("button", name="Simpan keputusan").click()
    assert "bukan pemangku kepentingan rapat ini" in page.locator(".error").first.inner_text()
    form = page.locator("#decision-form")
    form.locator("#id_decision-follow_up_owner").select_option(
        label=f"{polda.name} ({polda.short_name})")
    form.get_by_role("button", name="Simpan keputusan").click()
    page.wait_for_load_state()
    follow_ups = page.locator("#follow-ups").inner_text()
    assert "Operasi gabungan di Tenau" in follow_ups and "Polda NTT" in follow_ups
    assert "Polda NTT memimpin operasi gabungan" in page.locator("#decisions").inner_text()

    # The yearly report (a province: built in the background, the page polls).
    page.get_by_role("link", name="Laporan periodik").first.click()
    page.select_option("#id_kind", "yearly")
    page.fill("#id_region", "53")
    page.select_option("#id_start_year", str(year))
    page.get_by_role("button", name="Susun laporan").click()
    row = page.locator('tr[data-metric="prevention.people_prevented"] .metric-value')
    row.wait_for(timeout=60000)
    report_people = _number(row.inner_text())
    report_reports = _number(page.locator(
        'tr[data-metric="reports.received"] .metric-value').inner_text())
    assert report_people == 3
    assert "taskforce_statistics" in page.locator(
        'tr[data-metric="prevention.people_prevented"]').inner_text()
    assert f"RAD PP TPPO NTT {year}" in page.content()
    report_url = page.url
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert "Yearly report" in page.locator("h1").inner_text()
    assert "People prevented from leaving" in page.content()

    # The same figures on the task-force statistics page.
    page.goto(f"{base}/prevention/statistics/?region=53&year={year}")
    figures = page.locator("ul.figures li strong")
    assert _number(figures.nth(0).inner_text()) == report_people
    assert _number(figures.nth(1).inner_text()) == report_reports
    page.goto(report_url)
    assert log.foreign == []
    # The page fits a phone too.
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(plan_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 380
