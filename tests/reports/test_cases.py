"""TPPO cases: from a report, victims and suspects from the registry, events, ILO
indicators, legal stage, the watchlist, and exports in HTCDS field names."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lindung.core.models import AuditEvent
from lindung.people.models import WatchlistEntry
from lindung.regions.models import Region
from lindung.reports import htcds
from lindung.reports.models import Case
from lindung.reports.services import case_open
from lindung.reports.services import case_suspect_add
from lindung.reports.services import case_update
from lindung.reports.services import case_victim_add
from lindung.reports.services import referral_request
from lindung.reports.services import report_transition
from lindung.reports.services import trafficking_event_add
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db


def _case(taskforce: rf.Taskforce) -> Case:
    coordinator = taskforce.world.users["coord_ntt"]
    report = report_transition(actor=coordinator, report=rf.submit().report, action="verify")
    return case_open(actor=coordinator, report=report, title="Perekrutan ke kebun sawit")


def test_it_opens_a_case_from_a_verified_report_with_the_recruiter_as_suspect(
        taskforce: rf.Taskforce) -> None:
    case = _case(taskforce)
    assert case.reference.startswith("TPPO-") and case.region_code == rf.KUPANG_VILLAGE
    suspect = case.suspects.get()
    assert suspect.name == "Pak Yohanis" and suspect.role_in_process == [
        "RecruiterOrIntermediary"]
    entry = WatchlistEntry.objects.get(kind="suspect")
    assert entry.source_entity == "reports.case" and entry.source_id == str(case.pk)
    with pytest.raises(ValidationError, match="sudah menjadi kasus"):
        case_open(actor=taskforce.world.users["coord_ntt"], report=case.report, title="Lagi")


def test_it_refuses_a_case_from_an_unverified_report(taskforce: rf.Taskforce) -> None:
    with pytest.raises(ValidationError, match="Verifikasi"):
        case_open(actor=taskforce.world.users["coord_ntt"], report=rf.submit().report,
                  title="Terlalu dini")
    assert Case.objects.count() == 0


def test_it_records_victims_suspects_events_indicators_and_stage(
        taskforce: rf.Taskforce) -> None:
    coordinator = taskforce.world.users["coord_ntt"]
    case = _case(taskforce)
    victim = case_victim_add(actor=coordinator, case=case, person=taskforce.world.ntt_person,
                             agreement_to_manage_personal_data=True,
                             method_of_recruitment=["JobOffer", "Familial"],
                             methods_of_control=["WithholdsDocuments", "DebtBondage"],
                             type_of_labour_exploitation=["Agriculture"])
    assert victim.method_of_recruitment == ["Familial", "JobOffer"]  # stable order
    with pytest.raises(ValidationError):
        case_victim_add(actor=coordinator, case=case, person=taskforce.world.ntt_person)
    with pytest.raises(ValidationError):
        case_victim_add(actor=coordinator, case=case, person=rf.make_person("Ani"),
                        methods_of_control=["MindControl"])
    broker = rf.make_person("Kornelis Tefa", nik="5301051203850001")
    case_suspect_add(actor=coordinator, case=case, name="", person=broker,
                     role_in_process=["BrokerTravelAgent", "Transporter"])
    assert WatchlistEntry.objects.filter(kind="suspect", person=broker).exists()
    with pytest.raises(ValidationError):
        case_suspect_add(actor=coordinator, case=case, name="Tanpa peran", role_in_process=[])
    trafficking_event_add(actor=coordinator, case=case, type="Recruitment",
                          date=date(2025, 3, 1), region=Region.objects.get(code=rf.NTT_VILLAGE))
    trafficking_event_add(actor=coordinator, case=case, type="Exploitation", city="Sandakan",
                          state="Sabah", country="MY")
    with pytest.raises(ValidationError):
        trafficking_event_add(actor=coordinator, case=case, type="Holiday")
    case = case_update(actor=coordinator, case=case, legal_stage="investigation",
                       ilo_indicators=["deception", "retention_of_documents", "debt_bondage"])
    assert case.ilo_indicators == ["deception", "retention_of_documents", "debt_bondage"]
    with pytest.raises(ValidationError):
        case_update(actor=coordinator, case=case, ilo_indicators=["not_an_indicator"])
    with pytest.raises(ValidationError, match="alasan penutupan"):
        case_update(actor=coordinator, case=case, status="Closed")
    audit = AuditEvent.objects.filter(entity="reports.case", object_id=str(case.pk))
    assert audit.filter(action="update").count() >= 5


def test_it_exports_in_htcds_field_names(taskforce: rf.Taskforce) -> None:
    coordinator = taskforce.world.users["coord_ntt"]
    case = _case(taskforce)
    case_victim_add(actor=coordinator, case=case, person=taskforce.world.ntt_person,
                    methods_of_control=["Threats"])
    trafficking_event_add(actor=coordinator, case=case, type="Transit", city="Tenau")
    assert case.report is not None
    referral_request(actor=coordinator, report=case.report, to_agency=taskforce.police,
                     service="investigation", consent_basis="legal_duty", case=case)
    document = htcds.case_document(case)
    assert document["cas_Status"] == "Active" and document["cas_ReferredOrganisation"] == \
        "Polda NTT"
    assert document["cas_ReasonForOutgoingReferral"] == "AdditionalServicesRequired"
    victim = document["victims"][0]
    assert victim["prs_FirstName"] == "Maria Goreti Ndun" and victim["prs_Gender"] == "Female"
    assert victim["vic_MethodsOfControl"] == "Threats"
    assert document["perpetrators"][0]["per_RoleInProcess"] == "RecruiterOrIntermediary"
    assert document["trafficking_events"][0]["hte_Type"] == "Transit"
    assert htcds.htcds_name("vic_", "methods_of_control") == "vic_MethodsOfControl"
    client = taskforce.client_for("coord_ntt")
    api = client.get(f"/api/v1/reports/cases/{case.pk}/htcds")
    assert api.status_code == 200 and api.json()["cas_Id"] == case.reference
    exported = client.get("/reports/cases/export.csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0]["vic_MethodsOfControl"] == "Threats" and rows[0]["cas_Id"] == case.reference
    assert AuditEvent.objects.filter(action="export", entity="reports.case").count() == 2
    assert client.get("/reports/cases/export.xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats")
    assert taskforce.client_for("coord_jabar").get(
        f"/api/v1/reports/cases/{case.pk}/htcds").status_code == 404


def test_the_case_export_is_safe_against_formula_injection(taskforce: rf.Taskforce) -> None:
    coordinator = taskforce.world.users["coord_ntt"]
    report = report_transition(actor=coordinator, report=rf.submit().report, action="verify")
    case_open(actor=coordinator, report=report, title='=HYPERLINK("http://evil","klik")')
    content = taskforce.client_for("coord_ntt").get("/reports/cases/export.csv").content
    text = content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_the_case_pages_work_end_to_end(taskforce: rf.Taskforce) -> None:
    client = taskforce.client_for("coord_ntt")
    report = report_transition(actor=taskforce.world.users["coord_ntt"],
                               report=rf.submit().report, action="verify")
    response = client.post(f"/reports/{report.pk}/case/", {"title": "Kasus <b>Tenau</b>",
                                                           "summary": rf.XSS})
    assert response.status_code == 302
    case = Case.objects.get()
    page = client.get(f"/reports/cases/{case.pk}/").content.decode()
    assert "Kasus &lt;b&gt;Tenau&lt;/b&gt;" in page and "<script>alert" not in page
    person = taskforce.world.ntt_person
    picked = client.get(f"/reports/cases/{case.pk}/victims/?q=Maria")
    assert "Maria Goreti Ndun" in picked.content.decode()
    added = client.post(f"/reports/cases/{case.pk}/victims/?person={person.pk}",
                        {"person": person.pk, "methods_of_control": ["Threats"]})
    assert added.status_code == 302 and case.victims.count() == 1
    suspect = client.post(f"/reports/cases/{case.pk}/suspects/",
                          {"name": "Bos Sandakan", "role_in_process": ["Exploiter"]})
    assert suspect.status_code == 302 and case.suspects.count() == 2
    event = client.post(f"/reports/cases/{case.pk}/events/",
                        {"type": "Exploitation", "city": "Sandakan", "country": "MY"})
    assert event.status_code == 302 and case.events.count() == 1
    edit = client.post(f"/reports/cases/{case.pk}/edit/", {
        "title": "Kasus Tenau", "status": "FollowUp", "legal_stage": "inquiry",
        "ilo_indicators": ["deception", "isolation"]})
    assert edit.status_code == 302
    case.refresh_from_db()
    assert case.legal_stage == "inquiry" and case.ilo_indicators == ["deception", "isolation"]
    victim_page = client.get(f"/people/{person.pk}/").content.decode()
    assert case.reference in victim_page
