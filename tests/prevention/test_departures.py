"""Prevented departures and dissemination events."""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils import translation

from lindung.common import stored_text
from lindung.core.models import AuditEvent
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry
from lindung.prevention.models import DisseminationEvent
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.models import PreventionTally
from lindung.prevention.services import dissemination_event_record
from lindung.prevention.services import prevented_departure_record
from lindung.prevention.tallies import prevention_tallies_rebuild
from lindung.regions.models import Region
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def immigration(db: None) -> Agency:
    return Agency.objects.create(code="imigrasi-kupang", name="Kantor Imigrasi Kupang",
                                 kind=AgencyKind.IMMIGRATION, taskforce_member=True)


_NAMES = itertools.count()


def _people(n: int = 2) -> list[Person]:
    """Distinct people (distinct names: the watchlist keeps one entry per name and source)."""
    first = ["Agustina", "Benediktus", "Kristina", "Yohana", "Marselinus", "Fransiska"]
    last = ["Lado", "Sanam", "Bulu", "Ama", "Bire", "Dethan", "Fanggi", "Huki", "Kause"]
    people = []
    for i in range(n):
        k = next(_NAMES)
        people.append(rf.make_person(f"{first[k % 6]} {last[k % 9]} {last[(k // 9) % 9]}",
                                     village=rf.KUPANG_VILLAGE, birth_date=date(2000, 1, i + 1)))
    return people


def _record(taskforce: rf.Taskforce, immigration: Agency, **overrides: object
            ) -> PreventedDeparture:
    fields: dict[str, object] = {
        "site": taskforce.world.embarkation, "date": date(2025, 6, 3), "people": _people(),
        "destination_country": "MY", "reason": "tourist_visa_for_work",
        "acting_agency": immigration, "outcome": "returned_home",
        "recruiter_name": "Pak Yohanis"}
    fields.update(overrides)
    return prevented_departure_record(actor=taskforce.officer, **fields)  # type: ignore[arg-type]


def test_it_records_a_prevented_departure_and_feeds_the_watchlist(
        taskforce: rf.Taskforce, immigration: Agency) -> None:
    departure = _record(taskforce, immigration)
    assert departure.people_count == 2 and departure.region_code == "53.71"
    assert departure.month == date(2025, 6, 1)
    assert WatchlistEntry.objects.filter(kind="prevented_departure").count() == 2
    assert WatchlistEntry.objects.filter(kind="recruiter", name="Pak Yohanis").exists()
    tallies = PreventionTally.objects.filter(dimension="all").order_by("area_code")
    assert [(t.area_code, t.departures, t.people) for t in tallies] == [
        ("", 1, 2), ("53", 1, 2), ("53.71", 1, 2)]
    assert AuditEvent.objects.filter(entity="prevention.preventeddeparture").exists()
    # the entry's reason is kept with its parameters: each reader reads it in their language
    entry = WatchlistEntry.objects.filter(kind="prevented_departure").first()
    assert entry is not None
    with translation.override("id"):
        assert stored_text.show(entry.reason).startswith("Dicegah di Kupang ")
    with translation.override("en"):
        assert stored_text.show(entry.reason).startswith("Prevented at Kupang on ")


def test_it_records_once_per_screening_alert(taskforce: rf.Taskforce,
                                            immigration: Agency) -> None:
    alert = uuid.uuid4()
    first = _record(taskforce, immigration, alert_id=alert)
    second = _record(taskforce, immigration, alert_id=str(alert))
    assert first.pk == second.pk and PreventedDeparture.objects.count() == 1


def test_it_counts_minors(taskforce: rf.Taskforce, immigration: Agency) -> None:
    child = rf.make_person("Anak", village=rf.KUPANG_VILLAGE,
                           birth_date=timezone.localdate() - timedelta(days=365 * 15))
    departure = _record(taskforce, immigration, people=[child], reason="minor")
    assert departure.minors_count == 1 and departure.people.get().is_minor


@pytest.mark.parametrize("overrides, field", [
    ({"people": []}, "people"),
    ({"destination_country": "XX"}, "destination_country"),
    ({"reason": "bad_luck"}, "reason"),
    ({"outcome": "case_opened"}, "case"),
    ({"date": "tomorrow"}, "date"),  # resolved when the test runs, not when it is collected
])
def test_it_refuses_incomplete_records(taskforce: rf.Taskforce, immigration: Agency,
                                       overrides: dict[str, object], field: str) -> None:
    if overrides.get("date") == "tomorrow":
        overrides = {**overrides, "date": timezone.localdate() + timedelta(days=1)}
    with pytest.raises(ValidationError) as exc:
        _record(taskforce, immigration, **overrides)
    assert field in exc.value.message_dict
    assert PreventedDeparture.objects.count() == 0 and not PreventionTally.objects.exists()
    assert not WatchlistEntry.objects.exists()


def test_it_refuses_a_site_that_is_not_an_embarkation_point(taskforce: rf.Taskforce,
                                                           immigration: Agency) -> None:
    with pytest.raises(ValidationError):
        _record(taskforce, immigration, site=taskforce.mission)


def test_it_refuses_points_and_people_outside_the_scope(taskforce: rf.Taskforce,
                                                       immigration: Agency) -> None:
    batam = Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Batam",
                                region_id="32.04", region_code="32.04")
    with pytest.raises(ValidationError, match="lingkup"):
        _record(taskforce, immigration, site=batam)
    with pytest.raises(ValidationError, match="lingkup"):
        _record(taskforce, immigration, people=[taskforce.world.jabar_person])
    with pytest.raises(PermissionDenied):
        prevented_departure_record(
            actor=taskforce.world.users["village_officer"], site=taskforce.world.embarkation,
            date=date(2025, 1, 1), people=_people(1), destination_country="MY",
            reason="no_documents", acting_agency=immigration, outcome="returned_home")


