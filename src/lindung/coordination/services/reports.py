"""Periodic reports: requested for a region and period, built directly for a small region
(a regency or below) or in a background task with visible progress for a big one (a
province or the whole country), and downloaded (audited) as PDF or XLSX."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.common import stored_text
from lindung.coordination.choices import ReportKind
from lindung.coordination.choices import ReportStatus
from lindung.coordination.models import PeriodicReport
from lindung.coordination.models import PlanPeriod
from lindung.coordination.report.builder import build_content
from lindung.coordination.report.builder import step_count
from lindung.coordination.selectors import plans_covering
from lindung.coordination.services.common import check
from lindung.coordination.services.common import clean_text
from lindung.coordination.services.common import region_code_of
from lindung.coordination.services.common import require_in_scope
from lindung.core import access
from lindung.core import audit
from lindung.core import jobs
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.regions.models import Region

log = logging.getLogger("lindung.coordination.reports")
JOB_KIND = "coordination.periodic_report"
FIRST_YEAR = 2000
BIG_REGION_DEPTH = 1  # national ("") and provinces run as background tasks


def is_big_region(region_code: str) -> bool:
    return len(region_code.split(".")) <= BIG_REGION_DEPTH if region_code else True


@transaction.atomic
def report_request(*, actor: User, kind: str, start_year: int, region: Region | None = None,
                   plan: PlanPeriod | None = None) -> PeriodicReport:
    """A yearly report covers `start_year`; a five-yearly one `start_year` and the four
    years after it. Without a plan, the plan of the same region covering the period (if
    any) is reported on."""
    check(kind in ReportKind.values, "kind", _("Jenis laporan tidak dikenal"))
    this_year = timezone.localdate().year
    check(FIRST_YEAR <= start_year <= this_year, "start_year",
          _("Tahun awal harus %(first_year)s–%(this_year)s: laporan menghitung catatan yang "
            "sudah ada") % {"first_year": FIRST_YEAR, "this_year": this_year})
    end_year = start_year + (4 if kind == ReportKind.FIVE_YEARLY else 0)
    region_code = region_code_of(region)
    report = PeriodicReport(kind=kind, region=region, region_code=region_code,
                            start_year=start_year, end_year=end_year, created_by=actor,
                            updated_by=actor)
    require_in_scope(actor, CREATE, report)
    if plan is None:
        plan = plans_covering(region_code, start_year, end_year).order_by("start_year").first()
    else:
        check(access.can(actor, VIEW, plan), "plan", _("Rencana aksi tidak ditemukan"))
        check(plan.start_year <= end_year and plan.end_year >= start_year, "plan",
              _("Rencana '%(plan)s' (%(plan_start)s–%(plan_end)s) tidak mencakup periode "
                "laporan %(start)s–%(end)s")
              % {"plan": plan.name, "plan_start": plan.start_year, "plan_end": plan.end_year,
                 "start": start_year, "end": end_year})
    report.plan = plan
    audit.save_recorded(report, actor=actor, action=AuditAction.CREATE, region_code=region_code,
                        detail={"kind": kind, "start_year": start_year, "end_year": end_year,
                                "plan": str(plan.pk) if plan else "",
                                "background": is_big_region(region_code)})
    if is_big_region(region_code):
        job = jobs.job_create(actor=actor, kind=JOB_KIND, region_code=region_code,
                              params={"report": str(report.pk)}, total=step_count(report))
        report.job = job
        report.save(update_fields=["job"])
        transaction.on_commit(lambda: _enqueue(str(report.pk)))
    else:
        report_build(report=report)
    return report


NARRATIVE_FIELDS = ("achievements", "obstacles", "recommendations")


@transaction.atomic
def report_narrative_set(*, actor: User, report: PeriodicReport, achievements: str,
                         obstacles: str, recommendations: str) -> PeriodicReport:
    """The report's narrative sections, as the coordinator writes them: achievements,
    obstacles, recommendations (Perpres 22/2021). Printed before the figures; the figures'
    queries go to the annex."""
    require_in_scope(actor, CHANGE, report)
    before = {name: getattr(report, name) for name in NARRATIVE_FIELDS}
    report.achievements = clean_text(achievements, 5000)
    report.obstacles = clean_text(obstacles, 5000)
    report.recommendations = clean_text(recommendations, 5000)
    report.updated_by = actor
    report.full_clean()
    report.save(update_fields=[*NARRATIVE_FIELDS, "updated_by", "updated_at"])
    changed = [name for name in NARRATIVE_FIELDS if getattr(report, name) != before[name]]
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=report,
                        region_code=report.region_code, detail={"narrative": changed})
    return report


def _enqueue(report_id: str) -> None:
    from lindung.coordination.tasks import periodic_report_task

    periodic_report_task(report_id)


def report_build(*, report: PeriodicReport) -> PeriodicReport:
    """Compute the report's figures (with job progress when it has a job)."""

    job_id = report.job_id
    PeriodicReport.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    if job_id:
        jobs.job_start(job_id, message=gettext_noop("menyusun laporan"))
    done = 0

    def advance(steps: int, message: str) -> None:
        nonlocal done
        done += steps
        # `message` names the step for the log (a metric's code): the page shows the kept
        # message, in its reader's language, and the percentage
        if job_id and (done % 5 == 0 or message in ("plan", "meetings", "sourced")):
            jobs.job_progress(job_id, done=done, message=gettext_noop("menyusun laporan"))

    try:
        content = build_content(report, progress=advance)
    except Exception as exc:
        log.exception("periodic report %s failed", report.pk)
        # kept as a message with the error as its parameter, shown in the reader's language
        # (common.stored_text)
        message = stored_text.keep(gettext_noop("Kesalahan teknis: %(error)s"),
                                   error=f"{type(exc).__name__}: {exc}"[:200])
        PeriodicReport.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED,
                                                           message=message)
        if job_id:
            jobs.job_fail(job_id, message=message)
        report.refresh_from_db()
        return report
    report.content, report.status = content, ReportStatus.DONE
    report.generated_at, report.message = timezone.now(), ""
    report.save(update_fields=["content", "status", "generated_at", "message", "updated_at"])
    if job_id:
        jobs.job_finish(job_id, result={"report": str(report.pk)},
                        message=gettext_noop("laporan selesai"))
    return report


def report_downloaded(*, actor: User, report: PeriodicReport, fmt: str, lang: str) -> None:
    access.require(actor, VIEW, report)
    audit.record_object(actor=actor, action=AuditAction.EXPORT, obj=report,
                        region_code=report.region_code, detail={"format": fmt, "lang": lang})
