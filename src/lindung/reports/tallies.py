"""Report tallies: the counts the statistics page sums, kept in step with every write
(core/tallies.py: per month, at the national, province and regency level).

Each report contributes to a few (dimension, value) counters of its received month; a service
takes the report's contributions before and after a change and applies the difference in the
same transaction; `report_tallies_rebuild` recomputes them from the reports (after a bulk
import, or to repair).
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.db.models import Count
from django.db.models import Sum

from lindung.core import tallies
from lindung.core.tallies import AREA_SQL
from lindung.core.tallies import Contribution
from lindung.core.tallies import TallyKey
from lindung.core.tallies import areas_of
from lindung.reports.choices import OPEN_STATUSES
from lindung.reports.choices import ReportStatus
from lindung.reports.models import PublicReport
from lindung.reports.models import ReportTally

RESOLUTION_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-1", 0, 1), ("2-7", 2, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("91+", 91, None),
)
RESOLVED_STATUSES = (ReportStatus.RESOLVED, ReportStatus.CLOSED)


def resolution_bucket(days: int) -> str:
    for label, low, high in RESOLUTION_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return RESOLUTION_BUCKETS[-1][0]


def contribution(report: PublicReport | None) -> Contribution:
    if report is None:
        return {}
    month = report.received_month
    parts: Counter[tuple[str, str]] = Counter()
    parts[("category", report.category)] += 1
    parts[("channel", report.channel)] += 1
    parts[("status", report.status)] += 1
    if report.status in OPEN_STATUSES:
        parts[("open", "1")] += 1
    if report.status in RESOLVED_STATUSES and report.resolution_days is not None:
        parts[("resolution", resolution_bucket(report.resolution_days))] += 1
        parts[("resolution_days", "sum")] += report.resolution_days
    return {(month, area, dimension, value): {"count": amount}
            for area in areas_of(report.region_code)
            for (dimension, value), amount in parts.items()}


def tally_apply(before: Contribution, after: Contribution) -> None:
    """Add after - before to the report tallies (call inside the writing transaction)."""
    tallies.tally_apply(ReportTally, before, after)


@transaction.atomic
def report_tallies_rebuild() -> int:
    """Recompute every tally from the reports; returns the number of tally rows."""
    ReportTally.objects.all().delete()
    totals: Counter[TallyKey] = Counter()
    reports = PublicReport.objects.order_by().annotate(area=AREA_SQL)
    for dimension in ("category", "channel", "status"):
        rows = reports.values("received_month", "area", dimension).annotate(n=Count("id"))
        for row in rows.iterator(chunk_size=5000):
            key = (row["received_month"], row["area"], dimension, str(row[dimension]))
            totals[key] += row["n"]
    for row in (reports.filter(status__in=OPEN_STATUSES)
                .values("received_month", "area").annotate(n=Count("id"))
                .iterator(chunk_size=5000)):
        totals[(row["received_month"], row["area"], "open", "1")] += row["n"]
    resolved = reports.filter(status__in=RESOLVED_STATUSES, resolution_days__isnull=False)
    for row in (resolved.values("received_month", "area", "resolution_days")
                .annotate(n=Count("id"), days=Sum("resolution_days"))
                .iterator(chunk_size=5000)):
        month, area = row["received_month"], row["area"]
        totals[(month, area, "resolution", resolution_bucket(row["resolution_days"]))] += row["n"]
        totals[(month, area, "resolution_days", "sum")] += row["days"]
    expanded: Counter[TallyKey] = Counter()
    for (month, area, dimension, value), n in totals.items():
        for level in areas_of(area):
            expanded[(month, level, dimension, value)] += n
    ReportTally.objects.bulk_create(
        [ReportTally(month=month, area_code=area, dimension=dimension, value=value, count=n)
         for (month, area, dimension, value), n in expanded.items()], batch_size=5000)
    return len(expanded)
