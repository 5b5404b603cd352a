"""Periodic reports: request (built now for a small region, in the background with a
progress bar for a big one), read in either language, download as PDF or XLSX."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.models import User
from lindung.common.pdf import pdf_response
from lindung.common.routes import route
from lindung.common.tabular import attachment
from lindung.common.views import attempt
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import succeeded
from lindung.coordination import selectors
from lindung.coordination import services
from lindung.coordination.choices import ReportStatus
from lindung.coordination.forms.reports import ReportNarrativeForm
from lindung.coordination.forms.reports import ReportRequestForm
from lindung.coordination.models import PeriodicReport
from lindung.coordination.report.pdf import report_pdf
from lindung.coordination.report.render import LANGUAGES
from lindung.coordination.report.render import report_view
from lindung.coordination.report.xlsx import report_xlsx
from lindung.core import access
from lindung.core.decorators import is_htmx
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@route("reports/", name="report_list")
@staff_view(VIEW, PeriodicReport)
def report_list(request: HttpRequest, user: User) -> HttpResponse:
    can_create = access.can(user, CREATE, PeriodicReport)
    form = ReportRequestForm(request.POST or None, plans=selectors.visible_plans(user),
                             initial={"start_year": timezone.localdate().year - 1,
                                      "region": user.scope_code}) if can_create else None
    if request.method == "POST":
        access.require(user, CREATE, PeriodicReport)
        assert form is not None
        if form.is_valid():
            data = form.cleaned_data
            region = data.get("region") or user.scope_region
            report = attempt(form, lambda: services.report_request(
                actor=user, kind=data["kind"], start_year=data["start_year"], region=region,
                plan=data.get("plan")))
            if report is not None:
                return redirect("coordination:report_detail", report_id=report.pk)
    reports = access.visible(user, PeriodicReport.objects.select_related("region", "plan"))
    result = paginated(request, reports.order_by("-created_at"), 30)
    return page(request, "coordination/report_list.html", {
        "form": form, "page": result}, (form,))


@route("reports/<uuid:report_id>/", name="report_detail")
@staff_view()
def report_detail(request: HttpRequest, user: User, report_id: UUID) -> HttpResponse:
    report = access.get_visible_or_404(user, PeriodicReport.objects.select_related(
        "region", "plan", "job"), pk=report_id)
    lang = request.GET.get("lang", "")
    lang = lang if lang in LANGUAGES else (request.LANGUAGE_CODE or "id")[:2]
    lang = lang if lang in LANGUAGES else "id"
    view = report_view(report, lang) if report.status == ReportStatus.DONE and \
        report.content.get("version") else None
    narrative = ReportNarrativeForm(initial={
        name: getattr(report, name) for name in services.reports.NARRATIVE_FIELDS}) \
        if access.can(user, CHANGE, report) else None
    context = {"report": report, "view": view, "lang": lang, "languages": LANGUAGES,
               "narrative_form": narrative}
    if is_htmx(request) and report.is_running:
        return page(request, "coordination/report_progress.html", context)
    if is_htmx(request):  # finished while the page was polling: reload the whole page
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    with translation.override(lang):  # the whole page in the report's language
        return page(request, "coordination/report_detail.html", context)


@route("reports/<uuid:report_id>/narrative/", name="report_narrative")
@staff_view()
@require_POST
def report_narrative(request: HttpRequest, user: User, report_id: UUID) -> HttpResponse:
    """Save the narrative (achievements, obstacles, recommendations) the coordinator wrote."""
    report = access.get_visible_or_404(user, PeriodicReport.objects.select_related(
        "region", "plan", "job"), pk=report_id)
    access.require(user, CHANGE, report)
    form = ReportNarrativeForm(request.POST)
    if form.is_valid() and succeeded(form, lambda: services.report_narrative_set(
            actor=user, report=report, **form.cleaned_data)):
        messages.success(request, _("Narasi laporan disimpan."))
        return redirect("coordination:report_detail", report_id=report.pk)
    view = report_view(report, "id") if report.status == ReportStatus.DONE and \
        report.content.get("version") else None
    return page(request, "coordination/report_detail.html", {
        "report": report, "view": view, "lang": "id", "languages": LANGUAGES,
        "narrative_form": form}, (form,))


@route("reports/<uuid:report_id>/report.<str:fmt>", name="report_download")
@staff_view()
def report_download(request: HttpRequest, user: User, report_id: UUID, fmt: str) -> HttpResponse:
    report = access.get_visible_or_404(user, PeriodicReport.objects.select_related("region"),
                                       pk=report_id)
    if fmt not in ("pdf", "xlsx") or report.status != ReportStatus.DONE \
            or not report.content.get("version"):
        raise Http404(_("Tidak ditemukan"))
    lang = request.GET.get("lang", "id")
    lang = lang if lang in LANGUAGES else "id"
    services.report_downloaded(actor=user, report=report, fmt=fmt, lang=lang)
    view = report_view(report, lang)
    years = f"{report.start_year}" if report.start_year == report.end_year \
        else f"{report.start_year}-{report.end_year}"
    name = f"laporan-{report.kind}-{report.region_code or 'nasional'}-{years}-{lang}.{fmt}"
    if fmt == "pdf":
        return pdf_response(report_pdf(view), name, download=True)
    return attachment(HttpResponse(report_xlsx(view), content_type=XLSX), name)
