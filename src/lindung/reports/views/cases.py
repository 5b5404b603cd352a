"""TPPO cases: open from a report, record victims, suspects, events, indicators; export
in HTCDS field names."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.tabular import Sheet, csv_response, xlsx_response
from lindung.common.views import errors_onto_form, staff_user, succeeded
from lindung.core import access, audit
from lindung.core.decorators import staff_required
from lindung.core.models import AuditAction
from lindung.core.roles import CHANGE, CREATE, VIEW
from lindung.people import selectors as people_selectors
from lindung.people import services as people_services
from lindung.people.models import Person
from lindung.reports import htcds, selectors, services
from lindung.reports.forms import (
    CaseOpenForm,
    CaseUpdateForm,
    EventForm,
    PersonPickForm,
    SuspectForm,
    VictimForm,
)
from lindung.reports.models import Case, PublicReport

EXPORT_LIMIT = 5000


def _case_for(user: User, case_id: str, action: str = VIEW) -> Case:
    return access.get_visible_or_404(
        user, Case.objects.select_related("report", "region", "case_owner"), action,
        pk=case_id)


@staff_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    access.require(user, VIEW, Case)
    cases = selectors.visible_cases(user).order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status:
        cases = cases.filter(status=status)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    return render(request, "reports/case_list.html", {"page": page, "status": status})


@staff_required
def case_open(request: HttpRequest, report_id: str | None = None) -> HttpResponse:
    user = staff_user(request)
    access.require(user, CREATE, Case)
    report = None
    if report_id is not None:
        report = access.get_visible_or_404(user, PublicReport.objects.all(), CHANGE,
                                           pk=report_id)
    initial = {"summary": report.description[:5000], "region": report.region_code} \
        if report else {}
    form = CaseOpenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=user, report=report, **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            return redirect("reports:case_detail", case_id=case.pk)
    return render(request, "reports/case_open.html", {"form": form, "report": report},
                  status=400 if form.errors else 200)


def _case_context(user: User, case: Case, **forms: Any) -> dict[str, Any]:
    return {
        "case": case,
        "may_change": access.can(user, CHANGE, case),
        "victims": case.victims.select_related("person"),
        "suspects": case.suspects.select_related("person"),
        "events": case.events.select_related("region"),
        "update_form": forms.get("update_form") or CaseUpdateForm(initial={
            "title": case.title, "summary": case.summary, "status": case.status,
            "legal_stage": case.legal_stage, "police_report_number": case.police_report_number,
            "ilo_indicators": case.ilo_indicators,
            "reason_for_case_closure": case.reason_for_case_closure}),
        "event_form": forms.get("event_form") or EventForm(),
        "suspect_form": forms.get("suspect_form") or SuspectForm(),
    }


@staff_required
def case_detail(request: HttpRequest, case_id: str) -> HttpResponse:
    user = staff_user(request)
    case = _case_for(user, case_id)
    services.case_viewed(actor=user, case=case)
    return render(request, "reports/case_detail.html", _case_context(user, case))


@staff_required
def case_edit(request: HttpRequest, case_id: str) -> HttpResponse:
    user = staff_user(request)
    case = _case_for(user, case_id, CHANGE)
    if request.method != "POST":
        return redirect("reports:case_detail", case_id=case.pk)
    form = CaseUpdateForm(request.POST)
    if form.is_valid() and succeeded(form, lambda: services.case_update(
            actor=user, case=case, **form.cleaned_data)):
        return redirect("reports:case_detail", case_id=case.pk)
    case.refresh_from_db()
    return render(request, "reports/case_detail.html",
                  _case_context(user, case, update_form=form), status=400)


@staff_required
def case_event_add(request: HttpRequest, case_id: str) -> HttpResponse:
    user = staff_user(request)
    case = _case_for(user, case_id, CHANGE)
    if request.method != "POST":
        return redirect("reports:case_detail", case_id=case.pk)
    form = EventForm(request.POST)
    if form.is_valid() and succeeded(form, lambda: services.trafficking_event_add(
            actor=user, case=case, **form.cleaned_data)):
        return redirect("reports:case_detail", case_id=case.pk)
    return render(request, "reports/case_detail.html",
                  _case_context(user, case, event_form=form), status=400)


def _picked_person(user: User, person_id: Any) -> Person | None:
    if not person_id:
        return None
    return access.get_visible_or_404(user, Person.objects.all(), pk=person_id)


@staff_required
def case_suspect_add(request: HttpRequest, case_id: str) -> HttpResponse:
    user = staff_user(request)
    case = _case_for(user, case_id, CHANGE)
    form = SuspectForm(request.POST or None, initial={"person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = _picked_person(user, data.pop("person"))
        try:
            services.case_suspect_add(actor=user, case=case, person=person, **data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            return redirect("reports:case_detail", case_id=case.pk)
    return _person_step(request, user, case, form, "reports/case_suspect.html")


@staff_required
def case_victim_add(request: HttpRequest, case_id: str) -> HttpResponse:
    user = staff_user(request)
    case = _case_for(user, case_id, CHANGE)
    form = VictimForm(request.POST or None, initial={"person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = _picked_person(user, data.pop("person"))
        assert person is not None
        try:
            services.case_victim_add(actor=user, case=case, person=person, **data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            return redirect("reports:case_detail", case_id=case.pk)
    return _person_step(request, user, case, form, "reports/case_victim.html")


def _person_step(request: HttpRequest, user: User, case: Case, form: Any,
                 template: str) -> HttpResponse:
    """Search the registry (GET q), pick a person (GET person), then fill the form."""
    pick = PersonPickForm(request.GET or None)
    found: list[Person] = []
    if pick.is_valid() and pick.cleaned_data["q"]:
        found = list(people_selectors.person_search(user=user, query=pick.cleaned_data["q"])[:20])
        people_services.people_read(actor=user, people=found, context="case-people-picker")
    person_id = request.POST.get("person") or request.GET.get("person")
    person = None
    if person_id:
        try:
            person = _picked_person(user, person_id)
        except (Http404, PermissionDenied):  # an unknown id simply shows no person
            person = None
    return render(request, template, {"case": case, "form": form, "pick": pick,
                                      "found": found, "person": person},
                  status=400 if form.errors else 200)


@staff_required
def case_htcds_json(request: HttpRequest, case_id: str) -> HttpResponse:
    user = staff_user(request)
    case = _case_for(user, case_id)
    audit.record_object(actor=user, action=AuditAction.EXPORT, obj=case,
                        region_code=case.region_code, detail={"format": "htcds-json"})
    response = JsonResponse(htcds.case_document(case), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-htcds.json"'
    return response


@staff_required
def case_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """All visible cases as flat HTCDS rows (one per victim), CSV or XLSX."""
    user = staff_user(request)
    access.require(user, VIEW, Case)
    cases = list(selectors.visible_cases(user).prefetch_related(
        "victims__person", "suspects", "report__referrals__to_agency")[:EXPORT_LIMIT])
    rows = [row for case in cases for row in htcds.case_rows(case)]
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    audit.record(actor=user, action=AuditAction.EXPORT, entity="reports.case",
                 region_code=user.scope_code, detail={"format": fmt, "rows": len(rows),
                                                      "cases": [str(c.pk) for c in cases]})
    # The file names every victim and registered suspect in it: each is a person read.
    read = [victim.person for case in cases for victim in case.victims.all()]
    read += [suspect.person for case in cases for suspect in case.suspects.all()
             if suspect.person is not None]
    audit.record_reads(actor=user, objects=read, context=f"case-export-{fmt}")
    stamp = timezone.localdate().isoformat()
    values = [[row.get(c, "") for c in columns] for row in rows]
    if fmt == "xlsx":
        return xlsx_response(f"kasus-htcds-{stamp}.xlsx", [Sheet("HTCDS", columns, values)])
    return csv_response(f"kasus-htcds-{stamp}.csv", columns, values)
