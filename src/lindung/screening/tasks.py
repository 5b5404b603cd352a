"""Background screening of large manifests (Huey). In tests tasks run immediately."""

from __future__ import annotations

import logging

from huey.contrib.djhuey import db_task

log = logging.getLogger("lindung.screening.tasks")


@db_task()
def manifest_screen_task(manifest_id: str) -> None:
    from lindung.screening.models import ScreeningManifest
    from lindung.screening.services import manifest_screen_fail, manifest_screen_run

    manifest = ScreeningManifest.objects.filter(pk=manifest_id).first()
    if manifest is None:
        return
    try:
        manifest_screen_run(manifest=manifest)
    except Exception as exc:
        log.exception("screening of manifest %s failed", manifest_id)
        manifest_screen_fail(manifest_id, exc)
        raise
