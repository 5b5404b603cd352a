"""Access that follows the post (lindung.core.access): a task-force officer works the area
of their embarkation point (its province by default, configurable per point), every person
screened or prevented there, and the people they register wherever those live."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lindung.accounts.models import User
from lindung.accounts.services import staff_create
from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.people.services import person_update
from lindung.prevention.services import prevented_departure_record
from lindung.regions.models import Region
from lindung.regions.services import regions_load
from lindung.reports.models import PublicReport
from lindung.screening import services as screening
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import ScreenedPassenger
from tests.conftest import JABAR_VILLAGE
from tests.conftest import NTT_VILLAGE
from tests.conftest import PASSWORD
from tests.conftest import World
from tests.fixtures.reports import submit

# Kota Soe (Kab. Timor Tengah Selatan) and Kota Atambua (Kab. Belu), NTT.
SOE_VILLAGE_PREFIX = "53.02.01"
BELU_VILLAGE = "53.04.12.1001"


@pytest.fixture
def post(world: World) -> Site:
    """Tenau, Kota Kupang: an embarkation point with the default area (its province)."""
    regions_load(only=(SOE_VILLAGE_PREFIX, "53.04.12"))
    return Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Pelabuhan Tenau",
                               region_id="53.71", region_code="53.71")


def _officer(world: World, name: str, site: Site | None, scope: str | None = None,
             role: Role = Role.TASKFORCE_OFFICER) -> User:
    return staff_create(actor=None, username=name, password=PASSWORD, role=role,
                        agency=world.agency, site=site,
                        scope_region=Region.objects.get(code=scope) if scope else None)


def _soe_village() -> Region:
    return Region.objects.filter(code__startswith=SOE_VILLAGE_PREFIX + ".",
                                 level="village").order_by("code").first()  # type: ignore[return-value]


def test_it_gives_a_point_its_province_by_default(world: World, post: Site) -> None:
    officer = _officer(world, "tenau", post)
    area = access.area_of(officer)
    assert area.prefixes == ("53",) and area.site_id == post.pk and not area.national
    assert access.can(officer, VIEW, world.ntt_person)  # Kab. Kupang, same province
    assert not access.can(officer, VIEW, world.jabar_person)
    assert set(access.visible(officer, Person.objects.all())) == {world.ntt_person}


def test_it_never_makes_a_posted_officer_without_scope_national(world: World,
                                                                post: Site) -> None:
    mission = Site.objects.create(kind=SiteKind.MISSION, name="KBRI Dili", country="TL")
    officer = _officer(world, "dili", mission)
    assert access.area_of(officer).prefixes == ()
    assert not access.visible(officer, Person.objects.all()).exists()


def test_it_follows_the_areas_configured_for_a_transit_point(world: World, post: Site) -> None:
    post.area_codes = ["53", "32"]
    post.full_clean()
    post.save()
    officer = _officer(world, "tenau", post)
    assert set(access.visible(officer, Person.objects.all())) == {world.ntt_person,
                                                                  world.jabar_person}


def test_it_refuses_an_area_that_is_not_a_region(post: Site) -> None:
    post.area_codes = ["53", "99.99"]
    with pytest.raises(ValidationError) as exc:
        post.full_clean()
    assert "99.99" in str(exc.value)


def test_it_adds_the_scope_to_the_post(world: World, post: Site) -> None:
    officer = _officer(world, "tenau", post, scope="32")
    assert set(access.area_of(officer).prefixes) == {"32", "53"}


def test_it_shows_the_reports_of_the_province_to_the_point(world: World, post: Site) -> None:

    in_kupang = submit(region=Region.objects.get(code=NTT_VILLAGE)).report
    in_belu = submit(region=Region.objects.get(code=BELU_VILLAGE)).report
    in_jabar = submit(region=Region.objects.get(code=JABAR_VILLAGE)).report
    officer = _officer(world, "tenau", post)
    seen = set(access.visible(officer, PublicReport.objects.all(), CHANGE))
    assert seen == {in_kupang, in_belu}
    client = world.client_for("admin")
    client.force_login(officer)
    page = client.get(reverse("reports:list")).content.decode()
    assert in_kupang.reference in page and in_belu.reference in page
    assert in_jabar.reference not in page
    assert client.get(reverse("reports:detail", args=[in_belu.pk])).status_code == 200
    assert client.get(reverse("reports:detail", args=[in_jabar.pk])).status_code == 404
    # The officer posted in Kota Kupang only (the persona) does not see Belu.
    narrow = world.users["taskforce_kupang"]
    assert not access.can(narrow, VIEW, in_belu)


def test_it_keeps_a_person_registered_at_the_post_visible_whatever_their_address(
        world: World, post: Site) -> None:
    officer = _officer(world, "tenau", post, scope="53.71")
    other_post = Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Bandara Bandung",
                                     region_id="32", region_code="32")
    elsewhere = _officer(world, "bandung", other_post)
    person = person_create(actor=officer, name="Yohana Bria", sex="F",
                           birth_date=dt.date(1999, 3, 2),
                           village=Region.objects.get(code=JABAR_VILLAGE))
    assert person.registered_at_site_id == post.pk
    assert access.can(officer, VIEW, person) and access.can(officer, CHANGE, person)
    assert person in access.visible(officer, Person.objects.all())
    # Residence still counts for the others: the Jawa Barat coordinator and point see them.
    assert access.can(world.users["coord_jabar"], VIEW, person)
    assert access.can(elsewhere, VIEW, person)
    # An officer of another post, whose area is elsewhere, does not.
    assert not access.can(world.users["taskforce_kupang"], VIEW, person)
    # A move keeps them at the post.
    person_update(actor=officer, person=person, address="Jl. Merdeka 1")
    client = world.client_for("admin")
    client.force_login(officer)
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 200
    assert "Yohana Bria" in client.get(reverse("people:list"), {"q": "Yohana"}).content.decode()


def test_it_lets_the_officer_register_a_person_from_soe_through_the_page(
        world: World, post: Site) -> None:
    officer = _officer(world, "tenau", post, scope="53.71")
    client = world.client_for("admin")
    client.force_login(officer)
    soe = _soe_village()
    response = client.post(reverse("people:create"), {
        "name": "Yohana Bria", "sex": "F", "birth_date": "1999-03-02", "village": soe.code,
        "migration_status": "prospective", "confirm_new": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    person = Person.objects.get(name="Yohana Bria")
    assert person.region_code == soe.code and person.registered_at_site_id == post.pk
    assert client.get(response["Location"]).status_code == 200


def test_it_refuses_registration_outside_the_area_to_a_village_officer(world: World) -> None:
    officer = world.users["village_officer"]  # no post: their village only
    with pytest.raises(PermissionDenied) as exc:
        person_create(actor=officer, name="Ani", village=Region.objects.get(code=JABAR_VILLAGE))
    assert isinstance(exc.value, access.Denied)
    assert "wilayah kerja" in str(exc.value.why)


def test_it_lets_a_desk_officer_keep_the_people_registered_at_the_centre(world: World) -> None:
    centre = Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA Kupang",
                                 region_id="53.01", region_code="53.01")
    desk = _officer(world, "desk", centre, role=Role.DESK_OFFICER)
    assert access.area_of(desk).prefixes == ("53.01",)
    person = person_create(actor=desk, name="Ani Jabar",
                           village=Region.objects.get(code=JABAR_VILLAGE))
    assert person.registered_at_site_id == centre.pk and access.can(desk, VIEW, person)
    assert not access.can(world.users["desk_kupang"], VIEW, person)  # not posted there


def test_it_shows_the_people_screened_and_alerted_at_the_post(world: World,
                                                             post: Site) -> None:
    from lindung.people.choices import WatchlistKind
    from lindung.people.services import watchlist_entry_add

    officer = _officer(world, "tenau", post)
    jabar = world.jabar_person  # lives in Jawa Barat: outside the point's area
    assert not access.can(officer, VIEW, jabar)
    watchlist_entry_add(actor=None, kind=WatchlistKind.SUSPECT, name="Hendrik Lado",
                        birth_date=dt.date(1975, 1, 3), source_entity="reports.case",
                        source_id="C-1")
    validation = validate_records([{"name": "Hendrik Lado", "birth_date": "1975-01-03"}],
                                  today=timezone.localdate())
    manifest = screening.manifest_submit(actor=officer, site=post,
                                         departure_date=timezone.localdate(),
                                         passengers=validation.passengers)
    ScreenedPassenger.objects.filter(manifest=manifest).update(person=jabar)
    alert = Alert.objects.get(manifest=manifest)
    assert access.can(officer, CHANGE, alert)
    assert access.can(officer, VIEW, jabar) and access.can(officer, CHANGE, jabar)
    assert jabar in access.visible(officer, Person.objects.all())
    # The Kota Kupang persona, posted at another point, still does not see them.
    assert not access.can(world.users["taskforce_kupang"], VIEW, jabar)
    client = world.client_for("admin")
    client.force_login(officer)
    assert client.get(reverse("people:detail", args=[jabar.pk])).status_code == 200
    assert client.get(reverse("screening:alert", args=[alert.pk])).status_code == 200


def test_it_shows_the_people_prevented_at_the_post(world: World, post: Site) -> None:
    officer = _officer(world, "tenau", post)
    person = person_create(actor=None, name="Dewi Jabar",
                           village=Region.objects.get(code=JABAR_VILLAGE))
    agency = Agency.objects.create(code="imigrasi-kupang", name="Imigrasi Kupang",
                                   kind=AgencyKind.IMMIGRATION)
    prevented_departure_record(actor=None, site=post, date=timezone.localdate(),
                               people=[person], destination_country="MY",
                               reason="no_documents", acting_agency=agency,
                               outcome="returned_home")
    assert access.can(officer, VIEW, person)
    assert not access.can(world.users["taskforce_kupang"], VIEW, person)


def test_it_answers_the_people_api_by_the_post(world: World, post: Site) -> None:
    officer = _officer(world, "tenau", post)
    registered = person_create(actor=officer, name="Yohana Bria",
                               village=Region.objects.get(code=JABAR_VILLAGE))
    client = world.client_for("admin")
    client.force_login(officer)
    ok = client.get(f"/api/v1/people/{registered.pk}")
    assert ok.status_code == 200 and ok.json()["name"] == "Yohana Bria"
    other = person_create(actor=None, name="Siti Lain",
                          village=Region.objects.get(code=JABAR_VILLAGE))
    missing = client.get(f"/api/v1/people/{other.pk}")
    assert missing.status_code == 404 and missing["Content-Type"].startswith(
        "application/json")
    created = client.post("/api/v1/people/", {"name": "Maria Soe", "confirm_new": True,
                                              "village_code": _soe_village().code},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    assert Person.objects.get(name="Maria Soe").registered_at_site_id == post.pk
    assert access.can(officer, CREATE, Person)


def test_it_keeps_a_person_registered_by_an_alert_and_adds_them_as_a_victim(
        world: World, post: Site) -> None:
    from lindung.reports.services.cases import case_open
    from lindung.reports.services.cases import case_victim_add
    from lindung.screening.services import alert_resolve

    officer = _officer(world, "tenau", post, scope="53.71")
    adult = dt.date(1990, 5, 1)
    validation = validate_records([{"name": "Yohana Bria", "birth_date": adult.isoformat(),
                                    "nik": "3204114105900001", "destination": "MY"}],
                                  today=timezone.localdate())
    from lindung.people.choices import WatchlistKind
    from lindung.people.services import watchlist_entry_add

    watchlist_entry_add(actor=None, kind=WatchlistKind.MISSING_PERSON, name="Yohana Bria",
                        birth_date=adult, source_entity="reports.report", source_id="R-1")
    manifest = screening.manifest_submit(actor=officer, site=post,
                                         departure_date=timezone.localdate(),
                                         passengers=validation.passengers)
    alert = Alert.objects.get(manifest=manifest)
    alert = alert_resolve(actor=officer, alert=alert, resolution="prevented_departure",
                          prevention={"destination_country": "MY", "reason": "no_documents",
                                      "outcome": "returned_home"})
    person = ScreenedPassenger.objects.get(pk=alert.passenger_id).person
    assert person is not None and person.region_code.startswith("32.")  # lives in Jawa Barat
    assert person.registered_at_site_id == post.pk and person.created_by_id == officer.pk
    assert person in access.visible(officer, Person.objects.all())
    client = world.client_for("admin")
    client.force_login(officer)
    assert "Yohana Bria" in client.get(reverse("people:list"),
                                       {"q": "Yohana Bria"}).content.decode()
    case = case_open(actor=officer, title="Dugaan TPPO di Tenau",
                     region=Region.objects.get(code="53.71"))
    victim = case_victim_add(actor=officer, case=case, person=person)
    assert victim.person_id == person.pk


def test_it_lets_the_queue_of_the_point_show_the_province(world: World, post: Site) -> None:
    from lindung.reports.selectors import officer_queue

    officer = _officer(world, "tenau", post, scope="53.71")
    kupang = submit(region=Region.objects.get(code=NTT_VILLAGE)).report
    belu = submit(region=Region.objects.get(code=BELU_VILLAGE)).report
    submit(region=Region.objects.get(code=JABAR_VILLAGE))
    queue = officer_queue(user=officer)
    assert {r.pk for r in queue.to_triage} == {kupang.pk, belu.pk}


def test_it_gives_an_officer_posted_without_a_scope_the_post_as_home(world: World,
                                                                    post: Site) -> None:
    officer = _officer(world, "tenau", post)  # a post, no scope region
    assert access.home_code(officer) == "53"
    client = world.client_for("admin")
    client.force_login(officer)
    home = client.get(reverse("site:staff_home"))
    assert home.context["TIME_ZONE"] == "Asia/Makassar"  # WITA: the post's, not WIB
    statistics = client.get(reverse("prevention:statistics"))
    assert statistics.status_code == 200
    assert statistics.context["stats"].area_code == "53"
