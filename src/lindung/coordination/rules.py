"""When an action is overdue or off track, and how an indicator stands against its target.

* Overdue: an action that is not done or cancelled, past its deadline; a follow-up still
  open past its deadline.
* Off track: an action marked blocked, or whose progress lags the share of its time that
  has passed (from its start date, or its creation, to its deadline) by more than
  OFF_TRACK_MARGIN percentage points.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from lindung.coordination.choices import ActionStatus, Direction, FlagKind, FollowUpStatus
from lindung.coordination.models import Action, FollowUp

OFF_TRACK_MARGIN = 25


def action_start(action: Action) -> date:
    return action.start_date or timezone.localdate(action.created_at)


def expected_progress(action: Action, today: date) -> int:
    """The share (0-100) of the action's time that has passed."""
    start = action_start(action)
    if today <= start:
        return 0
    if today >= action.deadline:
        return 100
    span = (action.deadline - start).days
    return round((today - start).days * 100 / span) if span > 0 else 100


def action_condition(action: Action, today: date) -> tuple[str, str] | None:
    """(flag kind, bilingual detail) or None when the action is on track or closed."""
    if action.is_closed:
        return None
    if action.deadline < today:
        late = (today - action.deadline).days
        return FlagKind.OVERDUE, (f"Lewat tenggat {action.deadline:%d-%m-%Y} ({late} hari) / "
                                  f"Past its deadline {action.deadline:%Y-%m-%d} ({late} days)")
    if action.status == ActionStatus.BLOCKED:
        return FlagKind.OFF_TRACK, "Ditandai terhambat / Marked as blocked"
    expected = expected_progress(action, today)
    if expected - action.progress > OFF_TRACK_MARGIN:
        return FlagKind.OFF_TRACK, (
            f"Kemajuan {action.progress}% padahal {expected}% waktu sudah berjalan / "
            f"Progress {action.progress}% while {expected}% of the time has passed")
    return None


def follow_up_condition(follow_up: FollowUp, today: date) -> tuple[str, str] | None:
    if follow_up.status != FollowUpStatus.OPEN or follow_up.deadline >= today:
        return None
    late = (today - follow_up.deadline).days
    return FlagKind.OVERDUE, (f"Lewat tenggat {follow_up.deadline:%d-%m-%Y} ({late} hari) / "
                              f"Past its deadline {follow_up.deadline:%Y-%m-%d} ({late} days)")


def target_status(direction: str, target: Decimal | None, actual: Decimal | None,
                  ) -> str:
    """"met", "not_met", "no_target" (a value but no target set for the year) or "no_data"
    (no value) for one year."""
    if actual is None:
        return "no_data"
    if target is None:
        return "no_target"
    if direction == Direction.DECREASE:
        return "met" if actual <= target else "not_met"
    return "met" if actual >= target else "not_met"
