"""Reads of the LTSA module. The screening uses :func:`procedural_status`."""

from lindung.ltsa.selectors.applications import (
    ProceduralStatus,
    application_by_receipt,
    application_eligibility,
    application_file_queryset,
    desk_queue,
    desk_waiting,
    procedural_status,
    visible_applications,
)
from lindung.ltsa.selectors.figures import CentreFigures, DeskFigures, service_figures
from lindung.ltsa.selectors.public import (
    AgencyHit,
    CheckResult,
    FeeView,
    JobOrderHit,
    agency_state,
    check,
    fee_view,
    fee_views,
    job_order_state,
    licensed_on,
    open_job_orders,
    schedule_history,
)

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
