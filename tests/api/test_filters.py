"""The API's list filters refuse values they do not know (422 with the allowed values, in
Indonesian and English) on every list endpoint with choice filters; the embarkation points
are listed for clients; a passenger needs a NIK, a passport or a birth date besides the
name, and the kind of journey is checked."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lindung.accounts.services import api_token_create
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.screening import services
from lindung.screening.manifest import validate_records
from lindung.screening.models import ScreeningManifest
from tests.conftest import World


def _manifest(world: World) -> ScreeningManifest:
    validation = validate_records([{"name": "Petrus Tefa", "birth_date": "1980-01-01"}],
                                  today=timezone.localdate())
    return services.manifest_submit(actor=world.users["taskforce_kupang"],
                                    site=world.embarkation,
                                    departure_date=timezone.localdate(),
                                    passengers=validation.passengers)


# (user, path with an unknown value, the same path with a known one)
CASES = [
    ("machine", "/api/v1/screening/alerts?status=bogus", "/api/v1/screening/alerts?status=open"),
    ("admin", "/api/v1/reports/?status=bogus", "/api/v1/reports/?status=open"),
    ("admin", "/api/v1/reports/?category=bogus", "/api/v1/reports/?status="),
    ("admin", "/api/v1/ltsa/applications?status=bogus", "/api/v1/ltsa/applications?status="),
    ("admin", "/api/v1/coordination/stakeholders?category=bogus",
     "/api/v1/coordination/stakeholders?category="),
    ("admin", "/api/v1/coordination/stakeholders?level=bogus",
     "/api/v1/coordination/stakeholders?level=national"),
    ("admin", "/api/v1/coordination/stakeholders?service=bogus",
     "/api/v1/coordination/stakeholders"),
    ("admin", "/api/v1/coordination/stakeholders?country=Malaysia",
     "/api/v1/coordination/stakeholders?country=MY"),
    ("admin", "/api/v1/regions/?q=Kupang&level=bogus", "/api/v1/regions/?q=Kupang&level="),
]


@pytest.mark.parametrize(("user", "bad", "good"), CASES)
def test_an_unknown_filter_value_is_refused_with_422(world: World, user: str, bad: str,
                                                     good: str) -> None:
    client = world.client_for(user)
    response = client.get(bad)
    assert response.status_code == 422, (bad, response.content)
    [error] = response.json()["detail"]
    assert "pilihan" in error["message"] or "kode negara dua huruf" in error["message"]
    assert client.get(good).status_code == 200, good


def test_the_passenger_verdict_filter_is_checked(world: World) -> None:
    manifest = _manifest(world)
    client = world.client_for("taskforce_kupang")
    path = f"/api/v1/screening/manifests/{manifest.pk}/passengers"
    assert client.get(path + "?verdict=bogus").status_code == 422
    assert client.get(path + "?verdict=pending").status_code == 422
    assert len(client.get(path + "?verdict=check").json()) == 1
    assert client.get(path + "?verdict=clear").json() == []


ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer"]


@pytest.mark.parametrize("role", [*ROLES, "machine"])
def test_it_lists_the_embarkation_points_the_caller_may_screen_at(world: World,
                                                                  role: str) -> None:
    Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Bandara Husein",
                        region_id="32.04", region_code="32.04")
    Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA Kupang", region_id="53.01",
                        region_code="53.01")
    if role == "machine":
        raw = api_token_create(actor=None, user=world.users["machine"], name="imigrasi")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    else:
        client = world.client_for(role)
    response = client.get("/api/v1/screening/points")
    expected = {"admin": {"Bandara Husein", "Kupang"}, "coord_ntt": {"Kupang"},
                "coord_jabar": {"Bandara Husein"}, "taskforce_kupang": {"Kupang"},
                "machine": {"Bandara Husein", "Kupang"}}
    if role not in expected:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert {point["name"] for point in response.json()} == expected[role]
    kupang = [p for p in response.json() if p["name"] == "Kupang"]
    if kupang:
        assert kupang[0]["id"] == str(world.embarkation.pk)
        assert kupang[0]["region_code"] == "53.71"


def _post(client: Client, payload: dict[str, Any]) -> Any:
    return client.post("/api/v1/screening/manifests", json.dumps(payload, default=str),
                       content_type="application/json")


def test_a_passenger_with_a_name_only_is_refused(world: World) -> None:
    client = world.client_for("taskforce_kupang")
    response = _post(client, {"site_id": str(world.embarkation.pk),
                              "departure_date": timezone.localdate(),
                              "passengers": [{"name": "Petrus Tefa"},
                                             {"name": "Yohana Benu", "passport": "C1234567"}]})
    assert response.status_code == 422
    body = response.json()
    assert body["problems"] == 1 and body["errors"][0]["row"] == 1
    assert "tanggal lahir selain nama" in body["errors"][0]["message"]
    assert not ScreeningManifest.objects.exists()


def test_the_kind_of_journey_is_given_and_checked(world: World) -> None:
    client = world.client_for("taskforce_kupang")
    payload = {"site_id": str(world.embarkation.pk), "departure_date": timezone.localdate(),
               "journey": "domestic", "destination": "Tanjung Pinang",
               "passengers": [{"name": "Petrus Tefa", "birth_date": "1980-01-01"}]}
    response = _post(client, payload)
    assert response.status_code == 201, response.content
    assert response.json()["journey"] == "transit"
    assert response.json()["destination"] == "Tanjung Pinang"
    response = _post(client, {**payload, "journey": "cruise"})
    assert response.status_code == 422
    assert ScreeningManifest.objects.count() == 1
    assert client.get(f"/api/v1/screening/manifests/{uuid.uuid4()}").status_code == 404
