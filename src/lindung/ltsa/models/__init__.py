"""Models of the LTSA one-stop service: placement agencies and their licences, job orders,
official fee schedules, and applications worked through the eight desks."""

from lindung.ltsa.models.agencies import AgencyLicence, AgencyOffice, CheckKey, PlacementAgency
from lindung.ltsa.models.applications import (
    Application,
    ChecklistDecision,
    ChecklistItem,
    FeeComplaint,
    Payment,
)
from lindung.ltsa.models.fees import FeeComponent, FeeSchedule, ZeroCostRule
from lindung.ltsa.models.jobs import JobOrder, JobOrderRegion, Occupation

__all__ = [
    "AgencyLicence",
    "AgencyOffice",
    "Application",
    "CheckKey",
    "ChecklistDecision",
    "ChecklistItem",
    "FeeComplaint",
    "FeeComponent",
    "FeeSchedule",
    "JobOrder",
    "JobOrderRegion",
    "Occupation",
    "Payment",
    "PlacementAgency",
    "ZeroCostRule",
]
