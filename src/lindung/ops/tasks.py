"""Periodic operations tasks: resume work whose worker died or whose queueing failed."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from lindung.common.lease import lease_held
from lindung.screening.choices import ManifestStatus
from lindung.screening.models import ScreeningManifest
from lindung.screening.tasks import manifest_screen_task

log = logging.getLogger("lindung.tasks")

#: A manifest with no progress for this long and no worker holding its lease has lost its
#: worker (killed, or the queue was unreachable when it was submitted).
STALL_AFTER = timedelta(seconds=90)


def stalled_work_resume() -> int:
    """Queue again the background manifests that wait without a worker; returns how many.
    Safe to run at any time: a manifest resumes after its last committed chunk, and its
    lease keeps a second worker off while one is on it."""

    cutoff = timezone.now() - STALL_AFTER
    stalled = (ScreeningManifest.objects
               .filter(status__in=[ManifestStatus.QUEUED, ManifestStatus.RUNNING],
                       job__isnull=False, job__updated_at__lt=cutoff)
               .exclude(file="").values_list("pk", flat=True))
    resumed = 0
    for manifest_id in stalled:
        if lease_held(f"manifest:{manifest_id}"):
            continue
        manifest_screen_task(str(manifest_id))
        resumed += 1
        log.warning("manifest %s resumed", manifest_id,
                    extra={"event": "work.resumed", "kind": "screening.manifest",
                           "object_id": str(manifest_id)})
    return resumed


@db_periodic_task(crontab(minute="*"))
def stalled_work_resume_periodic() -> int:
    return stalled_work_resume()
