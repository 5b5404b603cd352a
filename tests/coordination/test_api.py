"""The coordination API: same rules as the pages, 422 errors in the caller's language, tokens."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.test import Client

from lindung.accounts.services import api_token_create
from lindung.coordination import services
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.choices import ServiceKind
from lindung.regions.models import Region
from tests.fixtures.coordination import THIS_YEAR
from tests.fixtures.coordination import Coord
from tests.fixtures.coordination import prevent

API = "/api/v1/coordination"


def _post(client: Client, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_it_suggests_referral_receivers(coord: Coord) -> None:
    services.referral_pathway_create(actor=coord.world.users["admin"], receiver=coord.mission,
                                     case_kind=ServiceKind.CONSULAR, country="MY")
    client = coord.client_for("taskforce_kupang")
    found = client.get(f"{API}/referral-suggestions?case_kind=consular&country=MY").json()
    assert [a["code"] for a in found] == [coord.mission.code]
    assert client.get(f"{API}/referral-suggestions?case_kind=consular").json() == []
    bad = client.get(f"{API}/referral-suggestions?case_kind=teleport")
    assert bad.status_code == 422


def test_it_lists_stakeholders_with_services(coord: Coord) -> None:
    found = coord.client_for("analyst").get(f"{API}/stakeholders?service=shelter").json()
    assert {a["code"] for a in found} == {coord.shelter.code, coord.mission.code}
    shelter = next(a for a in found if a["code"] == coord.shelter.code)
    assert shelter["category"] == "shelter" and shelter["region_code"] == "53.71"


def test_it_creates_a_plan_and_refuses_an_overlap_with_a_422(coord: Coord) -> None:
    client = coord.client_for("coord_ntt")
    response = _post(client, f"{API}/plans", {"name": "RAD Kab. Kupang", "region_code": "53.01",
                                              "start_year": 2030, "end_year": 2034})
    assert response.status_code == 201
    again = _post(client, f"{API}/plans", {"name": "RAD lagi", "region_code": "53.01",
                                           "start_year": 2032, "end_year": 2036})
    assert again.status_code == 422
    message = again.json()["detail"][0]["message"]
    assert "bertumpang tindih" in message and "overlaps" not in message
    jabar = _post(coord.client_for("coord_jabar"), f"{API}/plans",
                  {"name": "X", "region_code": "53.01", "start_year": 2040, "end_year": 2044})
    assert jabar.status_code == 422
    assert _post(coord.client_for("analyst"), f"{API}/plans",
                 {"name": "X", "start_year": 2040, "end_year": 2044}).status_code == 403


def test_it_computes_a_plan_indicator_and_refuses_a_wrong_unit(coord: Coord) -> None:
    prevent(coord.world, date(THIS_YEAR - 1, 2, 2), people=2)
    client = coord.client_for("coord_ntt")
    url = f"{API}/plans/{coord.plan.pk}/indicators"
    wrong = _post(client, url, {"code": "I1", "name": "Orang dicegah", "unit": "percent",
                                "method": "computed", "metric": "prevention.people_prevented"})
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "unit"
    fraction = _post(client, url, {"code": "I1", "name": "Orang dicegah", "unit": "people",
                                   "method": "computed", "metric": "prevention.people_prevented",
                                   "targets": {str(THIS_YEAR): "2.5"}})
    assert fraction.status_code == 422
    assert "harus bilangan bulat" in fraction.json()["detail"][0]["message"]
    client.cookies["django_language"] = "en"  # the same refusal, in the user's language
    english = _post(client, url, {"code": "I1", "name": "Orang dicegah", "unit": "people",
                                  "method": "computed", "metric": "prevention.people_prevented",
                                  "targets": {str(THIS_YEAR): "2.5"}})
    assert "must be a whole number" in english.json()["detail"][0]["message"]
    assert "bilangan bulat" not in english.json()["detail"][0]["message"]
    del client.cookies["django_language"]
    created = _post(client, url, {"code": "I1", "name": "Orang dicegah", "unit": "people",
                                  "method": "computed", "metric": "prevention.people_prevented",
                                  "targets": {str(THIS_YEAR - 1): 1}})
    assert created.status_code == 201
    year = next(y for y in created.json()["years"] if y["year"] == THIS_YEAR - 1)
    assert (float(year["actual"]), year["status"]) == (2.0, "met")
    assert "taskforce_statistics" in year["query"]
    detail = client.get(f"{API}/plans/{coord.plan.pk}").json()
    assert detail["indicators"][0]["code"] == "I1"
    hidden = coord.client_for("coord_jabar").get(f"{API}/plans/{coord.plan.pk}")
    assert hidden.status_code == 404


def test_it_refuses_a_follow_up_owner_outside_the_meeting(coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    meeting = services.meeting_create(
        actor=user, title="Rapat", level=MeetingLevel.REGIONAL,
        region=Region.objects.get(code="53"), held_on=date(THIS_YEAR - 1, 3, 3), place="Kupang",
        organiser=coord.disnaker, participants=[coord.police], status=MeetingStatus.HELD)
    decision = services.decision_record(actor=user, meeting=meeting, text="Keputusan")
    client = coord.client_for("coord_ntt")
    url = f"{API}/meetings/{meeting.pk}/follow-ups"
    refused = _post(client, url, {"decision_id": str(decision.pk), "title": "Pemulangan",
                                  "owner_code": coord.mission.code, "deadline": "2099-01-01"})
    assert refused.status_code == 422
    assert "bukan pemangku kepentingan rapat ini" in refused.json()["detail"][0]["message"]
    created = _post(client, url, {"decision_id": str(decision.pk), "title": "Operasi",
                                  "owner_code": coord.police.code, "deadline": "2099-01-01"})
    assert created.status_code == 201
    closed = _post(coord.client_for("police_officer"),
                   f"{API}/follow-ups/{created.json()['id']}/close", {"status": "done"})
    assert closed.status_code == 200 and closed.json()["status"] == "done"


def test_it_reports_a_metric_within_the_users_scope(coord: Coord) -> None:
    prevent(coord.world, date(THIS_YEAR - 1, 2, 2), people=2)
    client = coord.client_for("coord_ntt")
    url = (f"{API}/metrics/prevention.people_prevented?start={THIS_YEAR - 1}-01-01"
           f"&end={THIS_YEAR - 1}-12-31")
    body = client.get(url + "&region_code=53.71").json()
    assert float(body["value"]) == 2 and body["unit"] == "people" and body["available"]
    assert client.get(url + "&region_code=32").status_code == 422
    assert client.get(f"{API}/metrics/no.such?start=2024-01-01&end=2024-12-31"
                      ).status_code == 404
    assert len(client.get(f"{API}/metrics").json()) >= 20


def test_it_builds_a_report_over_the_api(coord: Coord) -> None:
    prevent(coord.world, date(THIS_YEAR - 1, 2, 2), people=2)
    coordinator = coord.world.client_for("coord_ntt")
    response = coordinator.post(f"{API}/reports", json.dumps(
        {"kind": "yearly", "start_year": THIS_YEAR - 1, "region_code": "53.71"}),
        content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "done"
    people = next(f for f in body["content"]["figures"]
                  if f["metric"] == "prevention.people_prevented")
    assert people["value"] == "2"
    again = coordinator.get(f"{API}/reports/{body['id']}")
    assert again.status_code == 200
    machine = api_token_create(actor=None, user=coord.world.users["machine"], name="m")
    assert Client().get(f"{API}/plans", HTTP_AUTHORIZATION=f"Bearer {machine}"
                        ).status_code == 403
