"""The LTSA API: public checks and the staff workflow."""

from __future__ import annotations

from django.test import Client

from lindung.accounts.services import api_token_create
from lindung.directory.choices import Desk
from lindung.ltsa.models import Application
from lindung.ltsa.models import FeeComplaint
from tests.fixtures.ltsa import LtsaWorld


def test_it_checks_agencies_and_job_orders_publicly(ltsa: LtsaWorld, fixed_today: object) -> None:
    client = Client()
    body = client.get("/api/v1/ltsa/check", {"q": "Bintang Timor Abadi"}).json()
    assert body["agencies"][0]["state"] == "expired"
    assert body["report_url"] == "/reports/new/"
    assert "laporkan" in body["next_step"]
    nothing = client.get("/api/v1/ltsa/check", {"q": "PT Hantu Sekali"}).json()
    assert nothing["found"] is False and "Tidak ditemukan" in nothing["next_step"]
    job = client.get("/api/v1/ltsa/check", {"q": "SIP2MI-2026-0001"}).json()
    assert job["job_orders"][0]["state"] == "valid"
    assert client.get("/api/v1/ltsa/check", {"q": "x"}).status_code == 422


def test_it_tells_the_fees(ltsa: LtsaWorld, fixed_today: object) -> None:
    client = Client()
    body = client.get("/api/v1/ltsa/fees", {"country": "TW",
                                            "occupation": "factory_operator"}).json()
    assert body["worker_total"] == "1350000.00" and body["synthetic"] is True
    zero = client.get("/api/v1/ltsa/fees", {"country": "MY",
                                            "occupation": "household_worker"}).json()
    assert zero["zero_cost"] is True and "training" in zero["worker_exempt_components"]
    assert client.get("/api/v1/ltsa/fees", {"country": "XX"}).status_code == 422
    assert client.get("/api/v1/ltsa/fees", {"country": "MY",
                                            "occupation": "astronaut"}).status_code == 422


def test_it_lists_open_job_orders(ltsa: LtsaWorld, fixed_today: object) -> None:
    body = Client().get("/api/v1/ltsa/job-orders", {"region": "53.01.05.1001"}).json()
    numbers = {row["permit_number"] for row in body}
    assert ltsa.job.permit_number in numbers
    assert ltsa.job_expired.permit_number not in numbers
    assert Client().get("/api/v1/ltsa/job-orders", {"region": "99"}).status_code == 422


def test_it_runs_the_workflow_over_the_api(ltsa: LtsaWorld, fixed_today: object) -> None:
    registrar = ltsa.client_for(Desk.CIVIL_REGISTRY)
    created = registrar.post("/api/v1/ltsa/applications", {
        "centre_id": str(ltsa.centre.pk), "person_id": str(ltsa.applicant.pk),
        "permit_number": ltsa.job.permit_number, "planned_departure": "2026-05-01",
        "marital_status": "single"}, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    application_id = body["application"]["id"]
    code = body["receipt_code"]
    again = registrar.post("/api/v1/ltsa/applications", {
        "centre_id": str(ltsa.centre.pk), "person_id": str(ltsa.applicant.pk),
        "permit_number": ltsa.job.permit_number, "planned_departure": "2026-05-01",
        "marital_status": "single"}, content_type="application/json")
    assert again.status_code == 422
    assert "sudah punya permohonan aktif" in again.content.decode()
    passport = next(i for i in body["application"]["items"] if i["code"] == "passport")
    url = f"/api/v1/ltsa/applications/{application_id}/items/{passport['id']}/decision"
    denied = registrar.post(url, {"action": "verify", "expires_on": "2030-01-01"},
                            content_type="application/json")
    assert denied.status_code == 403
    immigration = ltsa.client_for(Desk.IMMIGRATION)
    decided = immigration.post(url, {"action": "verify", "expires_on": "2030-01-01"},
                               content_type="application/json")
    assert decided.status_code == 200
    assert len(decided.json()["missing"]) == len(body["application"]["missing"]) - 1
    payment = ltsa.client_for(Desk.EMPLOYMENT).post(
        f"/api/v1/ltsa/applications/{application_id}/payments",
        {"component": "training", "amount": "2000000", "currency": "IDR", "paid_to": "P3MI",
         "paid_on": "2026-03-02"}, content_type="application/json")
    assert payment.status_code == 201
    assert payment.json()["complaint_raised"] is True
    assert FeeComplaint.objects.count() == 1
    tracked = Client().post("/api/v1/ltsa/track", {"receipt_code": code,
                                                   "birth_date": "1998-04-12"},
                            content_type="application/json")
    assert tracked.status_code == 200
    assert tracked.json()["number"] == Application.objects.get().number
    wrong = Client().post("/api/v1/ltsa/track", {"receipt_code": code,
                                                 "birth_date": "1999-04-12"},
                          content_type="application/json")
    assert wrong.status_code == 404


def test_it_scopes_the_api_like_the_pages(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    client = ltsa.world.client_for("coord_jabar")
    assert client.get("/api/v1/ltsa/applications").json() == []
    assert client.get(f"/api/v1/ltsa/applications/{application.pk}").status_code == 404
    machine = Client(HTTP_AUTHORIZATION="Bearer " + api_token_create(
        actor=None, user=ltsa.world.users["machine"], name="m"))
    assert machine.get("/api/v1/ltsa/applications").status_code == 403
    ntt = ltsa.world.client_for("coord_ntt")
    listed = ntt.get("/api/v1/ltsa/applications").json()
    assert [row["number"] for row in listed] == [application.number]
