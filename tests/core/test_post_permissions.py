"""The permission matrix of the post: every role x the people and report views and API
endpoints x a record inside and outside the area of an embarkation point. Besides the
personas (tests/conftest.py: the Kota Kupang point is configured to Kota Kupang only), a
task-force officer at a point with the default area (the province, NTT) and a desk officer
posted to the LTSA centre of Kab. Kupang."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from lindung.accounts.models import User
from lindung.accounts.services import staff_create
from lindung.core.roles import Role
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.services import prevented_departure_record
from lindung.regions.models import Region
from lindung.regions.services import regions_load
from lindung.reports.models import PublicReport
from lindung.screening.models import ScreeningManifest
from tests.conftest import JABAR_VILLAGE
from tests.conftest import PASSWORD
from tests.conftest import World
from tests.fixtures.reports import submit

BELU_VILLAGE = "53.04.12.1001"
ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer", "machine", "taskforce_post", "desk_centre"]
PERSON_ROLES = set(ROLES) - {"analyst", "machine"}
REPORT_ROLES = set(ROLES) - {"analyst", "machine"}


@dataclass
class Post:
    world: World
    users: dict[str, User]
    belu_report: PublicReport
    jabar_report: PublicReport
    registered: Person  # lives in Jawa Barat, registered at the point
    screened: Person  # lives in Jawa Barat, screened at the point
    manifest: ScreeningManifest  # at the point (Kota Kupang)
    departure: PreventedDeparture  # prevented at the point

    def client_for(self, role: str) -> Client:
        client = Client()
        client.force_login(self.users[role])
        return client


@pytest.fixture
def post(world: World) -> Post:

    regions_load(only=("53.04.12",))
    point = Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Pelabuhan Tenau",
                                region_id="53.71", region_code="53.71")
    centre = Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA Kabupaten Kupang",
                                 region_id="53.01", region_code="53.01")
    users = dict(world.users)
    users["taskforce_post"] = staff_create(actor=None, username="satgas_tenau",
                                           password=PASSWORD, role=Role.TASKFORCE_OFFICER,
                                           agency=world.agency, site=point)
    users["desk_centre"] = staff_create(actor=None, username="loket_centre", password=PASSWORD,
                                        role=Role.DESK_OFFICER, agency=world.agency,
                                        site=centre)
    jabar = Region.objects.get(code=JABAR_VILLAGE)
    registered = person_create(actor=users["taskforce_post"], name="Yohana Bria", village=jabar)
    screened = person_create(actor=None, name="Dewi Lestari", village=jabar)
    manifest = _screen_at(point, users["taskforce_post"], screened)
    departure = prevented_departure_record(
        actor=None, site=point, date=timezone.localdate(), people=[screened],
        destination_country="MY", reason="no_documents", acting_agency=world.agency,
        outcome="returned_home")
    return Post(world=world, users=users,
                belu_report=submit(region=Region.objects.get(code=BELU_VILLAGE)).report,
                jabar_report=submit(region=jabar).report,
                registered=registered, screened=screened, manifest=manifest,
                departure=departure)


def _screen_at(point: Site, officer: User, person: Person) -> ScreeningManifest:
    from django.utils import timezone

    from lindung.screening import services
    from lindung.screening.manifest import validate_records
    from lindung.screening.models import ScreenedPassenger

    validation = validate_records([{"name": person.name, "birth_date": "1990-04-12"}],
                                  today=timezone.localdate())
    manifest = services.manifest_submit(actor=officer, site=point,
                                        departure_date=timezone.localdate(),
                                        passengers=validation.passengers)
    ScreenedPassenger.objects.filter(manifest=manifest).update(person=person)
    return manifest


# Who sees what, by the rule (core/access.py): region prefixes of the area, plus the post.
SEES_BELU_REPORT = {"admin", "coord_ntt", "taskforce_post"}
SEES_JABAR_REPORT = {"admin", "coord_jabar"}
SEES_REGISTERED = {"admin", "coord_jabar", "taskforce_post"}
SEES_SCREENED = {"admin", "coord_jabar", "taskforce_post"}


# The point's records carry its region (Kota Kupang): in the area of the staff of Kota
# Kupang and above, and of the officers posted at the point.
SCREENERS = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang", "taskforce_post"}
SEES_POINT = {"admin", "coord_ntt", "taskforce_kupang", "taskforce_post"}


def _code(role: str, capable: set[str], sees: set[str]) -> int:
    if role not in capable:
        return 403
    return 200 if role in sees else 404


CASES: list[tuple[str, Callable[[Post], str], Callable[[str], int]]] = [
    ("report in Belu", lambda p: f"/reports/{p.belu_report.pk}/",
     lambda r: _code(r, REPORT_ROLES, SEES_BELU_REPORT)),
    ("report in Jawa Barat", lambda p: f"/reports/{p.jabar_report.pk}/",
     lambda r: _code(r, REPORT_ROLES, SEES_JABAR_REPORT)),
    ("person registered at the point", lambda p: f"/people/{p.registered.pk}/",
     lambda r: _code(r, PERSON_ROLES, SEES_REGISTERED)),
    ("edit person registered at the point", lambda p: f"/people/{p.registered.pk}/edit/",
     lambda r: _code(r, PERSON_ROLES, SEES_REGISTERED)),
    ("person screened at the point", lambda p: f"/people/{p.screened.pk}/",
     lambda r: _code(r, PERSON_ROLES, SEES_SCREENED)),
    ("manifest of the point", lambda p: f"/screening/manifests/{p.manifest.pk}/",
     lambda r: _code(r, SCREENERS, SEES_POINT)),
    ("departure prevented at the point", lambda p: f"/prevention/{p.departure.pk}/",
     lambda r: _code(r, SCREENERS, SEES_POINT)),
]
API_CASES: list[tuple[str, Callable[[Post], str], Callable[[str], int]]] = [
    ("API report in Belu", lambda p: f"/api/v1/reports/{p.belu_report.pk}",
     lambda r: _code(r, REPORT_ROLES, SEES_BELU_REPORT)),
    ("API report in Jawa Barat", lambda p: f"/api/v1/reports/{p.jabar_report.pk}",
     lambda r: _code(r, REPORT_ROLES, SEES_JABAR_REPORT)),
    ("API person registered at the point", lambda p: f"/api/v1/people/{p.registered.pk}",
     lambda r: _code(r, PERSON_ROLES, SEES_REGISTERED)),
    ("API person screened at the point", lambda p: f"/api/v1/people/{p.screened.pk}",
     lambda r: _code(r, PERSON_ROLES, SEES_SCREENED)),
    # The machine client (a checkpoint system, national) reads screening and prevention.
    ("API manifest of the point", lambda p: f"/api/v1/screening/manifests/{p.manifest.pk}",
     lambda r: _code(r, SCREENERS | {"machine"}, SEES_POINT | {"machine"})),
    ("API departure prevented at the point",
     lambda p: f"/api/v1/prevention/departures/{p.departure.pk}",
     lambda r: _code(r, SCREENERS | {"machine"}, SEES_POINT | {"machine"})),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_it_applies_the_post_matrix_to_pages(
        post: Post, role: str,
        case: tuple[str, Callable[[Post], str], Callable[[str], int]]) -> None:
    name, url, expected = case
    if role == "machine":
        expected = lambda r: 403  # noqa: E731 - the web UI is not a machine client's
    response = post.client_for(role).get(url(post))
    assert response.status_code == expected(role), (role, name)
    if response.status_code != 200:  # never a bare page: the menu and who can grant
        page = response.content.decode()
        assert 'aria-label="Menu utama"' in page, (role, name)
        assert "Siapa yang dapat memberi akses" in page, (role, name)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", API_CASES, ids=[c[0] for c in API_CASES])
def test_it_applies_the_post_matrix_to_the_api(
        post: Post, role: str,
        case: tuple[str, Callable[[Post], str], Callable[[str], int]]) -> None:
    name, url, expected = case
    response = post.client_for(role).get(url(post))
    assert response.status_code == expected(role), (role, name)
    assert response["Content-Type"].startswith("application/json"), (role, name)
