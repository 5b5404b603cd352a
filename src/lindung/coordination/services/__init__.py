"""Writes of the coordination app (every one atomic, with its audit row)."""

from lindung.coordination.services.flags import FlagRun, flags_refresh, flags_refresh_subject
from lindung.coordination.services.meetings import (
    FollowUpSpec,
    agenda_item_add,
    decision_record,
    follow_up_close,
    follow_up_create,
    meeting_create,
    meeting_participants_set,
    meeting_update,
)
from lindung.coordination.services.plan import (
    action_create,
    action_progress_record,
    goal_create,
    indicator_create,
    indicator_progress_record,
    indicator_target_set,
    plan_create,
    plan_update,
)
from lindung.coordination.services.reports import (
    report_build,
    report_downloaded,
    report_narrative_set,
    report_request,
)
from lindung.coordination.services.stakeholders import (
    agreement_create,
    profile_of,
    referral_pathway_create,
    referral_pathway_deactivate,
    stakeholder_contact_add,
    stakeholder_contact_remove,
    stakeholder_create,
    stakeholder_update,
)

__all__ = [
    "FlagRun",
    "FollowUpSpec",
    "action_create",
    "action_progress_record",
    "agenda_item_add",
    "agreement_create",
    "decision_record",
    "flags_refresh",
    "flags_refresh_subject",
    "follow_up_close",
    "follow_up_create",
    "goal_create",
    "indicator_create",
    "indicator_progress_record",
    "indicator_target_set",
    "meeting_create",
    "meeting_participants_set",
    "meeting_update",
    "plan_create",
    "plan_update",
    "profile_of",
    "referral_pathway_create",
    "referral_pathway_deactivate",
    "report_build",
    "report_downloaded",
    "report_narrative_set",
    "report_request",
    "stakeholder_contact_add",
    "stakeholder_contact_remove",
    "stakeholder_create",
    "stakeholder_update",
]
