"""Each role's day on its landing page (issue 16): the figures a post works from, each one
counted from the records it names, through the access helper and the existing selectors.

- task-force officer: reports past or near their deadline, today's manifests at the post,
  prevented departures this month at the post (beside the open reports and alerts of
  `selectors.post_work`);
- village officer: per village, its households, the loan instalments due and the village's
  indicators (`villages.selectors.indicators`);
- coordinator: the province's plan indicators, this year's target against the actual value
  (`coordination.selectors.indicator_view`, which applies the small-cell rule to whoever
  reads), and the plan's actions by state.

The desk officer's day is the desk queue with its waiting times
(`ltsa.selectors.applications.desk_waiting`). A role reads only records of its own area, so
the small-cell rule (common/disclosure.py) is not applied to its own counts; the plan
metrics apply it themselves."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.db.models import Sum
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.formatting import zone_for_region
from lindung.coordination.models import PlanPeriod
from lindung.coordination.selectors import indicator_view
from lindung.coordination.selectors import plan_summary
from lindung.core import access
from lindung.core.roles import VIEW
from lindung.prevention.models import PreventedDeparture
from lindung.reports.models import PublicReport
from lindung.reports.selectors import report_list
from lindung.screening.models import ScreeningManifest
from lindung.villages.choices import LoanStatus
from lindung.villages.models import CensusHousehold
from lindung.villages.models import Loan
from lindung.villages.selectors.cooperative import loan_state
from lindung.villages.selectors.indicators import indicators_for

DUE_SOON = timedelta(hours=24)
LOANS_DUE_DAYS = 30


def post_today(user: User, now: datetime | None = None) -> date:
    """The date at the user's post (its zone: Kupang is on WITA), whatever zone is active."""
    return (now or timezone.now()).astimezone(zone_for_region(access.home_code(user))).date()


@dataclass(frozen=True)
class PostDay:
    today: date
    reports_overdue: int
    reports_due_soon: int  # open, due within DUE_SOON and not past due
    manifests: list[Any]  # today's manifests at the post
    prevented_records: int  # this month at the post
    prevented_people: int
    month_start: date
    can_reports: bool
    can_manifests: bool
    can_prevented: bool


def post_day(user: User, *, now: datetime | None = None) -> PostDay:
    now = now or timezone.now()
    today = post_today(user, now)
    month_start = today.replace(day=1)
    overdue = due_soon = 0
    can_reports = access.can(user, VIEW, PublicReport)
    if can_reports:
        open_reports = report_list(user=user, status="open")
        overdue = open_reports.filter(due_at__lt=now).count()
        due_soon = open_reports.filter(due_at__gte=now, due_at__lt=now + DUE_SOON).count()
    manifests: list[Any] = []
    can_manifests = access.can(user, VIEW, ScreeningManifest)
    if can_manifests:
        todays = access.visible(user, ScreeningManifest.objects.filter(departure_date=today))
        if user.site_id:
            todays = todays.filter(site_id=user.site_id)
        manifests = list(todays.select_related("site").order_by("created_at")[:20])
    records = people = 0
    can_prevented = access.can(user, VIEW, PreventedDeparture)
    if can_prevented:
        month = access.visible(user, PreventedDeparture.objects.filter(
            date__gte=month_start, date__lte=today))
        if user.site_id:
            month = month.filter(site_id=user.site_id)
        totals = month.aggregate(records=Count("id"), people=Sum("people_count"))
        records, people = totals["records"] or 0, totals["people"] or 0
    return PostDay(today=today, reports_overdue=overdue, reports_due_soon=due_soon,
                   manifests=manifests, prevented_records=records, prevented_people=people,
                   month_start=month_start, can_reports=can_reports,
                   can_manifests=can_manifests, can_prevented=can_prevented)


@dataclass(frozen=True)
class LoanDue:
    loan: Any
    member_name: str
    due_on: date
    remaining: int  # of the earliest unsettled instalment due in the window
    late: bool


@dataclass
class VillageDay:
    village: Any  # ProgrammeVillage
    households: int = 0
    loans_due: list[LoanDue] = field(default_factory=list)
    indicators: Any = None  # villages.selectors.indicators.Indicators


def village_days(user: User, villages: list[Any], *, on: date | None = None,
                 ) -> list[VillageDay]:
    """For each of the officer's villages: households, the running loans with an unsettled
    instalment due by `on` + LOANS_DUE_DAYS (late ones first), and the indicators."""
    on = on or post_today(user)
    horizon = on + timedelta(days=LOANS_DUE_DAYS)
    days: list[VillageDay] = []
    for village in villages:
        day = VillageDay(village=village)
        if access.can(user, VIEW, CensusHousehold):
            day.households = access.visible(user, CensusHousehold.objects.filter(
                programme_village=village)).count()
        if access.can(user, VIEW, Loan):
            running = access.visible(user, Loan.objects.filter(
                cooperative__programme_village=village, status=LoanStatus.DISBURSED,
                installments__due_on__lte=horizon).distinct()).select_related("member__person")
            for loan in running:
                state = loan_state(loan, on)
                unsettled = [s for s in state.installments
                             if not s.settled and s.installment.due_on <= horizon]
                if unsettled:
                    first = unsettled[0]
                    day.loans_due.append(LoanDue(
                        loan=loan, member_name=loan.member.person.name,
                        due_on=first.installment.due_on, remaining=first.remaining,
                        late=first.installment.due_on < on))
            day.loans_due.sort(key=lambda d: (d.due_on, d.loan.number))
        day.indicators = indicators_for(village.region_code, on)
        days.append(day)
    return days


@dataclass(frozen=True)
class IndicatorNow:
    indicator: Any
    year: Any  # coordination.selectors.IndicatorYear: this year's, else the latest with data


@dataclass(frozen=True)
class PlanDay:
    plan: Any
    year: int
    indicators: list[IndicatorNow]
    summary: Any  # coordination.selectors.PlanSummary


def province_plans(user: User, *, today: date | None = None) -> list[PlanDay]:
    """The plans of the coordinator's region covering this year: each indicator's target
    for the year against its actual value as the coordinator may read it."""
    today = today or post_today(user)
    if not access.can(user, VIEW, PlanPeriod):
        return []
    code = access.scope_code(user)
    plans = access.visible(user, PlanPeriod.objects.filter(
        start_year__lte=today.year, end_year__gte=today.year))
    if code:
        plans = plans.filter(region_code=code)
    result = []
    for plan in plans.order_by("region_code", "-start_year")[:3]:
        rows = []
        for indicator in plan.indicators.order_by("code").prefetch_related(
                "targets", "progress"):
            view = indicator_view(indicator, reader=user, today=today)
            this_year = next((y for y in view.years if y.year == today.year), None)
            shown = this_year if this_year and (this_year.actual is not None
                                                or this_year.suppressed) else view.latest
            rows.append(IndicatorNow(indicator=indicator, year=shown or this_year))
        result.append(PlanDay(plan=plan, year=today.year, indicators=rows,
                              summary=plan_summary(plan, today=today)))
    return result
