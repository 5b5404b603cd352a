"""A village officer on a 360 px phone: records a household with a member abroad and a
child (already in the registry: found and chosen before saving), imports a census sheet
with bad rows, fixes them from the error report and imports again, and runs a cooperative
loan from application to full repayment."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.villages.choices import LoanStatus
from lindung.villages.models import CensusImport
from lindung.villages.models import Loan
from lindung.villages.models import StayAbroad
from tests.browser.conftest import RequestLog
from tests.conftest import NTT_VILLAGE
from tests.conftest import PASSWORD
from tests.fixtures.villages import Villages
from tests.fixtures.villages import census_rows
from tests.fixtures.villages import xlsx

pytestmark = pytest.mark.browser
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _fits_the_phone(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def _login(page: Any, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", "village_officer")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staff/")


def _record_household(page: Any) -> None:
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # on a phone the menu is folded behind its button
        menu.click()
    page.locator("#main-menu").get_by_role("link", name="Desa Desmigratif").click()
    page.get_by_role("link", name="Oenesu").click()
    _fits_the_phone(page)
    page.get_by_role("link", name="Sensus rumah tangga").click()
    page.get_by_role("link", name="Catat rumah tangga").click()
    page.fill("#id_household-address", "Dusun II RT 03")
    page.fill("#id_household-family_card_number", "5301050101170009")
    page.fill("#id_head-name", "Markus Ndun")
    page.fill("#id_head-nik", "5301051005780001")
    _fits_the_phone(page)
    page.get_by_role("button", name="Simpan rumah tangga").click()
    page.wait_for_selector("text=Markus Ndun")
    # the mother works in Malaysia, left without a placement agency
    page.fill("#id_member-name", "Yuliana Ndun")
    page.fill("#id_member-nik", "5301055203820002")
    page.select_option("#id_member-relation", "spouse")
    page.check("#id_member-abroad")
    page.select_option("#id_member-country", "MY")
    page.fill("#id_member-employer", "Ladang sawit Sabah")
    page.fill("#id_member-departed_on", "2019-03-01")
    page.select_option("#id_member-procedural", "no")
    page.get_by_role("button", name="Simpan anggota").click()
    page.wait_for_selector("text=Yuliana Ndun")
    assert "non-prosedural" in page.content()
    # and a child at primary school who needs a KIS card, already in the registry (written
    # "Nona Ndoen" at the health post): shown with the reasons before saving, and chosen
    page.fill("#id_member-name", "Nona Ndun")
    page.select_option("#id_member-relation", "child")
    page.select_option("#id_member-sex", "F")
    page.fill("#id_member-birth_date", "2016-04-12")
    page.select_option("#id_member-school_status", "primary")
    page.select_option("#id_member-kis_status", "needed")
    page.check("#id_member-enrol")
    page.get_by_role("button", name="Simpan anggota").click()
    page.wait_for_selector("text=Orang ini mungkin sudah terdaftar")
    _fits_the_phone(page)
    page.get_by_label("Ini orangnya: pilih").first.check()
    page.get_by_role("button", name="Gunakan orang yang dipilih").click()
    page.wait_for_selector("text=Nona Ndoen")
    assert "perlu kartu" in page.content()
    _fits_the_phone(page)


def _import(page: Any, name: str, data: bytes) -> None:
    page.get_by_role("link", name="Sensus", exact=True).click()
    page.get_by_role("link", name="Impor dari Excel/CSV").click()
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": XLSX, "buffer": data}])
    page.get_by_role("button", name="Unggah").click()
    page.wait_for_selector("text=Periksa pemetaan kolom")
    _fits_the_phone(page)
    page.get_by_role("button", name="Mulai impor").click()
    page.wait_for_selector("text=selesai")


def test_it_runs_a_village_on_a_phone(live_server: Any, villages: Villages, phone: Any,
                                      request_log: type[RequestLog], tmp_path: Path) -> None:
    registered = person_create(actor=None, name="Nona Ndoen", sex="F",
                               birth_date=date(2016, 4, 12),
                               village=Region.objects.get(code=NTT_VILLAGE))
    log = request_log(phone, live_server.url)
    _login(phone, live_server.url)
    _record_household(phone)
    registered.refresh_from_db()
    assert registered.household is not None  # chosen, not registered twice
    assert not Person.objects.filter(name="Nona Ndun").exists()
    stay = StayAbroad.objects.get(person__name="Yuliana Ndun")
    assert (stay.country, stay.procedural) == ("MY", False)

    # A census sheet with three bad rows
    _import(phone, "sensus-oenesu.xlsx", xlsx(census_rows()))
    assert "Baris salah" in phone.content()
    first = CensusImport.objects.get(file_name="sensus-oenesu.xlsx")
    assert (first.people_created, first.error_rows) == (5, 3)
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Unduh laporan baris salah (.xlsx)").click()
    report = Path(download.value.path()).read_bytes()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(report)).get_sheet_by_index(0).to_python()
    fixed = [list(row) for row in rows]
    fixed[2][4] = "5301050101900004"  # the NIK with 13 digits
    fixed[3][3] = "Ruth Tefa"  # the missing name
    fixed[4][6], fixed[4][8] = "01-02-2001", "Malaysia"  # impossible date, unknown country
    _import(phone, "perbaikan.xlsx", xlsx(fixed))
    second = CensusImport.objects.get(file_name="perbaikan.xlsx")
    assert (second.people_created, second.error_rows) == (3, 0)
    assert Person.objects.filter(household__isnull=False).count() == 3 + 5 + 3

    # The cooperative: founded, capital received, a member, a loan disbursed and repaid
    phone.get_by_role("link", name="Koperasi").first.click()
    phone.fill("#id_name", "Koperasi Desmigratif Oenesu")
    phone.get_by_role("button", name="Daftarkan koperasi").click()
    phone.get_by_role("link", name="Buku besar, neraca saldo, tutup buku").click()
    phone.locator("summary", has_text="Modal/hibah atau beban").click()
    phone.fill("#id_cash-amount", "10.000.000")
    phone.fill("#id_cash-memo", "Modal awal Kemnaker")
    phone.get_by_role("button", name="Catat").click()
    phone.wait_for_selector("text=seimbang")
    _fits_the_phone(phone)
    phone.get_by_role("link", name="Koperasi").first.click()
    phone.locator("summary", has_text="Tambah anggota").click()
    option = phone.locator('#person-people option[value^="Yuliana Ndun"]')
    phone.fill("#id_person", option.get_attribute("value"))
    phone.get_by_role("button", name="Simpan anggota").click()
    phone.wait_for_selector("text=Rekening anggota (PDF)")
    phone.locator("summary", has_text="Ajukan pinjaman").click()
    phone.select_option("#id_loan-purpose", "business")
    phone.fill("#id_loan-principal", "1.200.000")
    phone.fill("#id_loan-term_months", "3")
    phone.get_by_role("button", name="Ajukan").click()
    phone.wait_for_selector("#loan-status")
    phone.get_by_role("button", name="Simpan keputusan").click()
    phone.get_by_role("button", name="Cairkan pinjaman").click()
    phone.wait_for_selector("text=Jadwal angsuran")
    assert phone.locator("#loan-status").inner_text() == "berjalan"
    _fits_the_phone(phone)
    phone.fill("#id_repay-amount", "1.236.000")  # 3 x (400.000 + 12.000 jasa)
    phone.get_by_role("button", name="Catat pembayaran").click()
    phone.wait_for_selector("#loan-status")
    assert phone.locator("#loan-status").inner_text() == "lunas"
    assert phone.locator("#loan-outstanding").inner_text() == "Rp0"
    loan = Loan.objects.get()
    assert loan.status == LoanStatus.REPAID
    response = phone.request.get(live_server.url + f"/villages/members/{loan.member_id}/"
                                 "statement.pdf")
    assert response.status == 200 and response.body().startswith(b"%PDF")
    assert log.foreign == []

