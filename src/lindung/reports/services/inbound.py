"""Reports by SMS or WhatsApp, delivered by a gateway to a signed webhook.

The gateway signs every request with the shared secret in ``LINDUNG_WEBHOOK_SECRET``:

    X-Lindung-Timestamp: <unix seconds>
    X-Lindung-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>

A request older or newer than five minutes is refused (no replay of a captured request),
and each gateway message id is stored once (a retried delivery creates nothing new).
The payload is documented in docs/reports.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import BaseModel
from pydantic import ConfigDict
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from lindung.common import keys
from lindung.conf import env_str
from lindung.regions.models import Region
from lindung.reports.choices import OPEN_STATUSES
from lindung.reports.choices import ReportCategory
from lindung.reports.choices import ReportChannel
from lindung.reports.models import PublicReport
from lindung.reports.services.intake import Submitted
from lindung.reports.services.intake import clean_phone
from lindung.reports.services.intake import report_submit
from lindung.reports.services.intake import reporter_update_add

SIGNATURE_HEADER = "X-Lindung-Signature"
TIMESTAMP_HEADER = "X-Lindung-Timestamp"
MAX_SKEW_SECONDS = 300
MAX_BODY_BYTES = 64 * 1024


class InboundError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class InboundMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: str = Field(pattern="^(sms|whatsapp)$")
    message_id: str = Field(min_length=1, max_length=100)
    sender: str = Field(default="", max_length=32)
    text: str = Field(min_length=1, max_length=5000)
    received_at: datetime | None = None
    region_code: str = Field(default="", max_length=16)
    category: str = Field(default=ReportCategory.OTHER, max_length=32)
    # The sender agreed to be contacted (the gateway asked, e.g. "Balas YA bila petugas boleh
    # menghubungi Anda"). Without it the number is not stored (issue 18 item 10).
    contact_consent: bool = False


@dataclass(frozen=True)
class InboundResult:
    created: bool
    report: PublicReport
    receipt_code: str = ""
    appended: bool = False  # a further message of a sender whose report is still open


#: How long a sender's further messages join their open report instead of making a new one.
THREAD_DAYS = 30


def sender_handle(channel: str, sender: str) -> str:
    """An opaque, keyed handle for a sender on a channel: the same sender gets the same
    handle, and the number cannot be read back from it."""
    digits = "".join(ch for ch in sender if ch.isdigit())
    if digits.startswith("0"):  # a national number: 0812… is +62 812…
        digits = "62" + digits[1:]
    return keys.digest("sender-handle", f"{channel}:{digits}") if digits else ""


def webhook_secret() -> str:
    return env_str("LINDUNG_WEBHOOK_SECRET")


def signature_for(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(*, body: bytes, timestamp: str, signature: str,
                     now: float | None = None) -> None:
    secret = webhook_secret()
    if not secret:
        raise InboundError(503, _("Webhook belum dikonfigurasi (LINDUNG_WEBHOOK_SECRET)"))
    if not timestamp.isdigit():
        raise InboundError(401, _("Header %(header)s tidak ada atau tidak sah")
                           % {"header": TIMESTAMP_HEADER})
    if abs((now if now is not None else time.time()) - int(timestamp)) > MAX_SKEW_SECONDS:
        raise InboundError(401, _("Stempel waktu di luar jendela 5 menit"))
    if not hmac.compare_digest(signature_for(secret, timestamp, body), signature):
        raise InboundError(401, _("Tanda tangan tidak sah"))


def _parse(body: bytes) -> InboundMessage:
    try:
        data: Any = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InboundError(400, _("Badan permintaan bukan JSON yang sah")) from exc
    try:
        return InboundMessage.model_validate(data)
    except PydanticValidationError as exc:
        fields = ", ".join(".".join(str(p) for p in error["loc"]) or "body"
                           for error in exc.errors())
        raise InboundError(422, _("Isian tidak sah: %(fields)s") % {"fields": fields}) from exc


def _region(message: InboundMessage) -> Region | None:
    if not message.region_code:
        return None
    region = Region.objects.filter(code=message.region_code).first()
    if region is None:
        raise InboundError(422, _("region_code tidak dikenal"))
    return region


def _received_at(message: InboundMessage) -> datetime | None:
    """The provider's time of the message, never in the future; it must carry a zone."""
    received_at = message.received_at
    if received_at is None:
        return None
    if timezone.is_naive(received_at):
        raise InboundError(422, _("received_at harus memuat zona waktu"))
    return min(received_at, timezone.now())


def report_inbound(*, body: bytes, timestamp: str, signature: str) -> InboundResult:
    """Check the signature, then store the message as a report (once per message id)."""
    if len(body) > MAX_BODY_BYTES:
        raise InboundError(413, _("Badan permintaan terlalu besar"))
    verify_signature(body=body, timestamp=timestamp, signature=signature)
    message = _parse(body)
    external_id = f"{message.channel}:{message.message_id}"
    existing = PublicReport.objects.filter(external_id=external_id).first()
    if existing is not None:
        return InboundResult(created=False, report=existing)
    region = _region(message)
    category = message.category if message.category in ReportCategory.values else "other"
    received_at = _received_at(message)
    handle = sender_handle(message.channel, message.sender)
    thread = _open_thread(handle)
    if thread is not None:
        reporter_update_add(report=thread, body=message.text)
        if message.contact_consent and not thread.contact_consent:
            thread.contact, thread.contact_consent = clean_phone(message.sender), True
            thread.save(update_fields=["contact", "contact_consent"])
        return InboundResult(created=False, report=thread, appended=True)
    try:
        submitted: Submitted = report_submit(
            actor=None, channel=ReportChannel(message.channel), category=category,
            description=message.text, region=region,
            contact=clean_phone(message.sender) if message.contact_consent else "",
            contact_consent=message.contact_consent, external_id=external_id,
            received_at=received_at, sender_handle=handle)
    except ValidationError as exc:
        existing = PublicReport.objects.filter(external_id=external_id).first()
        if existing is not None:  # delivered twice at the same moment
            return InboundResult(created=False, report=existing)
        raise InboundError(422, "; ".join(exc.messages)) from exc
    return InboundResult(created=True, report=submitted.report,
                         receipt_code=submitted.receipt_code)


def _open_thread(handle: str) -> PublicReport | None:
    """The sender's most recent report still open and received in the last THREAD_DAYS."""
    if not handle:
        return None
    since = timezone.now() - timedelta(days=THREAD_DAYS)
    return (PublicReport.objects.filter(sender_handle=handle, status__in=OPEN_STATUSES,
                                        received_at__gte=since)
            .order_by("-received_at").first())
