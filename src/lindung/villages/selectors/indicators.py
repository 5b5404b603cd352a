"""Indicators per village, regency, province and nationally (a region code prefix; "" is
national). Aggregates only: no person-level data leaves this module.

- non-procedural departures over time: stays abroad in the census by year of departure
  (procedural or not), beside the task force's prevented departures of people from the
  region (from `lindung.prevention` when that app provides them);
- the share of remittances used productively;
- active businesses and their turnover;
- children of PMI with KIS / KIP cards received;
- the cooperatives' portfolio at risk (PAR30) and savings.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import FieldError
from django.db import DatabaseError
from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.db.models.functions import Substr

from lindung.core.access import scope_q
from lindung.villages.choices import AccountRole
from lindung.villages.choices import BusinessStatus
from lindung.villages.choices import CardKind
from lindung.villages.choices import CardStatus
from lindung.villages.choices import RemittanceUse
from lindung.villages.dates import add_months
from lindung.villages.models import BusinessGroup
from lindung.villages.models import CensusHousehold
from lindung.villages.models import ChildCard
from lindung.villages.models import ChildProfile
from lindung.villages.models import CoopMember
from lindung.villages.models import JournalLine
from lindung.villages.models import Loan
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Remittance
from lindung.villages.models import RemittanceAllocation
from lindung.villages.models import StayAbroad
from lindung.villages.models import TurnoverReport
from lindung.villages.selectors.cooperative import Portfolio
from lindung.villages.selectors.cooperative import portfolio

log = logging.getLogger("lindung.villages.indicators")

CHILD_CODE_LENGTH = {0: 2, 2: 5, 5: 13, 8: 13}  # region code length -> child code length


@dataclass
class Indicators:
    region_code: str
    villages: int = 0
    households: int = 0
    members: int = 0
    abroad_now: int = 0
    returned: int = 0
    departures_by_year: dict[int, dict[str, int]] = field(default_factory=dict)
    prevented_by_year: dict[int, int] | None = None
    remittance_by_use: dict[str, int] = field(default_factory=dict)
    remittances_received: int = 0
    businesses_active: int = 0
    businesses_total: int = 0
    turnover_12m: int = 0
    turnover_by_month: list[tuple[date, int]] = field(default_factory=list)
    children: int = 0
    children_enrolled: int = 0
    cards: dict[str, dict[str, int]] = field(default_factory=dict)
    coop_members: int = 0
    savings_total: int = 0
    portfolio: Portfolio = field(default_factory=lambda: Portfolio(0, 0, 0, 0))

    @property
    def non_procedural_total(self) -> int:
        return sum(v["non_procedural"] for v in self.departures_by_year.values())

    @property
    def productive_share(self) -> float | None:
        used = sum(self.remittance_by_use.values())
        if not used:
            return None
        return round(self.remittance_by_use.get(RemittanceUse.PRODUCTIVE, 0) * 100 / used, 1)

    @property
    def kis_received(self) -> int:
        return self.card_received(CardKind.KIS)

    @property
    def kip_received(self) -> int:
        return self.card_received(CardKind.KIP)

    @property
    def cards_waiting(self) -> int:
        return self.card_waiting(CardKind.KIS) + self.card_waiting(CardKind.KIP)

    def card_received(self, kind: str) -> int:
        return self.cards.get(kind, {}).get(CardStatus.RECEIVED, 0)

    def card_waiting(self, kind: str) -> int:
        counts = self.cards.get(kind, {})
        return counts.get(CardStatus.NEEDED, 0) + counts.get(CardStatus.APPLIED, 0)


def _in(region_code: str, qs: QuerySet[Any], field_name: str = "region_code") -> QuerySet[Any]:
    return qs.filter(scope_q(region_code, field_name))


def departures_by_year(region_code: str) -> dict[int, dict[str, int]]:
    rows = (_in(region_code, StayAbroad.objects.filter(departed_on__isnull=False))
            .annotate(year=ExtractYear("departed_on")).values("year")
            .annotate(n_non=Count("id", filter=Q(procedural=False)),
                      n_yes=Count("id", filter=Q(procedural=True)),
                      n_unknown=Count("id", filter=Q(procedural__isnull=True)))
            .order_by("year"))
    return {int(row["year"]): {"non_procedural": row["n_non"], "procedural": row["n_yes"],
                               "unknown": row["n_unknown"]}
            for row in rows}


def prevented_by_year(region_code: str) -> dict[int, int] | None:
    """People from the region whom the task force stopped from leaving non-procedurally,
    by year, from `lindung.prevention` (None when that app does not provide them). Counted
    by the person's home region; records without people fall back to the site's region."""
    try:
        people_model = apps.get_model("prevention", "PreventedDeparturePerson")
        people_model._meta.get_field("person")
        people_model._meta.get_field("departure")
        rows = (_in(region_code, people_model.objects.all(), "person__region_code")
                .annotate(year=ExtractYear("departure__date")).values("year")
                .annotate(n=Count("id")).order_by("year"))
        return {int(row["year"]): int(row["n"]) for row in rows}
    except (LookupError, FieldDoesNotExist, FieldError, DatabaseError):
        pass
    try:
        model = apps.get_model("prevention", "PreventedDeparture")
        model._meta.get_field("region_code")
        model._meta.get_field("date")
        rows = (_in(region_code, model.objects.all()).annotate(year=ExtractYear("date"))
                .values("year").annotate(n=Count("id")).order_by("year"))
        return {int(row["year"]): int(row["n"]) for row in rows}
    except (LookupError, FieldDoesNotExist, FieldError, DatabaseError):
        log.debug("prevented departures not available")
        return None


def _turnover(region_code: str, on: date) -> tuple[int, list[tuple[date, int]]]:
    first = add_months(on.replace(day=1), -11)
    rows = dict(_in(region_code, TurnoverReport.objects.filter(period__gte=first,
                                                              period__lte=on))
                .values_list("period").annotate(s=Sum("turnover")).values_list("period", "s"))
    months = [add_months(first, n) for n in range(12)]
    series = [(month, int(rows.get(month, 0) or 0)) for month in months]
    return sum(value for _, value in series), series


def _savings_total(region_code: str) -> int:
    sums = _in(region_code, JournalLine.objects.filter(
        account__role=AccountRole.MEMBER_SAVINGS), "entry__region_code").aggregate(
        d=Sum("debit"), c=Sum("credit"))
    return int(sums["c"] or 0) - int(sums["d"] or 0)


def indicators_for(region_code: str, on: date) -> Indicators:
    result = Indicators(region_code=region_code)
    result.villages = _in(region_code, ProgrammeVillage.objects.all()).count()
    households = _in(region_code, CensusHousehold.objects.all())
    result.households = households.count()
    result.members = households.aggregate(n=Count("household__members"))["n"] or 0
    stays = _in(region_code, StayAbroad.objects.all())
    result.abroad_now = stays.filter(returned_on__isnull=True).values("person").distinct().count()
    result.returned = stays.filter(returned_on__isnull=False).values("person").distinct().count()
    result.departures_by_year = departures_by_year(region_code)
    result.prevented_by_year = prevented_by_year(region_code)
    allocations = _in(region_code, RemittanceAllocation.objects.all())
    result.remittance_by_use = {use: int(total or 0) for use, total in allocations.values_list(
        "use").annotate(s=Sum("amount")).values_list("use", "s")}
    result.remittances_received = int(_in(region_code, Remittance.objects.all()).aggregate(
        s=Sum("amount"))["s"] or 0)
    groups = _in(region_code, BusinessGroup.objects.all())
    result.businesses_total = groups.count()
    result.businesses_active = groups.filter(status=BusinessStatus.ACTIVE).count()
    result.turnover_12m, result.turnover_by_month = _turnover(region_code, on)
    children = _in(region_code, ChildProfile.objects.all())
    result.children = children.count()
    result.children_enrolled = children.filter(enrolled_on__isnull=False,
                                               left_on__isnull=True).count()
    cards: dict[str, dict[str, int]] = {kind: {} for kind in CardKind.values}
    for kind, status, n in (_in(region_code, ChildCard.objects.all())
                            .values_list("kind", "status").annotate(n=Count("id"))
                            .values_list("kind", "status", "n")):
        cards.setdefault(kind, {})[status] = n
    result.cards = cards
    result.coop_members = _in(region_code, CoopMember.objects.filter(left_on__isnull=True)
                              ).count()
    result.savings_total = _savings_total(region_code)
    result.portfolio = portfolio(_in(region_code, Loan.objects.all()), on)
    return result


@dataclass(frozen=True)
class BreakdownRow:
    code: str
    villages: int
    households: int
    abroad_now: int
    non_procedural: int
    productive_share: float | None
    businesses_active: int
    turnover_12m: int
    children: int
    kis_received: int
    kip_received: int
    par30: float | None


def child_code_length(region_code: str) -> int | None:
    return CHILD_CODE_LENGTH.get(len(region_code))


def _grouped(qs: QuerySet[Any], length: int, field_name: str = "region_code",
             **aggregates: Any) -> dict[str, dict[str, Any]]:
    rows = (qs.annotate(prefix=Substr(field_name, 1, length))
            .values("prefix").annotate(**aggregates))
    return {row["prefix"]: row for row in rows}


def breakdown(region_code: str, on: date) -> list[BreakdownRow]:
    """The indicators of each region one level down (provinces, regencies, or villages),
    only those with a programme village."""
    length = child_code_length(region_code)
    if length is None:
        return []
    villages = _in(region_code, ProgrammeVillage.objects.all())
    codes = sorted({code[:length] for code in villages.values_list("region_code", flat=True)
                    if len(code) >= length})
    if not codes:
        return []
    households = _grouped(_in(region_code, CensusHousehold.objects.all()), length, n=Count("id"))
    stays = _in(region_code, StayAbroad.objects.all())
    abroad = _grouped(stays.filter(returned_on__isnull=True), length,
                      n=Count("person", distinct=True))
    non_procedural = _grouped(stays.filter(procedural=False), length, n=Count("id"))
    uses = _grouped(_in(region_code, RemittanceAllocation.objects.all()), length,
                    total=Sum("amount"),
                    productive=Sum("amount", filter=Q(use=RemittanceUse.PRODUCTIVE)))
    groups = _grouped(_in(region_code, BusinessGroup.objects.filter(
        status=BusinessStatus.ACTIVE)), length, n=Count("id"))
    first = add_months(on.replace(day=1), -11)
    turnover = _grouped(_in(region_code, TurnoverReport.objects.filter(period__gte=first)),
                        length, s=Sum("turnover"))
    children = _grouped(_in(region_code, ChildProfile.objects.all()), length, n=Count("id"))
    cards = _grouped(_in(region_code, ChildCard.objects.filter(status=CardStatus.RECEIVED)),
                     length, kis=Count("id", filter=Q(kind=CardKind.KIS)),
                     kip=Count("id", filter=Q(kind=CardKind.KIP)))
    village_counts = _grouped(villages, length, n=Count("id"))
    rows: list[BreakdownRow] = []
    for code in codes:
        use = uses.get(code, {})
        total_used = int(use.get("total") or 0)
        par = portfolio(Loan.objects.filter(scope_q(code, "region_code")), on)
        rows.append(BreakdownRow(
            code=code, villages=village_counts.get(code, {}).get("n", 0),
            households=households.get(code, {}).get("n", 0),
            abroad_now=abroad.get(code, {}).get("n", 0),
            non_procedural=non_procedural.get(code, {}).get("n", 0),
            productive_share=(round(int(use.get("productive") or 0) * 100 / total_used, 1)
                              if total_used else None),
            businesses_active=groups.get(code, {}).get("n", 0),
            turnover_12m=int(turnover.get(code, {}).get("s") or 0),
            children=children.get(code, {}).get("n", 0),
            kis_received=cards.get(code, {}).get("kis", 0),
            kip_received=cards.get(code, {}).get("kip", 0),
            par30=par.par_percent))
    return rows


__all__ = ["BreakdownRow", "Indicators", "breakdown", "child_code_length", "indicators_for"]
