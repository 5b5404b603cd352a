"""Writes of the LTSA module (see the submodules)."""

from lindung.ltsa.services.applications import application_receipt_reissue
from lindung.ltsa.services.applications import application_register
from lindung.ltsa.services.applications import application_viewed
from lindung.ltsa.services.applications import application_withdraw
from lindung.ltsa.services.applications import checklist_item_reject
from lindung.ltsa.services.applications import checklist_item_reopen
from lindung.ltsa.services.applications import checklist_item_verify
from lindung.ltsa.services.applications import readiness_refresh
from lindung.ltsa.services.centres import centre_contacts_set
from lindung.ltsa.services.payments import complaint_status_change
from lindung.ltsa.services.payments import payment_flag
from lindung.ltsa.services.payments import payment_record
from lindung.ltsa.services.port import application_photo_set
from lindung.ltsa.services.port import certificate_holder_viewed
from lindung.ltsa.services.port import certificate_look_up
from lindung.ltsa.services.reference import ComponentInput
from lindung.ltsa.services.reference import fee_schedule_close
from lindung.ltsa.services.reference import fee_schedule_create
from lindung.ltsa.services.reference import job_order_close
from lindung.ltsa.services.reference import job_order_create
from lindung.ltsa.services.reference import licence_add
from lindung.ltsa.services.reference import licence_status_change
from lindung.ltsa.services.reference import office_add
from lindung.ltsa.services.reference import placement_agency_create

__all__ = [
    "ComponentInput",
    "application_photo_set",
    "application_receipt_reissue",
    "application_register",
    "application_viewed",
    "application_withdraw",
    "centre_contacts_set",
    "certificate_holder_viewed",
    "certificate_look_up",
    "checklist_item_reject",
    "checklist_item_reopen",
    "checklist_item_verify",
    "complaint_status_change",
    "fee_schedule_close",
    "fee_schedule_create",
    "job_order_close",
    "job_order_create",
    "licence_add",
    "licence_status_change",
    "office_add",
    "payment_flag",
    "payment_record",
    "placement_agency_create",
    "readiness_refresh",
]
