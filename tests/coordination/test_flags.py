"""Overdue and off-track actions flagged to their responsible stakeholder: in the app and
by e-mail through the outbox, resolved when the action is back on track."""

from __future__ import annotations

import io
from datetime import date
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from lindung.coordination import services
from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import FlagKind
from lindung.coordination.models import Action
from lindung.coordination.models import Flag
from lindung.coordination.rules import OFF_TRACK_MARGIN
from lindung.coordination.rules import action_condition
from lindung.coordination.rules import expected_progress
from lindung.core.models import AuditEvent
from lindung.core.models import OutboxMessage
from tests.fixtures.coordination import THIS_YEAR
from tests.fixtures.coordination import Coord


def _action(coord: Coord, **extra: object) -> Action:
    fields: dict[str, object] = {"code": "1.1", "title": "Pelatihan petugas pelabuhan",
                                 "responsible": coord.police,
                                 "deadline": date(THIS_YEAR + 1, 12, 31)}
    fields.update(extra)
    return services.action_create(actor=coord.world.users["coord_ntt"], plan=coord.plan,
                                  goal=coord.goal, **fields)  # type: ignore[arg-type]


def test_the_schedule_decides_when_an_action_is_off_track(coord: Coord) -> None:
    today = timezone.localdate()
    action = _action(coord, start_date=today - timedelta(days=50),
                     deadline=today + timedelta(days=50))
    assert expected_progress(action, today) == 50
    assert action_condition(action, today)[0] == FlagKind.OFF_TRACK  # type: ignore[index]
    action.progress = 50 - OFF_TRACK_MARGIN
    assert action_condition(action, today) is None
    action.status = ActionStatus.BLOCKED
    assert action_condition(action, today)[0] == FlagKind.OFF_TRACK  # type: ignore[index]
    action.deadline = today - timedelta(days=1)
    assert action_condition(action, today)[0] == FlagKind.OVERDUE  # type: ignore[index]
    action.status = ActionStatus.DONE
    assert action_condition(action, today) is None


def test_it_flags_an_overdue_action_to_the_responsible_stakeholders_contacts(
        coord: Coord) -> None:
    admin = coord.world.users["admin"]
    services.stakeholder_contact_add(actor=admin, agency=coord.police, name="Piket",
                                     email="piket@example.org")
    services.stakeholder_contact_add(actor=admin, agency=coord.police, name="Humas",
                                     email="humas@example.org", receives_alerts=False)
    action = _action(coord, deadline=date(THIS_YEAR - 1, 6, 30))
    run = services.flags_refresh()
    assert (run.raised, run.messages) == (1, 1)
    flag = Flag.objects.get(action=action)
    assert (flag.kind, flag.agency, flag.region_code) == (FlagKind.OVERDUE, coord.police, "53")
    message = OutboxMessage.objects.get()
    assert message.recipient == "piket@example.org" and message.channel == "email"
    assert "Pelatihan petugas pelabuhan" in message.subject
    # In both languages, through the catalogue: the recipient's language is not known.
    assert "yang menjadi tanggung jawab Polda NTT lewat tenggat" in message.body
    assert "for which Polda NTT is responsible is overdue" in message.body
    assert "Lihat daftar tanda: /coordination/flags/" in message.body
    assert "See the flags: /coordination/flags/" in message.body
    assert AuditEvent.objects.filter(entity="coordination.flag", action="create").count() == 1
    # A second run raises nothing new and sends nothing.
    assert services.flags_refresh().raised == 0 and OutboxMessage.objects.count() == 1
    # Done: the flag is resolved.
    services.action_progress_record(actor=coord.police_officer, action=action,
                                    status=ActionStatus.DONE, progress=100, note="Selesai")
    flag.refresh_from_db()
    assert flag.resolved_on == timezone.localdate()


def test_it_falls_back_to_the_agencys_own_address_and_moves_between_kinds(
        coord: Coord) -> None:
    today = timezone.localdate()
    action = _action(coord, start_date=today - timedelta(days=80),
                     deadline=today + timedelta(days=20))
    services.flags_refresh()
    off_track = Flag.objects.get(action=action)
    assert off_track.kind == FlagKind.OFF_TRACK
    assert OutboxMessage.objects.get().recipient == "polda.ntt@example.org"
    Action.objects.filter(pk=action.pk).update(deadline=today - timedelta(days=1))
    run = services.flags_refresh()
    assert (run.raised, run.resolved) == (1, 1)
    assert Flag.objects.get(action=action, resolved_on__isnull=True).kind == FlagKind.OVERDUE


def test_no_recipient_means_no_message_but_still_a_flag(coord: Coord) -> None:
    _action(coord, responsible=coord.shelter, deadline=date(THIS_YEAR - 1, 1, 31))
    run = services.flags_refresh()
    assert (run.raised, run.messages) == (1, 0)
    assert not OutboxMessage.objects.exists()


def test_the_command_runs_the_scan(coord: Coord) -> None:
    _action(coord, deadline=date(THIS_YEAR - 1, 1, 31))
    out = io.StringIO()
    call_command("coordination_flags", stdout=out)
    assert "raised 1, resolved 0, messages queued 1" in out.getvalue()
    out = io.StringIO()
    call_command("coordination_flags", "--date", f"{THIS_YEAR - 1}-01-01", stdout=out)
    assert "resolved 1" in out.getvalue()


def test_the_periodic_task_is_registered_and_runs(coord: Coord) -> None:
    from huey.contrib.djhuey import HUEY

    from lindung.coordination import tasks

    task_class = tasks.flags_refresh_daily.task_class
    assert task_class in HUEY._registry._periodic_tasks
    _action(coord, deadline=date(THIS_YEAR - 1, 1, 31))
    assert tasks.flags_refresh_daily.call_local() == 1
