"""Writes of the reports app (every one atomic, with its audit row)."""

from lindung.reports.services.cases import case_open
from lindung.reports.services.cases import case_suspect_add
from lindung.reports.services.cases import case_update
from lindung.reports.services.cases import case_victim_add
from lindung.reports.services.cases import case_viewed
from lindung.reports.services.cases import trafficking_event_add
from lindung.reports.services.inbound import InboundError
from lindung.reports.services.inbound import report_inbound
from lindung.reports.services.intake import ReceiptError
from lindung.reports.services.intake import Submitted
from lindung.reports.services.intake import report_by_receipt
from lindung.reports.services.intake import report_submit
from lindung.reports.services.intake import report_viewed_by_reporter
from lindung.reports.services.intake import reporter_update_add
from lindung.reports.services.referrals import referral_request
from lindung.reports.services.referrals import referral_respond
from lindung.reports.services.referrals import referral_revoke
from lindung.reports.services.referrals import referral_viewed
from lindung.reports.services.workflow import report_contact_viewed
from lindung.reports.services.workflow import report_message_add
from lindung.reports.services.workflow import report_person_link
from lindung.reports.services.workflow import report_transition
from lindung.reports.services.workflow import report_triage
from lindung.reports.services.workflow import report_viewed

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
