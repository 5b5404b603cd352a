"""The action plan pages: plans, a plan with its goals, actions and indicators (computed
ones with their value and source per year), actions with progress reports, indicators
with targets and progress reports, evidence downloads, flags, and the metric registry."""

from __future__ import annotations

import re
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common import sealed
from lindung.common.bodylimit import body_limit
from lindung.common.routes import route
from lindung.common.tabular import attachment
from lindung.common.views import form_page
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import succeeded
from lindung.coordination import selectors
from lindung.coordination import services
from lindung.coordination.access import REPORT_PROGRESS
from lindung.coordination.forms.common import EVIDENCE_RULES
from lindung.coordination.forms.plan import ActionForm
from lindung.coordination.forms.plan import ActionProgressForm
from lindung.coordination.forms.plan import GoalForm
from lindung.coordination.forms.plan import IndicatorForm
from lindung.coordination.forms.plan import PlanForm
from lindung.coordination.forms.plan import ProgressForm
from lindung.coordination.forms.plan import TargetForm
from lindung.coordination.metrics import all_metrics
from lindung.coordination.metrics import compute_for
from lindung.coordination.metrics import memo_scope
from lindung.coordination.models import Action
from lindung.coordination.models import Evidence
from lindung.coordination.models import Flag
from lindung.coordination.models import Indicator
from lindung.coordination.models import PlanPeriod
from lindung.coordination.rules import action_condition
from lindung.coordination.rules import expected_progress
from lindung.coordination.views.common import checked_files
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.decorators import staff_view
from lindung.core.pages import list_page
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.regions.forms import RegionField


@route("plans/", name="plan_list")
@staff_view(VIEW, PlanPeriod)
def plan_list(request: HttpRequest, user: User) -> HttpResponse:
    plans = selectors.visible_plans(user).order_by("-start_year", "region_code")
    return list_page(request, user, "coordination/plan_list.html", plans, PlanPeriod,
                     per_page=30, context={"flags_open": selectors.flags_for(user).count()})


@route("plans/new/", name="plan_create")
@staff_view(CREATE, PlanPeriod)
def plan_create(request: HttpRequest, user: User) -> HttpResponse:
    this_year = timezone.localdate().year
    form = PlanForm(request.POST or None,
                    initial={"start_year": this_year, "end_year": this_year + 4,
                             "region": user.scope_code})
    return form_page(request, "coordination/form.html", form,
                     lambda data: services.plan_create(actor=user, **data), _to_plan,
                     {"title": "plan_new"})


def _to_plan(plan: PlanPeriod) -> HttpResponse:
    return redirect("coordination:plan_detail", plan_id=plan.pk)


def _plan(user: User, plan_id: UUID, action: str = VIEW) -> PlanPeriod:
    return access.get_visible_or_404(user, PlanPeriod.objects.select_related(
        "region"), action, pk=plan_id)


@route("plans/<uuid:plan_id>/edit/", name="plan_edit")
@staff_view()
def plan_edit(request: HttpRequest, user: User, plan_id: UUID) -> HttpResponse:
    plan = _plan(user, plan_id)
    access.require(user, CHANGE, plan)
    initial = {"name": plan.name, "kind": plan.kind, "region": plan.region_id or "",
               "start_year": plan.start_year, "end_year": plan.end_year,
               "status": plan.status, "legal_basis": plan.legal_basis,
               "description": plan.description}
    form = PlanForm(request.POST or None, initial=initial)
    return form_page(request, "coordination/form.html", form,
                     lambda data: services.plan_update(actor=user, plan=plan, **data),
                     _to_plan, {"title": "plan_edit", "plan": plan})


@route("plans/<uuid:plan_id>/", name="plan_detail")
@staff_view()
def plan_detail(request: HttpRequest, user: User, plan_id: UUID) -> HttpResponse:
    plan = _plan(user, plan_id)
    today = timezone.localdate()
    goals = [(goal, [(action, action_condition(action, today)) for action in goal.actions.all()])
             for goal in plan.goals.prefetch_related("actions__responsible")]
    with memo_scope():
        indicators = [selectors.indicator_view(i, reader=user, today=today) for i in
                      plan.indicators.select_related("plan").prefetch_related("targets",
                                                                              "progress")]
    return page(request, "coordination/plan_detail.html", {
        "plan": plan, "goals": goals, "indicators": indicators,
        "summary": selectors.plan_summary(plan, today=today),
        "can_change": access.can(user, CHANGE, plan),
        "reports": plan.reports.order_by("-created_at")[:5]})


