"""Screening over the API: a machine client submits manifests (JSON or a file), reads the
verdicts and handles alerts; bad manifests are refused whole with a per-row report."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from lindung.accounts.services import api_token_create
from lindung.people.choices import WatchlistKind
from lindung.people.services import watchlist_entry_add
from lindung.screening.models import Alert
from lindung.screening.models import ScreeningManifest
from tests.conftest import World

BASE = "/api/v1/screening"


def _machine(world: World) -> Client:
    raw = api_token_create(actor=None, user=world.users["machine"], name="imigrasi", write=True)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _post(client: Client, path: str, payload: dict[str, Any]) -> Any:
    return client.post(BASE + path, json.dumps(payload, default=str),
                       content_type="application/json")


def _payload(world: World, *passengers: dict[str, Any]) -> dict[str, Any]:
    return {"site_id": str(world.embarkation.pk), "departure_date": timezone.localdate(),
            "reference": "GA-123", "passengers": list(passengers)}


def test_it_screens_a_json_manifest_for_a_machine_client(world: World) -> None:
    watchlist_entry_add(actor=None, kind=WatchlistKind.PREVENTED_DEPARTURE, name="Yosef Nope",
                        birth_date=dt.date(1991, 7, 30), source_entity="prevention",
                        source_id="P-1")
    client = _machine(world)
    response = _post(client, "/manifests", _payload(
        world, {"name": "Yosef Nope", "birth_date": "30-07-1991", "sex": "L"},
        {"name": "Siti Aminah", "nik": "3204114609970004"}))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["rows"] == 2 and body["stop"] == 1
    assert body["source"] == "api"
    manifest_id = body["id"]
    assert client.get(f"{BASE}/manifests/{manifest_id}").json()["screened"] == 2
    rows = client.get(f"{BASE}/manifests/{manifest_id}/passengers").json()
    assert [row["verdict"] for row in rows] == ["stop", "check"]
    assert rows[0]["alert_id"] and rows[1]["alert_id"] is None
    assert any(r["code"] == "watchlist_match" and r["kind"] == "prevented_departure"
               for r in rows[0]["reasons"])
    assert rows[1]["person_id"] == str(world.jabar_person.pk)
    assert rows[1]["nik"] != "3204114609970004"  # a machine client sees identity masked
    stops = client.get(f"{BASE}/manifests/{manifest_id}/passengers?verdict=stop").json()
    assert len(stops) == 1
    alerts = client.get(f"{BASE}/alerts").json()
    assert [a["passenger_id"] for a in alerts] == [rows[0]["id"]]
    # A machine client reads alerts but does not handle them.
    assert client.post(f"{BASE}/alerts/{alerts[0]['id']}/acknowledge").status_code == 403


def test_it_refuses_a_bad_manifest_whole_with_a_row_report(world: World) -> None:
    client = _machine(world)
    response = _post(client, "/manifests", _payload(
        world, {"name": "Siti Aminah", "nik": "3204114609970004"},
        {"name": "", "nik": "5301054506990003"},
        {"name": "Budi", "nik": "99", "birth_date": "kemarin"},
        {"name": "Siti Aminah", "nik": "3204114609970004"}))
    assert response.status_code == 422
    body = response.json()
    assert body["problems"] == 4 and "tidak ada yang disimpan" in body["detail"]
    assert {(e["row"], e["column"]) for e in body["errors"]} >= {
        (2, "nama"), (3, "NIK"), (3, "tanggal lahir")}
    assert any(e["row"] == 4 and "baris 1" in e["message"] for e in body["errors"])
    assert not ScreeningManifest.objects.exists()


def test_it_accepts_a_manifest_file(world: World) -> None:
    client = _machine(world)
    data = "\ufeffName,Passport No,Date of birth\nPetrus Tefa,C1234567,1988-02-03\n".encode()
    response = client.post(f"{BASE}/manifests/upload", {
        "site_id": str(world.embarkation.pk), "departure_date": timezone.localdate().isoformat(),
        "file": _file("m.csv", data)})
    assert response.status_code == 201, response.content
    bad = client.post(f"{BASE}/manifests/upload", {
        "site_id": str(world.embarkation.pk), "departure_date": timezone.localdate().isoformat(),
        "file": _file("m.csv", b"Seat,Gate\n1,2\n")})
    assert bad.status_code == 422
    assert "Kolom nama tidak ditemukan" in bad.json()["errors"][0]["message"]


def _file(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.mark.parametrize(("role", "status"), [
    ("admin", 201), ("coord_ntt", 201), ("taskforce_kupang", 201), ("coord_jabar", 422),
    ("analyst", 403), ("desk_kupang", 403), ("village_officer", 403)])
def test_it_applies_roles_and_scope_to_submissions(world: World, role: str,
                                                   status: int) -> None:
    client = world.client_for(role)
    response = _post(client, "/manifests", _payload(world, {"name": "Yohana Benu",
                                                            "birth_date": "1990-04-12"}))
    assert response.status_code == status
    if status == 422:
        assert "di luar tugas Anda" in response.content.decode()


def test_it_lets_officers_handle_alerts_over_the_api(world: World) -> None:
    sixteen = timezone.localdate().replace(year=timezone.localdate().year - 16)
    officer = world.client_for("taskforce_kupang")
    response = _post(officer, "/manifests", _payload(
        world, {"name": "Agustinus Lake", "birth_date": sixteen.isoformat()}))
    alert = Alert.objects.get()
    assert world.client_for("coord_jabar").post(
        f"{BASE}/alerts/{alert.pk}/acknowledge").status_code == 404
    acknowledged = officer.post(f"{BASE}/alerts/{alert.pk}/acknowledge").json()
    assert acknowledged["status"] == "acknowledged"
    resolved = _post(officer, f"/alerts/{alert.pk}/resolve",
                     {"resolution": "prevented_departure", "destination_country": "MY",
                      "reason": "minor", "outcome": "returned_home"})
    assert resolved.status_code == 200, resolved.content
    assert resolved.json()["prevented_departure_id"]
    again = _post(officer, f"/alerts/{alert.pk}/resolve", {"resolution": "other"})
    assert again.status_code == 422
    assert response.status_code == 201


def test_a_point_is_named_in_the_language_of_the_request(world: World) -> None:
    """Pages and the API name a point in the reader's language (Accept-Language for the
    API, the language cookie for pages)."""
    world.embarkation.name_en = "Kupang (Tenau port)"
    world.embarkation.save()
    client = _machine(world)
    english = client.get(BASE + "/points", HTTP_ACCEPT_LANGUAGE="en").json()
    indonesian = client.get(BASE + "/points", HTTP_ACCEPT_LANGUAGE="id").json()
    assert [p["name"] for p in english] == ["Kupang (Tenau port)"]
    assert [p["name"] for p in indonesian] == ["Kupang"]
    officer = world.client_for("taskforce_kupang")
    officer.cookies["django_language"] = "en"
    assert "Kupang (Tenau port)" in officer.get("/staff/").content.decode()
    officer.cookies["django_language"] = "id"
    page = officer.get("/staff/").content.decode()
    assert "Kupang (Tenau port)" not in page and "Kupang" in page
