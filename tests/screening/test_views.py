"""The screening pages: every role, in and out of scope; upload, typed passenger, results,
progress fragment, alerts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lindung.core.models import AuditEvent
from lindung.people.choices import WatchlistKind
from lindung.people.services import watchlist_entry_add
from lindung.screening import services
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import ScreeningManifest
from tests.conftest import World

ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer", "machine"]
SCREENERS = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang"}
IN_SCOPE = {"admin", "coord_ntt", "taskforce_kupang"}


def _manifest(world: World) -> ScreeningManifest:
    watchlist_entry_add(actor=None, kind=WatchlistKind.SUSPECT, name="Hendrik Lado",
                        birth_date=dt.date(1975, 1, 3), source_entity="reports.case",
                        source_id="C-1")
    validation = validate_records([{"name": "Hendrik Lado", "birth_date": "1975-01-03"},
                                   {"name": "Yohana Benu", "birth_date": "1990-04-12"}],
                                  today=timezone.localdate())
    return services.manifest_submit(actor=world.users["taskforce_kupang"],
                                    site=world.embarkation, departure_date=timezone.localdate(),
                                    passengers=validation.passengers)


@pytest.mark.parametrize("role", ROLES)
def test_it_serves_the_screening_pages_by_role_and_scope(world: World, role: str) -> None:
    manifest = _manifest(world)
    passenger = manifest.passengers.get(row_number=1)
    alert = Alert.objects.get(passenger=passenger)
    client = world.client_for(role)
    allowed = 200 if role in SCREENERS else 403
    inside = 200 if role in IN_SCOPE else (404 if role in SCREENERS else 403)
    assert client.get(reverse("screening:home")).status_code == allowed
    assert client.get(reverse("screening:manifest", args=[manifest.pk])).status_code == inside
    assert client.get(reverse("screening:passenger", args=[passenger.pk])).status_code == inside
    assert client.get(reverse("screening:alerts")).status_code == allowed
    assert client.get(reverse("screening:rules")).status_code == allowed
    assert client.get(reverse("screening:alert", args=[alert.pk])).status_code == inside
    response = client.post(reverse("screening:alert", args=[alert.pk]),
                           {"action": "acknowledge"})
    assert response.status_code == (302 if role in IN_SCOPE else inside)
    alert.refresh_from_db()
    assert (alert.status == "acknowledged") == (role in IN_SCOPE)


def test_it_screens_an_uploaded_manifest_and_shows_the_results(world: World) -> None:
    client = world.client_for("taskforce_kupang")
    data = ("Nama;NIK;Tanggal lahir;Jenis kelamin\n"
            "Siti Aminah;3204114609970004;06-09-1997;P\n"
            "Yohana Benu;;12-04-1990;P\n").encode("cp1252")
    response = client.post(reverse("screening:home"), {
        "form": "upload", "upload-site": world.embarkation.pk,
        "upload-departure_date": timezone.localdate().isoformat(),
        "upload-file": SimpleUploadedFile("manifest.csv", data)})
    assert response.status_code == 302
    manifest = ScreeningManifest.objects.get()
    assert manifest.source == "upload" and manifest.file_name == "manifest.csv"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"Siti Aminah" in page.content and b"3204114609970004" in page.content
    assert AuditEvent.objects.filter(action="view", object_id=str(manifest.pk)).exists()
    fragment = client.get(response["Location"] + "?part=progress", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and b"screening-progress" in fragment.content
    assert b"<html" not in fragment.content


def test_it_reports_a_bad_manifest_row_by_row_and_saves_nothing(world: World) -> None:
    client = world.client_for("taskforce_kupang")
    data = b"Nama,NIK\nSiti Aminah,3204114609970004\n,5301054506990003\nBudi,12345\n"
    response = client.post(reverse("screening:home"), {
        "form": "upload", "upload-site": world.embarkation.pk,
        "upload-departure_date": timezone.localdate().isoformat(),
        "upload-file": SimpleUploadedFile("manifest.csv", data)})
    assert response.status_code == 400
    assert b"tidak ada yang disimpan" in response.content
    content = response.content.decode()
    assert "Nama kosong" in content and "NIK" in content
    assert not ScreeningManifest.objects.exists()


def test_it_screens_one_typed_passenger(world: World) -> None:
    client = world.client_for("taskforce_kupang")
    sixteen = timezone.localdate().replace(year=timezone.localdate().year - 16)
    response = client.post(reverse("screening:home"), {
        "form": "single", "single-site": world.embarkation.pk,
        "single-departure_date": timezone.localdate().isoformat(),
        "single-name": "Agustinus Lake", "single-birth_date": sixteen.isoformat()})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert b"Di bawah umur" in page.content
    passenger = ScreeningManifest.objects.get().passengers.get()
    detail = client.get(reverse("screening:passenger", args=[passenger.pk]))
    assert detail.status_code == 200 and b"Di bawah umur" in detail.content
    # A form error: no name.
    response = client.post(reverse("screening:home"), {
        "form": "single", "single-site": world.embarkation.pk,
        "single-departure_date": timezone.localdate().isoformat(), "single-name": ""})
    assert response.status_code == 400


def test_it_does_not_offer_points_outside_the_users_scope(world: World) -> None:
    client = world.client_for("coord_jabar")
    response = client.post(reverse("screening:home"), {
        "form": "single", "single-site": world.embarkation.pk,
        "single-departure_date": timezone.localdate().isoformat(),
        "single-name": "Yohana Benu", "single-birth_date": "1990-04-12"})
    assert response.status_code == 400
    assert not ScreeningManifest.objects.exists()
    assert b"Tidak ada titik embarkasi" in response.content


def test_it_resolves_an_alert_from_its_page(world: World) -> None:
    manifest = _manifest(world)
    alert = Alert.objects.get(manifest=manifest)
    client = world.client_for("taskforce_kupang")
    page = client.get(reverse("screening:alert", args=[alert.pk]))
    assert b"Selesaikan" in page.content and b"Hendrik Lado" in page.content
    response = client.post(reverse("screening:alert", args=[alert.pk]),
                           {"action": "resolve", "resolution": "prevented_departure"})
    assert response.status_code == 400  # the prevention fields are required then
    response = client.post(reverse("screening:alert", args=[alert.pk]),
                           {"action": "resolve", "resolution": "false_match",
                            "note": "another person, checked the KTP"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == "resolved" and alert.resolution == "false_match"
    listing = client.get(reverse("screening:alerts") + "?status=resolved")
    assert b"Hendrik Lado" in listing.content
    assert b"Hendrik Lado" not in client.get(reverse("screening:alerts")).content


def test_it_lists_the_alerts_of_a_manifest(world: World, django_capture_on_commit_callbacks: Any
                                           ) -> None:
    manifest = _manifest(world)
    client = world.client_for("coord_ntt")
    page = client.get(reverse("screening:alerts") + f"?manifest={manifest.pk}")
    assert page.status_code == 200 and b"Hendrik Lado" in page.content
    assert client.get(reverse("screening:alerts") + "?manifest=nonsense").status_code == 200


def test_the_rules_page_shows_the_book_in_both_languages(world: World) -> None:
    response = world.client_for("taskforce_kupang").get(reverse("screening:rules"))
    content = response.content.decode()
    assert "minor_unaccompanied" in content and "Nunukan" in content
    assert "tanpa orang tua/wali terdaftar" in content
    assert "without a registered parent or guardian" in content
    assert "22-11-2017" in content


def test_the_alert_page_lists_every_appearance_at_the_point(world: World) -> None:
    _manifest(world)
    _manifest(world)
    alert = Alert.objects.get()
    assert alert.hit_count == 2
    response = world.client_for("taskforce_kupang").get(reverse("screening:alert",
                                                                args=[alert.pk]))
    content = response.content.decode()
    assert "Muncul 2 kali di titik ini" in content
    for hit in alert.hits.all():
        assert reverse("screening:passenger", args=[hit.passenger_id]) in content
