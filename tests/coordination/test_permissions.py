"""The permission matrix of the coordination pages: every role, in and out of scope, and
the stakeholder whose own staff work outside the plan's region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import timedelta

import pytest
from django.utils import timezone

from lindung.common.uploads import check_files
from lindung.coordination import services
from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import AgreementKind
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.choices import ReportKind
from lindung.coordination.choices import ServiceKind
from lindung.coordination.choices import Unit
from lindung.coordination.forms.common import EVIDENCE_RULES
from lindung.coordination.models import Action
from lindung.coordination.models import Agreement
from lindung.coordination.models import Evidence
from lindung.coordination.models import Flag
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Indicator
from lindung.coordination.models import Meeting
from lindung.coordination.models import PeriodicReport
from lindung.regions.models import Region
from tests.fixtures.coordination import PDF_BYTES
from tests.fixtures.coordination import THIS_YEAR
from tests.fixtures.coordination import Coord
from tests.fixtures.coordination import upload

ROLES = ["admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang", "desk_kupang",
         "village_officer", "machine", "police_officer"]


@dataclass
class Things:
    action: Action
    indicator: Indicator
    meeting: Meeting
    follow_up: FollowUp
    report: PeriodicReport
    agreement: Agreement
    evidence: Evidence


@pytest.fixture
def things(coord: Coord) -> Things:
    user = coord.world.users["coord_ntt"]
    action = services.action_create(actor=user, plan=coord.plan, goal=coord.goal, code="1.1",
                                    title="Operasi gabungan", responsible=coord.police,
                                    deadline=date(THIS_YEAR + 1, 6, 30))
    update = services.action_progress_record(
        actor=user, action=action, status=ActionStatus.IN_PROGRESS, progress=20,
        note="Mulai", files=check_files([upload(PDF_BYTES, "ba.pdf")], rules=EVIDENCE_RULES))
    indicator = services.indicator_create(actor=user, plan=coord.plan, code="I1",
                                          name="Desa dengan satgas", unit=Unit.PERCENT,
                                          method=IndicatorMethod.MANUAL)
    meeting = services.meeting_create(
        actor=user, title="Rapat", level=MeetingLevel.REGIONAL,
        region=Region.objects.get(code="53"), held_on=timezone.localdate(), place="Kupang",
        organiser=coord.shelter, participants=[coord.police], status=MeetingStatus.HELD)
    decision = services.decision_record(
        actor=user, meeting=meeting, text="Keputusan",
        follow_ups=[services.FollowUpSpec(title="Operasi", owner=coord.police,
                                          deadline=timezone.localdate() + timedelta(days=9))])
    report = services.report_request(actor=user, kind=ReportKind.YEARLY,
                                     start_year=THIS_YEAR - 1,
                                     region=Region.objects.get(code="53.71"))
    agreement = services.agreement_create(
        actor=user, kind=AgreementKind.REFERRAL, title="Rujukan", scope="x",
        parties=[coord.shelter, coord.police], signed_on=date(2024, 1, 1),
        valid_from=date(2024, 1, 1), region=Region.objects.get(code="53"))
    services.referral_pathway_create(actor=user, receiver=coord.shelter,
                                     case_kind=ServiceKind.SHELTER,
                                     region=Region.objects.get(code="53.71"))
    return Things(action=action, indicator=indicator, meeting=meeting,
                  follow_up=decision.follow_ups.get(), report=report, agreement=agreement,
                  evidence=update.evidence.get())


def _matrix(**overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, 403) for role in ROLES}


STAFF = {role: 200 for role in ROLES if role != "machine"}
EVERYONE = _matrix(**STAFF)
WRITERS = _matrix(admin=200, coord_ntt=200, coord_jabar=200)
NTT_WRITERS = _matrix(admin=200, coord_ntt=200)
# The NTT plan: read by its region, the regions below it, national staff and the
# responsible stakeholder's own staff (Polda NTT, whose officer works from Jawa Barat).
PLAN_PAGE = _matrix(**(STAFF | {"coord_jabar": 404, "police_officer": 404}))
ACTION_PAGE = PLAN_PAGE | {"police_officer": 200}
PLAN_CHANGE = _matrix(admin=200, coord_ntt=200, coord_jabar=404, police_officer=404)
# The meeting (organised by the Kupang shelter, with Polda NTT): read in its region, below
# and above it, and by the staff of its participants.
MEETING_PAGE = _matrix(**(STAFF | {"coord_jabar": 404}))
FOLLOW_UP_CLOSE = _matrix(admin=200, coord_ntt=200, coord_jabar=404, police_officer=200)
REPORTS = _matrix(admin=200, analyst=200, coord_ntt=200, coord_jabar=200)
REPORT_PAGE = _matrix(admin=200, analyst=200, coord_ntt=200, coord_jabar=404)


@pytest.mark.parametrize("role", ROLES)
def test_it_applies_the_matrix_to_every_page(coord: Coord, things: Things, role: str) -> None:
    client = coord.client_for(role)
    plan, shelter = coord.plan, coord.shelter
    checks = {
        "/coordination/stakeholders/": EVERYONE,
        "/coordination/stakeholders/new/": WRITERS,
        f"/coordination/stakeholders/{shelter.pk}/": EVERYONE,
        f"/coordination/stakeholders/{shelter.pk}/edit/": NTT_WRITERS,
        f"/coordination/stakeholders/{coord.mission.pk}/edit/": _matrix(admin=200),
        "/coordination/agreements/": EVERYONE,
        "/coordination/agreements/new/": WRITERS,
        f"/coordination/agreements/{things.agreement.pk}/": EVERYONE,
        "/coordination/pathways/": EVERYONE,
        "/coordination/pathways/?case_kind=shelter&region=53.71": EVERYONE,
        "/coordination/pathways/new/": WRITERS,
        "/coordination/plans/": EVERYONE,
        "/coordination/plans/new/": WRITERS,
        f"/coordination/plans/{plan.pk}/": PLAN_PAGE,
        f"/coordination/plans/{plan.pk}/edit/": PLAN_CHANGE,
        f"/coordination/plans/{plan.pk}/goals/new/": PLAN_CHANGE,
        f"/coordination/plans/{plan.pk}/actions/new/": PLAN_CHANGE,
        f"/coordination/plans/{plan.pk}/indicators/new/": PLAN_CHANGE,
        f"/coordination/actions/{things.action.pk}/": ACTION_PAGE,
        f"/coordination/indicators/{things.indicator.pk}/": PLAN_PAGE,
        f"/coordination/evidence/{things.evidence.pk}/": ACTION_PAGE,
        "/coordination/flags/": EVERYONE,
        "/coordination/metrics/": EVERYONE,
        "/coordination/meetings/": EVERYONE,
        "/coordination/meetings/new/": WRITERS,
        f"/coordination/meetings/{things.meeting.pk}/": MEETING_PAGE,
        f"/coordination/follow-ups/{things.follow_up.pk}/close/": FOLLOW_UP_CLOSE,
        "/coordination/reports/": REPORTS,
        f"/coordination/reports/{things.report.pk}/": REPORT_PAGE,
        f"/coordination/reports/{things.report.pk}/report.pdf": REPORT_PAGE,
        f"/coordination/reports/{things.report.pk}/report.xlsx": REPORT_PAGE,
    }
    for url, expected in checks.items():
        assert client.get(url).status_code == expected[role], (role, url)


def test_an_anonymous_visitor_is_sent_to_the_login(coord: Coord, things: Things) -> None:
    from django.test import Client

    for url in ("/coordination/plans/", f"/coordination/reports/{things.report.pk}/",
                "/coordination/stakeholders/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_responsible_stakeholder_reports_progress_from_outside_the_region(
        coord: Coord, things: Things) -> None:
    client = coord.client_for("police_officer")
    response = client.post(f"/coordination/actions/{things.action.pk}/", {
        "status": "in_progress", "progress": "60", "note": "Operasi tahap dua"})
    assert response.status_code == 302
    things.action.refresh_from_db()
    assert things.action.progress == 60
    # Someone who only reads the plan may not.
    refused = coord.client_for("analyst").post(f"/coordination/actions/{things.action.pk}/", {
        "status": "done", "progress": "100", "note": "x"})
    assert refused.status_code == 403


def test_writes_out_of_scope_are_refused_with_a_clear_message(coord: Coord,
                                                              things: Things) -> None:
    response = coord.client_for("coord_jabar").post("/coordination/plans/new/", {
        "name": "RAD NTT", "kind": "five_year", "region": "53", "start_year": "2040",
        "end_year": "2044", "status": "active"})
    assert response.status_code == 400
    assert "di luar lingkup kerja Anda" in response.content.decode()
    response = coord.client_for("taskforce_kupang").post(
        f"/coordination/meetings/{things.meeting.pk}/",
        {"form": "agenda", "agenda-title": "Acara tambahan"})
    assert response.status_code == 403


def test_flags_reach_the_responsible_stakeholder_wherever_its_staff_work(
        coord: Coord, things: Things) -> None:
    Action.objects.filter(pk=things.action.pk).update(deadline=date(THIS_YEAR - 1, 1, 1))
    services.flags_refresh()
    flag = Flag.objects.get(action=things.action)
    page = coord.client_for("police_officer").get("/coordination/flags/").content.decode()
    assert things.action.title in page
    jabar = coord.client_for("coord_jabar").get("/coordination/flags/").content.decode()
    assert things.action.title not in jabar
    assert flag.agency == coord.police


def test_a_stakeholders_page_lists_only_the_actions_the_reader_may_see(
        coord: Coord, things: Things) -> None:
    url = f"/coordination/stakeholders/{coord.police.pk}/"
    assert things.action.title in coord.client_for("coord_ntt").get(url).content.decode()
    assert things.action.title not in coord.client_for("coord_jabar").get(url).content.decode()
