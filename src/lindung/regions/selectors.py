"""Region look-up for forms: by code or by name, tolerant of "Kab."/"Kabupaten"/"Kota"."""

from __future__ import annotations

import re

from django.db.models import Case
from django.db.models import IntegerField
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models import When
from django.utils.translation import gettext_noop

from lindung.common import stored_text
from lindung.regions.choices import RegionLevel
from lindung.regions.models import Region
from lindung.regions.names import lookup_alias
from lindung.regions.names import normalize_region_name
from lindung.regions.nik import HISTORICAL_PROVINCE_CODES

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


def nik_region_warning(district_code: str) -> str:
    """The warning of `nik_region_warning_kept` in the reader's language."""
    return stored_text.show(nik_region_warning_kept(district_code))


def nik_region_warning_kept(district_code: str) -> str:
    """A warning, kept as a message to show later in the reader's language
    (common/stored_text.py), when the regency or district code of a NIK
    ("53.71.01", from `parse_nik`) is not in the Kemendagri tree; "" when it is, or when the
    province is a retired one (Timor Timur, 54) whose codes the tree no longer holds.

    A NIK keeps the code of the region that issued it, and splits keep the parent's codes
    alive, so a code missing from the tree is more often a typing error than history: the
    number is accepted (the person may hold exactly that card) and the warning says where
    to look (issue 18 item 15)."""
    parts = district_code.split(".") if district_code else []
    if len(parts) != 3 or parts[0] in HISTORICAL_PROVINCE_CODES:
        return ""
    regency, district = ".".join(parts[:2]), district_code
    known = set(Region.objects.filter(code__in=[regency, district]).values_list("code",
                                                                                 flat=True))
    if regency not in known:
        return stored_text.keep(gettext_noop(
            "Kode kabupaten/kota %(code)s dalam NIK tidak ada dalam daftar wilayah Kemendagri. "
            "Periksa kembali NIK pada KTP."), code=regency)
    if district not in known:
        return stored_text.keep(gettext_noop(
            "Kode kecamatan %(code)s dalam NIK tidak ada dalam daftar wilayah Kemendagri. "
            "Periksa kembali NIK pada KTP."), code=district)
    return ""
