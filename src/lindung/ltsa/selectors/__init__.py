"""Reads of the LTSA module. The screening uses :func:`procedural_status`."""

from lindung.ltsa.selectors.applications import ProceduralStatus
from lindung.ltsa.selectors.applications import application_by_receipt
from lindung.ltsa.selectors.applications import application_eligibility
from lindung.ltsa.selectors.applications import application_file_queryset
from lindung.ltsa.selectors.applications import desk_queue
from lindung.ltsa.selectors.applications import desk_waiting
from lindung.ltsa.selectors.applications import procedural_status
from lindung.ltsa.selectors.applications import visible_applications
from lindung.ltsa.selectors.figures import CentreFigures
from lindung.ltsa.selectors.figures import DeskFigures
from lindung.ltsa.selectors.figures import service_figures
from lindung.ltsa.selectors.public import AgencyHit
from lindung.ltsa.selectors.public import CheckResult
from lindung.ltsa.selectors.public import FeeView
from lindung.ltsa.selectors.public import JobOrderHit
from lindung.ltsa.selectors.public import agency_state
from lindung.ltsa.selectors.public import check
from lindung.ltsa.selectors.public import fee_view
from lindung.ltsa.selectors.public import fee_views
from lindung.ltsa.selectors.public import job_order_state
from lindung.ltsa.selectors.public import licensed_on
from lindung.ltsa.selectors.public import open_job_orders
from lindung.ltsa.selectors.public import schedule_history

__all__ = [
    "AgencyHit",
    "CentreFigures",
    "CheckResult",
    "DeskFigures",
    "FeeView",
    "JobOrderHit",
    "ProceduralStatus",
    "agency_state",
    "application_by_receipt",
    "application_eligibility",
    "application_file_queryset",
    "check",
    "desk_queue",
    "desk_waiting",
    "fee_view",
    "fee_views",
    "job_order_state",
    "licensed_on",
    "open_job_orders",
    "procedural_status",
    "schedule_history",
    "service_figures",
    "visible_applications",
]
