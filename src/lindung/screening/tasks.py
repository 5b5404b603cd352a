"""Background screening of large manifests (Huey). In tests tasks run immediately.

A run holds the manifest's lease (``lindung.common.lease``) so that no two workers screen it
at once; a worker killed mid-run leaves its committed chunks and an expiring lease, and
``lindung.ops.tasks.stalled_work_resume`` queues the manifest again (it resumes after the
last committed chunk; a passenger row is unique per manifest, so none is screened twice).
"""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

from lindung.common.lease import lease
from lindung.screening.choices import ManifestStatus
from lindung.screening.models import ScreeningManifest
from lindung.screening.services import manifest_screen_fail
from lindung.screening.services import manifest_screen_run

log = logging.getLogger("lindung.screening.tasks")


@db_task(retries=3, retry_delay=30, retry_backoff=2)
def manifest_screen_task(manifest_id: str) -> None:
    manifest = ScreeningManifest.objects.filter(pk=manifest_id).first()
    if manifest is None or manifest.status == ManifestStatus.DONE:
        return
    with lease(f"manifest:{manifest_id}", seconds=60) as mine:
        if not mine:
            log.info("manifest %s is being screened by another worker", manifest_id,
                     extra={"event": "task.skipped", "object_id": manifest_id})
            return
        try:
            manifest_screen_run(manifest=manifest)
        except Exception as exc:
            log.exception("screening of manifest %s failed", manifest_id,
                          extra={"event": "task.failed", "object_id": manifest_id})
            manifest_screen_fail(manifest_id, exc)
            raise
