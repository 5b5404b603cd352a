"""The periodic report's figures, computed once and stored as JSON (`PeriodicReport.content`),
so the page, the PDF and the XLSX in either language show the same numbers.

Layout (version 1)::

    {"version": 1, "region": {"code", "name"}, "years": [..], "period": {"start", "end"},
     "generated_at": iso, "complete": bool (the period has ended),
     "figures": [{"metric", "section", "unit", "value", "available", "query", "source_app",
                  "snapshot", "by_year": [{"year", "value", "query", "available"}]}],
     "plan": null | {"id", "name", "region_code", "start_year", "end_year", "summary": {..},
                     "goals": [{"code", "title", "actions": [{..}]}],
                     "indicators": [{"code", "name", "unit", "method", "metric", "direction",
                                     "baseline", "baseline_year",
                                     "years": [{"year", "target", "actual", "status",
                                                "query"}]}]},
     "meetings": {"held": n, "by_level": {..}, "decisions": n,
                  "follow_ups": {"total", "done", "open", "overdue"}, "query": str},
     "sourced": [{"key", "label", "value", "unit", "period_start", "period_end", "region",
                  "source", "quote", "note", "recorded": null | {"value", "metric", "query"}}]}

Values are decimal strings (or null), never floats.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.utils import timezone
from django.utils import translation

from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.metrics import all_metrics
from lindung.coordination.metrics import compute
from lindung.coordination.metrics import memo_scope
from lindung.coordination.metrics.registry import MetricValue
from lindung.coordination.metrics.registry import within
from lindung.coordination.models import Decision
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Meeting
from lindung.coordination.models import PeriodicReport
from lindung.coordination.models import PlanPeriod
from lindung.coordination.rules import action_condition
from lindung.coordination.selectors import indicator_view
from lindung.coordination.selectors import plan_summary
from lindung.directory.models import Agency
from lindung.stats.models import SourcedFigure

CONTENT_VERSION = 1
Progress = Callable[[int, str], None]


def _names(key: str, agencies: list[Agency]) -> dict[str, Any]:
    """`key` (Bahasa Indonesia) and `key`_en: one agency's name, or a list of names."""
    names: dict[str, Any] = {}
    for lang, field in (("id", key), ("en", f"{key}_en")):
        with translation.override(lang):
            shown = [str(agency) for agency in agencies]
        names[field] = shown[0] if key == "responsible" else shown
    return names


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _figure(value: MetricValue) -> dict[str, Any]:
    return {"value": _text(value.value), "available": value.available,
            "query": value.query_description}


def step_count(report: PeriodicReport) -> int:
    years = report.end_year - report.start_year + 1
    return len(all_metrics()) * (1 + (years if years > 1 else 0)) + 3


def _figures(report: PeriodicReport, progress: Progress) -> list[dict[str, Any]]:
    start, end = date(report.start_year, 1, 1), date(report.end_year, 12, 31)
    years = list(range(report.start_year, report.end_year + 1))
    figures = []
    for metric in all_metrics():
        total = compute(metric.name, report.region_code, start, end)
        entry: dict[str, Any] = {
            "metric": metric.name, "section": metric.section, "unit": metric.unit,
            "source_app": metric.source_app, "snapshot": metric.snapshot, **_figure(total),
            "by_year": []}
        progress(1, metric.name)
        if len(years) > 1:
            for year in years:
                value = compute(metric.name, report.region_code, date(year, 1, 1),
                                date(year, 12, 31))
                entry["by_year"].append({"year": year, **_figure(value)})
                progress(1, f"{metric.name} {year}")
        figures.append(entry)
    return figures


