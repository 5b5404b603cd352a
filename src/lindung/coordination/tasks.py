"""Background tasks (Huey): building a big region's periodic report, and the daily scan
that flags overdue and off-track actions and follow-ups. In tests tasks run immediately."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task
from huey.contrib.djhuey import db_task

from lindung.coordination.models import PeriodicReport
from lindung.coordination.services.flags import flags_refresh
from lindung.coordination.services.reports import report_build


@db_task()
def periodic_report_task(report_id: str) -> None:
    report = PeriodicReport.objects.filter(pk=report_id).first()
    if report is not None:
        report_build(report=report)


@db_periodic_task(crontab(hour="5", minute="30"))
def flags_refresh_daily() -> int:
    return flags_refresh().raised