@route("plans/<uuid:plan_id>/goals/new/", name="goal_create")
@staff_view()
def goal_create(request: HttpRequest, user: User, plan_id: UUID) -> HttpResponse:
    plan = _plan(user, plan_id)
    access.require(user, CHANGE, plan)
    form = GoalForm(request.POST or None)
    return form_page(request, "coordination/form.html", form,
                     lambda data: services.goal_create(actor=user, plan=plan, **data),
                     lambda goal: _to_plan(plan), {"title": "goal_new", "plan": plan})


@route("plans/<uuid:plan_id>/actions/new/", name="action_create")
@staff_view()
def action_create(request: HttpRequest, user: User, plan_id: UUID) -> HttpResponse:
    plan = _plan(user, plan_id)
    access.require(user, CHANGE, plan)
    form = ActionForm(request.POST or None, plan=plan,
                      initial={"responsible": user.agency_id,
                               "deadline": date(plan.start_year, 12, 31)})
    return form_page(
        request, "coordination/form.html", form,
        lambda data: services.action_create(actor=user, plan=plan, **data),
        lambda action: redirect("coordination:action_detail", action_id=action.pk),
        {"title": "action_new", "plan": plan})


@route("actions/<uuid:action_id>/", name="action_detail")
@body_limit(EVIDENCE_RULES.body_bytes)
@staff_view()
def action_detail(request: HttpRequest, user: User, action_id: UUID) -> HttpResponse:
    action = access.get_visible_or_404(user, Action.objects.select_related(
        "plan", "goal", "responsible"), pk=action_id)
    may_report = access.can(user, REPORT_PROGRESS, action)
    form = ActionProgressForm(request.POST or None, request.FILES or None,
                              initial={"status": action.status, "progress": action.progress}) \
        if may_report else None
    if request.method == "POST":
        access.require(user, REPORT_PROGRESS, action)
        assert form is not None
        if form.is_valid():
            files = checked_files(form)
            if files is not None and succeeded(form, lambda: services.action_progress_record(
                    actor=user, action=action, status=form.cleaned_data["status"],
                    progress=form.cleaned_data["progress"], note=form.cleaned_data["note"],
                    files=files)):
                return redirect("coordination:action_detail", action_id=action.pk)
    today = timezone.localdate()
    return page(request, "coordination/action_detail.html", {
        "action": action, "form": form, "condition": action_condition(action, today),
        "expected": expected_progress(action, today),
        "supporting": action.supporting.all(),
        "updates": action.updates.prefetch_related("evidence").select_related("created_by"),
        "flags": action.flags.order_by("-raised_on"),
        "follow_ups": action.follow_ups.select_related("meeting")}, (form,))


@route("plans/<uuid:plan_id>/indicators/new/", name="indicator_create")
@staff_view()
def indicator_create(request: HttpRequest, user: User, plan_id: UUID) -> HttpResponse:
    plan = _plan(user, plan_id)
    access.require(user, CHANGE, plan)
    form = IndicatorForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(actor=user, plan=plan,
                                                  **form.service_fields())
        except ValidationError as exc:
            _target_errors(form, exc)
        else:
            return redirect("coordination:indicator_detail", indicator_id=indicator.pk)
    return page(request, "coordination/indicator_form.html", {
        "form": form, "plan": plan, "metrics": all_metrics()}, (form,))


def _target_errors(form: IndicatorForm, exc: ValidationError) -> None:
    """A target's error goes next to that year's field ("Target 2027 ...")."""
    messages = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for name, texts in messages.items():
        for text in texts:
            year = re.search(r"Target (\d{4})", text) if name == "targets" else None
            field = f"target_{year.group(1)}" if year else name
            form.add_error(field if field in form.fields else None, text)


