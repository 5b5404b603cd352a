"""The watchlist of a post, on the page and over the API: who sees and works which entries,
merging duplicates (hits move, the others are retired "merged into X"), corrections audited
before/after, retirement with a reason (never deleted), links instead of raw ids, and 422 for
invalid input and unknown filter values."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lindung.core.models import AuditEvent
from lindung.people.choices import WatchlistKind
from lindung.people.matching import Probe
from lindung.people.matching import match_watchlist
from lindung.people.models import WatchlistEntry
from lindung.people.services import watchlist_entry_add
from lindung.screening import services
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import AlertHit
from lindung.screening.models import ScreenedPassenger
from lindung.screening.models import ScreeningManifest
from tests.conftest import World

ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer", "machine"]
WATCHERS = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang"}
IN_SCOPE = {"admin", "coord_ntt", "taskforce_kupang"}
API = "/api/v1/screening/watchlist"
KUPANG = "53.71"


def _recruiter(name: str = "Hendrik Lado", source_id: str = "R-1", **extra: Any
               ) -> WatchlistEntry:
    fields: dict[str, Any] = {"birth_date": dt.date(1975, 1, 3), "region_code": KUPANG}
    fields.update(extra)
    return watchlist_entry_add(actor=None, kind=WatchlistKind.RECRUITER, name=name,
                               source_entity="reports.publicreport", source_id=source_id,
                               **fields)


def _screen(world: World, *rows: dict[str, str]) -> ScreeningManifest:
    validation = validate_records(list(rows), today=timezone.localdate())
    return services.manifest_submit(actor=world.users["taskforce_kupang"],
                                    site=world.embarkation, departure_date=timezone.localdate(),
                                    passengers=validation.passengers)


def _json(client: Client, method: str, path: str, payload: dict[str, Any]) -> Any:
    return getattr(client, method)(API + path, json.dumps(payload, default=str),
                                   content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_the_watchlist_by_role_and_scope(world: World, role: str) -> None:
    entry = _recruiter()
    other = _recruiter(source_id="R-2")
    client = world.client_for(role)
    allowed = 200 if role in WATCHERS else 403
    inside = 200 if role in IN_SCOPE else (404 if role in WATCHERS else 403)
    page = client.get(reverse("screening:watchlist"))
    assert page.status_code == allowed
    if allowed == 200:
        assert (b"Hendrik Lado" in page.content) == (role in IN_SCOPE)
    url = reverse("screening:watchlist_entry", args=[entry.pk])
    assert client.get(url).status_code == inside
    assert client.get(f"{API}/{entry.pk}").status_code == inside
    listed = client.get(API)
    assert listed.status_code == allowed
    if allowed == 200:
        assert len(listed.json()) == (2 if role in IN_SCOPE else 0)
    response = client.post(url, {"action": "retire", "reason": "laporan ditarik"})
    assert response.status_code == (302 if role in IN_SCOPE else inside)
    merged = _json(client, "post", f"/{other.pk}/merge", {"others": [str(entry.pk)]})
    assert merged.status_code == (422 if role in IN_SCOPE else inside)  # entry now retired
    entry.refresh_from_db()
    assert (entry.retired_at is not None) == (role in IN_SCOPE)
    assert WatchlistEntry.objects.filter(pk=entry.pk).exists()  # never deleted


def test_it_merges_three_copies_of_a_recruiter_and_moves_their_hits(world: World) -> None:
    survivor = _recruiter(phone="0812-3456-7890")
    copy = _recruiter("Hendrik Lado", source_id="R-2")
    variant = _recruiter("Hendrikus Lado", source_id="R-3", nik="5371010301750001")
    manifest = _screen(world, {"name": "Hendrikus Lado", "birth_date": "1975-01-03"})
    passenger = manifest.passengers.get()
    hit_ids = {hit["entry_id"] for hit in passenger.watchlist_hits}
    assert hit_ids & {str(copy.pk), str(variant.pk)}
    alert = Alert.objects.get(passenger=passenger)

    client = world.client_for("taskforce_kupang")
    url = reverse("screening:watchlist_entry", args=[survivor.pk])
    page = client.get(url)
    assert b"watchlist-merge" in page.content
    assert client.get(reverse("screening:watchlist")).content.count(b"watchlist-duplicates") == 1
    response = client.post(url, {"action": "merge", "others": [str(copy.pk), str(variant.pk)]})
    assert response.status_code == 302

    for other in (copy, variant):
        other.refresh_from_db()
        assert other.merged_into_id == survivor.pk and other.retired_at is not None
        assert other.retired_reason == "digabung ke Hendrik Lado"
    survivor.refresh_from_db()
    assert survivor.retired_at is None and "Hendrikus Lado" in survivor.aliases
    assert survivor.nik == "5371010301750001" and survivor.phone == "081234567890"
    passenger.refresh_from_db()
    assert {hit["entry_id"] for hit in passenger.watchlist_hits} == {str(survivor.pk)}
    alert.refresh_from_db()
    assert all(r.get("entry_id") in (None, str(survivor.pk)) for r in alert.reasons)
    assert all(r.get("entry_id") in (None, str(survivor.pk))
               for hit in AlertHit.objects.filter(alert=alert) for r in hit.reasons)
    # The survivor now lists the merged entries and the hit; only it is screened for.
    detail = client.get(url)
    assert b"watchlist-merged" in detail.content and b"Hendrikus Lado" in detail.content
    assert reverse("screening:passenger", args=[passenger.pk]).encode() in detail.content
    found = match_watchlist([Probe(name="Hendrik Lado", birth_date=dt.date(1975, 1, 3))])[0]
    assert {hit.entry_id for hit in found} == {survivor.pk}
    assert AuditEvent.objects.filter(object_id=str(copy.pk), action="update",
                                     detail__merged_into=str(survivor.pk)).exists()
    # Moved: the passenger's hits and reasons, the alert's and its hit's reasons.
    assert AuditEvent.objects.filter(object_id=str(survivor.pk), detail__moved=4).exists()
    # A merged entry's page leads to the survivor.
    merged_page = client.get(reverse("screening:watchlist_entry", args=[copy.pk]))
    assert url.encode() in merged_page.content and b"watchlist-correct" not in merged_page.content


def test_it_links_hits_to_the_entry_by_name_never_by_id(world: World) -> None:
    entry = _recruiter()
    manifest = _screen(world, {"name": "Hendrik Lado", "birth_date": "1975-01-03"})
    passenger = manifest.passengers.get()
    alert = Alert.objects.get(passenger=passenger)
    client = world.client_for("taskforce_kupang")
    entry_url = reverse("screening:watchlist_entry", args=[entry.pk]).encode()
    for url in (reverse("screening:passenger", args=[passenger.pk]),
                reverse("screening:alert", args=[alert.pk])):
        content = client.get(url).content
        assert entry_url in content
        assert content.count(str(entry.pk).encode()) == content.count(entry_url)
    # Outside the entry's scope: the hit is named by kind, without a link or a name.
    national = _recruiter("Yakobus Tefa", source_id="R-9", region_code="")
    manifest = _screen(world, {"name": "Yakobus Tefa", "birth_date": "1975-01-03"})
    content = client.get(reverse("screening:passenger",
                                 args=[manifest.passengers.get().pk])).content
    assert str(national.pk).encode() not in content


def test_it_corrects_an_entry_with_the_values_before_and_after(world: World) -> None:
    entry = _recruiter("Hendrik Lada", nik="5371010301750001")
    client = world.client_for("coord_ntt")
    url = reverse("screening:watchlist_entry", args=[entry.pk])
    response = client.post(url, {"action": "correct", "name": "Hendrik Lado",
                                 "aliases": "Om Hen", "birth_date": "1975-01-03",
                                 "nik": "5371010301750002", "phone": "", "social_handle": "",
                                 "reason": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "Hendrik Lado" and entry.aliases == "Om Hen"
    event = AuditEvent.objects.get(object_id=str(entry.pk), action="update")
    assert event.detail["fields"] == ["aliases", "name", "nik"]
    assert event.detail["before"]["name"] == "Hendrik Lada"
    assert event.detail["after"]["name"] == "Hendrik Lado"
    assert "5371010301750002" not in json.dumps(event.detail)  # the NIK only masked
    found = match_watchlist([Probe(name="Om Hen", birth_date=dt.date(1975, 1, 3))])[0]
    assert [hit.entry_id for hit in found] == [entry.pk]
    bad = client.post(url, {"action": "correct", "name": "Hendrik Lado", "nik": "123"})
    assert bad.status_code == 400 and b"NIK" in bad.content


def test_it_retires_with_a_reason_and_stops_matching(world: World) -> None:
    entry = _recruiter()
    client = world.client_for("taskforce_kupang")
    url = reverse("screening:watchlist_entry", args=[entry.pk])
    assert client.post(url, {"action": "retire", "reason": " "}).status_code == 400
    assert client.post(url, {"action": "retire",
                             "reason": "salah orang"}).status_code == 302
    entry.refresh_from_db()
    assert entry.retired_reason == "salah orang"
    assert match_watchlist([Probe(name="Hendrik Lado", birth_date=dt.date(1975, 1, 3))]) == [[]]
    listed = client.get(reverse("screening:watchlist") + "?status=retired")
    assert b"salah orang" in listed.content
    assert b"Hendrik Lado" not in client.get(reverse("screening:watchlist")).content


def test_it_works_the_watchlist_over_the_api(world: World) -> None:
    survivor = _recruiter()
    copy = _recruiter(source_id="R-2")
    client = world.client_for("taskforce_kupang")
    listed = client.get(API + "?kind=recruiter").json()
    assert {row["id"] for row in listed} == {str(survivor.pk), str(copy.pk)}
    assert listed[0]["source"]["label"] == "Laporan publik" and listed[0]["added_by"] == ""
    for bogus in ("?kind=bogus", "?status=deleted"):
        response = client.get(API + bogus)
        assert response.status_code == 422, bogus
        assert "bogus" in response.content.decode() or "deleted" in response.content.decode()
    assert _json(client, "patch", f"/{survivor.pk}", {"nik": "123"}).status_code == 422
    assert _json(client, "patch", f"/{survivor.pk}", {}).status_code == 422
    assert _json(client, "patch", f"/{survivor.pk}", {"name": ""}).status_code == 422
    corrected = _json(client, "patch", f"/{survivor.pk}", {"aliases": "Om Hen"})
    assert corrected.status_code == 200 and corrected.json()["aliases"] == "Om Hen"
    victim = watchlist_entry_add(actor=None, kind=WatchlistKind.PREVENTED_DEPARTURE,
                                 name="Hendrik Lado", birth_date=dt.date(1975, 1, 3),
                                 region_code=KUPANG, source_entity="prevention.x",
                                 source_id="P-1")
    other_kind = _json(client, "post", f"/{survivor.pk}/merge", {"others": [str(victim.pk)]})
    assert other_kind.status_code == 422 and "berjenis lain" in other_kind.content.decode()
    page = client.get(reverse("screening:watchlist_entry", args=[survivor.pk]))
    assert str(victim.pk).encode() not in page.content  # not offered for merging
    unknown = _json(client, "post", f"/{survivor.pk}/merge",
                    {"others": ["00000000-0000-0000-0000-000000000000"]})
    assert unknown.status_code == 422
    assert _json(client, "post", f"/{survivor.pk}/merge", {"others": []}).status_code == 422
    merged = _json(client, "post", f"/{survivor.pk}/merge", {"others": [str(copy.pk)]})
    assert merged.status_code == 200 and merged.json()["merged"] == [str(copy.pk)]
    assert client.get(f"{API}/{copy.pk}").json()["merged_into"] == str(survivor.pk)
    assert _json(client, "post", f"/{survivor.pk}/retire", {"reason": ""}).status_code == 422
    retired = _json(client, "post", f"/{survivor.pk}/retire", {"reason": "kasus ditutup"})
    assert retired.status_code == 200 and retired.json()["retired_reason"] == "kasus ditutup"
    assert _json(client, "post", f"/{survivor.pk}/retire",
                 {"reason": "lagi"}).status_code == 422
    assert client.get(API + "?status=all").status_code == 200
    assert ScreenedPassenger.objects.count() == 0


def test_it_lists_the_watchlist_in_a_fixed_number_of_queries(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("taskforce_kupang")
    _recruiter()
    _recruiter(source_id="R-0")  # one duplicate group
    client.get(reverse("screening:watchlist"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("screening:watchlist")).status_code == 200
    for number in range(8):
        _recruiter(f"Perekrut {number % 3}", source_id=f"P-{number}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("screening:watchlist"))
    assert page.content.count(b"Perekrut 0") >= 2
    assert len(many.captured_queries) == len(few.captured_queries)
