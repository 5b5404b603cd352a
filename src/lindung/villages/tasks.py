"""Background tasks (Huey). In tests they run immediately."""

from __future__ import annotations

import contextlib

from huey.contrib.djhuey import db_task

from lindung.villages.models import CensusImport


@db_task()
def census_import_task(census_import_id: str) -> None:
    from lindung.villages.services.imports import census_import_run

    census_import = CensusImport.objects.filter(pk=census_import_id).first()
    if census_import is None:
        return
    # A failure is logged and the import marked failed (to be resumed) by the run itself.
    with contextlib.suppress(Exception):
        census_import_run(census_import=census_import)
