"""Payments an applicant made, each with a receipt, compared with the official schedule.
A payment above it (or in another currency, or for a cost the worker may not be charged)
is flagged and raises a complaint with an outbox message to the centre's complaints desk."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.choices import OutboxChannel
from lindung.core.models import OutboxMessage
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.ltsa import receipts
from lindung.ltsa.choices import ComplaintStatus
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import PaymentFlag
from lindung.ltsa.models import Application
from lindung.ltsa.models import FeeComplaint
from lindung.ltsa.models import Payment
from lindung.ltsa.selectors.public import FeeView
from lindung.ltsa.selectors.public import fee_view
from lindung.ltsa.services.applications import readiness_refresh

#: Flags that raise a complaint; NO_SCHEDULE is only marked for review.
COMPLAINT_FLAGS = (PaymentFlag.ABOVE_SCHEDULE, PaymentFlag.WRONG_CURRENCY,
                   PaymentFlag.NOT_IN_SCHEDULE)


def _new_receipt_number() -> str:
    while True:
        raw = "".join(secrets.choice(receipts.ALPHABET) for _position in range(10))

        number = f"PB-{raw[:5]}-{raw[5:]}"
        if not Payment.objects.filter(receipt_number=number).exists():
            return number


def payment_flag(*, fees: FeeView, component: str, amount: Decimal, currency: str,
                 paid_before: Decimal) -> tuple[str, Decimal | None]:
    """The flag of a payment of `amount` (after `paid_before` for the same component) and
    the most the worker may pay for it."""
    allowed = fees.allowed_for_worker(component)
    if allowed is None:
        return PaymentFlag.NO_SCHEDULE, None
    if allowed == 0:
        return PaymentFlag.NOT_IN_SCHEDULE, allowed
    if currency != fees.currency:
        return PaymentFlag.WRONG_CURRENCY, allowed
    if paid_before + amount > allowed:
        return PaymentFlag.ABOVE_SCHEDULE, allowed
    return "", allowed


def _flag_in_english(flag: str) -> str:
    with translation.override("en"):
        return str(PaymentFlag(flag).label)


def _complaint_message(payment: Payment, complaint: FeeComplaint) -> OutboxMessage:
    application = payment.application
    centre = application.centre
    recipient = centre.email or (centre.agency.email if centre.agency else "") \
        or settings.DEFAULT_FROM_EMAIL
    allowed = (f"{payment.allowed_amount} {payment.allowed_currency}"
               if payment.allowed_amount is not None else "-")
    body = (
        f"Pembayaran {payment.receipt_number} pada berkas {application.number} "
        f"({centre.name}) ditandai: {PaymentFlag(payment.flag).label}.\n"
        f"Komponen: {CostComponent(payment.component).label}; dibayar {payment.amount} "
        f"{payment.currency} kepada {payment.paid_to}; batas resmi untuk pekerja: {allowed}.\n"
        f"P3MI: {application.job_order.agency.name}; job order "
        f"{application.job_order.permit_number}.\n"
        f"Tindak lanjut: /ltsa/staff/complaints/{complaint.pk}/\n\n"
        f"Payment {payment.receipt_number} on file {application.number} was flagged: "
        f"{_flag_in_english(payment.flag)}.")
    return OutboxMessage(channel=OutboxChannel.EMAIL, recipient=recipient,
                         subject=f"Pengaduan biaya LTSA {application.number} / "
                                 "LTSA overcharge complaint",
                         body=body)


@transaction.atomic
def payment_record(*, actor: User | None, application: Application, component: str,
                   amount: Decimal, currency: str, paid_to: str, paid_on: date,
                   payer_reference: str = "") -> Payment:
    """Record a payment and give it the centre's receipt number. Compared with the schedule
    in force on `paid_on` for the job order's destination and occupation (the zero-cost
    rules included); anything above it is flagged and raises a complaint."""
    payment = Payment(application=application, region_code=application.region_code,
                      component=component, amount=amount, currency=currency,
                      paid_to=paid_to.strip(), paid_on=paid_on,
                      payer_reference=payer_reference.strip(), created_by=actor,
                      updated_by=actor)
    if actor is not None:
        access.require(actor, CREATE, payment)
    errors: dict[str, str] = {}
    if component not in CostComponent.values:
        errors["component"] = _("Komponen biaya tidak dikenal")
    if currency not in Currency.values:
        errors["currency"] = _("Mata uang %(currency)s tidak dikenal") % {"currency": currency}
    if amount <= 0:
        errors["amount"] = _("Jumlah harus lebih dari nol")
    if not payment.paid_to:
        errors["paid_to"] = _("Isi kepada siapa dibayar")
    if errors:
        raise ValidationError(errors)
    job = application.job_order
    fees = fee_view(job.destination_country, job.occupation, on=paid_on)
    paid_before = (Payment.objects.filter(application=application, component=component,
                                          currency=currency)
                   .aggregate(total=Sum("amount"))["total"] or Decimal(0))
    flag, allowed = payment_flag(fees=fees, component=component, amount=amount,
                                 currency=currency, paid_before=paid_before)
    payment.flag = flag
    payment.allowed_amount = allowed
    payment.allowed_currency = fees.currency if allowed is not None else ""
    if flag == PaymentFlag.NOT_IN_SCHEDULE:
        payment.allowed_currency = currency
    payment.schedule = fees.schedule
    payment.receipt_number = _new_receipt_number()
    audit.save_recorded(payment, actor=actor, action=AuditAction.CREATE,
                        detail={"component": component, "flag": flag})
    if flag in COMPLAINT_FLAGS:
        complaint = FeeComplaint.objects.create(
            application=application, payment=payment, region_code=application.region_code,
            flag=flag, agency=job.agency, created_by=actor, updated_by=actor)
        audit.record_object(actor=actor, action=AuditAction.CREATE, obj=complaint,
                            region_code=complaint.region_code, detail={"flag": flag})
        _complaint_message(payment, complaint).save()
        # An open complaint holds the certificate back (and stops one already issued).
        readiness_refresh(actor=actor, application=application)
    return payment


@transaction.atomic
def complaint_status_change(*, actor: User, complaint: FeeComplaint, status: str,
                            report_reference: str = "") -> FeeComplaint:
    access.require(actor, CHANGE, complaint)
    if status not in ComplaintStatus.values:
        raise ValidationError({"status": _("Status tidak dikenal")})
    complaint.status = status
    if report_reference:
        complaint.report_reference = report_reference.strip()[:64]
    complaint.updated_by = actor
    complaint.save()
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=complaint,
                        region_code=complaint.region_code,
                        detail={"fields": ["status"], "to": status})
    # Closing the last open complaint lets a file that is otherwise complete be ready again.
    readiness_refresh(actor=actor, application=complaint.application)
    return complaint
