"""Flags on overdue and off-track actions and follow-ups: raised to the responsible
stakeholder (an in-app list, and an e-mail through the outbox to its alert contacts, or the
agency's own address), resolved when the condition ends. Run daily by a Huey periodic task
(`coordination.tasks.flags_refresh_daily`) or `manage.py coordination_flags`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext

from lindung.common import stored_text
from lindung.coordination.choices import CLOSED_ACTION_STATUSES
from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.models import Action
from lindung.coordination.models import Flag
from lindung.coordination.models import FollowUp
from lindung.coordination.models import StakeholderContact
from lindung.coordination.rules import action_condition_kept
from lindung.coordination.rules import follow_up_condition_kept
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.choices import OutboxChannel
from lindung.core.models import OutboxMessage
from lindung.directory.models import Agency

#: A subject's condition today: (flag kind, detail as kept in a row), or None when none.
Condition = tuple[str, str] | None


@dataclass
class FlagRun:
    raised: int = 0
    resolved: int = 0
    messages: int = 0


def alert_recipients(agency: Agency) -> list[str]:
    emails = list(StakeholderContact.objects.filter(
        agency=agency, receives_alerts=True).exclude(email="").values_list("email", flat=True))
    if not emails and agency.email:
        emails = [agency.email]
    return sorted(set(emails))


def _message(flag: Flag) -> tuple[str, str]:
    """The mail to the agency: the subject in Indonesian, the body in both languages (the
    recipient's is not known), each through the message catalogue."""
    with translation.override("id"):
        if flag.action is not None:
            subject = gettext("[Lindung] Kegiatan %(what)s: %(code)s %(title)s") % {
                "what": flag.get_kind_display(), "code": flag.action.code,
                "title": flag.action.title}
        else:
            assert flag.follow_up is not None
            subject = gettext("[Lindung] Tindak lanjut rapat %(what)s: %(title)s") % {
                "what": flag.get_kind_display(), "title": flag.follow_up.title}
    parts = []
    for language in ("id", "en"):
        with translation.override(language):
            parts.append(_flag_text(flag) + gettext("Lihat daftar tanda: %(url)s") % {
                "url": "/coordination/flags/"} + "\n")
    return subject[:200], "\n".join(parts)


def _flag_text(flag: Flag) -> str:
    """What the flag says of its activity or follow-up, in the active language."""
    values = {"agency": str(flag.agency), "what": flag.get_kind_display(),
              "detail": stored_text.show(flag.detail)}
    if flag.action is not None:
        return gettext("Kegiatan rencana aksi '%(title)s' (%(plan)s) yang menjadi tanggung "
                       "jawab %(agency)s %(what)s.\n%(detail)s\n") % {
            **values, "title": flag.action.title, "plan": flag.action.plan.name}
    assert flag.follow_up is not None
    return gettext("Tindak lanjut '%(title)s' dari rapat '%(meeting)s' yang dilaksanakan "
                   "%(agency)s %(what)s.\n%(detail)s\n") % {
        **values, "title": flag.follow_up.title, "meeting": flag.follow_up.meeting.title}


def _raise(*, kind: str, detail: str, agency: Agency, region_code: str, today: date,
           action: Action | None = None, follow_up: FollowUp | None = None) -> Flag | None:
    recipients = alert_recipients(agency)
    flag = Flag(kind=kind, detail=detail[:300], agency=agency, region_code=region_code,
                raised_on=today, action=action, follow_up=follow_up,
                messages_queued=len(recipients))
    try:
        with transaction.atomic():
            flag.full_clean(validate_constraints=False, validate_unique=False)
            flag.save(force_insert=True)
    except IntegrityError:  # raised concurrently by another run
        return None
    if recipients:
        subject, body = _message(flag)
        OutboxMessage.objects.bulk_create([
            OutboxMessage(channel=OutboxChannel.EMAIL, recipient=email, subject=subject,
                          body=body) for email in recipients])
    audit.record_object(actor=audit.SYSTEM, action=AuditAction.CREATE, obj=flag,
                        region_code=region_code,
                        detail={"kind": kind, "agency": agency.code,
                                "subject": "action" if action else "follow_up",
                                "messages": len(recipients)})
    return flag


def _sync(*, condition: tuple[str, str] | None, open_flags: list[Flag], agency: Agency,
          region_code: str, today: date, run: FlagRun, action: Action | None = None,
          follow_up: FollowUp | None = None) -> None:
    wanted = condition[0] if condition else None
    for flag in open_flags:
        if flag.kind != wanted:
            flag.resolved_on = today
            flag.save(update_fields=["resolved_on", "updated_at"])
            audit.record_object(actor=audit.SYSTEM, action=AuditAction.UPDATE, obj=flag,
                                region_code=flag.region_code,
                                detail={"fields": ["resolved_on"], "kind": flag.kind})
            run.resolved += 1
    if condition and all(flag.kind != wanted for flag in open_flags):
        raised = _raise(kind=condition[0], detail=condition[1], agency=agency,
                        region_code=region_code, today=today, action=action,
                        follow_up=follow_up)
        if raised is not None:
            run.raised += 1
            run.messages += raised.messages_queued


@transaction.atomic
def flags_refresh_subject(*, action: Action | None = None, follow_up: FollowUp | None = None,
                          today: date | None = None, run: FlagRun | None = None) -> FlagRun:
    """Bring the flags of one action or follow-up in line with its condition today."""
    today = today or timezone.localdate()
    run = run or FlagRun()
    if action is not None:
        open_flags = list(Flag.objects.filter(action=action, resolved_on__isnull=True))
        _sync(condition=action_condition_kept(action, today), open_flags=open_flags,
              agency=action.responsible, region_code=action.region_code, today=today, run=run,
              action=action)
    if follow_up is not None:
        open_flags = list(Flag.objects.filter(follow_up=follow_up, resolved_on__isnull=True))
        _sync(condition=follow_up_condition_kept(follow_up, today), open_flags=open_flags,
              agency=follow_up.owner, region_code=follow_up.region_code, today=today, run=run,
              follow_up=follow_up)
    return run


def _in_step(condition: Condition, open_kinds: list[str]) -> bool:
    if condition is None:
        return not open_kinds
    return open_kinds == [condition[0]]


def flags_refresh(*, today: date | None = None) -> FlagRun:
    """Scan every open action and follow-up, and every open flag (whose subject may have
    closed since). The open flags are read once; only a subject whose flags must change is
    written, in its own transaction."""
    today = today or timezone.localdate()
    run = FlagRun()
    open_flags: dict[tuple[str, object], list[str]] = defaultdict(list)
    for action_id, follow_up_id, kind in Flag.objects.filter(
            resolved_on__isnull=True).values_list("action_id", "follow_up_id", "kind"):
        key = ("action", action_id) if action_id else ("follow_up", follow_up_id)
        open_flags[key].append(kind)
    flagged = {kind: [pk for subject, pk in open_flags if subject == kind]
               for kind in ("action", "follow_up")}
    actions = (Action.objects.exclude(status__in=CLOSED_ACTION_STATUSES)
               | Action.objects.filter(pk__in=flagged["action"]))
    follow_ups = (FollowUp.objects.filter(status=FollowUpStatus.OPEN)
                  | FollowUp.objects.filter(pk__in=flagged["follow_up"]))
    scans: tuple[tuple[str, QuerySet[Any], Callable[[Any, date], Condition]], ...] = (
        ("action", actions.select_related("responsible", "plan"), action_condition_kept),
        ("follow_up", follow_ups.select_related("owner", "meeting"), follow_up_condition_kept))
    for kind, subjects, condition in scans:
        for subject in subjects.distinct().iterator(chunk_size=500):
            if not _in_step(condition(subject, today), open_flags.get((kind, subject.pk), [])):
                named: dict[str, Any] = {kind: subject}  # action=… or follow_up=…
                flags_refresh_subject(**named, today=today, run=run)
    return run
