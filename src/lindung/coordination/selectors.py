"""Reads of the coordination app.

`suggest_referral_receivers` is the entry point for the task-force module: given the kind
of case (the referral service code, e.g. "shelter", "consular"), where it is (a region
code) and, for a case abroad, the country, it returns the stakeholders that take such a
case there, best first.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import FlagKind
from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import StakeholderCategory
from lindung.coordination.metrics import compute
from lindung.coordination.metrics import compute_for
from lindung.coordination.metrics import get_metric
from lindung.coordination.metrics.registry import memo_scope
from lindung.coordination.models import Action
from lindung.coordination.models import Flag
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Indicator
from lindung.coordination.models import IndicatorProgress
from lindung.coordination.models import PlanPeriod
from lindung.coordination.models import ReferralPathway
from lindung.coordination.models.plan import year_bounds
from lindung.coordination.rules import action_condition
from lindung.coordination.rules import target_status
from lindung.core import access
from lindung.directory.choices import AgencyKind
from lindung.directory.models import Agency

_CATEGORY_OF_KIND = {
    AgencyKind.MISSION: StakeholderCategory.MISSION,
    AgencyKind.INTERNATIONAL: StakeholderCategory.INTERNATIONAL_ORGANISATION,
    AgencyKind.NGO: StakeholderCategory.NGO,
    AgencyKind.SHELTER: StakeholderCategory.SHELTER,
    AgencyKind.BANK: StakeholderCategory.SERVICE_PROVIDER,
    AgencyKind.SOCIAL_SECURITY: StakeholderCategory.SERVICE_PROVIDER,
}


def default_category(agency: Agency) -> str:
    if agency.kind == AgencyKind.INTERNATIONAL and agency.country not in ("", "ID") \
            and agency.level != "international":
        return StakeholderCategory.FOREIGN_COUNTERPART
    return _CATEGORY_OF_KIND.get(AgencyKind(agency.kind), StakeholderCategory.GOVERNMENT) \
        if agency.kind in AgencyKind.values else StakeholderCategory.GOVERNMENT


# --- referral pathways ------------------------------------------------------------------


def _region_matches(pathway_code: str, region_code: str) -> bool:
    return not pathway_code or region_code == pathway_code \
        or region_code.startswith(pathway_code + ".")


def suggest_referral_receivers(*, case_kind: str, region_code: str = "",
                               country: str = "") -> list[Agency]:
    """Stakeholders that take a case of `case_kind` in `region_code` (the dotted region
    code where the case is; "" = unknown) and, for a case abroad, `country` (ISO 3166-1
    alpha-2; "" or "ID" = in Indonesia), best first:

    1. a pathway for that very country before one for any country;
    2. the most specific region (a regency's pathway before its province's, before a
       national one);
    3. the pathway's priority (1 first), then the stakeholder's name.

    Only active pathways of active stakeholders count; a pathway for a country abroad is
    never suggested for a case in Indonesia, nor a regional one when the case's region is
    unknown. Each stakeholder appears once.
    """
    country = (country or "").upper()
    abroad = country not in ("", "ID")
    pathways = (ReferralPathway.objects.filter(case_kind=case_kind, active=True)
                .exclude(receiver__stakeholder_profile__active=False)
                .select_related("receiver"))
    pathways = pathways.filter(Q(country="") | Q(country=country)) if abroad \
        else pathways.filter(country__in=("", "ID"))
    ranked: list[tuple[tuple[int, int, int, str], Agency]] = []
    for pathway in pathways:
        if not _region_matches(pathway.region_code, region_code):
            continue
        specificity = len(pathway.region_code.split(".")) if pathway.region_code else 0
        country_first = 0 if (abroad and pathway.country == country) else 1
        ranked.append(((country_first, -specificity, pathway.priority,
                        pathway.receiver.name.lower()), pathway.receiver))
    seen: set[Any] = set()
    result: list[Agency] = []
    for _key, agency in sorted(ranked, key=lambda item: item[0]):
        if agency.pk not in seen:
            seen.add(agency.pk)
            result.append(agency)
    return result


# --- stakeholders -----------------------------------------------------------------------


def stakeholder_search(*, query: str = "", category: str = "", level: str = "",
                       service: str = "", country: str = "",
                       region_code: str = "") -> QuerySet[Agency]:
    agencies = Agency.objects.select_related("region", "stakeholder_profile").order_by("name")
    if query:
        agencies = agencies.filter(Q(name__icontains=query) | Q(short_name__icontains=query)
                                   | Q(code__icontains=query))
    if level:
        agencies = agencies.filter(level=level)
    if service:
        agencies = agencies.filter(coordination_services__service=service)
    if country:
        agencies = agencies.filter(country=country.upper())
    if region_code:
        agencies = agencies.filter(Q(region_id=region_code)
                                   | Q(region_id__startswith=region_code + "."))
    if category:
        kinds = [kind for kind, cat in _CATEGORY_OF_KIND.items() if cat == category]
        implicit = Q(stakeholder_profile__isnull=True) & (
            Q(kind__in=kinds) if category != StakeholderCategory.GOVERNMENT
            else ~Q(kind__in=list(_CATEGORY_OF_KIND)))
        agencies = agencies.filter(Q(stakeholder_profile__category=category) | implicit)
    return agencies.distinct()


# --- action plan ------------------------------------------------------------------------


def visible_plans(user: Any) -> QuerySet[PlanPeriod]:
    return access.visible(user, PlanPeriod.objects.select_related("region"))


def plans_covering(region_code: str, start_year: int, end_year: int) -> QuerySet[PlanPeriod]:
    return PlanPeriod.objects.filter(region_code=region_code, start_year__lte=end_year,
                                     end_year__gte=start_year)


@dataclass
class IndicatorYear:
    year: int
    target: Decimal | None
    actual: Decimal | None
    status: str  # met / not_met / no_target / no_data / pending (year not over)
    query: str = ""
    source: str = ""
    available: bool = True
    suppressed: bool = False  # a small count the reader may not see (common.disclosure)


@dataclass
class IndicatorView:
    indicator: Indicator
    years: list[IndicatorYear] = field(default_factory=list)
    metric_label: str = ""

    @property
    def latest(self) -> IndicatorYear | None:
        with_value = [y for y in self.years if y.actual is not None]
        return with_value[-1] if with_value else None


def manual_actual(progress: list[IndicatorProgress], year: int) -> Decimal | None:
    """The year's value: its whole-year report, else the latest quarter's year-to-date."""
    rows = [p for p in progress if p.year == year]
    whole = [p for p in rows if p.quarter == 0]
    if whole:
        return whole[0].value
    quarters = sorted(rows, key=lambda p: p.quarter)
    return quarters[-1].value if quarters else None


def indicator_view(indicator: Indicator, *, reader: Any, today: date | None = None,
                   ) -> IndicatorView:
    """Targets and actual values per plan year; computed indicators from their metric
    (each value with its query), manual ones from their progress reports. A computed count
    of people or cases is shown as `reader` may see it (`metrics.compute_for`); `reader`
    None is the report builder, whose documents only the plan's owners read."""

    today = today or timezone.localdate()
    plan = indicator.plan
    targets = {t.year: t.value for t in indicator.targets.all()}
    progress = list(indicator.progress.all())
    view = IndicatorView(indicator=indicator)
    if indicator.method == IndicatorMethod.COMPUTED:
        try:
            view.metric_label = str(get_metric(indicator.metric).label)
        except LookupError:
            view.metric_label = indicator.metric
    with memo_scope():
        for year in plan.years:
            if year > today.year:
                view.years.append(IndicatorYear(year, targets.get(year), None, "pending"))
                continue
            row = IndicatorYear(year, targets.get(year), None, "no_data")
            if indicator.method == IndicatorMethod.COMPUTED:
                start, end = year_bounds(year)
                try:
                    value = compute(indicator.metric, plan.region_code, start, end) \
                        if reader is None else \
                        compute_for(reader, indicator.metric, plan.region_code, start, end)
                except LookupError:
                    row.available = False
                else:
                    row.actual, row.query = value.value, value.query_description
                    row.source, row.available = value.source_description, value.available
                    row.suppressed = value.suppressed
            else:
                row.actual = manual_actual(progress, year)
            status = target_status(indicator.direction, row.target, row.actual) \
                if not row.suppressed else "suppressed"
            row.status = "pending" if year == today.year and status == "not_met" else status
            view.years.append(row)
    return view


