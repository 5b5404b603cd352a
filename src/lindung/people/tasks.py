"""Background tasks of the person registry (Huey). In tests they run immediately."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task
from huey.contrib.djhuey import db_task

from lindung.core.models import BackgroundJob
from lindung.people.dedupe import dedupe_job_fail
from lindung.people.dedupe import dedupe_person
from lindung.people.dedupe import dedupe_run
from lindung.people.matching import key_frequencies_refresh
from lindung.people.matching import person_keys_backfill

log = logging.getLogger("lindung.people.tasks")


@db_task()
def dedupe_task(job_id: str) -> None:
    """De-duplicate the whole registry into the review queue (progress in the job)."""

    job = BackgroundJob.objects.filter(pk=job_id).first()
    if job is None:
        return
    try:
        dedupe_run(actor=job.created_by, job=job)
    except Exception as exc:
        log.exception("dedupe job %s failed", job_id)
        dedupe_job_fail(job_id, exc)
        raise


@db_task()
def dedupe_person_task(person_id: str) -> None:
    """Compare one new or changed person with the registry, into the review queue."""
    dedupe_person(person_id)


@db_periodic_task(crontab(hour="2", minute="15"))
def match_index_task() -> None:
    """Nightly: index people written without keys, recount key frequencies."""

    person_keys_backfill()
    key_frequencies_refresh()
