"""Metrics from `lindung.reports`: public reports (through the task-force statistics
selector for whole calendar years, so the figures equal the statistics page), cases and
referrals (counted from the records).

Reports are counted by the month they were received, as the statistics page counts them:
"resolved" are the reports received in the period that are now resolved or closed with a
resolution time; "open" those received in the period that are still open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import Unit
from lindung.coordination.metrics.prevention import SELECTOR
from lindung.coordination.metrics.prevention import taskforce_statistics
from lindung.coordination.metrics.registry import MetricValue
from lindung.coordination.metrics.registry import aware_range
from lindung.coordination.metrics.registry import calendar_years
from lindung.coordination.metrics.registry import depth
from lindung.coordination.metrics.registry import month_aligned
from lindung.coordination.metrics.registry import period_words
from lindung.coordination.metrics.registry import region_words
from lindung.coordination.metrics.registry import register_metric
from lindung.coordination.metrics.registry import rounded
from lindung.coordination.metrics.registry import share
from lindung.coordination.metrics.registry import tally_area_q
from lindung.coordination.metrics.registry import whole
from lindung.coordination.metrics.registry import within
from lindung.reports.choices import OPEN_STATUSES
from lindung.reports.choices import ReferralStatus
from lindung.reports.models import Case
from lindung.reports.models import CaseVictim
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.models import ReportTally
from lindung.reports.tallies import RESOLVED_STATUSES

APP = "lindung.reports"
SOURCE = _("Laporan masyarakat yang diterima dan ditindaklanjuti (modul laporan)")
CASE_SOURCE = _("Kasus TPPO yang dibuka (modul laporan dan kasus)")
REFERRAL_SOURCE = _("Rujukan antarinstansi (modul laporan dan kasus)")


@dataclass
class ReportTotals:
    received: int
    resolved: int
    open: int
    days_sum: int | None  # None: only the selector's rounded mean is known
    mean_days: Decimal | None
    query: str


def _selector_totals(region_code: str, years: list[int]) -> ReportTotals:
    stats = [taskforce_statistics(region_code, year) for year in years]
    resolved = sum(s.table("resolution").total for s in stats)
    mean = rounded(stats[0].resolution_average_days) if len(stats) == 1 else None
    calls = " + ".join(f'{SELECTOR}(area="{region_code}", year={y})' for y in years)
    query = (f"{calls}: reports_total, table('resolution').total, reports_open, "
             f"resolution_average_days  [statistics page /prevention/statistics/]")
    return ReportTotals(received=sum(s.reports_total for s in stats), resolved=resolved,
                        open=sum(s.reports_open for s in stats), days_sum=None,
                        mean_days=mean, query=query)


def _own_totals(region_code: str, start: date, end: date) -> ReportTotals:
    """The same definitions as the selector, from the tallies (whole months, province or
    regency) or from the records."""

    if month_aligned(start, end) and depth(region_code) <= 2:
        rows = dict(ReportTally.objects.filter(
            tally_area_q(region_code), month__gte=start, month__lte=end,
            dimension__in=("category", "open", "resolution", "resolution_days"))
            .values_list("dimension").annotate(n=Sum("count")).values_list("dimension", "n"))
        totals = ReportTotals(
            received=int(rows.get("category") or 0), resolved=int(rows.get("resolution") or 0),
            open=int(rows.get("open") or 0), days_sum=int(rows.get("resolution_days") or 0),
            mean_days=None,
            query=(f"reports.ReportTally: sum(count) by dimension (category = received, "
                   f"open, resolution = resolved, resolution_days) where "
                   f"area_code = \"{region_code}\", "
                   f"month {start:%Y-%m}..{end:%Y-%m}"))
    else:
        begin, stop = aware_range(start, end)
        reports = PublicReport.objects.filter(within(region_code), received_at__gte=begin,
                                              received_at__lt=stop)
        resolved = reports.filter(status__in=RESOLVED_STATUSES, resolution_days__isnull=False)
        agg = resolved.aggregate(n=Count("id"), days=Sum("resolution_days"))
        totals = ReportTotals(
            received=reports.count(), resolved=int(agg["n"] or 0),
            open=reports.filter(status__in=OPEN_STATUSES).count(),
            days_sum=int(agg["days"] or 0), mean_days=None,
            query=(f"reports.PublicReport where {region_words(region_code)}, received_at "
                   f"{period_words(start, end)}: count(*); resolved = status in "
                   f"(resolved, closed) with resolution_days; open = status in open statuses"))
    if totals.resolved and totals.days_sum is not None:
        totals.mean_days = rounded(Decimal(totals.days_sum) / Decimal(totals.resolved))
    return totals


def report_totals(region_code: str, start: date, end: date, *, need_mean: bool = False,
                  ) -> ReportTotals:
    years = calendar_years(start, end)
    if years and apps.is_installed("lindung.prevention") and not (need_mean and len(years) > 1):
        return _selector_totals(region_code, years)
    return _own_totals(region_code, start, end)


def _report_count(field: str, label: Promise) -> None:
    """Register `reports.<field>`: that count of the report totals."""

    @register_metric(name=f"reports.{field}", label=label, unit=Unit.COUNT, section="reports",
                     source_app=APP, source_label=SOURCE, owner_entity="report")
    def count(region_code: str, start: date, end: date) -> MetricValue:
        totals = report_totals(region_code, start, end)
        return MetricValue(whole(getattr(totals, field)), Unit.COUNT, str(SOURCE), totals.query)


_report_count("received", _("Laporan masyarakat diterima"))
_report_count("resolved", _("Laporan selesai atau ditutup"))
_report_count("open", _("Laporan masih terbuka"))


@register_metric(name="reports.resolved_share", label=_("Bagian laporan yang selesai"),
                 unit=Unit.PERCENT, section="reports", source_app=APP, source_label=SOURCE,
                 kind="ratio",
                 owner_entity="report", base_metric="reports.received")
def reports_resolved_share(region_code: str, start: date, end: date) -> MetricValue:
    totals = report_totals(region_code, start, end)
    return MetricValue(share(totals.resolved, totals.received), Unit.PERCENT, str(SOURCE),
                       f"100 × resolved / received; {totals.query}")


@register_metric(name="reports.resolution_days_mean",
                 label=_("Rata-rata hari sampai laporan selesai"), unit=Unit.DAYS,
                 section="reports", source_app=APP, source_label=SOURCE, kind="ratio",
                 owner_entity="report", base_metric="reports.resolved")
def reports_resolution_days(region_code: str, start: date, end: date) -> MetricValue:
    totals = report_totals(region_code, start, end, need_mean=True)
    return MetricValue(totals.mean_days, Unit.DAYS, str(SOURCE),
                       f"sum(resolution_days) / resolved; {totals.query}")


def _cases(region_code: str, start: date, end: date) -> tuple[QuerySet[Any], str]:
    cases = Case.objects.filter(within(region_code), opened_month__gte=start.replace(day=1),
                                opened_month__lte=end)
    return cases, (f"reports.Case where {region_words(region_code)}, opened_month "
                   f"{start:%Y-%m}..{end:%Y-%m}")


@register_metric(name="cases.opened", label=_("Kasus TPPO dibuka"), unit=Unit.COUNT,
                 section="reports", source_app=APP, source_label=CASE_SOURCE,
                 owner_entity="case")
def cases_opened(region_code: str, start: date, end: date) -> MetricValue:
    cases, query = _cases(region_code, start, end)
    return MetricValue(whole(cases.count()), Unit.COUNT, str(CASE_SOURCE),
                       f"count(*) of {query}")


@register_metric(name="cases.victims", label=_("Korban dalam kasus yang dibuka"),
                 unit=Unit.PEOPLE, section="reports", source_app=APP, source_label=CASE_SOURCE,
                 owner_entity="case")
def cases_victims(region_code: str, start: date, end: date) -> MetricValue:
    cases, query = _cases(region_code, start, end)
    victims = CaseVictim.objects.filter(case__in=cases).values("person").distinct().count()
    return MetricValue(whole(victims), Unit.PEOPLE, str(CASE_SOURCE),
                       f"reports.CaseVictim: count(distinct person) of cases in {query}")


def _referrals(region_code: str, start: date, end: date, accepted: bool) -> MetricValue:
    begin, stop = aware_range(start, end)
    referrals = Referral.objects.filter(within(region_code), created_at__gte=begin,
                                        created_at__lt=stop)
    condition = ""
    if accepted:
        referrals = referrals.filter(Q(status=ReferralStatus.ACCEPTED))
        condition = ", status = accepted"
    query = (f"reports.Referral: count(*) where {region_words(region_code)} (the referred "
             f"report's region), created_at {period_words(start, end)}{condition}")
    return MetricValue(whole(referrals.count()), Unit.COUNT, str(REFERRAL_SOURCE), query)


@register_metric(name="referrals.made", label=_("Rujukan dibuat"), unit=Unit.COUNT,
                 section="referrals", source_app=APP, source_label=REFERRAL_SOURCE,
                 owner_entity="referral")
def referrals_made(region_code: str, start: date, end: date) -> MetricValue:
    return _referrals(region_code, start, end, accepted=False)


@register_metric(name="referrals.accepted", label=_("Rujukan diterima instansi tujuan"),
                 unit=Unit.COUNT, section="referrals", source_app=APP,
                 source_label=REFERRAL_SOURCE,
                 owner_entity="referral")
def referrals_accepted(region_code: str, start: date, end: date) -> MetricValue:
    return _referrals(region_code, start, end, accepted=True)
