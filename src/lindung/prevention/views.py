"""Prevented departures and dissemination events: lists, forms, details, record exports;
the task-force statistics page and its downloads."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString

from lindung.accounts.models import User
from lindung.common import charts
from lindung.common.countries import country_name
from lindung.common.routes import route
from lindung.common.tabular import Sheet
from lindung.common.tabular import csv_response
from lindung.common.tabular import xlsx_response
from lindung.common.views import form_page
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.decorators import is_htmx
from lindung.core.decorators import staff_view
from lindung.core.pages import list_page
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.prevention import services
from lindung.prevention.forms import DisseminationForm
from lindung.prevention.forms import PreventedDepartureForm
from lindung.prevention.forms import StatisticsFilterForm
from lindung.prevention.models import DisseminationEvent
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.models import PreventionRecordStatistic
from lindung.prevention.statistics import exports
from lindung.prevention.statistics.selectors import Table
from lindung.prevention.statistics.selectors import available_years
from lindung.prevention.statistics.selectors import taskforce_statistics
from lindung.regions.models import Region
from lindung.reports.selectors import scope_range

EXPORT_LIMIT = 100000



def _departures(user: User) -> Any:
    return (access.visible(user, PreventedDeparture.objects.all()).filter(scope_range(user))
            .select_related("site", "acting_agency"))


@route("", name="list")
@staff_view(VIEW, PreventedDeparture)
def departure_list(request: HttpRequest, user: User) -> HttpResponse:
    departures = _departures(user).order_by("-date", "-created_at")
    site = request.GET.get("site", "")
    if site:
        departures = departures.filter(site_id=site) if len(site) in (32, 36) else \
            departures.none()
    return list_page(request, user, "prevention/departure_list.html", departures,
                     PreventedDeparture)


@route("new/", name="new")
@staff_view(CREATE, PreventedDeparture)
def departure_new(request: HttpRequest, user: User) -> HttpResponse:
    initial: dict[str, Any] = {"date": timezone.localdate(), "acting_agency": user.agency_id,
                               "site": user.site_id, "people": request.GET.get("person", "")}
    form = PreventedDepartureForm(request.POST or None, initial=initial, user=user)

    def record(data: dict[str, Any]) -> PreventedDeparture:
        fields = dict(data)
        case = fields.pop("case_reference")
        return services.prevented_departure_record(actor=user, case=case, **fields)

    return form_page(request, "prevention/departure_form.html", form, record,
                     lambda departure: redirect("prevention:detail", departure_id=departure.pk))


@route("<uuid:departure_id>/", name="detail")
@staff_view()
def departure_detail(request: HttpRequest, user: User, departure_id: str) -> HttpResponse:
    departure = access.get_visible_or_404(
        user, PreventedDeparture.objects.select_related("site", "acting_agency", "case"),
        pk=departure_id)
    services.prevented_departure_viewed(actor=user, departure=departure)
    people = [link.person for link in departure.people.select_related("person")]
    return render(request, "prevention/departure_detail.html", {
        "departure": departure, "people": people,
        "destination": country_name(departure.destination_country)})


EXPORT_COLUMNS = ("nomor", "tanggal", "titik_embarkasi", "kode_wilayah", "negara_tujuan",
                  "alasan", "instansi", "tindak_lanjut", "jumlah_orang", "jumlah_anak",
                  "kasus", "data_sintetis")


@route("export.<str:fmt>", name="export")
@staff_view(VIEW, PreventedDeparture)
def departure_export(request: HttpRequest, user: User, fmt: str) -> HttpResponse:
    """Prevented departures in scope as rows (no names or identity numbers)."""
    departures = _departures(user).select_related("case").order_by("-date")[:EXPORT_LIMIT]
    rows = [[d.reference, d.date, d.site.shown_name, d.region_code, d.destination_country,
             d.get_reason_display(), str(d.acting_agency), d.get_outcome_display(),
             d.people_count, d.minors_count, d.case.reference if d.case else "", d.synthetic]
            for d in departures]
    audit.record(actor=user, action=AuditAction.EXPORT, entity="prevention.preventeddeparture",
                 region_code=user.scope_code, detail={"format": fmt, "rows": len(rows)})
    name = f"pencegahan-{timezone.localdate().isoformat()}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", [Sheet("pencegahan", EXPORT_COLUMNS, rows)])
    return csv_response(f"{name}.csv", EXPORT_COLUMNS, rows)


@route("dissemination/", name="dissemination_list")
@staff_view(VIEW, DisseminationEvent)
def dissemination_list(request: HttpRequest, user: User) -> HttpResponse:
    events = (access.visible(user, DisseminationEvent.objects.all()).filter(scope_range(user))
              .select_related("region", "agency").order_by("-date", "-created_at"))
    return list_page(request, user, "prevention/dissemination_list.html", events,
                     DisseminationEvent)


@route("dissemination/new/", name="dissemination_new")
@staff_view(CREATE, DisseminationEvent)
def dissemination_new(request: HttpRequest, user: User) -> HttpResponse:
    form = DisseminationForm(request.POST or None,
                             initial={"date": timezone.localdate(), "agency": user.agency_id,
                                      "site": user.site_id})
    return form_page(request, "prevention/dissemination_form.html", form,
                     lambda data: services.dissemination_event_record(actor=user, **data),
                     lambda _event: redirect("prevention:dissemination_list"))


# --- statistics ---------------------------------------------------------------------------


def _statistics_for(request: HttpRequest, user: User) -> tuple[StatisticsFilterForm, Any]:
    access.require(user, VIEW, PreventionRecordStatistic)
    form = StatisticsFilterForm(request.GET or None, user=user, years=available_years(user))
    area, year = "", None
    if form.is_valid():
        region = form.cleaned_data.get("region")
        area, year = (region.code if region else ""), form.cleaned_data.get("year")
    return form, taskforce_statistics(user=user, area=area, year=year)


def _bars(table: Table) -> SafeString:
    """A table's rows as bars ("" when it has none: the page says so in words)."""
    return charts.bars(title=table.title, unit=table.measure,
                       rows=[(row.label, row.value) for row in table.rows]) \
        if table.rows else SafeString("")


