"""Prevention API: prevented departures (e.g. from an immigration checkpoint's system),
dissemination events, and the task-force statistics as JSON."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja import Schema
from ninja import Status
from pydantic import Field

from lindung.common.params import Limit
from lindung.common.params import Offset
from lindung.common.params import Year
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.people.models import Person
from lindung.prevention import services
from lindung.prevention.choices import DisseminationTopic
from lindung.prevention.choices import PreventionOutcome
from lindung.prevention.choices import PreventionReason
from lindung.prevention.models import DisseminationEvent
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.models import PreventionRecordStatistic
from lindung.prevention.statistics.selectors import taskforce_statistics
from lindung.regions.models import Region
from lindung.reports.models import Case
from lindung.reports.selectors import scope_range

router = Router(tags=["prevention"])


class DepartureOut(Schema):
    id: UUID
    reference: str
    site: str
    site_id: UUID
    region_code: str
    date: date
    destination_country: str
    reason: str
    acting_agency: str
    outcome: str
    people: list[UUID]
    people_count: int
    minors_count: int
    recruiter_name: str
    case: str | None
    screening_alert_id: UUID | None
    synthetic: bool


class DepartureIn(Schema):
    site_id: UUID
    date: date
    people: list[UUID] = Field(min_length=1, max_length=200)
    destination_country: str = Field(min_length=2, max_length=2)
    reason: PreventionReason
    reason_note: str = Field(default="", max_length=300)
    acting_agency: str = Field(description="Agency code")
    outcome: PreventionOutcome
    case_reference: str = Field(default="", max_length=20)
    recruiter_name: str = Field(default="", max_length=200)
    recruiter_phone: str = Field(default="", max_length=32)
    note: str = Field(default="", max_length=2000)
    alert_id: UUID | None = None


class DisseminationOut(Schema):
    id: UUID
    date: date
    region_code: str
    place: str
    agency: str
    audience_size: int
    topics: list[str]
    created_at: datetime


class DisseminationIn(Schema):
    date: date
    region_code: str = Field(max_length=16)
    place: str = Field(min_length=1, max_length=200)
    site_id: UUID | None = None
    agency: str = Field(description="Agency code")
    audience_size: int = Field(ge=1, le=100000)
    topics: list[DisseminationTopic] = Field(min_length=1)
    note: str = Field(default="", max_length=2000)


def departure_out(d: PreventedDeparture) -> DepartureOut:
    return DepartureOut(
        id=d.pk, reference=d.reference, site=d.site.shown_name, site_id=d.site_id,
        region_code=d.region_code, date=d.date, destination_country=d.destination_country,
        reason=d.reason, acting_agency=d.acting_agency.code, outcome=d.outcome,
        people=[link.person_id for link in d.people.all()], people_count=d.people_count,
        minors_count=d.minors_count, recruiter_name=d.recruiter_name,
        case=d.case.reference if d.case else None, screening_alert_id=d.screening_alert_id,
        synthetic=d.synthetic)


def _agency(code: str, field: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ValidationError({field: _("Instansi %(code)s tidak dikenal") % {"code": code}})
    return agency


@router.get("/departures", response=list[DepartureOut], summary="Prevented departures")
def departure_list(request: HttpRequest, limit: Limit = 50, offset: Offset = 0
                   ) -> list[DepartureOut]:
    user = staff_user(request)
    access.require(user, VIEW, PreventedDeparture)
    departures = (access.visible(user, PreventedDeparture.objects.all())
                  .filter(scope_range(user))
                  .select_related("site", "acting_agency", "case").prefetch_related("people")
                  .order_by("-date", "-created_at"))
    offset, limit = max(offset, 0), max(1, min(limit, 200))
    return [departure_out(d) for d in departures[offset:offset + limit]]


@router.post("/departures", response={201: DepartureOut}, summary="Record a prevented departure")
def departure_create(request: HttpRequest, payload: DepartureIn) -> Status[DepartureOut]:
    user = staff_user(request)
    access.require(user, CREATE, PreventedDeparture)
    site = Site.objects.filter(pk=payload.site_id).first()
    if site is None:
        raise ValidationError({"site_id": _("Lokasi tidak dikenal")})
    people = list(access.visible(user, Person.objects.filter(pk__in=payload.people)))
    if len(people) != len(set(payload.people)):
        raise ValidationError({"people": _("Ada orang yang tidak dikenal atau di luar lingkup")})
    case = None
    if payload.case_reference:
        case = access.visible(user, Case.objects.all()).filter(
            reference=payload.case_reference.upper()).first()
        if case is None:
            raise ValidationError({"case_reference": _("Kasus tidak ditemukan")})
    departure = services.prevented_departure_record(
        actor=user, site=site, date=payload.date, people=people,
        destination_country=payload.destination_country.upper(), reason=payload.reason,
        reason_note=payload.reason_note, acting_agency=_agency(payload.acting_agency,
                                                               "acting_agency"),
        outcome=payload.outcome, recruiter_name=payload.recruiter_name,
        recruiter_phone=payload.recruiter_phone, note=payload.note, case=case,
        alert_id=payload.alert_id)
    return Status(201, departure_out(departure))


@router.get("/departures/{departure_id}", response=DepartureOut)
def departure_get(request: HttpRequest, departure_id: UUID) -> DepartureOut:
    user = staff_user(request)
    departure = access.get_visible_or_404(
        user, PreventedDeparture.objects.select_related("site", "acting_agency", "case"),
        pk=departure_id)
    services.prevented_departure_viewed(actor=user, departure=departure)
    return departure_out(departure)


@router.get("/dissemination", response=list[DisseminationOut])
def dissemination_list(request: HttpRequest, limit: Limit = 50,
                       offset: Offset = 0) -> list[DisseminationOut]:
    user = staff_user(request)
    access.require(user, VIEW, DisseminationEvent)
    events = (access.visible(user, DisseminationEvent.objects.all()).filter(scope_range(user))
              .select_related("agency").order_by("-date"))
    offset, limit = max(offset, 0), max(1, min(limit, 200))
    return [DisseminationOut(id=e.pk, date=e.date, region_code=e.region_code, place=e.place,
                             agency=e.agency.code, audience_size=e.audience_size,
                             topics=e.topics, created_at=e.created_at)
            for e in events[offset:offset + limit]]


@router.post("/dissemination", response={201: DisseminationOut})
def dissemination_create(request: HttpRequest,
                         payload: DisseminationIn) -> Status[DisseminationOut]:
    user = staff_user(request)
    access.require(user, CREATE, DisseminationEvent)
    region = Region.objects.filter(code=payload.region_code).first()
    if region is None:
        raise ValidationError({"region_code": _("Kode wilayah tidak dikenal")})
    site = Site.objects.filter(pk=payload.site_id).first() if payload.site_id else None
    event = services.dissemination_event_record(
        actor=user, date=payload.date, region=region, place=payload.place, site=site,
        agency=_agency(payload.agency, "agency"), audience_size=payload.audience_size,
        topics=[str(t) for t in payload.topics], note=payload.note)
    return Status(201, DisseminationOut(
        id=event.pk, date=event.date, region_code=event.region_code, place=event.place,
        agency=event.agency.code, audience_size=event.audience_size, topics=event.topics,
        created_at=event.created_at))


@router.get("/statistics", summary="Task-force statistics (counts within your scope)")
def statistics(request: HttpRequest, region_code: str = "",
               year: Year | None = None) -> dict[str, Any]:
    user = staff_user(request)
    access.require(user, VIEW, PreventionRecordStatistic)
    if region_code and not access.area_of(user).covers(region_code):
        raise ValidationError({"region_code": _("Wilayah di luar lingkup Anda")})
    stats = taskforce_statistics(user=user, area=region_code, year=year)
    tables = [*stats.prevention_tables, *stats.report_tables]
    return {
        "area_code": stats.area_code, "year": stats.year, "source": stats.source,
        "prevented_people": stats.prevented_people,
        "prevented_departures": stats.prevented_departures,
        "reports_total": stats.reports_total, "reports_open": stats.reports_open,
        "resolution_average_days": stats.resolution_average_days,
        "tables": {t.key: [{"code": r.code, "label": r.label, "value": r.value}
                           for r in t.rows] for t in tables},
        "sourced": [{"key": c.figure.key, "label": c.figure.shown_label, "value": c.figure.value,
                     "source": c.figure.source, "recorded": c.recorded}
                    for c in stats.sourced],
    }
