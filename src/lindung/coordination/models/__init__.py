"""Models of the coordination app: stakeholders, the action plan, meetings, reports."""

from lindung.coordination.models.evidence import Evidence
from lindung.coordination.models.meetings import AgendaItem
from lindung.coordination.models.meetings import Decision
from lindung.coordination.models.meetings import FollowUp
from lindung.coordination.models.meetings import Meeting
from lindung.coordination.models.meetings import MeetingParticipant
from lindung.coordination.models.plan import Action
from lindung.coordination.models.plan import ActionUpdate
from lindung.coordination.models.plan import Flag
from lindung.coordination.models.plan import Goal
from lindung.coordination.models.plan import Indicator
from lindung.coordination.models.plan import IndicatorProgress
from lindung.coordination.models.plan import IndicatorTarget
from lindung.coordination.models.plan import PlanPeriod
from lindung.coordination.models.reports import PeriodicReport
from lindung.coordination.models.stakeholders import Agreement
from lindung.coordination.models.stakeholders import ReferralPathway
from lindung.coordination.models.stakeholders import StakeholderContact
from lindung.coordination.models.stakeholders import StakeholderProfile
from lindung.coordination.models.stakeholders import StakeholderService

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
