"""Screening a departure: verdicts and reasons, all-or-nothing manifests, background runs,
alerts with their outbox messages, acknowledging and resolving."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils import translation

from lindung.core.models import BackgroundJob
from lindung.core.models import OutboxMessage
from lindung.people.choices import WatchlistKind
from lindung.people.services import person_create
from lindung.people.services import watchlist_entry_add
from lindung.screening import services
from lindung.screening.choices import ManifestSource
from lindung.screening.manifest import Passenger
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import ScreenedPassenger
from lindung.screening.models import ScreeningManifest
from lindung.screening.models import reason_text
from lindung.screening.verdicts import Screening
from lindung.screening.verdicts import screen
from tests.conftest import World

ADULT = dt.date(1990, 4, 12)


def _passengers(*rows: dict[str, Any]) -> list[Passenger]:
    validation = validate_records(list(rows), today=timezone.localdate())
    assert validation.ok, validation.report()
    return validation.passengers


def _submit(world: World, *rows: dict[str, Any], user: str = "taskforce_kupang",
            **options: Any) -> ScreeningManifest:
    return services.manifest_submit(actor=world.users[user], site=world.embarkation,
                                    departure_date=timezone.localdate(),
                                    passengers=_passengers(*rows), **options)


def _codes(passenger: ScreenedPassenger) -> set[str]:
    return {reason["code"] for reason in passenger.reasons}


def test_it_stops_a_recruiter_on_the_watchlist_and_alerts_the_point(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    world.users["taskforce_kupang"].email = "satgas.kupang@example.org"
    world.users["taskforce_kupang"].phone = "081234567890"
    world.users["taskforce_kupang"].save()
    entry = watchlist_entry_add(actor=None, kind=WatchlistKind.RECRUITER, name="Hendrik Lado",
                                birth_date=dt.date(1975, 1, 3), source_entity="reports.case",
                                source_id="C-1")
    with django_capture_on_commit_callbacks(execute=True):
        manifest = _submit(world, {"name": "HENDRIK LADO", "birth_date": "03-01-1975"},
                           {"name": "Yohana Benu", "birth_date": "1990-04-12"})
    assert manifest.status == "done" and manifest.rows == 2 and manifest.stop_count == 1
    recruiter, other = manifest.passengers.order_by("row_number")
    assert recruiter.verdict == "stop"
    [reason] = [r for r in recruiter.reasons if r["code"] == "watchlist_match"]
    assert reason["entry_id"] == str(entry.pk) and reason["kind"] == "recruiter"
    assert reason["text_id"] and reason["text_en"] and reason["text_id"] != reason["text_en"]
    assert reason_text(reason) == reason["text_id"]  # the reader's language, one of them
    with translation.override("en"):
        assert reason_text(reason) == reason["text_en"]
    assert recruiter.watchlist_hits[0]["match"]  # the explained match, relations only
    alert = Alert.objects.get(passenger=recruiter)
    assert alert.status == "open" and alert.site == world.embarkation
    assert other.verdict == "check" and "not_registered" in _codes(other)
    assert not Alert.objects.filter(passenger=other).exists()
    messages = OutboxMessage.objects.order_by("channel")
    assert {(m.channel, m.recipient) for m in messages} == {
        ("email", "satgas.kupang@example.org"), ("sms", "081234567890")}
    for message in messages:
        assert "Hendrik" not in message.body and "1 peringatan" in message.body


def test_it_stops_a_minor_and_checks_an_unknown_age(world: World) -> None:
    sixteen = timezone.localdate().replace(year=timezone.localdate().year - 16)
    manifest = _submit(world, {"name": "Agustinus Lake", "birth_date": sixteen.isoformat()},
                       {"name": "Petrus Tefa", "passport": "C1234567"})
    minor, unknown = manifest.passengers.order_by("row_number")
    assert minor.verdict == "stop" and minor.age == 16 and "minor_unaccompanied" in _codes(minor)
    assert Alert.objects.filter(hits__passenger=minor).exists()
    assert unknown.verdict == "check" and "age_unknown" in _codes(unknown)


def test_it_recognises_a_registered_person_without_an_application(world: World) -> None:
    manifest = _submit(world, {"name": "Siti Aminah", "nik": "3204114609970004"})
    passenger = manifest.passengers.get()
    assert passenger.person == world.jabar_person and passenger.person_score
    assert {"registered", "no_application"} <= _codes(passenger)
    assert passenger.verdict == "check"


def test_it_checks_a_possible_watchlist_hit_and_an_uncertain_identity(world: World) -> None:
    watchlist_entry_add(actor=None, kind=WatchlistKind.MISSING_PERSON, name="Marselina Bria",
                        source_entity="reports.report", source_id="R-9")
    person_create(actor=None, name="Yosef Nope", birth_date=ADULT)
    results = screen(_passengers({"name": "Marselina Bria", "birth_date": "1999-02-03"},
                                 {"name": "Yosef Nope", "birth_date": "1991-07-30"}),
                     departure_date=timezone.localdate())
    codes = [{r["code"] for r in result.reasons} for result in results]
    assert "watchlist_possible" in codes[0] and results[0].verdict == "check"
    assert results[0].alert  # any watchlist hit alerts the point
    assert "registered" not in codes[1]


def test_no_passenger_identity_stays_in_memory_after_screening(world: World) -> None:
    from lindung.people import matching

    screen(_passengers({"name": "Siti Aminah", "nik": "3204114609970004"}),
           departure_date=timezone.localdate())
    assert matching._prepared.cache_info().currsize == 0


def test_it_refuses_a_forged_certificate(world: World) -> None:
    [result] = screen(_passengers({"name": "Siti Aminah", "nik": "3204114609970004",
                                   "certificate": "forged-token"}),
                      departure_date=timezone.localdate())
    assert result.verdict == "stop"
    assert "certificate_invalid" in {r["code"] for r in result.reasons}


def test_it_screens_a_large_manifest_in_the_background_and_resumes(
        world: World, django_capture_on_commit_callbacks: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "SYNC_LIMIT", 3)
    monkeypatch.setattr(services, "CHUNK", 2)
    rows = [{"name": f"Penumpang {name}", "birth_date": f"19{60 + i}-01-0{1 + i % 9}"}
            for i, name in enumerate(["Ana", "Beni", "Citra", "Dodi", "Eka", "Fani", "Gita"])]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        manifest = _submit(world, *rows, source=ManifestSource.TYPED)
    assert manifest.status == "queued" and manifest.file and manifest.job is not None
    assert not manifest.passengers.exists()
    # The stored manifest is encrypted at rest.
    with manifest.file.open("rb") as handle:
        assert b"Penumpang" not in handle.read()
    # A first run dies after two chunks...
    original = services._screen_chunk
    calls = {"n": 0}

    def flaky(manifest: ScreeningManifest, chunk: list[Passenger],
              results: list[Screening] | None = None) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        original(manifest, chunk, results)

    monkeypatch.setattr(services, "_screen_chunk", flaky)
    for callback in callbacks:  # the Huey task logs the failure and marks the manifest
        callback()
    manifest.refresh_from_db()
    assert manifest.status == "failed" and manifest.screened == 4
    assert manifest.passengers.count() == 4  # whole chunks only
    # ... and a second run picks up where it stopped.
    monkeypatch.setattr(services, "_screen_chunk", original)
    seen: list[tuple[int, int]] = []
    manifest = services.manifest_screen_run(manifest=manifest,
                                            progress=lambda d, t: seen.append((d, t)))
    assert manifest.status == "done" and manifest.screened == 7
    assert sorted(manifest.passengers.values_list("row_number", flat=True)) == list(range(1, 8))
    assert seen[-1] == (7, 7)
    assert manifest.job_id is not None
    job = BackgroundJob.objects.get(pk=manifest.job_id)
    assert job.status == "done" and job.done == 7
    assert not manifest.file


def test_it_refuses_points_outside_the_officers_post(world: World) -> None:
    from lindung.directory.choices import SiteKind
    from lindung.directory.models import Site

    elsewhere = Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Nunukan",
                                    region_code="65.03")
    centre = Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA Kupang",
                                 region_code="53.71")
    passengers = _passengers({"name": "Yohana Benu", "birth_date": "1990-04-12"})
    officer = world.users["taskforce_kupang"]
    for site in (elsewhere, centre):
        with pytest.raises(ValidationError):
            services.manifest_submit(actor=officer, site=site,
                                     departure_date=timezone.localdate(), passengers=passengers)
    with pytest.raises(PermissionDenied):
        services.manifest_submit(actor=world.users["analyst"], site=world.embarkation,
                                 departure_date=timezone.localdate(), passengers=passengers)
    with pytest.raises(ValidationError, match="lebih dari setahun"):
        services.manifest_submit(actor=officer, site=world.embarkation,
                                 departure_date=dt.date(2001, 1, 1), passengers=passengers)
    assert not ScreeningManifest.objects.exists()
    assert list(services.screening_sites(officer)) == [world.embarkation]
    assert set(services.screening_sites(world.users["admin"])) == {world.embarkation, elsewhere}
    assert list(services.screening_sites(world.users["coord_ntt"])) == [world.embarkation]


def test_it_acknowledges_and_resolves_an_alert(world: World) -> None:
    sixteen = timezone.localdate().replace(year=timezone.localdate().year - 16)
    manifest = _submit(world, {"name": "Agustinus Lake", "birth_date": sixteen.isoformat()})
    alert = Alert.objects.get(manifest=manifest)
    officer = world.users["taskforce_kupang"]
    with pytest.raises(PermissionDenied):
        services.alert_acknowledge(actor=world.users["coord_jabar"], alert=alert)
    alert = services.alert_acknowledge(actor=officer, alert=alert)
    assert alert.status == "acknowledged" and alert.acknowledged_by == officer
    with pytest.raises(ValidationError, match="Penyelesaian tidak dikenal"):
        services.alert_resolve(actor=officer, alert=alert, resolution="ignored")
    alert = services.alert_resolve(actor=officer, alert=alert, resolution="cleared",
                                   note="travelling with parents, not for work")
    assert alert.status == "resolved" and alert.resolved_by == officer
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.alert_resolve(actor=officer, alert=alert, resolution="other")


def test_it_records_a_prevented_departure_when_resolving(world: World) -> None:
    from lindung.prevention.models import PreventedDeparture

    sixteen = timezone.localdate().replace(year=timezone.localdate().year - 16)
    manifest = _submit(world, {"name": "Agustinus Lake", "birth_date": sixteen.isoformat(),
                               "destination": "MY"})
    alert = Alert.objects.get(manifest=manifest)
    officer = world.users["taskforce_kupang"]
    with pytest.raises(ValidationError):  # the prevention module refuses missing fields
        services.alert_resolve(actor=officer, alert=alert, resolution="prevented_departure",
                               prevention={})
    alert = services.alert_resolve(
        actor=officer, alert=alert, resolution="prevented_departure",
        prevention={"destination_country": "MY", "reason": "minor",
                    "outcome": "returned_home"})
    assert alert.prevented_departure_id is not None
    departure = PreventedDeparture.objects.get(pk=alert.prevented_departure_id)
    assert departure.screening_alert_id == alert.pk and departure.site == world.embarkation
    passenger = ScreenedPassenger.objects.get(pk=alert.passenger_id)
    assert passenger.person is not None  # registered for the record, then linked


def _possibly_registered_alert(world: World) -> tuple[Alert, Any]:
    """An alert (a watchlist hit) for a passenger whom the screening found only possibly
    registered (same name, no birth date given: only a passport number the registry does not
    hold, since a manifest row needs a NIK, passport or birth date besides the name)."""
    watchlist_entry_add(actor=None, kind=WatchlistKind.MISSING_PERSON, name="Marselina Bria",
                        source_entity="reports.report", source_id="R-10")
    registered = person_create(actor=None, name="Marselina Bria", sex="F",
                               birth_date=dt.date(1999, 2, 3))
    manifest = _submit(world, {"name": "Marselina Bria", "sex": "P", "passport": "C4417820"})
    alert = Alert.objects.get(manifest=manifest)
    assert alert.passenger.person_id is None
    assert services.possible_people(alert.passenger)[0][0] == str(registered.pk)
    return alert, registered


PREVENTED = {"destination_country": "MY", "reason": "minor", "outcome": "returned_home"}


def test_a_prevented_departure_names_the_possible_person_or_someone_new(world: World) -> None:
    from lindung.people.models import Person

    alert, registered = _possibly_registered_alert(world)
    officer = world.users["taskforce_kupang"]
    people = Person.objects.count()
    with pytest.raises(ValidationError, match="pilih orang itu"):
        services.alert_resolve(actor=officer, alert=alert, resolution="prevented_departure",
                               prevention=PREVENTED)
    stranger = person_create(actor=None, name="Yosef Nope", birth_date=ADULT)
    with pytest.raises(ValidationError, match="bukan yang ditemukan pemeriksaan"):
        services.alert_resolve(actor=officer, alert=alert, resolution="prevented_departure",
                               prevention={**PREVENTED, "person": str(stranger.pk)})
    alert.refresh_from_db()
    assert alert.status != "resolved" and Person.objects.count() == people + 1
    alert = services.alert_resolve(actor=officer, alert=alert, resolution="prevented_departure",
                                   prevention={**PREVENTED, "person": str(registered.pk)})
    assert Person.objects.count() == people + 1  # nobody registered twice
    passenger = ScreenedPassenger.objects.get(pk=alert.passenger_id)
    assert passenger.person_id == registered.pk


def test_someone_new_is_registered_when_the_officer_says_so(world: World) -> None:
    from lindung.people.models import Person

    alert, registered = _possibly_registered_alert(world)
    people = Person.objects.count()
    alert = services.alert_resolve(actor=world.users["taskforce_kupang"], alert=alert,
                                   resolution="prevented_departure",
                                   prevention={**PREVENTED, "person": services.NEW_PERSON})
    passenger = ScreenedPassenger.objects.get(pk=alert.passenger_id)
    assert passenger.person_id not in (None, registered.pk)
    assert Person.objects.count() == people + 1


def test_the_alert_page_asks_who_the_passenger_is(world: World) -> None:
    alert, registered = _possibly_registered_alert(world)
    client = world.client_for("taskforce_kupang")
    url = f"/screening/alerts/{alert.pk}/"
    page = client.get(url).content.decode()
    assert 'name="person"' in page and f'value="{registered.pk}"' in page
    assert 'value="new"' in page
    missing = client.post(url, {"action": "resolve", "resolution": "prevented_departure",
                                **PREVENTED})
    assert missing.status_code == 400 and "Wajib diisi" in missing.content.decode()
    done = client.post(url, {"action": "resolve", "resolution": "prevented_departure",
                             "person": str(registered.pk), **PREVENTED})
    assert done.status_code == 302
    assert ScreenedPassenger.objects.get(pk=alert.passenger_id).person_id == registered.pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="forked workers open the database themselves: the SQLite test "
                           "database lives in the test process's memory")
def test_forked_workers_claim_the_chunks_and_agree_with_one_process(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "SYNC_LIMIT", 3)
    monkeypatch.setattr(services, "CHUNK", 2)
    person_create(actor=None, name="Yosef Nope", birth_date=ADULT)
    watchlist_entry_add(actor=None, kind=WatchlistKind.RECRUITER, name="Hendrik Lado",
                        birth_date=dt.date(1975, 1, 3), source_entity="reports.case",
                        source_id="C-2")
    rows = [{"name": "Yosef Nope", "birth_date": "1990-04-12"},
            {"name": "HENDRIK LADO", "birth_date": "03-01-1975"},
            *({"name": f"Penumpang {name}", "birth_date": f"19{70 + i}-02-0{1 + i}"}
              for i, name in enumerate(["Ana", "Beni", "Citra", "Dodi", "Eka"]))]
    alone = [result.verdict for result in screen(_passengers(*rows),
                                                  departure_date=timezone.localdate())]
    manifest = _submit(world, *rows, source=ManifestSource.TYPED)
    assert manifest.status == "queued"
    manifest = services.manifest_screen_run(manifest=manifest, processes=2)
    assert manifest.status == "done" and manifest.screened == 7
    forked = list(manifest.passengers.order_by("row_number").values_list("verdict", flat=True))
    assert forked == alone and "stop" in forked
    assert manifest.stop_count == forked.count("stop")
