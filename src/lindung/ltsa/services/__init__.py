"""Writes of the LTSA module (see the submodules)."""

from lindung.ltsa.services.applications import (
    application_receipt_reissue,
    application_register,
    application_viewed,
    application_withdraw,
    checklist_item_reject,
    checklist_item_reopen,
    checklist_item_verify,
    readiness_refresh,
)
from lindung.ltsa.services.centres import centre_contacts_set
from lindung.ltsa.services.payments import (
    complaint_status_change,
    payment_flag,
    payment_record,
)
from lindung.ltsa.services.port import (
    application_photo_set,
    certificate_holder_viewed,
    certificate_look_up,
)
from lindung.ltsa.services.reference import (
    ComponentInput,
    fee_schedule_close,
    fee_schedule_create,
    job_order_close,
    job_order_create,
    licence_add,
    licence_status_change,
    office_add,
    placement_agency_create,
)

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
