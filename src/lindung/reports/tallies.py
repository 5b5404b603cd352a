"""Report tallies: the counts the statistics page sums, kept in step with every write.

Each report contributes to a few (dimension, value) counters of its received month at
three levels: national (area ""), its province ("53") and its regency ("53.71"). A page
reads one level with an exact area match, so a national page sums a few hundred rows, not a
million reports nor every regency's rows. A service takes the report's contributions before and
after a change and applies the difference in the same transaction, so the tallies never
drift; `report_tallies_rebuild` recomputes them from the reports (after a bulk import, or
to repair).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import Substr

from lindung.reports.choices import OPEN_STATUSES, ReportStatus
from lindung.reports.models import PublicReport, ReportTally

# (dimension, value) -> amount
Contribution = Counter[tuple[str, str]]
TallyKey = tuple[date, str, str, str]  # month, area, dimension, value

RESOLUTION_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-1", 0, 1), ("2-7", 2, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("91+", 91, None),
)
RESOLVED_STATUSES = (ReportStatus.RESOLVED, ReportStatus.CLOSED)


def area_of(region_code: str) -> str:
    """The province or regency code a region belongs to ("53.71.01.1001" -> "53.71").
    Kemendagri codes are two digits per level, so this is also the first five characters
    (which is what the rebuild computes in SQL)."""
    return ".".join(region_code.split(".")[:2]) if region_code else ""


AREA_SQL = Substr("region_code", 1, 5)


def areas_of(region_code: str) -> list[str]:
    """The tally areas a record counts in: national, its province, its regency."""
    areas = [""]
    for area in (region_code[:2], area_of(region_code)):
        if area and area not in areas:
            areas.append(area)
    return areas


def resolution_bucket(days: int) -> str:
    for label, low, high in RESOLUTION_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return RESOLUTION_BUCKETS[-1][0]


def contribution(report: PublicReport | None) -> dict[TallyKey, int]:
    if report is None:
        return {}
    month = report.received_month
    parts: Contribution = Counter()
    parts[("category", report.category)] += 1
    parts[("channel", report.channel)] += 1
    parts[("status", report.status)] += 1
    if report.status in OPEN_STATUSES:
        parts[("open", "1")] += 1
    if report.status in RESOLVED_STATUSES and report.resolution_days is not None:
        parts[("resolution", resolution_bucket(report.resolution_days))] += 1
        parts[("resolution_days", "sum")] += report.resolution_days
    return {(month, area, dimension, value): amount
            for area in areas_of(report.region_code)
            for (dimension, value), amount in parts.items()}


def tally_apply(before: dict[TallyKey, int], after: dict[TallyKey, int]) -> None:
    """Add after - before to the tallies (call inside the writing transaction)."""
    delta: Counter[TallyKey] = Counter(after)
    delta.subtract(before)
    for (month, area, dimension, value), amount in sorted(delta.items()):
        if amount == 0:
            continue
        key: dict[str, object] = {"month": month, "area_code": area, "dimension": dimension,
                                  "value": value}
        if ReportTally.objects.filter(**key).update(count=F("count") + amount):
            continue
        try:
            with transaction.atomic():
                ReportTally.objects.create(count=amount, **key)
        except IntegrityError:  # created concurrently
            ReportTally.objects.filter(**key).update(count=F("count") + amount)


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
