"""The Desmigratif API under /api/v1/villages/: scope, masking, imports, ledger reads."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from lindung.accounts.models import User
from lindung.accounts.services import api_token_create
from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.stats.models import SourcedFigure
from lindung.villages.choices import ImportStatus
from lindung.villages.models import CensusImport
from lindung.villages.models import Remittance
from tests.fixtures.villages import VillageData
from tests.fixtures.villages import Villages
from tests.fixtures.villages import census_rows
from tests.fixtures.villages import xlsx

API = "/api/v1/villages"


def _as(user: User) -> Client:
    """A machine client calls with a token (issue 15: tokens are for machine clients only);
    staff through their session, as the web UI does."""
    if user.role == "machine_client":
        token = api_token_create(actor=None, user=user, name="test", write=True)
        return Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    client = Client()
    client.force_login(user)
    return client


def _get(user: User, path: str) -> Any:
    return _as(user).get(API + path)


def test_it_lists_programme_villages_within_scope(villages: Villages) -> None:
    users = villages.world.users
    assert {v["region_code"] for v in _get(users["admin"], "/").json()} == {
        "53.01.05.1001", "32.04.11.2001"}
    assert [v["region_code"] for v in _get(users["coord_ntt"], "/").json()] == ["53.01.05.1001"]
    assert _get(users["machine"], "/").status_code == 403
    assert _get(users["coord_jabar"], f"/villages/{villages.ntt.pk}").status_code == 404


def test_it_puts_targets_beside_recorded_villages(villages: Villages) -> None:
    from datetime import date

    SourcedFigure.objects.create(key="desmigratif-ntt-2017-villages", label="NTT 2017: desa",
                                 value=20, unit="desa", period_start=date(2017, 1, 1),
                                 period_end=date(2017, 12, 31), region_id="53", source="seed",
                                 quote="20 Desa Basis TKI di 10 Kab/Kota NTT")
    SourcedFigure.objects.create(key="desmigratif-target-2018-regencies", label="2018: kab",
                                 value=65, unit="kab/kota", period_start=date(2018, 1, 1),
                                 period_end=date(2018, 12, 31), source="seed", quote="65")
    rows = {row["key"]: row for row in _get(villages.world.users["analyst"], "/targets").json()}
    assert rows["desmigratif-ntt-2017-villages"]["recorded_villages"] == 1  # Oenesu
    assert rows["desmigratif-target-2018-regencies"]["recorded_regencies"] == 1  # Kab. Bandung


def test_it_returns_households_with_masked_identity_and_audits_the_read(
        village_data: VillageData) -> None:
    users = village_data.villages.world.users
    response = _get(users["village_officer"],
                    f"/villages/{village_data.villages.ntt.pk}/households")
    household = response.json()[0]
    mother = next(m for m in household["members"] if m["name"] == "Yuliana Ndun")
    assert mother["nik"] == "530105••••••••••"  # a village officer sees it masked
    assert mother["stays"][0]["country"] == "MY" and mother["stays"][0]["procedural"] is False
    child = next(m for m in household["members"] if m["name"] == "Nona Ndun")
    assert child["cards"] == {"kis": "needed"}
    assert AuditEvent.objects.filter(action=AuditAction.VIEW,
                                     detail__context="api-desmigratif").count() == 3
    coordinator = _get(users["coord_ntt"], f"/villages/{village_data.villages.ntt.pk}/households")
    assert "5301055203820002" in coordinator.content.decode()
    assert _get(users["coord_jabar"],
                f"/villages/{village_data.villages.ntt.pk}/households").status_code == 404


def test_it_uploads_starts_and_follows_an_import(
        villages: Villages, django_capture_on_commit_callbacks: Any) -> None:
    officer = _as(villages.world.users["village_officer"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        upload = officer.post(f"{API}/villages/{villages.ntt.pk}/imports",
                              {"file": SimpleUploadedFile("s.xlsx", xlsx(census_rows()))})
    assert upload.status_code == 201, upload.content
    assert upload.json()["status"] == "reading"  # the worker reads the sheet
    body = officer.get(f"{API}/imports/{upload.json()['id']}").json()
    assert body["status"] == "uploaded" and body["mapping"]["1"] == "name"
    with django_capture_on_commit_callbacks(execute=True):
        started = officer.post(f"{API}/imports/{body['id']}/start", {},
                               content_type="application/json")
    assert started.status_code == 200
    progress = officer.get(f"{API}/imports/{body['id']}").json()
    assert progress["status"] == ImportStatus.DONE and progress["people_created"] == 5
    again = officer.post(f"{API}/imports/{body['id']}/start", {},
                         content_type="application/json")
    assert again.status_code == 422 and " / " not in again.json()["detail"][0]["message"]
    assert CensusImport.objects.count() == 1


def test_it_reads_indicators_trial_balance_and_loans(village_data: VillageData) -> None:
    users = village_data.villages.world.users
    indicators = _get(users["coord_ntt"], "/indicators").json()
    assert indicators["region_code"] == "53" and indicators["abroad_now"] == 1
    assert indicators["remittances_received"] == 4_000_000
    assert indicators["productive_share_percent"] == 100.0
    assert _get(users["coord_ntt"], "/indicators?region=32").status_code == 404
    assert _get(users["desk_kupang"], "/indicators").status_code == 403
    trial = _get(users["village_officer"],
                 f"/cooperatives/{village_data.cooperative.pk}/trial-balance").json()
    assert trial["balanced"] and trial["total_debit"] == trial["total_credit"]
    loans = _get(users["village_officer"], f"/cooperatives/{village_data.cooperative.pk}/loans")
    assert loans.json()[0]["outstanding_principal"] == 3_000_000
    assert _get(users["coord_jabar"],
                f"/cooperatives/{village_data.cooperative.pk}/loans").status_code == 404


def test_it_records_remittances(village_data: VillageData) -> None:
    users = village_data.villages.world.users
    client = _as(users["village_officer"])
    response = client.post(f"{API}/villages/{village_data.villages.ntt.pk}/remittances", {
        "received_on": timezone.localdate().isoformat(), "amount": 1_500_000,
        "channel": "bank", "country": "my", "household_id": str(village_data.household.pk)},
        content_type="application/json")
    assert response.status_code == 201 and response.json()["country"] == "MY"
    bad = client.post(f"{API}/villages/{village_data.villages.ntt.pk}/remittances", {
        "received_on": timezone.localdate().isoformat(), "amount": 0, "channel": "bank"},
        content_type="application/json")
    assert bad.status_code == 422
    assert Remittance.objects.count() == 2
    analyst = _as(users["analyst"])
    assert analyst.post(f"{API}/villages/{village_data.villages.ntt.pk}/remittances", {
        "received_on": timezone.localdate().isoformat(), "amount": 5, "channel": "bank"},
        content_type="application/json").status_code == 403
