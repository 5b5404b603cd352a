"""Public pages: no account needed. Anonymous GETs are served from the shared cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.utils import timezone
from django.utils import translation

from lindung.common import ratelimit
from lindung.common.routes import route
from lindung.common.views import paginated
from lindung.core import access
from lindung.ltsa import certificates
from lindung.ltsa import public_cache
from lindung.ltsa import public_index
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.access import may_see_holder
from lindung.ltsa.choices import Country
from lindung.ltsa.eligibility import Eligibility
from lindung.ltsa.forms import CheckForm
from lindung.ltsa.forms import FeeForm
from lindung.ltsa.forms import JobsForm
from lindung.ltsa.forms import TrackForm
from lindung.ltsa.limits import TRACK_POLICY
from lindung.ltsa.models import AgencyLicence
from lindung.ltsa.models import AgencyOffice
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import PlacementAgency
from lindung.ltsa.models import ZeroCostRule
from lindung.ltsa.reference import PERBAN_9_2020
from lindung.ltsa.reference import UU_18_2017_ART_30
from lindung.ltsa.selectors.public import REPORT_URL


def _zero_cost_rules() -> list[ZeroCostRule]:
    today = timezone.localdate()
    return [rule for rule in ZeroCostRule.objects.select_related("occupation")
            .order_by("occupation__name") if rule.in_force_on(today)]


@route("", name="home")
@public_cache.public_page("home")
def home(request: HttpRequest, extra: dict[str, Any]) -> HttpResponse:
    return render(request, "ltsa/public_home.html", {
        "check_form": CheckForm(), "fee_form": FeeForm(), "report_url": REPORT_URL,
        "zero_cost_rules": _zero_cost_rules(), "perban": PERBAN_9_2020,
        "art30": UU_18_2017_ART_30, **extra})


@route("check/", name="check")
def check(request: HttpRequest) -> HttpResponse:
    def build(extra: dict[str, Any]) -> HttpResponse:
        form = CheckForm(request.GET or None)
        result = None
        agency_cards: list[str] = []
        job_cards: list[str] = []
        if form.is_valid():
            today = timezone.localdate()
            result = selectors.check(form.cleaned_data["q"], on=today)
            agency_cards, job_cards = public_index.cards(
                None, result, language=translation.get_language() or "", on=today)
        return render(request, "ltsa/check.html", {
            "form": form, "result": result, "agency_cards": agency_cards,
            "job_cards": job_cards, "report_url": REPORT_URL, "today": timezone.localdate(),
            **extra})

    def fast(versions: public_cache.Versions) -> str | None:
        if not request.GET:
            return None
        form = CheckForm(request.GET)
        if not form.is_valid():
            return None  # drawn in full, with its errors
        index = public_index.index_at(versions.data)
        today = timezone.localdate()
        language = translation.get_language() or ""
        result = public_index.check(index, form.cleaned_data["q"], on=today)
        agency_cards, job_cards = public_index.cards(index, result, language=language,
                                                     on=today)
        shape = ("check", language, today, result.found, bool(agency_cards), bool(job_cards))
        frame = index.pieces.get(shape, lambda: _check_frame(request, shape))
        return frame.fill({  # type: ignore[no-any-return]
            "next": public_index.escaped(request.get_full_path()),
            "q": public_index.escaped(str(form["q"].value())),
            "query": public_index.escaped(result.query),
            "agencies": "\n".join(agency_cards), "jobs": "\n".join(job_cards)})

    return public_cache.cached_page(request, "check", build, fast)


@dataclass(frozen=True)
class _FrameResult:
    """What check.html reads of a result, for drawing a frame."""

    query: str
    found: bool
    agencies: bool
    job_orders: bool


def _check_frame(request: HttpRequest, shape: tuple[Any, ...]) -> public_index.Frame:
    _, _, today, found, agencies, job_orders = shape
    slot = public_index.slot
    return public_index.Frame.of(render(request, "ltsa/check.html", {
        "form": CheckForm({"q": slot("q")}),
        "result": _FrameResult(slot("query"), found, agencies, job_orders),
        "agency_cards": [slot("agencies")], "job_cards": [slot("jobs")],
        "report_url": REPORT_URL, "today": today, "request": public_index.PathStub(request),
        "csrf_token": public_cache.CSRF_PLACEHOLDER}).content.decode())


@route("agencies/<uuid:agency_id>/", name="agency")
@public_cache.public_page("agency")
def agency(request: HttpRequest, extra: dict[str, Any], agency_id: str) -> HttpResponse:
    today = timezone.localdate()
    found = get_object_or_404(PlacementAgency.objects.prefetch_related("licences"),
                              pk=agency_id)
    state, licence = selectors.agency_state(found, today)
    offices = AgencyOffice.objects.filter(agency=found).select_related("region__parent")
    jobs = selectors.open_job_orders(on=today).filter(agency=found)[:50]
    return render(request, "ltsa/agency_public.html", {
        "agency": found, "state": state, "licence": licence, "offices": offices,
        "licences": AgencyLicence.objects.filter(agency=found).order_by("-issued_on"),
        "jobs": jobs, "report_url": REPORT_URL, **extra})


@route("job-orders/<uuid:job_order_id>/", name="job_order")
@public_cache.public_page("job")
def job_order(request: HttpRequest, extra: dict[str, Any], job_order_id: str) -> HttpResponse:
    today = timezone.localdate()
    job = get_object_or_404(JobOrder.objects.select_related("agency", "occupation")
                            .prefetch_related("agency__licences",
                                              "recruitment_regions__region"),
                            pk=job_order_id)
    agency_state, _ = selectors.agency_state(job.agency, today)
    return render(request, "ltsa/job_order_public.html", {
        "job": job, "state": selectors.job_order_state(job, today, agency_state),
        "agency_state": agency_state,
        "fees": selectors.fee_view(job.destination_country, job.occupation, on=today),
        "report_url": REPORT_URL, **extra})


@route("fees/", name="fees")
def fees(request: HttpRequest) -> HttpResponse:
    def build(extra: dict[str, Any]) -> HttpResponse:
        form = FeeForm(request.GET or None)
        view = history = None
        if form.is_valid():
            occupation: Occupation | None = form.cleaned_data["occupation"]
            country = form.cleaned_data["country"]
            view = selectors.fee_view(country, occupation, on=timezone.localdate())
            history = selectors.schedule_history(country, occupation)[:20]
        return render(request, "ltsa/fees.html", {
            "form": form, "fees": view, "history": history, "report_url": REPORT_URL,
            "zero_cost_rules": _zero_cost_rules(), "perban": PERBAN_9_2020,
            "art30": UU_18_2017_ART_30, **extra})

    def fast(versions: public_cache.Versions) -> str | None:
        # The page depends only on the validated country and occupation (and the language,
        # the day and its own address): drawn once per version of what it shows for each.
        copy = public_index.fees_at(versions.fees)
        key = _fee_key(request, copy.occupations)
        if key is None:
            return None  # drawn in full, with its errors
        shape = ("fees", translation.get_language() or "", timezone.localdate(), key)
        frame = copy.pieces.get(shape, lambda: public_index.Frame.of(build({
            "request": public_index.PathStub(request),
            "csrf_token": public_cache.CSRF_PLACEHOLDER}).content.decode()))
        return frame.fill({  # type: ignore[no-any-return]
            "next": public_index.escaped(request.get_full_path())})

    return public_cache.cached_page(request, "fees", build, fast)


def _fee_key(request: HttpRequest, occupations: frozenset[str]) -> tuple[str, str] | None:
    """The fee form's validated values as FeeForm would find them (None: not valid)."""
    if not request.GET:
        return ("", "")  # the empty form
    country = request.GET.get("country", "")
    occupation = request.GET.get("occupation", "")
    if country not in Country.values or (occupation and occupation not in occupations):
        return None
    return (country, occupation)


