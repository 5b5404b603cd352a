"""The permission matrix of the reports pages: every role x every page x a record in and out
of the role's scope (the report sits in Kota Kupang, 53.71.01.1001)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from lindung.reports.models import Case
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.services import case_open
from lindung.reports.services import referral_request
from lindung.reports.services import report_transition
from tests.fixtures import reports as rf
from tests.fixtures.permissions import expected_status

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang",
         "desk_kupang", "village_officer", "machine"]
REPORT_VIEW = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
               "village_officer"}
REPORT_CHANGE = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang"}
REFERRAL_VIEW = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang"}
CASE_VIEW = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang"}
IN_SCOPE = {"admin", "coord_ntt", "taskforce_kupang"}  # 53.71.01.1001 is inside their scope


@dataclass
class Records:
    report: PublicReport
    referral: Referral
    case: Case


@pytest.fixture
def records(taskforce: rf.Taskforce) -> Records:
    officer = taskforce.officer
    report = report_transition(actor=officer, report=rf.submit().report, action="verify")
    referral = referral_request(actor=officer, report=report, to_agency=taskforce.police,
                                service="investigation", consent_basis="legal_duty")
    case = case_open(actor=officer, report=report, title="Kasus uji")
    return Records(report=report, referral=referral, case=case)


Page = tuple[str, Callable[[Records], str], Callable[[str], int]]
PAGES: list[Page] = [
    ("queue", lambda r: "/reports/queue/", lambda role: expected_status(role, REPORT_VIEW)),
    ("list", lambda r: "/reports/", lambda role: expected_status(role, REPORT_VIEW)),
    ("log", lambda r: "/reports/log/", lambda role: expected_status(role, REPORT_VIEW)),
    ("detail", lambda r: f"/reports/{r.report.pk}/",
     lambda role: expected_status(role, REPORT_VIEW, IN_SCOPE)),
    ("link people", lambda r: f"/reports/{r.report.pk}/people/",
     lambda role: expected_status(role, REPORT_CHANGE, IN_SCOPE)),
    ("refer", lambda r: f"/reports/{r.report.pk}/refer/",
     lambda role: expected_status(role, REPORT_CHANGE, IN_SCOPE)),
    ("referrals", lambda r: "/reports/referrals/",
     lambda role: expected_status(role, REFERRAL_VIEW)),
    ("referral", lambda r: f"/reports/referrals/{r.referral.pk}/",
     lambda role: expected_status(role, REFERRAL_VIEW, IN_SCOPE)),
    ("cases", lambda r: "/reports/cases/", lambda role: expected_status(role, CASE_VIEW)),
    ("open case", lambda r: "/reports/cases/new/", lambda role: expected_status(role, CASE_VIEW)),
    ("case", lambda r: f"/reports/cases/{r.case.pk}/",
     lambda role: expected_status(role, CASE_VIEW, IN_SCOPE)),
    ("case htcds", lambda r: f"/reports/cases/{r.case.pk}/htcds.json",
     lambda role: expected_status(role, CASE_VIEW, IN_SCOPE)),
    ("add victim", lambda r: f"/reports/cases/{r.case.pk}/victims/",
     lambda role: expected_status(role, CASE_VIEW, IN_SCOPE)),
]


def _client(taskforce: rf.Taskforce, role: str) -> Client:
    return Client() if role == "anonymous" else taskforce.client_for(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_it_applies_the_matrix(taskforce: rf.Taskforce, records: Records, role: str,
                               page: Page) -> None:
    _, url, expected = page
    response = _client(taskforce, role).get(url(records))
    assert response.status_code == expected(role), (role, page[0])


@pytest.mark.parametrize("role", ROLES)
def test_only_in_scope_officers_move_a_report(taskforce: rf.Taskforce, records: Records,
                                             role: str) -> None:
    response = _client(taskforce, role).post(
        f"/reports/{records.report.pk}/transition/",
        {"action": "assign", "assignee": taskforce.officer.pk})
    expected = expected_status(role, REPORT_CHANGE, IN_SCOPE)
    assert response.status_code == (302 if expected == 200 else expected), role
    records.report.refresh_from_db()
    assert (records.report.status == "assigned") == (expected == 200)


@pytest.mark.parametrize("role", ROLES)
def test_the_public_pages_are_open_to_everyone(taskforce: rf.Taskforce, role: str) -> None:
    client = _client(taskforce, role)
    assert client.get("/reports/new/").status_code == 200
    assert client.get("/reports/track/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_the_api_applies_the_same_rules(taskforce: rf.Taskforce, records: Records,
                                        role: str) -> None:
    response = _client(taskforce, role).get(f"/api/v1/reports/{records.report.pk}")
    page_status = expected_status(role, REPORT_VIEW, IN_SCOPE)
    expected = {302: 401, 403: 403, 404: 404, 200: 200}[page_status]
    if role == "machine":
        expected = 403
    assert response.status_code == expected, role