@dataclass
class PlanSummary:
    total: int
    by_status: dict[str, int]
    overdue: int
    off_track: int
    done_share: int | None


def plan_summary(plan: PlanPeriod, *, today: date | None = None) -> PlanSummary:
    today = today or timezone.localdate()
    actions = list(plan.actions.all())
    by_status = {status: 0 for status in ActionStatus.values}
    overdue = off_track = 0
    for action in actions:
        by_status[action.status] += 1
        condition = action_condition(action, today)
        if condition and condition[0] == FlagKind.OVERDUE:
            overdue += 1
        elif condition:
            off_track += 1
    counted = len(actions) - by_status[ActionStatus.CANCELLED]
    done = by_status[ActionStatus.DONE]
    return PlanSummary(total=len(actions), by_status=by_status, overdue=overdue,
                       off_track=off_track,
                       done_share=round(done * 100 / counted) if counted else None)


def actions_of_agency(agency: Agency) -> QuerySet[Action]:
    return Action.objects.filter(Q(responsible=agency) | Q(supporting=agency)).distinct()


def open_follow_up_count(agency: Agency) -> int:
    return FollowUp.objects.filter(owner=agency, status=FollowUpStatus.OPEN).count()


def flags_for(user: Any, *, open_only: bool = True) -> QuerySet[Flag]:
    flags = access.visible(user, Flag.objects.select_related(
        "agency", "action", "action__plan", "follow_up", "follow_up__meeting"))
    if open_only:
        flags = flags.filter(resolved_on__isnull=True)
    return flags.order_by("-raised_on", "-created_at")
