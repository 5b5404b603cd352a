"""Monthly tallies kept in step with the records they count (the pattern of
`reports.tallies` and `prevention.tallies`).

A record contributes amounts to a few (month, area, dimension, value) rows of a
:class:`~lindung.core.models.MonthlyTally` model at three levels: national (area ""), its
province ("53") and its regency ("53.71"). A page reads one level with an exact area match, so
a national page sums a few hundred rows, not a million records. A service takes the record's
contribution before and after a change and applies the difference in the same transaction
(:func:`tally_apply`), so the tallies never drift; each app's rebuild recomputes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import IntegrityError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Substr

from lindung.core.models import MonthlyTally

TallyKey = tuple[date, str, str, str]  # month, area, dimension, value
# Per tally row, the amount of each counting field ("count"; "departures" and "people").
Contribution = dict[TallyKey, dict[str, int]]

AREA_SQL = Substr("region_code", 1, 5)


def area_of(region_code: str) -> str:
    """The province or regency code a region belongs to ("53.71.01.1001" -> "53.71").
    Kemendagri codes are two digits per level, so this is also the first five characters
    (which is what a rebuild computes in SQL: :data:`AREA_SQL`)."""
    return ".".join(region_code.split(".")[:2]) if region_code else ""


def areas_of(region_code: str) -> list[str]:
    """The tally areas a record counts in: national, its province, its regency."""
    areas = [""]
    for area in (region_code[:2], area_of(region_code)):
        if area and area not in areas:
            areas.append(area)
    return areas


def _difference(before: Contribution, after: Contribution) -> Contribution:
    delta: Contribution = {}
    for sign, parts in ((-1, before), (1, after)):
        for key, amounts in parts.items():
            row = delta.setdefault(key, {})
            for field, amount in amounts.items():
                row[field] = row.get(field, 0) + sign * amount
    return delta


def tally_apply(model: type[MonthlyTally], before: Contribution, after: Contribution) -> None:
    """Add after - before to `model`'s rows (call inside the writing transaction). Rows are
    written in key order, so two transactions never wait on each other in a cycle."""
    delta = _difference(before, after)
    for (month, area, dimension, value), amounts in sorted(delta.items()):
        changed: Mapping[str, int] = {field: n for field, n in amounts.items() if n}
        if not changed:
            continue
        key: dict[str, object] = {"month": month, "area_code": area, "dimension": dimension,
                                  "value": value}
        increments = {field: F(field) + n for field, n in changed.items()}
        if model._default_manager.filter(**key).update(**increments):
            continue
        try:
            with transaction.atomic():
                model._default_manager.create(**changed, **key)
        except IntegrityError:  # created concurrently
            model._default_manager.filter(**key).update(**increments)
