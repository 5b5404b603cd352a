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
from django.utils.translation import gettext_noop

from lindung.common import stored_text
from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import Direction
from lindung.coordination.choices import FlagKind
from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.models import Action
from lindung.coordination.models import FollowUp

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


def action_condition_kept(action: Action, today: date) -> tuple[str, str] | None:
    """(flag kind, detail as kept in a row: ``stored_text``) or None when the action is on
    track or closed. A flag is read by people of either language: it keeps the message, not
    its text in the language of whoever happened to trigger the check."""
    if action.is_closed:
        return None
    if action.deadline < today:
        return FlagKind.OVERDUE, _overdue(action.deadline, today)
    if action.status == ActionStatus.BLOCKED:
        return FlagKind.OFF_TRACK, stored_text.keep(gettext_noop("Ditandai terhambat"))
    expected = expected_progress(action, today)
    if expected - action.progress > OFF_TRACK_MARGIN:
        return FlagKind.OFF_TRACK, stored_text.keep(
            gettext_noop("Kemajuan %(progress)s%% padahal %(expected)s%% waktu sudah berjalan"),
            progress=action.progress, expected=expected)
    return None


def follow_up_condition_kept(follow_up: FollowUp, today: date) -> tuple[str, str] | None:
    if follow_up.status != FollowUpStatus.OPEN or follow_up.deadline >= today:
        return None
    return FlagKind.OVERDUE, _overdue(follow_up.deadline, today)


def _shown(condition: tuple[str, str] | None) -> tuple[str, str] | None:
    return None if condition is None else (condition[0], stored_text.show(condition[1]))


def action_condition(action: Action, today: date) -> tuple[str, str] | None:
    """(flag kind, detail in the active language) or None when the action is on track or
    closed."""
    return _shown(action_condition_kept(action, today))


def follow_up_condition(follow_up: FollowUp, today: date) -> tuple[str, str] | None:
    return _shown(follow_up_condition_kept(follow_up, today))


def _overdue(deadline: date, today: date) -> str:
    late = (today - deadline).days
    return stored_text.ngettext("Lewat tenggat %(deadline)s (%(days)d hari)",
                                "Lewat tenggat %(deadline)s (%(days)d hari)", late,
                                deadline=deadline, days=late)


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
