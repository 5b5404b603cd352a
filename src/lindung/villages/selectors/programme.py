"""Programme villages measured against the seed's cohort targets, and one village's summary.

The targets are sourced figures (`lindung.stats.models.SourcedFigure`, loaded from the seed
by `lindung.stats.seed`); this module never invents a number, it counts the villages that
are recorded and puts the two side by side. Keys read:
- desmigratif-target-<year>-villages|regencies: the national cohort (not the NTT programme);
- desmigratif-ntt-<year>-villages|regencies: the special NTT programme;
- desmigratif-<year>-ntt-<regency>: 2 villages per NTT regency in the special programme;
- desmigratif-<year>-chart-<province>: the per-province charts (unit not stated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet

from lindung.accounts.models import User
from lindung.core import access
from lindung.stats.models import SourcedFigure
from lindung.villages.models import ProgrammeVillage

_TARGET = re.compile(r"^desmigratif-(target|ntt)-(\d{4})-(villages|regencies)$")
_NTT_REGENCY = re.compile(r"^desmigratif-(\d{4})-ntt-(\d{2})-(\d{2})$")
_CHART = re.compile(r"^desmigratif-(\d{4})-chart-(\d{2})$")


@dataclass(frozen=True)
class TargetRow:
    figure: SourcedFigure
    year: int
    programme: str  # "national", "ntt", "chart"
    counts: str  # "villages", "regencies", "both"
    region_code: str
    recorded_villages: int
    recorded_regencies: int

    @property
    def recorded(self) -> int:
        return self.recorded_regencies if self.counts == "regencies" else self.recorded_villages

    @property
    def percent(self) -> int | None:
        if self.counts == "both" or not self.figure.value:
            return None
        return round(self.recorded * 100 / self.figure.value)


def _recorded(villages: QuerySet[ProgrammeVillage], *, year: int, special: bool | None,
              region_code: str) -> tuple[int, int]:
    selected = villages.filter(cohort_year=year)
    if special is not None:
        selected = selected.filter(special_ntt=special)
    if region_code:
        selected = selected.filter(access.scope_q(region_code, "region_code"))
    counts = selected.aggregate(v=Count("id"), r=Count("regency", distinct=True))
    return int(counts["v"]), int(counts["r"])


def cohort_targets(villages: QuerySet[ProgrammeVillage]) -> list[TargetRow]:
    """Every Desmigratif target figure with the recorded villages that answer it."""
    rows: list[TargetRow] = []
    for figure in SourcedFigure.objects.filter(key__startswith="desmigratif-").order_by(
            "period_start", "key"):
        region_code = str(figure.region_id or "")
        if match := _TARGET.match(figure.key):
            kind, year, counts = match.group(1), int(match.group(2)), match.group(3)
            special = kind == "ntt"
            programme = "ntt" if special else "national"
            recorded = _recorded(villages, year=year, special=special, region_code=region_code)
        elif match := _NTT_REGENCY.match(figure.key):
            year, counts, programme = int(match.group(1)), "villages", "ntt"
            region_code = f"53.{match.group(3)}"
            recorded = _recorded(villages, year=year, special=True, region_code=region_code)
        elif match := _CHART.match(figure.key):
            year, counts, programme = int(match.group(1)), "both", "chart"
            recorded = _recorded(villages, year=year, special=False, region_code=region_code)
        else:
            continue
        rows.append(TargetRow(figure=figure, year=year, programme=programme, counts=counts,
                              region_code=region_code, recorded_villages=recorded[0],
                              recorded_regencies=recorded[1]))
    return rows


def visible_villages(user: User, action: str = "view") -> QuerySet[ProgrammeVillage]:
    return access.visible(user, ProgrammeVillage.objects.select_related(
        "village__parent", "regency"), action)


def villages_by_cohort(villages: QuerySet[ProgrammeVillage]) -> list[dict[str, int]]:
    return list(villages.values("cohort_year").annotate(
        total=Count("id"), ntt=Count("id", filter=Q(special_ntt=True)),
        regencies=Count("regency", distinct=True)).order_by("cohort_year"))
