"""Coordination meetings: participants, agenda, decisions that create follow-ups owned by
the meeting's stakeholders, follow-ups tracked to completion and flagged when late."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils import translation

from lindung.common import stored_text
from lindung.coordination import services
from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.models import Flag
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Meeting
from lindung.core.models import OutboxMessage
from lindung.regions.models import Region
from tests.fixtures.coordination import Coord


def _meeting(coord: Coord, **extra: object) -> Meeting:
    fields: dict[str, object] = {
        "title": "Rapat koordinasi gugus tugas NTT", "level": MeetingLevel.REGIONAL,
        "region": Region.objects.get(code="53"), "held_on": timezone.localdate(),
        "place": "Kantor Gubernur NTT", "organiser": coord.disnaker,
        "participants": [coord.police, coord.shelter], "status": MeetingStatus.HELD}
    fields.update(extra)
    return services.meeting_create(actor=coord.world.users["coord_ntt"], **fields)  # type: ignore[arg-type]


def test_it_records_a_meeting_with_the_organiser_as_chair(coord: Coord) -> None:
    meeting = _meeting(coord)
    assert set(meeting.participants.all()) == {coord.disnaker, coord.police, coord.shelter}
    assert meeting.attendance.get(agency=coord.disnaker).role == "chair"
    assert meeting.region_code == "53"


@pytest.mark.parametrize(("extra", "field", "expected"), [
    ({"level": MeetingLevel.CROSS_BORDER, "country": ""}, "country", "negara mitra"),
    ({"level": MeetingLevel.CROSS_BORDER, "country": "ID"}, "country", "bukan ID"),
    ({"level": MeetingLevel.REGIONAL, "region": None}, "region", "memerlukan wilayah"),
    ({"level": MeetingLevel.NATIONAL}, "region", "tidak memiliki wilayah"),
    ({"held_on": date(2099, 1, 1)}, "status", "belum terlaksana"),
])
def test_it_refuses_a_meeting_in_the_wrong_place(coord: Coord, extra: dict[str, object],
                                                 field: str, expected: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _meeting(coord, **extra)
    assert expected in " ".join(exc.value.message_dict[field])


def test_it_records_a_cross_border_meeting(coord: Coord) -> None:
    meeting = _meeting(coord, level=MeetingLevel.CROSS_BORDER, country="tl",
                       participants=[coord.mission, coord.iom])
    assert meeting.country == "TL"


def test_a_decision_creates_a_follow_up_owned_by_a_participant(coord: Coord) -> None:
    meeting = _meeting(coord)
    item = services.agenda_item_add(actor=coord.world.users["coord_ntt"], meeting=meeting,
                                    title="Evaluasi pencegahan di Pelabuhan Tenau")
    deadline = timezone.localdate() + timedelta(days=30)
    decision = services.decision_record(
        actor=coord.world.users["coord_ntt"], meeting=meeting, agenda_item=item,
        text="Polda NTT memperketat pemeriksaan di pelabuhan",
        follow_ups=[services.FollowUpSpec(title="Operasi gabungan di Tenau",
                                          owner=coord.police, deadline=deadline)])
    follow_up = FollowUp.objects.get(decision=decision)
    assert (follow_up.owner, follow_up.deadline, follow_up.status) == (
        coord.police, deadline, FollowUpStatus.OPEN)
    assert follow_up.region_code == "53"


def test_it_refuses_a_follow_up_owner_outside_the_meetings_stakeholders(coord: Coord) -> None:
    meeting = _meeting(coord)
    with pytest.raises(ValidationError) as exc:
        services.decision_record(
            actor=coord.world.users["coord_ntt"], meeting=meeting, text="Keputusan",
            follow_ups=[services.FollowUpSpec(title="Pemulangan", owner=coord.mission,
                                              deadline=timezone.localdate())])
    message = " ".join(exc.value.message_dict["owner"])
    assert "KBRI Kuala Lumpur (uji)" in message
    assert "bukan pemangku kepentingan rapat ini" in message
    assert "Polda NTT" in message  # the participants are named
    # The decision is not recorded either: all or nothing.
    assert not meeting.decisions.exists()


def test_it_refuses_a_follow_up_due_before_the_meeting(coord: Coord) -> None:
    meeting = _meeting(coord)
    with pytest.raises(ValidationError) as exc:
        services.decision_record(
            actor=coord.world.users["coord_ntt"], meeting=meeting, text="Keputusan",
            follow_ups=[services.FollowUpSpec(title="X", owner=coord.police,
                                              deadline=meeting.held_on - timedelta(days=1))])
    assert "sebelum tanggal rapat" in " ".join(exc.value.message_dict["deadline"])


def test_it_keeps_owners_among_the_participants(coord: Coord) -> None:
    meeting = _meeting(coord)
    services.decision_record(
        actor=coord.world.users["coord_ntt"], meeting=meeting, text="Keputusan",
        follow_ups=[services.FollowUpSpec(title="X", owner=coord.police,
                                          deadline=meeting.held_on)])
    with pytest.raises(ValidationError) as exc:
        services.meeting_participants_set(actor=coord.world.users["coord_ntt"],
                                          meeting=meeting, participants=[coord.shelter])
    assert "masih pelaksana tindak lanjut" in " ".join(exc.value.message_dict["participants"])
    services.meeting_participants_set(actor=coord.world.users["coord_ntt"], meeting=meeting,
                                      participants=[coord.police, coord.iom])
    assert set(meeting.participants.all()) == {coord.disnaker, coord.police, coord.iom}


def test_the_owner_closes_a_follow_up_and_a_cancellation_needs_a_reason(coord: Coord) -> None:
    meeting = _meeting(coord)
    decision = services.decision_record(
        actor=coord.world.users["coord_ntt"], meeting=meeting, text="Keputusan",
        follow_ups=[services.FollowUpSpec(title="X", owner=coord.police,
                                          deadline=meeting.held_on)])
    follow_up = decision.follow_ups.get()
    with pytest.raises(PermissionDenied):
        services.follow_up_close(actor=coord.world.users["coord_jabar"], follow_up=follow_up,
                                 status=FollowUpStatus.DONE)
    with pytest.raises(ValidationError) as exc:
        services.follow_up_close(actor=coord.police_officer, follow_up=follow_up,
                                 status=FollowUpStatus.CANCELLED)
    assert "alasan pembatalan" in " ".join(exc.value.message_dict["note"])
    services.follow_up_close(actor=coord.police_officer, follow_up=follow_up,
                             status=FollowUpStatus.DONE, note="Operasi dilaksanakan")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.DONE and follow_up.completed_on is not None


def test_it_flags_an_overdue_follow_up_and_resolves_it_when_done(coord: Coord) -> None:
    services.stakeholder_contact_add(actor=coord.world.users["admin"], agency=coord.police,
                                     name="Piket Reskrimum", email="piket@example.org")
    meeting = _meeting(coord, held_on=timezone.localdate() - timedelta(days=40))
    decision = services.decision_record(
        actor=coord.world.users["coord_ntt"], meeting=meeting, text="Keputusan",
        follow_ups=[services.FollowUpSpec(title="Laporan operasi", owner=coord.police,
                                          deadline=timezone.localdate() - timedelta(days=3))])
    run = services.flags_refresh()
    assert run.raised == 1
    flag = Flag.objects.get(follow_up__decision=decision)
    assert flag.kind == "overdue" and flag.agency == coord.police
    assert "(3 hari)" in stored_text.show(flag.detail)
    with translation.override("en"):  # the same flag, read by an English reader
        assert stored_text.show(flag.detail).endswith("(3 days)")
    # A flag written before details were kept (in its trigger's language) is read back by
    # the migration: its deadline and days from the follow-up and the day it was raised.
    Flag.objects.filter(pk=flag.pk).update(detail="Past its deadline 4 Dec 2026 (3 days)")
    import_module("lindung.coordination.migrations.0003_flag_detail_kept").forwards(
        django_apps, None)
    flag.refresh_from_db()
    assert stored_text.show(flag.detail).endswith("(3 hari)")
    assert OutboxMessage.objects.filter(recipient="piket@example.org",
                                        subject__contains="Laporan operasi").count() == 1
    assert services.flags_refresh().raised == 0  # nothing new
    services.follow_up_close(actor=coord.police_officer, follow_up=decision.follow_ups.get(),
                             status=FollowUpStatus.DONE)
    flag.refresh_from_db()
    assert flag.resolved_on == timezone.localdate()
