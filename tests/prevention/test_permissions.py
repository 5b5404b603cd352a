"""The permission matrix of the prevention pages: every role x every page x a record in and
out of scope (the prevented departure is at the Kupang port, region 53.71)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client

from lindung.prevention.models import PreventedDeparture
from lindung.prevention.services import prevented_departure_record
from tests.fixtures import reports as rf
from tests.fixtures.permissions import expected_status

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang",
         "desk_kupang", "village_officer", "machine"]
DEPARTURE = {"admin", "coord_ntt", "coord_jabar", "taskforce_kupang"}
DISSEMINATION_VIEW = {"admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang",
                      "desk_kupang", "village_officer"}
STATISTICS = DISSEMINATION_VIEW
IN_SCOPE = {"admin", "coord_ntt", "taskforce_kupang"}


@pytest.fixture
def departure(taskforce: rf.Taskforce) -> PreventedDeparture:
    person = rf.make_person("Marta Nalle", village=rf.KUPANG_VILLAGE)
    return prevented_departure_record(
        actor=taskforce.officer, site=taskforce.world.embarkation, date=date(2025, 1, 9),
        people=[person], destination_country="MY", reason="no_documents",
        acting_agency=taskforce.world.agency, outcome="returned_home")


Page = tuple[str, Callable[[PreventedDeparture], str], Callable[[str], int]]
PAGES: list[Page] = [
    ("list", lambda d: "/prevention/", lambda r: expected_status(r, DEPARTURE)),
    ("new", lambda d: "/prevention/new/", lambda r: expected_status(r, DEPARTURE)),
    ("detail", lambda d: f"/prevention/{d.pk}/", lambda r: expected_status(r, DEPARTURE, IN_SCOPE)),
    ("export", lambda d: "/prevention/export.csv", lambda r: expected_status(r, DEPARTURE)),
    ("dissemination", lambda d: "/prevention/dissemination/",
     lambda r: expected_status(r, DISSEMINATION_VIEW)),
    ("new dissemination", lambda d: "/prevention/dissemination/new/",
     lambda r: expected_status(r, DISSEMINATION_VIEW - {"analyst"})),
    ("statistics", lambda d: "/prevention/statistics/", lambda r: expected_status(r, STATISTICS)),
    ("statistics export", lambda d: "/prevention/statistics/export.csv?open=1",
     lambda r: expected_status(r, STATISTICS)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=[p[0] for p in PAGES])
def test_it_applies_the_matrix(taskforce: rf.Taskforce, departure: PreventedDeparture,
                               role: str, page: Page) -> None:
    _, url, expected = page
    client = Client() if role == "anonymous" else taskforce.client_for(role)
    assert client.get(url(departure)).status_code == expected(role), (role, page[0])


@pytest.mark.parametrize("role", ROLES)
def test_the_record_export_holds_only_records_in_scope(taskforce: rf.Taskforce,
                                                       departure: PreventedDeparture,
                                                       role: str) -> None:
    if role not in DEPARTURE:
        return
    content = taskforce.client_for(role).get("/prevention/export.csv").content.decode()
    assert (departure.reference in content) == (role in IN_SCOPE)


def test_the_machine_client_records_through_the_api(taskforce: rf.Taskforce,
                                                   departure: PreventedDeparture) -> None:
    client = taskforce.client_for("machine")
    listed = client.get("/api/v1/prevention/departures")
    assert listed.status_code == 200 and listed.json()[0]["reference"] == departure.reference
    assert client.get("/prevention/").status_code == 403