@route("indicators/<uuid:indicator_id>/", name="indicator_detail")
@body_limit(EVIDENCE_RULES.body_bytes)
@staff_view()
def indicator_detail(request: HttpRequest, user: User, indicator_id: UUID) -> HttpResponse:
    indicator = access.get_visible_or_404(user, Indicator.objects.select_related(
        "plan", "goal"), pk=indicator_id)
    plan = indicator.plan
    can_change = access.can(user, CHANGE, indicator)
    may_report = access.can(user, REPORT_PROGRESS, indicator) and not indicator.is_computed
    posted = request.POST.get("form") if request.method == "POST" else None
    target_form = TargetForm(request.POST if posted == "target" else None, plan=plan) \
        if can_change else None
    progress_form = ProgressForm(request.POST if posted == "progress" else None,
                                 request.FILES if posted == "progress" else None, plan=plan,
                                 initial={"year": min(timezone.localdate().year,
                                                      plan.end_year)}) \
        if may_report else None
    if posted == "target":
        access.require(user, CHANGE, indicator)
        assert target_form is not None
        if target_form.is_valid() and succeeded(target_form, lambda: services.indicator_target_set(
                actor=user, indicator=indicator, **target_form.cleaned_data)):
            return redirect("coordination:indicator_detail", indicator_id=indicator.pk)
    elif posted == "progress":
        if progress_form is None:
            access.require(user, REPORT_PROGRESS, indicator)
            return redirect("coordination:indicator_detail", indicator_id=indicator.pk)
        if progress_form.is_valid():
            files = checked_files(progress_form)
            data = dict(progress_form.cleaned_data)
            data.pop("evidence")
            if files is not None and succeeded(progress_form, lambda: (
                    services.indicator_progress_record(actor=user, indicator=indicator,
                                                       files=files, **data))):
                return redirect("coordination:indicator_detail", indicator_id=indicator.pk)
    return page(request, "coordination/indicator_detail.html", {
        "indicator": indicator, "plan": plan,
        "view": selectors.indicator_view(indicator, reader=user),
        "target_form": target_form, "progress_form": progress_form,
        "progress": indicator.progress.prefetch_related("evidence").select_related(
            "created_by")}, (target_form, progress_form))


@route("evidence/<uuid:evidence_id>/", name="evidence_download")
@staff_view()
def evidence_download(request: HttpRequest, user: User, evidence_id: UUID) -> HttpResponse:
    evidence = access.get_visible_or_404(user, Evidence.objects.select_related(
        "progress", "action_update__action", "agreement", "meeting"), pk=evidence_id)
    audit.record_object(actor=user, action=AuditAction.VIEW, obj=evidence,
                        region_code=evidence.region_code, detail={"context": "download"})
    # Stored sealed (common/sealed.py); at most 5 MB (uploads.MAX_FILE_BYTES).
    ascii_name = evidence.name.encode("ascii", "ignore").decode().replace('"', "") or "bukti"
    return attachment(HttpResponse(sealed.load_any(evidence.file),
                                   content_type=evidence.content_type), ascii_name)


@route("flags/", name="flag_list")
@staff_view(VIEW, Flag)
def flag_list(request: HttpRequest, user: User) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    flags = selectors.flags_for(user, open_only=not show_all)
    mine = flags.filter(agency_id=user.agency_id) if user.agency_id else flags.none()
    result = paginated(request, flags, 50)
    return page(request, "coordination/flag_list.html", {
        "page": result, "mine": mine[:50], "show_all": show_all})


@route("metrics/", name="metric_list")
@staff_view(VIEW, PlanPeriod)
def metric_list(request: HttpRequest, user: User) -> HttpResponse:
    """The registry of metrics, with their values for a region and year on request."""
    region_field = RegionField(required=False)
    region_code = user.scope_code
    error = ""
    raw_region = request.GET.get("region", "")
    if raw_region:
        try:
            region = region_field.clean(raw_region)
        except ValidationError as exc:
            error = " ".join(exc.messages)
            region = None
        if region is not None and access.code_in_scope(user.scope_code, region.code):
            region_code = region.code
        elif region is not None:
            error = _("Wilayah di luar lingkup kerja Anda")

    try:
        year = int(request.GET.get("year", "") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    values = []
    if request.GET.get("compute") == "1":
        with memo_scope():
            values = [(m, compute_for(user, m.name, region_code, date(year, 1, 1),
                                   date(year, 12, 31)))
                      for m in all_metrics()]
    return page(request, "coordination/metric_list.html", {
        "metrics": all_metrics(), "values": values, "region_code": region_code,
        "year": year, "error": error, "raw_region": raw_region})
