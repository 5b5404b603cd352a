"""The permission matrix of the LTSA staff pages: every role, in and out of scope."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lindung.directory.choices import Desk
from lindung.ltsa.models import Application
from lindung.ltsa.models import FeeComplaint
from tests.fixtures.ltsa import LtsaWorld

ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer", "machine"]


@pytest.fixture
def file(ltsa: LtsaWorld, fixed_today: object) -> Application:
    application, _ = ltsa.register()
    from lindung.ltsa import services

    services.payment_record(actor=None, application=application, component="training",
                            amount=__import__("decimal").Decimal("100"), currency="IDR",
                            paid_to="X", paid_on=ltsa.today)
    return application


# Expected status per persona; taskforce_kupang's scope 53.71 does not cover the centre
# (53.01), so the file is "not found" for it.
FILE_PAGE = {"admin": 200, "analyst": 403, "coord_ntt": 200, "coord_jabar": 404,
             "taskforce_kupang": 404, "desk_kupang": 200, "village_officer": 403,
             "machine": 403}
LIST_PAGE = {"admin": 200, "analyst": 403, "coord_ntt": 200, "coord_jabar": 200,
             "taskforce_kupang": 200, "desk_kupang": 200, "village_officer": 403,
             "machine": 403}
CREATE_PAGE = {"admin": 200, "analyst": 403, "coord_ntt": 200, "coord_jabar": 200,
               "taskforce_kupang": 403, "desk_kupang": 200, "village_officer": 403,
               "machine": 403}
FIGURES_PAGE = {"admin": 200, "analyst": 200, "coord_ntt": 200, "coord_jabar": 200,
                "taskforce_kupang": 403, "desk_kupang": 200, "village_officer": 403,
                "machine": 403}
AGENCY_ADMIN = {role: 200 for role in ROLES} | {"machine": 403}
COMPLAINTS = {"admin": 200, "analyst": 403, "coord_ntt": 200, "coord_jabar": 200,
              "taskforce_kupang": 200, "desk_kupang": 200, "village_officer": 403,
              "machine": 403}
COMPLAINT_PAGE = COMPLAINTS | {"coord_jabar": 404, "taskforce_kupang": 404}


@pytest.mark.parametrize("role", ROLES)
def test_it_applies_the_matrix_to_every_page(ltsa: LtsaWorld, file: Application,
                                             role: str) -> None:
    client = ltsa.world.client_for(role)
    complaint = FeeComplaint.objects.get()
    checks = {
        f"/ltsa/staff/applications/{file.pk}/": FILE_PAGE,
        f"/ltsa/staff/applications/{file.pk}/checklist.pdf": FILE_PAGE,
        "/ltsa/staff/applications/": LIST_PAGE,
        "/ltsa/staff/applications/new/": CREATE_PAGE,
        "/ltsa/staff/figures/": FIGURES_PAGE,
        "/ltsa/staff/agencies/": AGENCY_ADMIN,
        f"/ltsa/staff/agencies/{ltsa.licensed.pk}/": AGENCY_ADMIN,
        "/ltsa/staff/fees/": AGENCY_ADMIN,
        "/ltsa/staff/complaints/": COMPLAINTS,
        f"/ltsa/staff/complaints/{complaint.pk}/": COMPLAINT_PAGE,
    }
    for url, expected in checks.items():
        assert client.get(url).status_code == expected[role], (role, url)


def test_it_lists_only_files_in_scope(ltsa: LtsaWorld, file: Application) -> None:
    assert file.number in ltsa.world.client_for("coord_ntt").get(
        "/ltsa/staff/applications/").content.decode()
    assert file.number not in ltsa.world.client_for("coord_jabar").get(
        "/ltsa/staff/applications/").content.decode()


def test_it_lets_only_admins_change_reference_data(ltsa: LtsaWorld) -> None:
    data = {"name": "PT Baru Sekali", "head_office_region": "53.71"}
    assert ltsa.world.client_for("coord_ntt").post("/ltsa/staff/agencies/",
                                                   data).status_code == 403
    response = ltsa.world.client_for("admin").post("/ltsa/staff/agencies/", data)
    assert response.status_code == 302
    detail = response["Location"]
    coordinator = ltsa.world.client_for("coord_ntt")
    assert coordinator.post(detail, {"step": "licence", "lic-number": "X-1",
                                     "lic-issued_on": "2026-01-01",
                                     "lic-valid_until": "2027-01-01",
                                     "lic-status": "active"}).status_code == 403
    admin = ltsa.world.client_for("admin")
    assert admin.post(detail, {"step": "licence", "lic-number": "X-1",
                               "lic-issued_on": "2026-01-01", "lic-valid_until": "2027-01-01",
                               "lic-status": "active"}).status_code == 302
    assert admin.post(detail, {"step": "job", "job-permit_number": "SIP2MI/X/1",
                               "job-employer_name": "E", "job-destination_country": "MY",
                               "job-occupation": "cook", "job-quota": "2",
                               "job-salary_amount": "1500", "job-salary_currency": "MYR",
                               "job-contract_months": "24", "job-valid_from": "2026-01-01",
                               "job-valid_until": "2026-12-31",
                               "job-recruitment_region": "53"}).status_code == 302


@pytest.mark.parametrize("role", ["coord_ntt", "admin", "taskforce_kupang"])
def test_it_lets_no_one_but_the_desk_decide(ltsa: LtsaWorld, file: Application,
                                            role: str) -> None:
    item = file.items.get(code="passport")
    response = ltsa.world.client_for(role).post(
        f"/ltsa/staff/applications/{file.pk}/items/{item.pk}/decide/",
        {"action": "verify", "expires_on": str(ltsa.today + timedelta(days=900))})
    assert response.status_code in (403, 404)


def test_it_refuses_out_of_scope_desk_officers(ltsa: LtsaWorld, file: Application) -> None:
    # desk_kupang is a civil-registry officer in scope 53.01 without a centre: may decide
    # civil-registry items of this centre, not others.
    client = ltsa.world.client_for("desk_kupang")
    mine = file.items.get(code="identity")
    other = file.items.get(code="passport")
    url = f"/ltsa/staff/applications/{file.pk}/items/{{}}/decide/"
    assert client.post(url.format(mine.pk), {"action": "verify"}).status_code == 302
    assert client.post(url.format(other.pk), {"action": "verify"}).status_code == 403
    assert mine.desk == Desk.CIVIL_REGISTRY


def test_it_sends_anonymous_staff_pages_to_the_login(ltsa: LtsaWorld, file: Application) -> None:
    from django.test import Client

    response = Client().get(f"/ltsa/staff/applications/{file.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
