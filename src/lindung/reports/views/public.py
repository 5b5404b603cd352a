"""The public side: report without an account, then follow the report with the receipt.

No session is opened and nothing about the request (address, browser, cookies) reaches the
services. The only cookie these pages cause is Django's CSRF cookie, which holds a random
token and is linked to nothing. Rate limits key on a keyed hash of the client address
(lindung.common.client), counted in the kernel's counter table, never with a report.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from lindung.common import ratelimit
from lindung.common.bodylimit import body_limit
from lindung.common.ratelimit import Policy
from lindung.common.ratelimit import Window
from lindung.common.routes import route
from lindung.common.views import errors_onto_form
from lindung.common.views import succeeded
from lindung.reports import selectors
from lindung.reports import services
from lindung.reports.forms import ATTACHMENT_RULES
from lindung.reports.forms import PublicReportForm
from lindung.reports.forms import ReceiptForm
from lindung.reports.forms import ReporterUpdateForm
from lindung.reports.forms import form_started_token
from lindung.reports.models import PublicReport

RECEIPT_ERRORS = {
    "format": gettext_lazy("Kode tanda terima terdiri dari 16 huruf dan angka, misalnya "
                           "K7QM-4TZP-9XRA-2HWD. Periksa lagi kode Anda."),
    "unknown": gettext_lazy("Kode tanda terima ini tidak dikenal. Periksa lagi setiap huruf "
                            "dan angka."),
    "expired": gettext_lazy("Kode tanda terima ini sudah kedaluwarsa (laporan ditutup lebih "
                            "dari 180 hari yang lalu). Silakan buat laporan baru bila perlu."),
}

# Submissions of new reports; look-ups with a receipt code (right or wrong) and additions.
SUBMIT_POLICY = Policy("report-submit", (Window(5, 3600), Window(20, 86400)))
LOOKUP_POLICY = Policy("receipt-lookup", (Window(20, 900), Window(100, 86400)))


def _too_many(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context["rate_limited"] = True
    return render(request, template, context, status=429)



@route("new/", name="new")
@body_limit(ATTACHMENT_RULES.body_bytes)
@never_cache
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    template = "reports/public_report_form.html"
    if request.method == "POST":
        form = PublicReportForm(request.POST, request.FILES)
        if ratelimit.request_exceeded(request, SUBMIT_POLICY):
            return _too_many(request, template, {"form": form})
        if form.is_valid():
            ratelimit.request_hit(request, SUBMIT_POLICY)
            try:
                submitted = services.report_submit(
                    actor=None, channel="web", files=form.cleaned_data["attachments"],
                    **form.report_fields())
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                return render(request, "reports/public_receipt.html",
                              {"report": submitted.report, "code": submitted.receipt_code})
        # A fresh start time: the person corrects the form, the clock starts again.
        data = request.POST.copy()
        data["started"] = form_started_token()
        form.data = data
        return render(request, template, {"form": form}, status=400)
    form = PublicReportForm(initial={"started": form_started_token()})
    return render(request, template, {"form": form})


def _status_page(request: HttpRequest, report: PublicReport, code: str,
                 update_form: ReporterUpdateForm | None = None,
                 status: int = 200) -> HttpResponse:
    services.report_viewed_by_reporter(report=report)
    return render(request, "reports/public_status.html", {
        "report": report,
        "events": selectors.reporter_timeline(report),
        "update_form": update_form or ReporterUpdateForm(initial={"code": code}),
        "can_add": report.is_open,
    }, status=status)


@route("track/", name="track")
@never_cache
@require_http_methods(["GET", "POST"])
def report_track(request: HttpRequest) -> HttpResponse:
    """Look a report up with its receipt (POST, so the code never sits in a URL or log)."""
    template = "reports/public_track.html"
    form = ReceiptForm(request.POST or None)
    if request.method != "POST":
        return render(request, template, {"form": form})
    if ratelimit.request_exceeded(request, LOOKUP_POLICY):
        return _too_many(request, template, {"form": ReceiptForm()})
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    ratelimit.request_hit(request, LOOKUP_POLICY)
    code = form.cleaned_data["code"]
    try:
        report = services.report_by_receipt(code=code)
    except services.ReceiptError as exc:
        form.add_error("code", str(RECEIPT_ERRORS[exc.kind]))
        return render(request, template, {"form": form},
                      status=410 if exc.kind == "expired" else 400)
    return _status_page(request, report, code)


@route("track/add/", name="track_add")
@body_limit(ATTACHMENT_RULES.body_bytes)
@never_cache
@require_http_methods(["POST"])
def report_track_add(request: HttpRequest) -> HttpResponse:
    """The reporter adds information; the receipt is checked again."""
    form = ReporterUpdateForm(request.POST, request.FILES)
    if ratelimit.request_exceeded(request, LOOKUP_POLICY):
        return _too_many(request, "reports/public_track.html", {"form": ReceiptForm()})
    ratelimit.request_hit(request, LOOKUP_POLICY)
    code = request.POST.get("code", "")
    try:
        report = services.report_by_receipt(code=code)
    except services.ReceiptError as exc:
        receipt_form = ReceiptForm({"code": code[:40]})
        receipt_form.is_valid()
        receipt_form.add_error("code", str(RECEIPT_ERRORS[exc.kind]))
        return render(request, "reports/public_track.html", {"form": receipt_form},
                      status=400)
    if form.is_valid() and succeeded(form, lambda: services.reporter_update_add(
            report=report, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"])):
        report.refresh_from_db()
        return _status_page(request, report, code)
    return _status_page(request, report, code, update_form=form, status=400)