@route("jobs/", name="jobs")
@public_cache.public_page("jobs")
def jobs(request: HttpRequest, extra: dict[str, Any]) -> HttpResponse:
    today = timezone.localdate()
    form = JobsForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        region = form.cleaned_data["region"]
        filters = {"country": form.cleaned_data["country"],
                   "occupation": form.cleaned_data["occupation"],
                   "region_code": region.code if region else ""}
    page = paginated(request, selectors.open_job_orders(on=today, **filters), 20)
    views = selectors.fee_views({(job.destination_country, job.occupation_id)
                                 for job in page}, on=today)
    rows = [(job, views[(job.destination_country, job.occupation_id)]) for job in page]
    return render(request, "ltsa/jobs.html", {
        "form": form, "page": page, "rows": rows, "report_url": REPORT_URL, **extra})


@route("track/", name="track")
def track(request: HttpRequest) -> HttpResponse:
    """The applicant follows the file with the receipt code and birth date."""
    form = TrackForm(request.POST or None)
    context: dict[str, Any] = {"form": form, "report_url": REPORT_URL}
    status = 200
    if request.method == "POST":
        if ratelimit.request_hit(request, TRACK_POLICY):
            context["limited"] = True
            status = 429
        elif form.is_valid():
            application = selectors.application_by_receipt(form.cleaned_data["receipt_code"],
                                                            form.cleaned_data["birth_date"])
            if application is None:
                context["not_found"] = True
                status = 404
            else:
                services.application_viewed(actor=None, application=application,
                                            context="public-track")
                eligibility: Eligibility = selectors.application_eligibility(
                    application, on=timezone.localdate())
                context.update({
                    "application": application, "eligibility": eligibility,
                    "missing": eligibility.texts(translation.get_language() or "id"),
                    "items": sorted(application.items.all(), key=lambda i: i.position)})
        else:
            status = 400
    return render(request, "ltsa/track.html", context, status=status)


@route("verify/<str:token>", name="verify")  # as the certificate's QR prints it
@route("verify/<str:token>/", name=None)  # typed or scanned with a slash: the same page
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """What a scanned certificate QR opens: valid or not, and why."""

    result = certificates.verify_certificate_token(token)
    application = result.application
    staff_view = application is not None and _may_view(request, application)
    holder_view = application is not None and may_see_holder(request.user, application,
                                                             result.valid)
    if application is not None and holder_view and not staff_view:
        # A task-force officer of another region checks a valid certificate: the holder is
        # shown (name, birth date, photo), and the read is audited as theirs.
        services.certificate_holder_viewed(actor=request.user,  # type: ignore[arg-type]
                                           application=application,
                                           context="certificate-verify")
    elif application is not None:
        services.application_viewed(actor=request.user if staff_view else None,  # type: ignore[arg-type]
                                    application=application, context="certificate-verify")
    return render(request, "ltsa/verify.html", {
        "result": result, "application": application, "staff_view": staff_view,
        "holder_view": holder_view, "countries": dict(Country.choices)})


def _may_view(request: HttpRequest, application: Any) -> bool:
    return bool(request.user.is_authenticated and access.can(request.user, "view", application))
