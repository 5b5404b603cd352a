"""The coordination API (`/api/v1/coordination/`): stakeholders and referral suggestions,
the action plan, meetings and follow-ups, metrics, periodic reports and flags. Same access
rules as the pages; errors are in the request's language (see lindung.api.errors)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja import Schema
from ninja import Status
from pydantic import Field

from lindung.common import stored_text
from lindung.common.filters import choice_filter
from lindung.common.views import staff_user
from lindung.coordination import selectors
from lindung.coordination import services
from lindung.coordination.choices import ServiceKind
from lindung.coordination.choices import StakeholderCategory
from lindung.coordination.metrics import all_metrics
from lindung.coordination.metrics import compute_for
from lindung.coordination.metrics import get_metric
from lindung.coordination.models import Action
from lindung.coordination.models import Decision
from lindung.coordination.models import Flag
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Indicator
from lindung.coordination.models import Meeting
from lindung.coordination.models import PeriodicReport
from lindung.coordination.models import PlanPeriod
from lindung.coordination.models import StakeholderContact
from lindung.coordination.models import StakeholderProfile
from lindung.coordination.models import StakeholderService
from lindung.core import access
from lindung.core.pages import caller_and_record
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.choices import AgencyLevel
from lindung.directory.models import Agency
from lindung.regions.models import Region

router = Router(tags=["coordination"])


def _region(code: str, field: str = "region_code") -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({field: _("Kode wilayah %(code)s tidak dikenal")
                                      % {"code": code}})
    return region


# --- stakeholders ------------------------------------------------------------------------


class ContactOut(Schema):
    name: str
    position: str
    phone: str
    email: str


class StakeholderOut(Schema):
    id: UUID
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    category: str
    country: str
    region_code: str
    services: list[str]
    contacts: list[ContactOut]


class StakeholderBrief(Schema):
    id: UUID
    code: str
    name: str
    country: str
    region_code: str


def _stakeholder_out(agency: Agency) -> StakeholderOut:
    profile = services.profile_of(agency)
    return StakeholderOut(
        id=agency.pk, code=agency.code, name=agency.shown_name, short_name=agency.short_name,
        kind=agency.kind, level=agency.level, category=profile.category,
        country=agency.country, region_code=agency.region_id or "",
        services=list(StakeholderService.objects.filter(agency=agency)
                      .values_list("service", flat=True)),
        contacts=[ContactOut(name=c.name, position=c.position, phone=c.phone, email=c.email)
                  for c in StakeholderContact.objects.filter(agency=agency)])


@router.get("/stakeholders", response=list[StakeholderOut],
            summary="Stakeholders (agencies, missions, partners, NGOs, shelters)")
def stakeholder_list(request: HttpRequest, q: str = "", category: str = "", level: str = "",
                     service: str = "", country: str = "") -> list[StakeholderOut]:
    access.require(staff_user(request), VIEW, StakeholderProfile)
    category = choice_filter(category, "category", StakeholderCategory.values)
    level = choice_filter(level, "level", AgencyLevel.values)
    service = choice_filter(service, "service", ServiceKind.values)
    if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
        raise ValidationError({"country": _("country: kode negara dua huruf (ISO 3166)")})
    found = selectors.stakeholder_search(query=q[:100], category=category, level=level,
                                         service=service, country=country[:2])[:200]
    return [_stakeholder_out(agency) for agency in found]


@router.get("/stakeholders/{agency_id}", response=StakeholderOut)
def stakeholder_get(request: HttpRequest, agency_id: UUID) -> StakeholderOut:
    access.require(staff_user(request), VIEW, StakeholderProfile)
    return _stakeholder_out(get_object_or_404(Agency, pk=agency_id))


@router.get("/referral-suggestions", response=list[StakeholderBrief],
            summary="Who takes this kind of case here (best first)")
def referral_suggestions(request: HttpRequest, case_kind: ServiceKind, region_code: str = "",
                         country: str = "") -> list[StakeholderBrief]:
    access.require(staff_user(request), VIEW, StakeholderProfile)
    found = selectors.suggest_referral_receivers(case_kind=case_kind,
                                                 region_code=region_code[:16],
                                                 country=country[:2])
    return [StakeholderBrief(id=a.pk, code=a.code, name=a.shown_name, country=a.country,
                             region_code=a.region_id or "") for a in found]


# --- action plan -------------------------------------------------------------------------


class PlanIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: str = "five_year"
    region_code: str = Field(default="", max_length=16)
    start_year: int
    end_year: int
    legal_basis: str = Field(default="", max_length=300)
    description: str = Field(default="", max_length=3000)


class PlanOut(Schema):
    id: UUID
    name: str
    kind: str
    region_code: str
    start_year: int
    end_year: int
    status: str


class IndicatorYearOut(Schema):
    year: int
    target: Decimal | None
    actual: Decimal | None
    status: str
    query: str
    source: str
    available: bool
    suppressed: bool = False


class IndicatorOut(Schema):
    id: UUID
    code: str
    name: str
    unit: str
    method: str
    metric: str
    baseline_value: Decimal | None
    baseline_year: int | None
    years: list[IndicatorYearOut]


class ActionOut(Schema):
    id: UUID
    code: str
    title: str
    goal: str
    responsible: str
    supporting: list[str]
    deadline: date
    status: str
    progress: int


class PlanDetailOut(PlanOut):
    actions: list[ActionOut]
    indicators: list[IndicatorOut]


def _plan_out(plan: PlanPeriod) -> PlanOut:
    return PlanOut(id=plan.pk, name=plan.name, kind=plan.kind, region_code=plan.region_code,
                   start_year=plan.start_year, end_year=plan.end_year, status=plan.status)


def _indicator_out(indicator: Indicator, reader: Any) -> IndicatorOut:
    view = selectors.indicator_view(indicator, reader=reader)
    return IndicatorOut(
        id=indicator.pk, code=indicator.code, name=indicator.name, unit=indicator.unit,
        method=indicator.method, metric=indicator.metric,
        baseline_value=indicator.baseline_value, baseline_year=indicator.baseline_year,
        years=[IndicatorYearOut(year=r.year, target=r.target, actual=r.actual, status=r.status,
                                query=r.query, source=r.source, available=r.available,
                                suppressed=r.suppressed)
               for r in view.years])


@router.get("/plans", response=list[PlanOut])
def plan_list(request: HttpRequest) -> list[PlanOut]:
    user = staff_user(request)
    access.require(user, VIEW, PlanPeriod)
    return [_plan_out(p) for p in selectors.visible_plans(user).order_by("-start_year")[:200]]


@router.post("/plans", response={201: PlanOut})
def plan_create(request: HttpRequest, payload: PlanIn) -> Status[PlanOut]:
    data = payload.dict()
    region = _region(data.pop("region_code"))
    plan = services.plan_create(actor=staff_user(request), region=region, **data)
    return Status(201, _plan_out(plan))


@router.get("/plans/{plan_id}", response=PlanDetailOut)
def plan_get(request: HttpRequest, plan_id: UUID) -> PlanDetailOut:
    user, plan = caller_and_record(request, PlanPeriod.objects.all(), pk=plan_id)
    actions = plan.actions.select_related("goal", "responsible").prefetch_related("supporting")
    return PlanDetailOut(
        **_plan_out(plan).dict(),
        actions=[ActionOut(id=a.pk, code=a.code, title=a.title, goal=a.goal.code,
                           responsible=a.responsible.code,
                           supporting=[s.code for s in a.supporting.all()],
                           deadline=a.deadline, status=a.status, progress=a.progress)
                 for a in actions],
        indicators=[_indicator_out(i, user) for i in plan.indicators.prefetch_related(
            "targets", "progress")])


class IndicatorIn(Schema):
    code: str = Field(min_length=1, max_length=16)
    name: str = Field(min_length=1, max_length=300)
    unit: str
    method: str
    metric: str = ""
    direction: str = "increase"
    definition: str = Field(default="", max_length=2000)
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    targets: dict[int, Decimal] = {}


@router.post("/plans/{plan_id}/indicators", response={201: IndicatorOut})
def indicator_create(request: HttpRequest, plan_id: UUID,
                     payload: IndicatorIn) -> Status[IndicatorOut]:
    user, plan = caller_and_record(request, PlanPeriod.objects.all(), pk=plan_id)
    indicator = services.indicator_create(actor=user, plan=plan, **payload.dict())
    return Status(201, _indicator_out(indicator, user))


class TargetIn(Schema):
    year: int
    value: Decimal


@router.post("/indicators/{indicator_id}/targets", response=IndicatorOut)
def indicator_target(request: HttpRequest, indicator_id: UUID,
                     payload: TargetIn) -> IndicatorOut:
    user, indicator = caller_and_record(
        request, Indicator.objects.select_related("plan"), pk=indicator_id)
    services.indicator_target_set(actor=user, indicator=indicator, year=payload.year,
                                  value=payload.value)
    return _indicator_out(indicator, user)


class ActionProgressIn(Schema):
    status: str
    progress: int = Field(ge=0, le=100)
    note: str = Field(min_length=1, max_length=3000)


@router.post("/actions/{action_id}/progress", response=ActionOut)
def action_progress(request: HttpRequest, action_id: UUID,
                    payload: ActionProgressIn) -> ActionOut:
    user, action = caller_and_record(
        request, Action.objects.select_related("goal", "responsible"), pk=action_id)
    services.action_progress_record(actor=user, action=action, **payload.dict())
    return ActionOut(id=action.pk, code=action.code, title=action.title,
                     goal=action.goal.code, responsible=action.responsible.code,
                     supporting=[s.code for s in action.supporting.all()],
                     deadline=action.deadline, status=action.status,
                     progress=action.progress)


# --- meetings ----------------------------------------------------------------------------


class FollowUpOut(Schema):
    id: UUID
    title: str
    owner: str
    deadline: date
    status: str
    completed_on: date | None


class MeetingOut(Schema):
    id: UUID
    title: str
    level: str
    region_code: str
    country: str
    held_on: date
    status: str
    participants: list[str]
    decisions: list[str]
    follow_ups: list[FollowUpOut]


def _follow_up_out(f: FollowUp) -> FollowUpOut:
    return FollowUpOut(id=f.pk, title=f.title, owner=f.owner.code, deadline=f.deadline,
                       status=f.status, completed_on=f.completed_on)


def _meeting_out(m: Meeting) -> MeetingOut:
    return MeetingOut(
        id=m.pk, title=m.title, level=m.level, region_code=m.region_code, country=m.country,
        held_on=m.held_on, status=m.status,
        participants=[a.code for a in m.participants.all()],
        decisions=[d.text for d in m.decisions.all()],
        follow_ups=[_follow_up_out(f) for f in m.follow_ups.select_related("owner")])


@router.get("/meetings", response=list[MeetingOut])
def meeting_list(request: HttpRequest) -> list[MeetingOut]:
    user = staff_user(request)
    access.require(user, VIEW, Meeting)
    meetings = access.visible(user, Meeting.objects.prefetch_related("participants",
                                                                     "decisions"))
    return [_meeting_out(m) for m in meetings.order_by("-held_on")[:100]]


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def meeting_get(request: HttpRequest, meeting_id: UUID) -> MeetingOut:
    meeting = access.get_visible_or_404(staff_user(request), Meeting.objects.all(), pk=meeting_id)
    return _meeting_out(meeting)


class FollowUpIn(Schema):
    decision_id: UUID
    title: str = Field(min_length=1, max_length=300)
    owner_code: str
    deadline: date


@router.post("/meetings/{meeting_id}/follow-ups", response={201: FollowUpOut})
def follow_up_create(request: HttpRequest, meeting_id: UUID,
                     payload: FollowUpIn) -> Status[FollowUpOut]:
    user, meeting = caller_and_record(request, Meeting.objects.all(), pk=meeting_id)
    access.require(user, CHANGE, meeting)
    decision = Decision.objects.filter(meeting=meeting, pk=payload.decision_id).first()
    if decision is None:
        raise ValidationError({"decision_id": _("Keputusan tidak ditemukan dalam rapat ini")})
    owner = Agency.objects.filter(code=payload.owner_code).first()
    if owner is None:
        raise ValidationError({"owner_code": _("Instansi %(code)s tidak dikenal")
                                             % {"code": payload.owner_code}})
    follow_up = services.follow_up_create(actor=user, decision=decision, title=payload.title,
                                          owner=owner, deadline=payload.deadline)
    return Status(201, _follow_up_out(follow_up))


class FollowUpCloseIn(Schema):
    status: str = "done"
    note: str = Field(default="", max_length=2000)


@router.post("/follow-ups/{follow_up_id}/close", response=FollowUpOut)
def follow_up_close(request: HttpRequest, follow_up_id: UUID,
                    payload: FollowUpCloseIn) -> FollowUpOut:
    user, follow_up = caller_and_record(
        request, FollowUp.objects.select_related("owner"), pk=follow_up_id)
    services.follow_up_close(actor=user, follow_up=follow_up, status=payload.status,
                             note=payload.note)
    return _follow_up_out(follow_up)


# --- metrics, reports, flags ------------------------------------------------------------


class MetricOut(Schema):
    name: str
    label: str
    unit: str
    section: str
    source_app: str
    source: str
    kind: str
    snapshot: bool


class MetricValueOut(Schema):
    name: str
    value: Decimal | None
    unit: str
    available: bool
    source_description: str
    query_description: str
    suppressed: bool = False


@router.get("/metrics", response=list[MetricOut], summary="The registry of named metrics")
def metric_list(request: HttpRequest) -> list[MetricOut]:
    access.require(staff_user(request), VIEW, PlanPeriod)
    return [MetricOut(name=m.name, label=str(m.label), unit=m.unit, section=m.section,
                      source_app=m.source_app, source=str(m.source_label), kind=m.kind,
                      snapshot=m.snapshot) for m in all_metrics()]


@router.get("/metrics/{name}", response=MetricValueOut,
            summary="A metric's value for a region (within your scope) and period")
def metric_value(request: HttpRequest, name: str, start: date, end: date,
                 region_code: str = "") -> MetricValueOut:
    user = staff_user(request)
    access.require(user, VIEW, PlanPeriod)
    try:
        get_metric(name)
    except LookupError as exc:
        raise Http404(str(exc)) from exc
    region_code = region_code or user.scope_code
    if not access.code_in_scope(user.scope_code, region_code):
        raise ValidationError({"region_code": _("Wilayah di luar lingkup kerja Anda")})
    if end < start or (end - start).days > 3700:
        raise ValidationError({"end": _("Periode 1 hari sampai 10 tahun")})
    value = compute_for(user, name, region_code, start, end)
    return MetricValueOut(name=name, value=value.value, unit=value.unit,
                          available=value.available, suppressed=value.suppressed,
                          source_description=value.source_description,
                          query_description=value.query_description)


class ReportIn(Schema):
    kind: str
    start_year: int
    region_code: str = Field(default="", max_length=16)
    plan_id: UUID | None = None


class ReportOut(Schema):
    id: UUID
    kind: str
    region_code: str
    start_year: int
    end_year: int
    status: str
    percent: int
    content: dict[str, Any]


def _report_out(report: PeriodicReport) -> ReportOut:
    return ReportOut(id=report.pk, kind=report.kind, region_code=report.region_code,
                     start_year=report.start_year, end_year=report.end_year,
                     status=report.status, percent=report.percent, content=report.content)


@router.post("/reports", response={201: ReportOut},
             summary="Request a yearly or five-yearly report (big regions build in the "
                     "background: poll GET /reports/{id})")
def report_create(request: HttpRequest, payload: ReportIn) -> Status[ReportOut]:
    user = staff_user(request)
    access.require(user, CREATE, PeriodicReport)
    plan = None
    if payload.plan_id:
        plan = access.get_visible_or_404(user, PlanPeriod.objects.all(), pk=payload.plan_id)
    region = _region(payload.region_code) or user.scope_region
    report = services.report_request(actor=user, kind=payload.kind,
                                     start_year=payload.start_year, region=region, plan=plan)
    report.refresh_from_db()
    return Status(201, _report_out(report))


@router.get("/reports/{report_id}", response=ReportOut)
def report_get(request: HttpRequest, report_id: UUID) -> ReportOut:
    report = access.get_visible_or_404(staff_user(request), PeriodicReport.objects.select_related(
        "job"), pk=report_id)
    return _report_out(report)


class FlagOut(Schema):
    id: UUID
    kind: str
    agency: str
    subject: str
    detail: str
    raised_on: date
    resolved_on: date | None


@router.get("/flags", response=list[FlagOut])
def flag_list(request: HttpRequest, include_resolved: bool = False) -> list[FlagOut]:
    user = staff_user(request)
    access.require(user, VIEW, Flag)
    return [FlagOut(id=f.pk, kind=f.kind, agency=f.agency.code, subject=f.subject_title,
                    detail=stored_text.show(f.detail), raised_on=f.raised_on,
                    resolved_on=f.resolved_on)
            for f in selectors.flags_for(user, open_only=not include_resolved)[:200]]
