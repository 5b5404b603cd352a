from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router
from ninja import Schema

from lindung.common.filters import choice_filter
from lindung.regions.choices import RegionLevel
from lindung.regions.nik import NikError
from lindung.regions.nik import parse_nik
from lindung.regions.selectors import region_search

router = Router(tags=["regions"])


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None


class NikCheckOut(Schema):
    valid: bool
    province_code: str | None = None
    regency_code: str | None = None
    district_code: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    error_code: str | None = None
    message_id: str | None = None
    message_en: str | None = None


@router.get("/", response=list[RegionOut], auth=None, summary="Look up regions by code or name")
def regions_lookup(request: HttpRequest, q: str, level: str | None = None) -> list[RegionOut]:
    level = choice_filter(level, "level", RegionLevel.values) or None
    return [RegionOut(code=r.code, name=r.name, level=r.level, parent_code=r.parent_id)
            for r in region_search(q[:80], level=level, limit=20)]


@router.get("/nik/check", response=NikCheckOut, auth=None,
            summary="Check a NIK: structure, region prefix, birth date, sex")
def nik_check(request: HttpRequest, nik: str) -> NikCheckOut:
    try:
        parsed = parse_nik(nik[:40])
    except NikError as exc:
        return NikCheckOut(valid=False, error_code=exc.code, message_id=exc.message_id,
                           message_en=exc.message_en)
    return NikCheckOut(valid=True, province_code=parsed.province_code,
                       regency_code=parsed.regency_code, district_code=parsed.district_code,
                       birth_date=parsed.birth_date, sex=parsed.sex)
