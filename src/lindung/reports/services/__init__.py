"""Writes of the reports app (every one atomic, with its audit row)."""

from lindung.reports.services.cases import (
    case_open,
    case_suspect_add,
    case_update,
    case_victim_add,
    case_viewed,
    trafficking_event_add,
)
from lindung.reports.services.inbound import InboundError, report_inbound
from lindung.reports.services.intake import (
    ReceiptError,
    Submitted,
    report_by_receipt,
    report_submit,
    report_viewed_by_reporter,
    reporter_update_add,
)
from lindung.reports.services.referrals import (
    referral_request,
    referral_respond,
    referral_revoke,
    referral_viewed,
)
from lindung.reports.services.workflow import (
    report_contact_viewed,
    report_message_add,
    report_person_link,
    report_transition,
    report_triage,
    report_viewed,
)

__all__ = [
    "InboundError",
    "ReceiptError",
    "Submitted",
    "case_open",
    "case_suspect_add",
    "case_update",
    "case_victim_add",
    "case_viewed",
    "referral_request",
    "referral_respond",
    "referral_revoke",
    "referral_viewed",
    "report_by_receipt",
    "report_contact_viewed",
    "report_inbound",
    "report_message_add",
    "report_person_link",
    "report_submit",
    "report_transition",
    "report_triage",
    "report_viewed",
    "report_viewed_by_reporter",
    "reporter_update_add",
    "trafficking_event_add",
]