def _months(table: Table | None) -> SafeString:
    """A month table as columns over time ("" when it has no month)."""
    if table is None or not table.rows:
        return SafeString("")
    return charts.columns(title=table.title, labels=[row.label for row in table.rows],
                          series=[charts.Series(table.measure,
                                                [row.value for row in table.rows])],
                          unit=table.measure)


@route("statistics/", name="statistics")
@staff_view()
def statistics(request: HttpRequest, user: User) -> HttpResponse:
    form, stats = _statistics_for(request, user)
    bars = [(table, _bars(table)) for table in stats.prevention_tables]
    report_bars = [(table, _bars(table)) for table in stats.report_tables]
    area = Region.objects.filter(code=stats.area_code).first() if stats.area_code else None
    context = {
        "form": form, "stats": stats, "bars": bars, "report_bars": report_bars,
        "area_name": area.name if area else "",
        "prevented_month_chart": _months(stats.prevented_by_month),
        "reports_month_chart": _months(stats.reports_by_month),
        "query": request.GET.urlencode(),
    }
    template = "prevention/statistics_body.html" if is_htmx(request) else \
        "prevention/statistics.html"
    return render(request, template, context, status=400 if form.errors else 200)


@route("statistics/export.<str:fmt>", name="statistics_export")
@staff_view()
def statistics_export(request: HttpRequest, user: User, fmt: str) -> HttpResponse:
    """The statistics tables as CSV or XLSX; `?open=1` gives the anonymised open-data
    version (cells below 11 suppressed)."""
    _form, stats = _statistics_for(request, user)
    open_data = request.GET.get("open") == "1"
    kind = "open-data" if open_data else "tables"
    services.statistics_exported(actor=user, kind=kind, fmt=fmt,
                                 filters={"area": stats.area_code, "year": stats.year})
    name = f"statistik-satgas-{kind}-{stats.area_code or 'nasional'}-{stats.year or 'semua'}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", exports.xlsx_sheets(stats, open_data=open_data))
    return csv_response(f"{name}.csv", exports.COLUMNS,
                        exports.flat_rows(stats, open_data=open_data))
