"""The Desmigratif pages at work: forms and their error paths, the import with HTMX
progress, cooperative and ledger actions through the pages, PDFs and downloads."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.people.models import Person
from lindung.villages.choices import ImportStatus
from lindung.villages.choices import LoanStatus
from lindung.villages.models import AccountingPeriod
from lindung.villages.models import BusinessGroup
from lindung.villages.models import CensusHousehold
from lindung.villages.models import CensusImport
from lindung.villages.models import Cooperative
from lindung.villages.models import JournalEntry
from lindung.villages.models import Loan
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import RemittanceAllocation
from lindung.villages.models import TurnoverReport
from lindung.villages.services import imports as import_services
from tests.fixtures.villages import VillageData
from tests.fixtures.villages import Villages
from tests.fixtures.villages import census_rows
from tests.fixtures.villages import months_ago
from tests.fixtures.villages import xlsx

TODAY = timezone.localdate


def _client(villages: Villages, name: str = "village_officer") -> Any:
    return villages.client_for(name)


def test_it_creates_a_programme_village_from_the_form(villages: Villages) -> None:
    client = _client(villages, "coord_ntt")
    response = client.post(reverse("villages:create"), {
        "village": "53.01.05.1002", "cohort_year": "2019", "status": "active"})
    assert response.status_code == 302
    village = ProgrammeVillage.objects.get(region_code="53.01.05.1002")
    assert village.cohort_year == 2019
    again = client.post(reverse("villages:create"), {
        "village": "53.01.05.1002", "cohort_year": "2019", "status": "active"})
    assert again.status_code == 400 and "sudah menjadi desa Desmigratif" in again.content.decode()


def test_it_records_a_household_and_shows_form_errors(villages: Villages) -> None:
    client = _client(villages)
    url = reverse("villages:household_create", args=[villages.ntt.pk])
    bad = client.post(url, {"household-census_date": TODAY().isoformat(),
                            "head-name": "Markus Ndun", "head-nik": "5301051005",
                            "head-relation": "head"})
    assert bad.status_code == 400
    # One language per message: the officer's (Bahasa Indonesia here), not both.
    assert "NIK harus 16 angka" in bad.content.decode()
    assert "must have 16" not in bad.content.decode()
    good = client.post(url, {"household-census_date": TODAY().isoformat(),
                             "head-name": "Markus Ndun", "head-nik": "5301051005780001",
                             "head-relation": "head", "household-address": "Dusun II"})
    assert good.status_code == 302
    household = CensusHousehold.objects.get()
    member = client.post(reverse("villages:member_add", args=[household.pk]), {
        "member-name": "Yuliana Ndun", "member-relation": "spouse", "member-abroad": "on",
        "member-country": "", "member-procedural": "no"})
    assert member.status_code == 400 and "Pilih negara tujuan" in member.content.decode()
    page = client.get(reverse("villages:household", args=[household.pk]))
    assert page.status_code == 200 and "Markus Ndun" in page.content.decode()
    head = Person.objects.get(name="Markus Ndun")
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(head.pk)).exists()


def test_it_runs_an_import_from_the_pages_with_progress(
        villages: Villages, django_capture_on_commit_callbacks: Any) -> None:
    client = _client(villages)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        upload = client.post(reverse("villages:imports", args=[villages.ntt.pk]), {
            "census_date": TODAY().isoformat(),
            "file": _upload("sensus.xlsx", xlsx(census_rows()))})
    assert upload.status_code == 302
    census_import = CensusImport.objects.get()
    # The request only stored the file: the worker reads it, the page polls meanwhile.
    assert census_import.status == ImportStatus.READING and not census_import.headers
    reading = client.get(upload["Location"], HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in reading.content.decode()
    for callback in queued:
        callback()
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.UPLOADED
    assert client.get(upload["Location"], HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    mapping_page = client.get(upload["Location"])
    assert "Periksa pemetaan kolom" in mapping_page.content.decode()
    data = {f"col_{i}": field for i, field in census_import.mapping.items()}
    data["col_11"] = ""  # the officer drops the return-date column
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(upload["Location"], data)
    assert started.status_code == 302
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.DONE
    assert "returned_on" not in census_import.mapping.values()
    fragment = client.get(upload["Location"], HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<progress" in body and "<html" not in body
    assert 'hx-trigger="every 1s"' not in body  # done: no more polling
    report = client.get(reverse("villages:import_errors", args=[census_import.pk]))
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    assert report.content[:2] == b"PK"


def test_it_polls_while_an_import_is_queued(villages: Villages) -> None:
    from lindung.villages.services import imports

    officer = villages.world.users["village_officer"]
    census_import = imports.census_import_create(actor=officer, programme_village=villages.ntt,
                                                 file_name="s.xlsx", data=xlsx(census_rows()))
    imports.census_import_start(actor=officer, census_import=census_import, enqueue=False)
    fragment = _client(villages).get(reverse("villages:import", args=[census_import.pk]),
                                     HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in fragment.content.decode()


def test_it_refuses_a_mapping_without_name_or_relation(villages: Villages) -> None:
    from lindung.villages.services import imports

    officer = villages.world.users["village_officer"]
    census_import = imports.census_import_create(actor=officer, programme_village=villages.ntt,
                                                 file_name="s.xlsx", data=xlsx(census_rows()))
    response = _client(villages).post(reverse("villages:import", args=[census_import.pk]),
                                      {"col_1": "name"})
    assert response.status_code == 400
    assert "wajib dipilih" in response.content.decode()


def test_it_refuses_a_file_that_is_not_a_sheet(
        villages: Villages, django_capture_on_commit_callbacks: Any) -> None:
    response = _client(villages).post(reverse("villages:imports", args=[villages.ntt.pk]), {
        "census_date": TODAY().isoformat(), "file": _upload("foto.jpg", b"\xff\xd8\xff")})
    assert response.status_code == 400 and "tidak didukung" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        broken = _client(villages).post(reverse("villages:imports", args=[villages.ntt.pk]), {
            "census_date": TODAY().isoformat(), "file": _upload("rusak.xlsx", b"not a zip")})
    assert broken.status_code == 302  # stored; the worker reads it and says why not
    page = _client(villages).get(broken["Location"])
    census_import = CensusImport.objects.get()
    assert census_import.status == ImportStatus.FAILED
    assert "tidak dapat dibaca" in page.content.decode()
    assert not import_services.can_resume(census_import)


def test_it_runs_a_loan_and_the_ledger_through_the_pages(village_data: VillageData) -> None:
    client = _client(village_data.villages)
    member = village_data.member
    applied = client.post(reverse("villages:member", args=[member.pk]), {
        "action": "loan", "loan-purpose": "departure", "loan-principal": "2.000.000",
        "loan-monthly_rate": "1.00", "loan-term_months": "4",
        "loan-applied_on": TODAY().isoformat(), "loan-destination_country": ""})
    assert applied.status_code == 400 and "negara tujuan" in applied.content.decode()
    applied = client.post(reverse("villages:member", args=[member.pk]), {
        "action": "loan", "loan-purpose": "departure", "loan-principal": "2.000.000",
        "loan-monthly_rate": "1.00", "loan-term_months": "4",
        "loan-applied_on": TODAY().isoformat(), "loan-destination_country": "TW"})
    loan = Loan.objects.get(purpose="departure")
    url = reverse("villages:loan", args=[loan.pk])
    client.post(url, {"action": "decide", "decide-decision": "approve",
                      "decide-on": TODAY().isoformat()})
    client.post(url, {"action": "disburse", "disburse-on": TODAY().isoformat()})
    loan.refresh_from_db()
    assert loan.status == LoanStatus.DISBURSED
    too_much = client.post(url, {"action": "repay", "repay-amount": "9.000.000",
                                 "repay-on": TODAY().isoformat()})
    assert too_much.status_code == 400 and "Melebihi sisa" in too_much.content.decode()
    client.post(url, {"action": "repay", "repay-amount": "520.000",
                      "repay-on": TODAY().isoformat()})
    repayment_entry = JournalEntry.objects.filter(loan=loan, kind="loan_repayment").get()
    reversed_ = client.post(reverse("villages:entry", args=[repayment_entry.pk]),
                            {"reason": "uang palsu", "on": TODAY().isoformat()})
    assert reversed_.status_code == 302
    assert JournalEntry.objects.filter(reverses=repayment_entry).exists()
    ledger = client.get(reverse("villages:ledger", args=[village_data.cooperative.pk]))
    assert ledger.status_code == 200 and "seimbang" in ledger.content.decode()
    period = AccountingPeriod.objects.filter(cooperative=village_data.cooperative).order_by(
        "starts_on").first()
    assert period is not None
    client.post(reverse("villages:ledger", args=[village_data.cooperative.pk]),
                {"action": "close", "period": str(period.pk)})
    period.refresh_from_db()
    assert period.is_closed
    client.post(reverse("villages:ledger", args=[village_data.cooperative.pk]),
                {"action": "close", "period": "not-a-uuid"})  # ignored, no error page
    statement = client.get(reverse("villages:member_statement", args=[member.pk]))
    assert statement["Content-Type"] == "application/pdf" and statement.content[:4] == b"%PDF"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT,
                                     entity="villages.coopmember").exists()


def test_it_records_business_pillar_work_through_the_pages(village_data: VillageData) -> None:
    client = _client(village_data.villages)
    group = village_data.group
    url = reverse("villages:business", args=[group.pk])
    client.post(url, {"action": "turnover", "turnover-period": months_ago(1).strftime("%Y-%m"),
                      "turnover-turnover": "3.100.000"})
    assert TurnoverReport.objects.get(group=group, period=months_ago(1, 1)).turnover == 3_100_000
    client.post(url, {"action": "status", "status-status": "inactive"})
    group.refresh_from_db()
    assert group.status == "inactive"
    created = client.post(reverse("villages:businesses", args=[village_data.villages.ntt.pk]), {
        "name": "Tenun Ikat Oenesu", "product": "kain", "potential": "weaving"})
    assert created.status_code == 400  # the same name twice in one village
    assert BusinessGroup.objects.count() == 1


def test_it_allocates_a_remittance_to_savings(village_data: VillageData) -> None:
    client = _client(village_data.villages)
    remittance = village_data.remittance
    savings = village_data.member.savings_accounts.get(kind="voluntary")
    response = client.post(reverse("villages:remittance", args=[remittance.pk]), {
        "use": "savings", "amount": "500.000", "savings": str(savings.pk)})
    assert response.status_code == 302
    allocation = RemittanceAllocation.objects.get(use="savings")
    assert allocation.savings_entry is not None
    over = client.post(reverse("villages:remittance", args=[remittance.pk]), {
        "use": "consumptive", "amount": "9.000.000"})
    assert over.status_code == 400 and "Melebihi" in over.content.decode()


def test_the_service_log_links_an_ltsa_application(village_data: VillageData) -> None:
    from uuid import uuid4

    from lindung.villages.services.census import service_log_add

    application = uuid4()
    service_log_add(actor=None, programme_village=village_data.villages.ntt,
                    kind="cpmi_verification", served_on=TODAY(), person=village_data.mother,
                    cpmi_verified=False, ltsa_application_id=application)
    page = _client(village_data.villages).get(
        reverse("villages:services", args=[village_data.villages.ntt.pk]))
    assert f"/ltsa/staff/applications/{application}/" in page.content.decode()
    assert "tidak terverifikasi" in page.content.decode()


def test_it_prints_a_village_report(village_data: VillageData) -> None:
    response = _client(village_data.villages, "coord_ntt").get(
        reverse("villages:report", args=[village_data.villages.ntt.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"


def test_it_shows_indicators_with_inline_svg_only_within_scope(
        village_data: VillageData) -> None:
    client = _client(village_data.villages, "coord_ntt")
    page = client.get(reverse("villages:indicators"))
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body and "http://" not in body.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "Kabupaten Kupang" in body  # the breakdown by regency
    assert client.get(reverse("villages:indicators") + "?region=32").status_code == 403
    assert client.get(reverse("villages:indicators") + "?region=99.99").status_code == 404
    national = _client(village_data.villages, "analyst").get(reverse("villages:indicators"))
    assert national.status_code == 200 and "Nusa Tenggara Timur" in national.content.decode()


def test_the_person_page_shows_the_desmigratif_panel(village_data: VillageData) -> None:
    page = _client(village_data.villages, "coord_ntt").get(
        reverse("people:detail", args=[village_data.mother.pk]))
    body = page.content.decode()
    assert "Desmigratif" in body and "Malaysia" in body and "non-prosedural" in body
    assert "Koperasi Desmigratif Oenesu" in body


def test_it_lists_and_searches_households(village_data: VillageData) -> None:
    client = _client(village_data.villages)
    url = reverse("villages:households", args=[village_data.villages.ntt.pk])
    assert "Markus Ndun" in client.get(url).content.decode()
    assert "Markus Ndun" in client.get(url + "?q=yuliana").content.decode()
    assert "Markus Ndun" not in client.get(url + "?q=siti").content.decode()


def test_a_cooperative_is_created_once(villages: Villages) -> None:
    client = _client(villages)
    url = reverse("villages:cooperative", args=[villages.ntt.pk])
    assert "Daftarkan koperasi" in client.get(url).content.decode()
    client.post(url, {"name": "Koperasi Oenesu", "founded_on": TODAY().isoformat()})
    assert Cooperative.objects.count() == 1
    assert "Buku besar" in client.get(url).content.decode()


def _upload(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)



def test_the_village_menu_shows_only_what_the_role_may_open(villages: Villages) -> None:
    """The crawl found the village menu linking every section for every role (403s for the
    task-force and desk officers): each role now sees only the sections it may open."""
    url = reverse("villages:households", args=[villages.ntt.pk])
    sections = ("services", "businesses", "parenting", "cooperative", "remittances")
    links = {name: reverse(f"villages:{name}", args=[villages.ntt.pk]) for name in sections}
    officer = villages.client_for("village_officer").get(url).content.decode()
    assert all(f'href="{link}"' in officer for link in links.values())
    desk = villages.client_for("desk_kupang").get(url)
    assert desk.status_code == 200
    shown = {name for name, link in links.items() if f'href="{link}"' in desk.content.decode()}
    assert shown == {"services"}
    for name, link in links.items():  # every link shown opens
        if name in shown:
            assert villages.client_for("desk_kupang").get(link).status_code == 200
