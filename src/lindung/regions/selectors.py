"""Region look-up for forms: by code or by name, tolerant of "Kab."/"Kabupaten"/"Kota"."""

from __future__ import annotations

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from lindung.regions.models import Region, RegionLevel
from lindung.regions.names import lookup_alias, normalize_region_name

_CODE = re.compile(r"^[0-9][0-9.]*$")
_LEVEL_ORDER = [RegionLevel.PROVINCE, RegionLevel.REGENCY, RegionLevel.DISTRICT,
                RegionLevel.VILLAGE]


def region_search(query: str, *, level: str | None = None, within: str = "",
                  limit: int = 20) -> list[Region]:
    text = query.strip()
    if not text:
        return []
    qs: QuerySet[Region] = Region.objects.select_related("parent")
    if level:
        qs = qs.filter(level=level)
    if within:
        qs = qs.filter(Q(code=within) | Q(code__startswith=within + "."))
    if _CODE.match(text):
        return list(qs.filter(code__startswith=text).order_by("code")[:limit])
    normalized = normalize_region_name(text)
    alias_code = lookup_alias(text, level)
    tokens = normalized.split()
    if not tokens:
        return []
    condition = Q()
    for token in tokens:
        condition &= Q(search_name__contains=token)
    if alias_code:
        condition |= Q(code=alias_code)
    level_rank = Case(*[When(level=lvl, then=Value(i)) for i, lvl in enumerate(_LEVEL_ORDER)],
                      output_field=IntegerField())
    exact_rank = Case(When(code=alias_code or "", then=Value(0)),
                      When(search_name=normalized, then=Value(1)),
                      When(search_name__startswith=normalized, then=Value(2)),
                      default=Value(3), output_field=IntegerField())
    return list(qs.filter(condition).annotate(exact_rank=exact_rank, level_rank=level_rank)
                .order_by("exact_rank", "level_rank", "code")[:limit])


def region_label(region: Region) -> str:
    """"Desa X, Kec. Y, Kab. Z, Prov." style breadcrumb from the loaded parents."""
    parts = [region.name]
    parent = region.parent
    while parent is not None:
        parts.append(parent.name)
        parent = parent.parent
    return ", ".join(parts)
