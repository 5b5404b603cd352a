"""Base model, audit log, background jobs and the outbox."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from lindung.common import stored_text
from lindung.common.models import StrFormatModel
from lindung.core.choices import AuditAction
from lindung.core.choices import JobStatus
from lindung.core.choices import OutboxChannel
from lindung.core.choices import OutboxStatus


class BaseModel(StrFormatModel):
    """Every operational record: a uuid, when it was made and changed, and by whom."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )

    class Meta:
        abstract = True


class RegionScopedModel(BaseModel):
    """A record that belongs to one region. `region_code` (the Kemendagri code of its village,
    regency or province, copied from the record it hangs from when it is written) is what the
    access policies scope on (core/access.py), without a join."""

    region_code = models.CharField(max_length=16, db_index=True, editable=False)

    class Meta:
        abstract = True


class OptionallyRegionScopedModel(BaseModel):
    """As :class:`RegionScopedModel`, with `region_code` blank for a national record (or one
    whose region is not known yet); blank is national scope, never "everyone's"."""

    region_code = models.CharField(max_length=16, blank=True, db_index=True, editable=False)

    class Meta:
        abstract = True


class MonthlyTally(StrFormatModel):
    """One counter row of a statistics tally: month, area ("" national, a province or a
    regency code) and one (dimension, value), a row each; the counting fields are the
    concrete model's (core/tallies.py keeps them in step with the records)."""

    month = models.DateField()
    area_code = models.CharField(max_length=5)
    dimension = models.CharField(max_length=16)
    value = models.CharField(max_length=40)

    class Meta:
        abstract = True
        constraints = [models.UniqueConstraint(fields=["dimension", "area_code", "month", "value"],
                                               name="%(class)s_unique")]

    str_format = "{month} {area_code} {dimension}={value}"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEvent(StrFormatModel):
    """Who did what to which record, when, in which role. Append-only: the ORM refuses
    updates and deletes, and database triggers refuse them too (see migration 0002)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="audit_events",
    )
    actor_label = models.CharField(max_length=150, blank=True)
    actor_role = models.CharField(max_length=32, blank=True)
    actor_agency = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    entity = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    # The region the record belongs to: staff read the log within their scope.
    region_code = models.CharField(max_length=16, blank=True, db_index=True)
    # Field names changed and similar facts; never personal data values.
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["entity", "object_id"])]

    str_format = "{at:%Y-%m-%d %H:%M} {actor_label} {action} {entity}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


def progress_percent(done: int, total: int, *, finished: bool) -> int:
    """How far a long task (a job, a manifest's screening, a census import) has come, in
    whole percent: 100 once finished, else done of total (0 while there is no total)."""
    if finished:
        return 100
    return int(done * 100 / total) if total else 0


class BackgroundJob(BaseModel):
    """A long task (import, screening, de-duplication, export) with visible progress."""

    kind = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    region_code = models.CharField(max_length=16, blank=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{kind} {status} {done}/{total}"

    @property
    def message_text(self) -> str:
        """The progress message in the reader's language (kept as a msgid: stored_text)."""
        return stored_text.show(self.message)

    @property
    def percent(self) -> int:
        return progress_percent(self.done, self.total, finished=self.status == JobStatus.DONE)


class OutboxMessage(BaseModel):
    """Outgoing e-mail and SMS: written in the same transaction as the event that causes
    it, sent by a background task, retried on failure; nothing is lost if a gateway fails."""

    channel = models.CharField(max_length=8, choices=OutboxChannel.choices)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(max_length=8, choices=OutboxStatus.choices,
                              default=OutboxStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at"]

    str_format = "{channel} {status}"
