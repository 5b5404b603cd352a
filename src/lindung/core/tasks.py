"""Background tasks of the core: delivering the outbox."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task
from huey.contrib.djhuey import db_task

from lindung.core.choices import OutboxChannel
from lindung.core.choices import OutboxStatus
from lindung.core.models import OutboxMessage

logger = logging.getLogger("lindung.outbox")
MAX_ATTEMPTS = 8


class SmsGatewayMissing(RuntimeError):
    pass


def _send_sms(message: OutboxMessage) -> None:
    gateway = getattr(settings, "LINDUNG_SMS_GATEWAY", "")
    if not gateway:
        raise SmsGatewayMissing("no SMS gateway configured (LINDUNG_SMS_GATEWAY)")
    raise SmsGatewayMissing(f"SMS gateway {gateway!r} is not supported")


def outbox_deliver(*, batch: int = 100) -> int:
    """Send what is due; a failure is counted and retried later with back-off, never lost."""
    sent = 0
    now = timezone.now()
    due = list(OutboxMessage.objects.filter(status=OutboxStatus.PENDING,
                                            next_attempt_at__lte=now)
               .order_by("next_attempt_at")[:batch].values_list("pk", flat=True))
    for pk in due:
        with transaction.atomic():
            message = (OutboxMessage.objects.select_for_update()
                       .filter(pk=pk, status=OutboxStatus.PENDING).first())
            if message is None:
                continue
            message.attempts += 1
            try:
                if message.channel == OutboxChannel.EMAIL:
                    send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL,
                              [message.recipient])
                else:
                    _send_sms(message)
            except Exception as exc:  # any gateway failure is retried
                message.last_error = f"{type(exc).__name__}: {exc}"[:300]
                if message.attempts >= MAX_ATTEMPTS:
                    message.status = OutboxStatus.FAILED
                message.next_attempt_at = now + timedelta(minutes=2 ** message.attempts)
                logger.warning("outbox message %s failed (attempt %s)", message.pk,
                               message.attempts,
                               extra={"event": "outbox.failed", "message_id": str(message.pk),
                                      "channel": message.channel, "attempt": message.attempts,
                                      "given_up": message.status == OutboxStatus.FAILED})
            else:
                message.status = OutboxStatus.SENT
                message.sent_at = timezone.now()
                message.last_error = ""
                sent += 1
            message.save()
    return sent


@db_task(retries=3, retry_delay=10, retry_backoff=2)
def outbox_deliver_task() -> int:
    return outbox_deliver()


@db_periodic_task(crontab(minute="*"))
def outbox_deliver_periodic() -> int:
    return outbox_deliver()
