"""Attack: read people without a trace (issue 18 #5).

An insider pages through everyone in scope with `q=a`, opens edit forms for the unmasked
NIK, exports the case file, or types names into a registration form to see who exists.
Each of these reads now leaves one audit row per person read, naming the person and the
route (`detail.context`), so that "who looked at this victim" has an answer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lindung.core.models import AuditEvent
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from lindung.people.selectors import likely_people
from lindung.people.selectors import person_candidates
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.reports.services import case_open
from lindung.reports.services import case_victim_add
from lindung.reports.services import report_transition
from tests.conftest import World
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db



def reads(person: Person, context: str) -> int:
    return AuditEvent.objects.filter(action="view", entity="people.person",
                                     object_id=str(person.pk),
                                     detail__context=context).count()


def test_paging_through_the_person_search_names_everyone_shown(world: World) -> None:
    officer = world.users["coord_ntt"]
    village = Region.objects.get(code=rf.NTT_VILLAGE)
    others = [person_create(actor=officer, name=f"Anita Lakon {i}", village=village)
              for i in range(3)]
    client = world.client_for("coord_ntt")
    page = client.get("/people/", {"q": "a"})
    assert page.status_code == 200
    shown = [p for p in [world.ntt_person, *others] if p.name in page.content.decode()]
    assert len(shown) >= 3
    assert all(reads(person, "search") == 1 for person in shown)
    assert reads(world.jabar_person, "search") == 0  # outside scope: neither shown nor read


def test_the_edit_form_with_unmasked_identity_is_a_read(world: World) -> None:
    client = world.client_for("coord_ntt")
    response = client.get(f"/people/{world.ntt_person.pk}/edit/")
    assert response.status_code == 200
    assert reads(world.ntt_person, "edit-identity") == 1


def test_the_case_exports_name_every_victim(taskforce: rf.Taskforce) -> None:
    coordinator = taskforce.world.users["coord_ntt"]
    report = report_transition(actor=coordinator, report=rf.submit().report, action="verify")
    case = case_open(actor=coordinator, report=report, title="Perekrutan ke kebun sawit")
    case_victim_add(actor=coordinator, case=case, person=taskforce.world.ntt_person,
                    methods_of_control=["Threats"])
    client = taskforce.client_for("coord_ntt")
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/reports/cases/export.{fmt}").status_code == 200
        assert reads(taskforce.world.ntt_person, f"case-export-{fmt}") == 1


def test_candidate_lists_name_the_people_they_show(world: World) -> None:
    officer = world.users["coord_ntt"]
    person = world.ntt_person
    # The person form's search before create, through the page.
    response = world.client_for("coord_ntt").post("/people/new/", {
        "name": person.name, "migration_status": MigrationStatus.NONE})
    assert response.status_code in (200, 400)
    assert reads(person, "candidates") >= 1
    # The same selectors serve the village census and LTSA registration forms and the API.
    before = reads(person, "candidates")
    found = likely_people(user=officer, name=person.name,
                          birth_date=person.birth_date or dt.date(1990, 1, 1))
    assert person in [c.person for c in found] and reads(person, "candidates") == before + 1
    hits = person_candidates(user=officer, query=person.name)
    assert person in [c.person for c in hits] and reads(person, "candidates") == before + 2


def test_the_api_search_is_read_person_by_person(world: World) -> None:
    response = world.client_for("coord_ntt").get("/api/v1/people/",
                                                 {"q": world.ntt_person.name})
    assert response.status_code == 200 and len(response.json()) == 1
    assert reads(world.ntt_person, "api-search") == 1


def test_the_people_pickers_of_reports_and_cases_name_the_people_they_show(
        taskforce: rf.Taskforce) -> None:
    coordinator = taskforce.world.users["coord_ntt"]
    report = report_transition(actor=coordinator, report=rf.submit().report, action="verify")
    case = case_open(actor=coordinator, report=report, title="Perekrutan ke kebun sawit")
    client = taskforce.client_for("coord_ntt")
    person = taskforce.world.ntt_person
    query = {"q": person.name}
    picked = client.get(f"/reports/{report.pk}/people/", query)
    assert picked.status_code == 200 and person.name in picked.content.decode()
    assert reads(person, "report-people-picker") == 1
    victim = client.get(f"/reports/cases/{case.pk}/victims/", query)
    assert victim.status_code == 200 and person.name in victim.content.decode()
    assert reads(person, "case-people-picker") == 1


def test_the_family_link_search_names_the_people_it_found(world: World) -> None:
    """The relative picker on a person's page searches the registry by NIK or name: the
    people it found are read, whether the link is made or refused as ambiguous."""
    village = world.ntt_person.village
    child = person_create(actor=None, name="Yakobus Ndun", village=village)
    twins = [person_create(actor=None, name=f"Maria Tefa {i}", village=village)
             for i in range(2)]
    client = world.client_for("village_officer")
    url = f"/people/{world.ntt_person.pk}/family/"
    linked = client.post(url, {"relation": "parent", "relative": "Yakobus Ndun"})
    assert linked.status_code == 302
    assert reads(child, "family-link-picker") == 1
    ambiguous = client.post(url, {"relation": "parent", "relative": "Maria Tefa"})
    assert ambiguous.status_code == 400
    assert all(reads(twin, "family-link-picker") == 1 for twin in twins)
    outside = client.post(url, {"relation": "sibling", "relative": world.jabar_person.name})
    assert outside.status_code == 400  # outside the scope: not found, not read
    assert reads(world.jabar_person, "family-link-picker") == 0


def test_the_prevented_departure_picker_names_the_people_it_found(world: World) -> None:
    from lindung.prevention.forms import PreventedDepartureForm

    form = PreventedDepartureForm({"people": world.ntt_person.name},
                                  user=world.users["coord_ntt"])
    form.is_valid()
    assert reads(world.ntt_person, "prevention-people-picker") == 1
