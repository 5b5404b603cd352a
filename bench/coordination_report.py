"""Benchmark: the coordination module's periodic report and daily flag scan on a large
synthetic database.

    .venv/bin/python bench/coordination_report.py [--db sqlite|postgres]
        [--reports 200000] [--departures 50000] [--actions 2000] [--follow-ups 5000]

Builds a fresh database (SQLite file under /tmp, or the PostgreSQL database
``lindung_bench_coordination``) with the task-force data of ``bench/taskforce_queue_stats``
(the whole region tree, the seed's agencies, figures and embarkation points, synthetic
public reports and prevented departures bulk-loaded, tallies rebuilt), adds a national
five-year plan with goals, actions, computed indicators for every metric, meetings with
follow-ups and referral pathways, then times:

1. report builds (`report_build`, as the background task runs it): national yearly,
   national five-yearly, a province (NTT) yearly, a regency (Kota Kupang) yearly;
2. the rendering of the national five-yearly report as a page model, PDF and XLSX, in both
   languages;
3. the daily flag scan (`flags_refresh`) over every action and follow-up, first run (raises
   flags and queues e-mails) and second run (nothing new);
4. `suggest_referral_receivers`, p50/p95 over 500 calls.

Rows are synthetic (marked so).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PG_URL = "postgres://postgres@127.0.0.1:5432/lindung_bench_coordination"


def _taskforce_bench() -> Any:
    spec = importlib.util.spec_from_file_location("taskforce_bench",
                                                  ROOT / "bench" / "taskforce_queue_stats.py")
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.PG_URL = PG_URL  # its own database, dropped and re-created here
    return module


def _timed(label: str, work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = work()
    print(f"  {label:<58} {time.perf_counter() - started:7.2f} s", flush=True)
    return result


def _coordination_data(actions: int, follow_ups: int) -> Any:
    """A national plan with computed indicators for every metric, actions spread over
    responsible agencies, meetings with follow-ups, pathways."""
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import timezone

    from lindung.coordination import services
    from lindung.coordination.choices import ActionStatus
    from lindung.coordination.choices import IndicatorMethod
    from lindung.coordination.choices import MeetingLevel
    from lindung.coordination.choices import MeetingStatus
    from lindung.coordination.choices import ServiceKind
    from lindung.coordination.metrics import all_metrics
    from lindung.coordination.models import Action
    from lindung.coordination.models import Decision
    from lindung.coordination.models import FollowUp
    from lindung.coordination.models import Meeting
    from lindung.coordination.models import MeetingParticipant
    from lindung.coordination.models import StakeholderService
    from lindung.directory.models import Agency
    from lindung.regions.models import Region

    rng = random.Random(2019)
    admin = _bench_admin()
    year = timezone.localdate().year
    plan = services.plan_create(actor=admin, name="RAN PP TPPO (sintetis)",
                                start_year=year - 4, end_year=year)
    goals = [services.goal_create(actor=admin, plan=plan, code=str(n), title=f"Sasaran {n}")
             for n in range(1, 6)]
    for n, metric in enumerate(all_metrics(), start=1):
        services.indicator_create(actor=admin, plan=plan, code=f"I{n}", name=str(metric.label),
                                  unit=metric.unit, method=IndicatorMethod.COMPUTED,
                                  metric=metric.name)
    agencies = list(Agency.objects.order_by("code"))
    today = timezone.localdate()
    statuses = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.IN_PROGRESS,
                ActionStatus.BLOCKED, ActionStatus.DONE]
    with transaction.atomic():
        Action.objects.bulk_create([
            Action(plan=plan, goal=rng.choice(goals), code=f"A{n}", title=f"Kegiatan {n}",
                   responsible=rng.choice(agencies), region_code="",
                   start_date=date(year - 4, 1, 1) + timedelta(days=rng.randrange(0, 900)),
                   deadline=date(year - 4, 1, 1) + timedelta(days=rng.randrange(300, 1800)),
                   status=(status := rng.choice(statuses)),
                   progress=100 if status == ActionStatus.DONE else rng.randrange(0, 95),
                   completed_on=today if status == ActionStatus.DONE else None)
            for n in range(actions)], batch_size=1000)
        meetings = Meeting.objects.bulk_create([
            Meeting(title=f"Rapat {n}", level=MeetingLevel.NATIONAL, region_code="",
                    held_on=today - timedelta(days=rng.randrange(1, 1500)), place="Jakarta",
                    organiser=rng.choice(agencies), status=MeetingStatus.HELD)
            for n in range(max(follow_ups // 10, 1))], batch_size=1000)
        MeetingParticipant.objects.bulk_create([
            MeetingParticipant(meeting=m, agency=a) for m in meetings
            for a in {m.organiser, *rng.sample(agencies, 3)}], batch_size=2000)
        decisions = Decision.objects.bulk_create(
            [Decision(meeting=m, text="Keputusan sintetis") for m in meetings], batch_size=1000)
        FollowUp.objects.bulk_create([
            FollowUp(meeting=(d := rng.choice(decisions)).meeting, decision=d,
                     title=f"Tindak lanjut {n}", owner=d.meeting.organiser,
                     deadline=d.meeting.held_on + timedelta(days=rng.randrange(7, 120)),
                     status=(done := "done" if rng.random() < 0.6 else "open"),
                     completed_on=today if done == "done" else None, region_code="")
            for n in range(follow_ups)], batch_size=1000)
        provinces = list(Region.objects.filter(level="province"))
        receivers = agencies[:60]
        for agency in receivers:
            StakeholderService.objects.get_or_create(agency=agency, service=ServiceKind.SHELTER)
        for n in range(300):
            agency = receivers[n % len(receivers)]
            with contextlib.suppress(ValidationError):  # a duplicate pathway: skip it
                services.referral_pathway_create(
                    actor=admin, receiver=agency, case_kind=ServiceKind.SHELTER,
                    region=rng.choice(provinces) if n % 3 else None,
                    country=rng.choice(["", "MY", "SA", "HK"]), priority=rng.randrange(1, 10))
    return plan


def _bench_admin() -> Any:
    from lindung.accounts.models import User
    from lindung.accounts.services import staff_create
    from lindung.core.roles import Role

    user = User.objects.filter(username="bench-admin").first()
    return user or staff_create(actor=None, username="bench-admin",
                                password=uuid.uuid4().hex, role=Role.ADMIN, scope_region=None)


def _build(kind: str, start_year: int, region_code: str, plan: Any) -> Any:
    from lindung.coordination.models import PeriodicReport
    from lindung.coordination.services.reports import report_build
    from lindung.regions.models import Region

    end_year = start_year + (4 if kind == "five_yearly" else 0)
    report = PeriodicReport.objects.create(
        kind=kind, region=Region.objects.filter(code=region_code).first(),
        region_code=region_code, start_year=start_year, end_year=end_year,
        plan=plan if not region_code else None)
    report_build(report=report)
    assert report.status == "done", report.message
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--reports", type=int, default=200_000)
    parser.add_argument("--departures", type=int, default=50_000)
    parser.add_argument("--actions", type=int, default=2_000)
    parser.add_argument("--follow-ups", type=int, default=5_000)
    parser.add_argument("--reuse", default="",
                        help="an earlier run's LINDUNG_VAR_DIR (SQLite) to skip the load")
    args = parser.parse_args()
    taskforce = _taskforce_bench()
    reused = taskforce._setup(args.db, args.reuse)
    from django.db import connection
    from django.utils import timezone

    print(f"database: {connection.vendor}", flush=True)
    if reused:
        from lindung.coordination.models import Meeting
        from lindung.coordination.models import PeriodicReport
        from lindung.coordination.models import PlanPeriod

        for model in (PeriodicReport, Meeting, PlanPeriod):
            model.objects.all().delete()
    else:
        taskforce._populate(argparse.Namespace(reports=args.reports,
                                               departures=args.departures))
    from django.conf import settings

    print(f"  data directory: {settings.VAR_DIR}", flush=True)
    plan = _timed(f"coordination data ({args.actions:,} actions, "
                  f"{args.follow_ups:,} follow-ups)",
                  lambda: _coordination_data(args.actions, args.follow_ups))
    year = timezone.localdate().year
    print("report builds:", flush=True)
    _timed("national, yearly (last year)", lambda: _build("yearly", year - 1, "", plan))
    five = _timed("national, five-yearly", lambda: _build("five_yearly", year - 4, "", plan))
    _timed("province NTT (53), yearly", lambda: _build("yearly", year - 1, "53", plan))
    _timed("Kota Kupang (53.71), yearly", lambda: _build("yearly", year - 1, "53.71", plan))
    from lindung.coordination.report.pdf import report_pdf
    from lindung.coordination.report.render import report_view
    from lindung.coordination.report.xlsx import report_xlsx

    print("rendering the national five-yearly report:", flush=True)
    for lang in ("id", "en"):
        view = _timed(f"page model ({lang})", partial(report_view, five, lang))
        pdf = _timed(f"PDF ({lang})", partial(report_pdf, view))
        xlsx = _timed(f"XLSX ({lang})", partial(report_xlsx, view))
        print(f"    PDF {len(pdf) / 1024:.0f} KiB, XLSX {len(xlsx) / 1024:.0f} KiB", flush=True)
    from lindung.coordination.services.flags import flags_refresh

    print("daily flag scan:", flush=True)
    first = _timed("first run", flags_refresh)
    print(f"    raised {first.raised:,}, messages queued {first.messages:,}", flush=True)
    second = _timed("second run (nothing new)", flags_refresh)
    print(f"    raised {second.raised:,}, resolved {second.resolved:,}", flush=True)
    from lindung.coordination.selectors import suggest_referral_receivers

    times = []
    rng = random.Random(7)
    for _ in range(500):
        started = time.perf_counter()
        suggest_referral_receivers(case_kind="shelter",
                                   region_code=rng.choice(["53.71.01.1001", "32.04", ""]),
                                   country=rng.choice(["", "MY", "SA"]))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    print(f"suggest_referral_receivers: p50 {statistics.median(times):.1f} ms, "
          f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms", flush=True)


if __name__ == "__main__":
    main()
