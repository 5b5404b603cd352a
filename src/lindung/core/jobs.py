"""Progress of long tasks, visible in pages (HTMX polling) and on the command line."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from lindung.core.choices import JobStatus
from lindung.core.models import BackgroundJob


def job_create(*, actor: Any, kind: str, params: dict[str, Any] | None = None,
               region_code: str = "", total: int = 0) -> BackgroundJob:
    return BackgroundJob.objects.create(
        kind=kind, params=params or {}, region_code=region_code, total=total,
        created_by=actor if getattr(actor, "is_authenticated", False) else None)


def job_start(job_id: Any, *, total: int | None = None, message: str = "") -> None:
    fields: dict[str, Any] = {"status": JobStatus.RUNNING, "started_at": timezone.now(),
                              "message": message[:300]}
    if total is not None:
        fields["total"] = total
    BackgroundJob.objects.filter(pk=job_id).update(**fields)


def job_progress(job_id: Any, *, done: int | None = None, advance: int = 0,
                 message: str | None = None) -> None:
    """Record progress outside the task's own transaction (call between chunks)."""
    fields: dict[str, Any] = {"updated_at": timezone.now()}
    if done is not None:
        fields["done"] = done
    elif advance:
        fields["done"] = F("done") + advance
    if message is not None:
        fields["message"] = message[:300]
    BackgroundJob.objects.filter(pk=job_id).update(**fields)


def job_finish(job_id: Any, *, result: dict[str, Any] | None = None, message: str = "") -> None:
    BackgroundJob.objects.filter(pk=job_id).update(
        status=JobStatus.DONE, finished_at=timezone.now(), result=result or {},
        message=message[:300], done=F("total"))


def job_fail(job_id: Any, *, message: str) -> None:
    BackgroundJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), message=message[:300])
