"""Background tasks (Huey). In tests they run immediately."""

from __future__ import annotations

import contextlib

from huey import crontab
from huey.contrib.djhuey import db_periodic_task
from huey.contrib.djhuey import db_task
from huey.contrib.djhuey import lock_task

from lindung.people.services import people_index_for_matching
from lindung.villages.models import CensusImport
from lindung.villages.services.imports import census_import_files_expire
from lindung.villages.services.imports import census_import_inspect
from lindung.villages.services.imports import census_import_run
from lindung.villages.services.imports import census_imports_read_again


@db_task()
def census_import_task(census_import_id: str) -> None:
    census_import = CensusImport.objects.filter(pk=census_import_id).first()
    if census_import is None:
        return
    # A failure is logged and the import marked failed (to be resumed) by the run itself.
    with contextlib.suppress(Exception):
        census_import_run(census_import=census_import)


@db_task()
def census_import_inspect_task(census_import_id: str) -> None:
    """Read an uploaded sheet in the worker (never in the web request): header row, column
    mapping, rows counted within the census limits, or the reason it was refused."""

    census_import = CensusImport.objects.filter(pk=census_import_id).first()
    if census_import is not None:
        census_import_inspect(census_import)


@db_task(retries=3, retry_delay=60)
def census_import_match_keys_task() -> int:
    """After an import: the matching keys of the people it wrote in bulk (everybody still
    without keys), so that screening and de-duplication find them at once rather than after
    the nightly indexing. One at a time (a second one retries a minute later)."""

    with lock_task("villages-census-match-keys"):
        return people_index_for_matching()


@db_periodic_task(crontab(minute="*/2"))
def census_import_read_again_task() -> int:
    """Every two minutes: uploads whose reading lost its worker (killed mid-read, or the
    queue was down) are queued again."""
    return census_imports_read_again()


@db_periodic_task(crontab(hour="2", minute="15"))
def census_import_files_expire_task() -> int:
    """Daily: the uploaded census sheets kept past their retention are deleted."""

    return census_import_files_expire()
