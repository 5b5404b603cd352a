"""Models of the LTSA one-stop service: placement agencies and their licences, job orders,
official fee schedules, and applications worked through the eight desks."""

from lindung.ltsa.models.agencies import AgencyLicence
from lindung.ltsa.models.agencies import AgencyOffice
from lindung.ltsa.models.agencies import CheckKey
from lindung.ltsa.models.agencies import PlacementAgency
from lindung.ltsa.models.applications import Application
from lindung.ltsa.models.applications import ChecklistDecision
from lindung.ltsa.models.applications import ChecklistItem
from lindung.ltsa.models.applications import FeeComplaint
from lindung.ltsa.models.applications import Payment
from lindung.ltsa.models.fees import FeeComponent
from lindung.ltsa.models.fees import FeeSchedule
from lindung.ltsa.models.fees import ZeroCostRule
from lindung.ltsa.models.jobs import JobOrder
from lindung.ltsa.models.jobs import JobOrderRegion
from lindung.ltsa.models.jobs import Occupation

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