def test_the_tallies_match_a_rebuild(taskforce: rf.Taskforce, immigration: Agency) -> None:
    _record(taskforce, immigration)
    _record(taskforce, immigration, people=_people(1), reason="fake_job",
            date=date(2024, 12, 30))
    before = set(PreventionTally.objects.values_list("month", "area_code", "dimension",
                                                     "value", "departures", "people"))
    prevention_tallies_rebuild()
    after = set(PreventionTally.objects.values_list("month", "area_code", "dimension",
                                                    "value", "departures", "people"))
    assert before == after


def test_the_form_takes_niks_and_refuses_unknown_ones(taskforce: rf.Taskforce,
                                                      immigration: Agency) -> None:
    person = rf.make_person("Yakobus Lay", nik="5371011505990001", village=rf.KUPANG_VILLAGE)
    client = taskforce.client_for("taskforce_kupang")
    data = {"site": taskforce.world.embarkation.pk, "date": "2025-05-05",
            "people": "5371 0115 0599 0001\n", "destination_country": "MY",
            "reason": "no_documents", "acting_agency": immigration.pk,
            "outcome": "returned_home", "recruiter_name": rf.XSS}
    response = client.post("/prevention/new/", data)
    assert response.status_code == 302
    departure = PreventedDeparture.objects.get()
    assert list(departure.people.values_list("person_id", flat=True)) == [person.pk]
    page = client.get(f"/prevention/{departure.pk}/").content.decode()
    assert "<script>alert" not in page and "Yakobus Lay" in page
    bad = client.post("/prevention/new/", {**data, "people": "5301999999990001"})
    assert bad.status_code == 400 and "Tidak ditemukan" in bad.content.decode()
    assert PreventedDeparture.objects.count() == 1
    panel = taskforce.client_for("taskforce_kupang").get(f"/people/{person.pk}/")
    assert departure.site.name in panel.content.decode()


def test_the_api_records_a_departure(taskforce: rf.Taskforce, immigration: Agency) -> None:
    people = _people(1)
    client = taskforce.client_for("taskforce_kupang")
    response = client.post("/api/v1/prevention/departures", {
        "site_id": str(taskforce.world.embarkation.pk), "date": "2025-02-02",
        "people": [str(people[0].pk)], "destination_country": "my",
        "reason": "fake_job", "acting_agency": immigration.code, "outcome": "returned_home",
        "alert_id": str(uuid.uuid4())}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["people_count"] == 1
    listed = client.get("/api/v1/prevention/departures").json()
    assert listed[0]["reference"] == response.json()["reference"]
    outsider = taskforce.client_for("coord_jabar")
    assert outsider.get(f"/api/v1/prevention/departures/{listed[0]['id']}").status_code == 404


def test_it_records_dissemination_events(taskforce: rf.Taskforce) -> None:
    village = Region.objects.get(code=rf.NTT_VILLAGE)
    event = dissemination_event_record(
        actor=taskforce.world.users["village_officer"], date=date(2025, 4, 4), region=village,
        place="Balai desa", agency=taskforce.world.agency, audience_size=45,
        topics=["safe_migration", "official_fees"])
    assert event.region_code == rf.NTT_VILLAGE and event.month == date(2025, 4, 1)
    with pytest.raises(ValidationError):
        dissemination_event_record(actor=None, date=date(2025, 4, 4), region=village,
                                   place="Balai", agency=taskforce.world.agency,
                                   audience_size=10, topics=[])
    with pytest.raises(ValidationError):
        dissemination_event_record(actor=None, date=date(2025, 4, 4), region=village,
                                   place="Balai", agency=taskforce.world.agency,
                                   audience_size=0, topics=["other"])
    with pytest.raises(ValidationError, match="lingkup"):
        dissemination_event_record(actor=taskforce.world.users["village_officer"],
                                   date=date(2025, 4, 4),
                                   region=Region.objects.get(code="32.04"), place="Balai",
                                   agency=taskforce.world.agency, audience_size=10,
                                   topics=["other"])
    client = taskforce.client_for("village_officer")
    response = client.post("/prevention/dissemination/new/", {
        "date": "2025-04-05", "region": rf.NTT_VILLAGE, "place": "Sekolah <b>SD</b>",
        "agency": taskforce.world.agency.pk, "audience_size": "30",
        "topics": ["trafficking_risks"]})
    assert response.status_code == 302
    listing = client.get("/prevention/dissemination/").content.decode()
    assert "Sekolah &lt;b&gt;SD&lt;/b&gt;" in listing
    assert DisseminationEvent.objects.count() == 2


def test_the_api_records_and_lists_dissemination_events(taskforce: rf.Taskforce) -> None:
    client = taskforce.client_for("coord_ntt")
    created = client.post("/api/v1/prevention/dissemination", {
        "date": "2025-08-17", "region_code": rf.NTT_VILLAGE, "place": "Balai desa",
        "agency": "disnaker-ntt", "audience_size": 120,
        "topics": ["safe_migration", "complaint_channels"]}, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["topics"] == ["safe_migration", "complaint_channels"]
    listed = client.get("/api/v1/prevention/dissemination").json()
    assert [e["place"] for e in listed] == ["Balai desa"]
    refused = client.post("/api/v1/prevention/dissemination", {
        "date": "2025-08-17", "region_code": "32.04", "place": "Aula",
        "agency": "disnaker-ntt", "audience_size": 5, "topics": ["other"]},
        content_type="application/json")
    assert refused.status_code == 422 and "lingkup" in refused.json()["detail"][0]["message"]
    assert taskforce.client_for("coord_jabar").get(
        "/api/v1/prevention/dissemination").json() == []
