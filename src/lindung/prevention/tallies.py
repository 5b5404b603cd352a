"""Prevention tallies: people and departures by month, area (national, province, regency)
and dimension, kept in step with each record (core/tallies.py)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count
from django.db.models import Sum

from lindung.core import tallies
from lindung.core.tallies import AREA_SQL
from lindung.core.tallies import Contribution
from lindung.core.tallies import TallyKey
from lindung.core.tallies import areas_of
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.models import PreventionTally

DIMENSIONS = ("site", "agency", "reason", "outcome", "destination", "all")
_FIELD = {"site": "site_id", "agency": "acting_agency_id", "reason": "reason",
          "outcome": "outcome", "destination": "destination_country"}


def _value(departure: PreventedDeparture, dimension: str) -> str:
    if dimension == "all":
        return ""
    return str(getattr(departure, _FIELD[dimension]))


def contribution(departure: PreventedDeparture | None) -> Contribution:
    if departure is None:
        return {}
    return {(departure.month, area, dimension, _value(departure, dimension)):
            {"departures": 1, "people": departure.people_count}
            for area in areas_of(departure.region_code) for dimension in DIMENSIONS}


def tally_apply(before: Contribution, after: Contribution) -> None:
    """Add after - before to the prevention tallies (inside the writing transaction)."""
    tallies.tally_apply(PreventionTally, before, after)


@transaction.atomic
def prevention_tallies_rebuild() -> int:
    PreventionTally.objects.all().delete()
    totals: dict[TallyKey, list[int]] = {}
    records = PreventedDeparture.objects.order_by().annotate(area=AREA_SQL)
    for dimension in DIMENSIONS:
        fields = ["month", "area"] + ([_FIELD[dimension]] if dimension != "all" else [])
        rows = records.values(*fields).annotate(n=Count("id"), persons=Sum("people_count"))
        for row in rows.iterator(chunk_size=5000):
            value = str(row[_FIELD[dimension]]) if dimension != "all" else ""
            for area in areas_of(row["area"]):
                current = totals.setdefault((row["month"], area, dimension, value), [0, 0])
                current[0] += row["n"]
                current[1] += row["persons"] or 0
    PreventionTally.objects.bulk_create(
        [PreventionTally(month=m, area_code=a, dimension=d, value=v, departures=n, people=p)
         for (m, a, d, v), (n, p) in totals.items()], batch_size=5000)
    return len(totals)
