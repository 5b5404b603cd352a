"""Writes of the coordination app (every one atomic, with its audit row)."""

from lindung.coordination.services.flags import FlagRun
from lindung.coordination.services.flags import flags_refresh
from lindung.coordination.services.flags import flags_refresh_subject
from lindung.coordination.services.meetings import FollowUpSpec
from lindung.coordination.services.meetings import agenda_item_add
from lindung.coordination.services.meetings import decision_record
from lindung.coordination.services.meetings import follow_up_close
from lindung.coordination.services.meetings import follow_up_create
from lindung.coordination.services.meetings import meeting_create
from lindung.coordination.services.meetings import meeting_participants_set
from lindung.coordination.services.meetings import meeting_update
from lindung.coordination.services.plan import action_create
from lindung.coordination.services.plan import action_progress_record
from lindung.coordination.services.plan import goal_create
from lindung.coordination.services.plan import indicator_create
from lindung.coordination.services.plan import indicator_progress_record
from lindung.coordination.services.plan import indicator_target_set
from lindung.coordination.services.plan import plan_create
from lindung.coordination.services.plan import plan_update
from lindung.coordination.services.reports import report_build
from lindung.coordination.services.reports import report_downloaded
from lindung.coordination.services.reports import report_narrative_set
from lindung.coordination.services.reports import report_request
from lindung.coordination.services.stakeholders import agreement_create
from lindung.coordination.services.stakeholders import profile_of
from lindung.coordination.services.stakeholders import referral_pathway_create
from lindung.coordination.services.stakeholders import referral_pathway_deactivate
from lindung.coordination.services.stakeholders import stakeholder_contact_add
from lindung.coordination.services.stakeholders import stakeholder_contact_remove
from lindung.coordination.services.stakeholders import stakeholder_create
from lindung.coordination.services.stakeholders import stakeholder_update

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