def _plan(plan: PlanPeriod | None, years: list[int], today: date) -> dict[str, Any] | None:
    if plan is None:
        return None
    summary = plan_summary(plan, today=today)
    goals = []
    for goal in plan.goals.prefetch_related("actions__responsible", "actions__supporting"):
        actions = []
        for action in goal.actions.all():
            condition = action_condition(action, today)
            actions.append({
                "code": action.code, "title": action.title,
                # agency names in each language (the report is read in either)
                **_names("responsible", [action.responsible]),
                **_names("supporting", sorted(action.supporting.all(), key=str)),
                "deadline": action.deadline.isoformat(), "status": action.status,
                "progress": action.progress, "flag": condition[0] if condition else None})
        goals.append({"code": goal.code, "title": goal.title, "actions": actions})
    indicators = []
    for indicator in plan.indicators.prefetch_related("targets", "progress"):
        view = indicator_view(indicator, reader=None, today=today)
        indicators.append({
            "code": indicator.code, "name": indicator.name, "unit": indicator.unit,
            "method": indicator.method, "metric": indicator.metric,
            "direction": indicator.direction,
            "baseline": _text(indicator.baseline_value), "baseline_year": indicator.baseline_year,
            "years": [{"year": row.year, "target": _text(row.target),
                       "actual": _text(row.actual), "status": row.status,
                       "available": row.available,
                       "query": row.query or (f"coordination.IndicatorProgress where "
                                              f"indicator = {indicator.code}, year = {row.year}"
                                              if not indicator.is_computed else "")}
                      for row in view.years if row.year in years]})
    return {"id": str(plan.pk), "name": plan.name, "region_code": plan.region_code,
            "start_year": plan.start_year, "end_year": plan.end_year,
            "summary": {"total": summary.total, "by_status": summary.by_status,
                        "overdue": summary.overdue, "off_track": summary.off_track,
                        "done_share": summary.done_share},
            "goals": goals, "indicators": indicators}


def _meetings(region_code: str, start: date, end: date, today: date) -> dict[str, Any]:
    meetings = Meeting.objects.filter(within(region_code), held_on__gte=start, held_on__lte=end)
    held = meetings.filter(status=MeetingStatus.HELD)
    by_level = {level: 0 for level in MeetingLevel.values}
    for level, n in held.values_list("level").annotate(n=Count("id")).values_list("level", "n"):
        by_level[level] = n
    follow_ups = FollowUp.objects.filter(meeting__in=meetings)
    counts = follow_ups.aggregate(
        total=Count("id"), done=Count("id", filter=Q(status=FollowUpStatus.DONE)),
        open=Count("id", filter=Q(status=FollowUpStatus.OPEN)),
        overdue=Count("id", filter=Q(status=FollowUpStatus.OPEN, deadline__lt=today)))
    return {"held": held.count(), "by_level": by_level,
            "decisions": Decision.objects.filter(meeting__in=held).count(),
            "follow_ups": {k: int(v or 0) for k, v in counts.items()},
            "query": (f"coordination.Meeting where region_code within \"{region_code}\", "
                      f"held_on {start.isoformat()}..{end.isoformat()}; decisions of held "
                      f"meetings; their follow-ups by status")}


def _applies(figure: Any, region_code: str, start: date, end: date) -> bool:
    if figure.period_end < start or figure.period_start > end:
        return False
    code = figure.region_id or ""
    if not code:
        return region_code == ""
    return not region_code or code == region_code or code.startswith(region_code + ".")


def _recorded(figure: Any) -> dict[str, Any] | None:
    """What the system recorded for the same period and region, where a metric counts the
    same thing (prevented departures, as on the statistics page)."""
    if not figure.key.startswith("prevented"):
        return None
    name = ("prevention.people_prevented_immigration" if "immigration" in figure.key
            else "prevention.people_prevented")
    value = compute(name, figure.region_id or "", figure.period_start, figure.period_end)
    return {"metric": name, **_figure(value)}


def _sourced(region_code: str, start: date, end: date) -> list[dict[str, Any]]:
    rows = []
    for figure in SourcedFigure.objects.select_related("region").order_by("period_start", "key"):
        if not _applies(figure, region_code, start, end):
            continue
        rows.append({
            "key": figure.key, "label": figure.label, "value": figure.value,
            "unit": figure.unit, "period_start": figure.period_start.isoformat(),
            "period_end": figure.period_end.isoformat(),
            "region": str(figure.region) if figure.region else "",
            "source": figure.source, "quote": figure.quote, "note": figure.note,
            "recorded": _recorded(figure)})
    return rows


def build_content(report: PeriodicReport, *, progress: Progress | None = None,
                  today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    advance: Progress = progress or (lambda _n, _m: None)
    start, end = date(report.start_year, 1, 1), date(report.end_year, 12, 31)
    years = list(range(report.start_year, report.end_year + 1))
    with memo_scope():
        figures = _figures(report, advance)
        plan = _plan(report.plan, years, today)
        advance(1, "plan")
        meetings = _meetings(report.region_code, start, end, today)
        advance(1, "meetings")
        sourced = _sourced(report.region_code, start, end)
        advance(1, "sourced")
    return {
        "version": CONTENT_VERSION,
        "region": {"code": report.region_code,
                   "name": report.region.name if report.region else ""},
        "kind": report.kind, "years": years,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "complete": end < today, "generated_at": timezone.now().isoformat(),
        "figures": figures, "plan": plan, "meetings": meetings, "sourced": sourced,
    }
