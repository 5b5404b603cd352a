"""Prevention tallies: people and departures by month, area (national, province, regency)
and dimension, kept in step with each record (see reports/tallies.py for the pattern)."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum

from lindung.prevention.models import PreventedDeparture, PreventionTally
from lindung.reports.tallies import AREA_SQL, areas_of

DIMENSIONS = ("site", "agency", "reason", "outcome", "destination", "all")
_FIELD = {"site": "site_id", "agency": "acting_agency_id", "reason": "reason",
          "outcome": "outcome", "destination": "destination_country"}
TallyKey = tuple[date, str, str, str]


def _value(departure: PreventedDeparture, dimension: str) -> str:
    if dimension == "all":
        return ""
    return str(getattr(departure, _FIELD[dimension]))


def contribution(departure: PreventedDeparture | None) -> dict[TallyKey, tuple[int, int]]:
    if departure is None:
        return {}
    return {(departure.month, area, dimension, _value(departure, dimension)):
            (1, departure.people_count)
            for area in areas_of(departure.region_code) for dimension in DIMENSIONS}


def tally_apply(before: dict[TallyKey, tuple[int, int]],
                after: dict[TallyKey, tuple[int, int]]) -> None:
    delta: dict[TallyKey, list[int]] = {}
    for sign, parts in ((-1, before), (1, after)):
        for tally_key, (departures, people) in parts.items():
            current = delta.setdefault(tally_key, [0, 0])
            current[0] += sign * departures
            current[1] += sign * people
    for (month, area, dimension, value), (departures, people) in sorted(delta.items()):
        if departures == 0 and people == 0:
            continue
        key: dict[str, object] = {"month": month, "area_code": area, "dimension": dimension,
                                  "value": value}
        if PreventionTally.objects.filter(**key).update(departures=F("departures") + departures,
                                                        people=F("people") + people):
            continue
        try:
            with transaction.atomic():
                PreventionTally.objects.create(departures=departures, people=people, **key)
        except IntegrityError:
            PreventionTally.objects.filter(**key).update(
                departures=F("departures") + departures, people=F("people") + people)


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
