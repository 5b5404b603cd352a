"""Models of the coordination app: stakeholders, the action plan, meetings, reports."""

from lindung.coordination.models.evidence import Evidence
from lindung.coordination.models.meetings import (
    AgendaItem,
    Decision,
    FollowUp,
    Meeting,
    MeetingParticipant,
)
from lindung.coordination.models.plan import (
    Action,
    ActionUpdate,
    Flag,
    Goal,
    Indicator,
    IndicatorProgress,
    IndicatorTarget,
    PlanPeriod,
)
from lindung.coordination.models.reports import PeriodicReport
from lindung.coordination.models.stakeholders import (
    Agreement,
    ReferralPathway,
    StakeholderContact,
    StakeholderProfile,
    StakeholderService,
)

__all__ = [
    "Action",
    "ActionUpdate",
    "AgendaItem",
    "Agreement",
    "Decision",
    "Evidence",
    "Flag",
    "FollowUp",
    "Goal",
    "Indicator",
    "IndicatorProgress",
    "IndicatorTarget",
    "Meeting",
    "MeetingParticipant",
    "PeriodicReport",
    "PlanPeriod",
    "ReferralPathway",
    "StakeholderContact",
    "StakeholderProfile",
    "StakeholderService",
]
