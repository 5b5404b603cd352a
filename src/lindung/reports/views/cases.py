"""TPPO cases: open from a report, record victims, suspects, events, indicators; export
in HTCDS field names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.routes import route
from lindung.common.tabular import Sheet
from lindung.common.tabular import csv_response
from lindung.common.tabular import xlsx_response
from lindung.common.views import form_page
from lindung.common.views import paginated
from lindung.common.views import succeeded
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.reports import htcds
from lindung.reports import selectors
from lindung.reports import services
from lindung.reports.forms import CaseOpenForm
from lindung.reports.forms import CaseUpdateForm
from lindung.reports.forms import EventForm
from lindung.reports.forms import SuspectForm
from lindung.reports.forms import VictimForm
from lindung.reports.models import Case
from lindung.reports.models import PublicReport
from lindung.reports.views.common import people_found

EXPORT_LIMIT = 5000


def _case_for(user: User, case_id: str, action: str = VIEW) -> Case:
    return access.get_visible_or_404(
        user, Case.objects.select_related("report", "region", "case_owner"), action,
        pk=case_id)


@route("cases/", name="case_list")
@staff_view(VIEW, Case)
def case_list(request: HttpRequest, user: User) -> HttpResponse:
    cases = selectors.visible_cases(user).order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status:
        cases = cases.filter(status=status)
    page = paginated(request, cases, 25)
    return render(request, "reports/case_list.html", {"page": page, "status": status})


@route("<uuid:report_id>/case/", name="case_open_from_report")
@route("cases/new/", name="case_open")
@staff_view(CREATE, Case)
def case_open(request: HttpRequest, user: User, report_id: str | None = None) -> HttpResponse:
    report = None
    if report_id is not None:
        report = access.get_visible_or_404(user, PublicReport.objects.all(), CHANGE,
                                           pk=report_id)
    initial = {"summary": report.description[:5000], "region": report.region_code} \
        if report else {}
    form = CaseOpenForm(request.POST or None, initial=initial)
    return form_page(request, "reports/case_open.html", form,
                     lambda data: services.case_open(actor=user, report=report, **data),
                     lambda case: redirect("reports:case_detail", case_id=case.pk),
                     {"report": report})


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


@route("cases/<uuid:case_id>/", name="case_detail")
@staff_view()
def case_detail(request: HttpRequest, user: User, case_id: str) -> HttpResponse:
    case = _case_for(user, case_id)
    services.case_viewed(actor=user, case=case)
    return render(request, "reports/case_detail.html", _case_context(user, case))


def _case_form(request: HttpRequest, user: User, case: Case, slot: str, form: Any,
               call: Callable[[dict[str, Any]], object]) -> HttpResponse:
    """One form of the case page, posted on its own: the service `call` with its data, then
    back to the page; the page again (400) with the form's errors in its `slot`."""
    if request.method != "POST" or (form.is_valid() and succeeded(
            form, lambda: call(form.cleaned_data))):
        return redirect("reports:case_detail", case_id=case.pk)
    case.refresh_from_db()
    return render(request, "reports/case_detail.html",
                  _case_context(user, case, **{slot: form}), status=400)


@route("cases/<uuid:case_id>/edit/", name="case_edit")
@staff_view()
def case_edit(request: HttpRequest, user: User, case_id: str) -> HttpResponse:
    case = _case_for(user, case_id, CHANGE)
    return _case_form(request, user, case, "update_form", CaseUpdateForm(request.POST or None),
                      lambda data: services.case_update(actor=user, case=case, **data))


@route("cases/<uuid:case_id>/events/", name="case_event_add")
@staff_view()
def case_event_add(request: HttpRequest, user: User, case_id: str) -> HttpResponse:
    case = _case_for(user, case_id, CHANGE)
    return _case_form(request, user, case, "event_form", EventForm(request.POST or None),
                      lambda data: services.trafficking_event_add(actor=user, case=case,
                                                                  **data))


def _picked_person(user: User, person_id: Any) -> Person | None:
    if not person_id:
        return None
    return access.get_visible_or_404(user, Person.objects.all(), pk=person_id)


PersonAdd = Callable[[Case, Person | None, dict[str, Any]], object]


@route("cases/<uuid:case_id>/suspects/", name="case_suspect_add")
@staff_view()
def case_suspect_add(request: HttpRequest, user: User, case_id: str) -> HttpResponse:
    return _person_add(request, user, case_id, SuspectForm, "reports/case_suspect.html",
                       lambda case, person, data: services.case_suspect_add(
                           actor=user, case=case, person=person, **data))


@route("cases/<uuid:case_id>/victims/", name="case_victim_add")
@staff_view()
def case_victim_add(request: HttpRequest, user: User, case_id: str) -> HttpResponse:
    def add(case: Case, person: Person | None, data: dict[str, Any]) -> object:
        assert person is not None  # the victim form requires one
        return services.case_victim_add(actor=user, case=case, person=person, **data)

    return _person_add(request, user, case_id, VictimForm, "reports/case_victim.html", add)


def _person_add(request: HttpRequest, user: User, case_id: str, form_class: type[Any],
                template: str, add: PersonAdd) -> HttpResponse:
    """Add a suspect or a victim: search the registry (GET q), pick a person (GET person),
    then fill the form; the service `add` writes it."""
    case = _case_for(user, case_id, CHANGE)
    form = form_class(request.POST or None, initial={"person": request.GET.get("person")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        person = _picked_person(user, data.pop("person"))
        if succeeded(form, lambda: add(case, person, data)):
            return redirect("reports:case_detail", case_id=case.pk)
    pick, found = people_found(request, user, "case-people-picker")
    person_id = request.POST.get("person") or request.GET.get("person")
    picked = None
    if person_id:
        try:
            picked = _picked_person(user, person_id)
        except (Http404, PermissionDenied):  # an unknown id simply shows no person
            picked = None
    return render(request, template, {"case": case, "form": form, "pick": pick,
                                      "found": found, "person": picked},
                  status=400 if form.errors else 200)


@route("cases/<uuid:case_id>/htcds.json", name="case_htcds")
@staff_view()
def case_htcds_json(request: HttpRequest, user: User, case_id: str) -> HttpResponse:
    case = _case_for(user, case_id)
    audit.record_object(actor=user, action=AuditAction.EXPORT, obj=case,
                        region_code=case.region_code, detail={"format": "htcds-json"})
    response = JsonResponse(htcds.case_document(case), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-htcds.json"'
    return response


@route("cases/export.<str:fmt>", name="case_export")
@staff_view(VIEW, Case)
def case_export(request: HttpRequest, user: User, fmt: str) -> HttpResponse:
    """All visible cases as flat HTCDS rows (one per victim), CSV or XLSX."""
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
