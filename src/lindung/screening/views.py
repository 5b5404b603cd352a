"""Screening pages: upload a manifest or type one passenger, the results (with progress for
large manifests, by HTMX polling), one passenger's reasons, and the alerts of a point."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.bodylimit import body_limit
from lindung.common.routes import route
from lindung.common.views import errors_onto_form
from lindung.common.views import paginated
from lindung.core import access
from lindung.core.decorators import is_htmx
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.people.choices import WatchlistKind
from lindung.people.match_display import reason_rows
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry
from lindung.screening import manifest as manifests
from lindung.screening import services
from lindung.screening.choices import AlertStatus
from lindung.screening.choices import ManifestSource
from lindung.screening.choices import Verdict
from lindung.screening.forms import MAX_BODY_BYTES
from lindung.screening.forms import AlertResolveForm
from lindung.screening.forms import ManifestUploadForm
from lindung.screening.forms import PassengerForm
from lindung.screening.models import Alert
from lindung.screening.models import ScreenedPassenger
from lindung.screening.models import ScreeningManifest
from lindung.screening.models import shown_reasons
from lindung.screening.rules import rule_book


@route("", name="home")
@body_limit(MAX_BODY_BYTES)
@staff_view(VIEW, ScreeningManifest)
def home(request: HttpRequest, user: User) -> HttpResponse:
    """Upload a manifest or type one passenger; the recent manifests of the user's points."""
    can_create = access.can(user, CREATE, ScreeningManifest)
    sites = services.screening_sites(user)
    upload = ManifestUploadForm(
        request.POST if request.POST.get("form") == "upload" else None,
        request.FILES if request.POST.get("form") == "upload" else None, sites=sites,
        prefix="upload", initial={"site": user.site_id})
    single = PassengerForm(request.POST if request.POST.get("form") == "single" else None,
                           sites=sites, prefix="single", initial={"site": user.site_id})
    report: dict[str, Any] | None = None
    status = 200
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Akses ditolak"))
        form = upload if request.POST.get("form") == "upload" else single
        if form.is_valid():
            if form is upload:
                data = upload.cleaned_data["file"].read()
                validation = manifests.validate_file(data, upload.cleaned_data["file"].name,
                                                     today=timezone.localdate())
                source, file_name = ManifestSource.UPLOAD, upload.cleaned_data["file"].name
            else:
                validation = manifests.validate_records([single.passenger()],
                                                        today=timezone.localdate())
                source, file_name = ManifestSource.TYPED, ""
            if validation.ok:
                try:
                    manifest = services.manifest_submit(
                        actor=user, site=form.cleaned_data["site"],
                        departure_date=form.cleaned_data["departure_date"],
                        reference=form.cleaned_data["reference"],
                        journey=form.cleaned_data["journey"],
                        destination=form.cleaned_data["destination"],
                        passengers=validation.passengers, source=source, file_name=file_name)
                except ValidationError as exc:
                    errors_onto_form(form, exc)
                else:
                    return redirect("screening:manifest", manifest_id=manifest.pk)
            else:
                report = validation.report()
        status = 400
    listed = access.visible(user, ScreeningManifest.objects.select_related("site"))
    manifests_page = paginated(request, listed.order_by("-created_at", "id"), 20)
    return render(request, "screening/home.html", {
        "upload": upload, "single": single, "report": report, "can_create": can_create,
        "page": manifests_page, "has_sites": sites.exists(),
    }, status=status)


def _job_context(manifest: ScreeningManifest) -> dict[str, Any]:
    return {"manifest": manifest, "running": manifest.status in ("queued", "running")}


@route("manifests/<uuid:manifest_id>/", name="manifest")
@staff_view()
def manifest_detail(request: HttpRequest, user: User, manifest_id: str) -> HttpResponse:
    manifest = access.get_visible_or_404(user, ScreeningManifest.objects.select_related("site"),
                                         pk=manifest_id)
    if is_htmx(request) and request.GET.get("part") == "progress":
        return render(request, "screening/_progress.html", _job_context(manifest))
    services.manifest_viewed(actor=user, manifest=manifest)
    verdict = request.GET.get("verdict", "")
    passengers = manifest.passengers.all()
    if verdict in Verdict.values:
        passengers = passengers.filter(verdict=verdict)
    page = paginated(request, passengers.order_by("row_number"), 50)
    return render(request, "screening/manifest.html", {
        **_job_context(manifest), "page": page, "verdict": verdict,
        "verdicts": [(v, label) for v, label in Verdict.choices if v != Verdict.PENDING],
        "show_identity": access.can(user, VIEW_IDENTITY, Person),
    })


def _link(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def watchlist_links(user: User, entry_ids: list[str]) -> dict[str, tuple[str, str]]:
    """For each entry id the user may see: the id and name of the entry to link to (the
    surviving entry when it was merged into another)."""
    if not entry_ids or not access.can(user, VIEW, WatchlistEntry):
        return {}
    rows = access.visible(user, WatchlistEntry.objects.filter(pk__in=entry_ids)).values_list(
        "pk", "name", "merged_into_id", "merged_into__name")
    return {str(pk): (str(merged or pk), merged_name or name)
            for pk, name, merged, merged_name in rows}


def reason_views(user: User, reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reasons with the links the user may follow (a person outside the scope: no link, no
    name); the close candidates of an ambiguous identity by name and score; watchlist
    entries by name."""
    person_ids = {reason["person_id"] for reason in reasons if reason.get("person_id")}
    person_ids |= {candidate["person_id"] for reason in reasons
                   for candidate in reason.get("candidates") or []}
    visible = {str(pk): name for pk, name in access.visible(
        user, Person.objects.filter(pk__in=person_ids)).values_list("pk", "name")} \
        if person_ids else {}
    entries = watchlist_links(user, [reason["entry_id"] for reason in reasons
                                     if reason.get("entry_id")])
    shown = []
    for reason in shown_reasons(reasons):
        links = []
        if reason.get("person_id") in visible:
            links.append(("person", _link("people:detail", reason["person_id"])))
        if reason.get("application_id"):
            links.append(("application", _link("ltsa:application_detail",
                                               reason["application_id"])))
        candidates = [{"name": visible.get(candidate["person_id"], ""),
                       "url": _link("people:detail", candidate["person_id"])
                       if candidate["person_id"] in visible else "",
                       "percent": round(float(candidate.get("score") or 0) * 100)}
                      for candidate in reason.get("candidates") or []]
        entry = reason.get("entry_id")
        shown.append({**reason, "links": [(kind, url) for kind, url in links if url],
                      "candidates": candidates,
                      "entry_name": entries[entry][1] if entry in entries else "",
                      "entry_url": _link("screening:watchlist_entry", entries[entry][0])
                      if entry in entries else "",
                      "kind_label": str(WatchlistKind(reason["kind"]).label)
                      if reason.get("kind") in WatchlistKind.values else ""})
    return shown


def _possible_choices(user: User, passenger: ScreenedPassenger) -> list[tuple[str, str]]:
    """The screening's possible matches of an unidentified passenger as choices: the name
    of a person the user may see, else only that one exists outside their scope."""
    possible = services.possible_people(passenger)
    visible = {str(person.pk): person.name for person in access.visible(
        user, Person.objects.filter(pk__in=[pk for pk, _score in possible]))}
    choices = []
    for pk, score in possible:
        percent = round(score * 100)
        if pk in visible:
            label = _("Orang terdaftar: %(name)s (kemiripan %(percent)s%%)") % {
                "name": visible[pk], "percent": percent}
        else:
            label = _("Orang terdaftar di luar wilayah Anda (kemiripan %(percent)s%%)") % {
                "percent": percent}
        choices.append((pk, label))
    return choices


@route("passengers/<uuid:passenger_id>/", name="passenger")
@staff_view()
def passenger_detail(request: HttpRequest, user: User, passenger_id: str) -> HttpResponse:
    passenger = access.get_visible_or_404(
        user, ScreenedPassenger.objects.select_related("manifest__site", "person"),
        pk=passenger_id)
    services.passenger_viewed(actor=user, passenger=passenger)
    alert = Alert.objects.filter(hits__passenger=passenger).first()
    entries = watchlist_links(user, [hit["entry_id"] for hit in passenger.watchlist_hits])
    hits = [{**hit, "rows": reason_rows(hit.get("match", [])),
             "percent": round(hit["score"] * 100),
             "entry_name": entries[hit["entry_id"]][1] if hit["entry_id"] in entries else "",
             "entry_url": _link("screening:watchlist_entry", entries[hit["entry_id"]][0])
             if hit["entry_id"] in entries else "",
             "kind_label": str(WatchlistKind(hit["kind"]).label)
             if hit["kind"] in WatchlistKind.values else hit["kind"]}
            for hit in passenger.watchlist_hits]
    return render(request, "screening/passenger.html", {
        "passenger": passenger, "reasons": reason_views(user, passenger.reasons),
        "hits": hits, "alert": alert if alert and access.can(user, VIEW, alert) else None,
        "show_identity": access.can(user, VIEW_IDENTITY, Person),
    })


@route("alerts/", name="alerts")
@staff_view(VIEW, Alert)
def alert_list(request: HttpRequest, user: User) -> HttpResponse:
    status = request.GET.get("status", "")
    alerts = access.visible(user, Alert.objects.select_related("site", "passenger"))
    if status in AlertStatus.values:
        alerts = alerts.filter(status=status)
    elif not status:
        alerts = alerts.exclude(status=AlertStatus.RESOLVED)
    manifest = request.GET.get("manifest", "")
    if manifest:
        try:
            alerts = alerts.filter(hits__manifest_id=uuid.UUID(manifest)).distinct()
        except ValueError:
            alerts = alerts.none()
    if user.site_id and request.GET.get("site") != "all":
        alerts = alerts.filter(site_id=user.site_id)
    page = paginated(request, alerts.order_by("-created_at", "id"), 30)
    return render(request, "screening/alerts.html", {
        "page": page, "status": status, "statuses": AlertStatus.choices})


@route("alerts/<uuid:alert_id>/", name="alert")
@staff_view()
def alert_detail(request: HttpRequest, user: User, alert_id: str) -> HttpResponse:
    alert = access.get_visible_or_404(
        user, Alert.objects.select_related("site", "passenger", "manifest", "acknowledged_by",
                                           "resolved_by"), pk=alert_id)
    services.passenger_viewed(actor=user, passenger=alert.passenger, context="alert")
    form = AlertResolveForm(request.POST if request.POST.get("action") == "resolve" else None,
                            possible=_possible_choices(user, alert.passenger))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "acknowledge":
                services.alert_acknowledge(actor=user, alert=alert)
                return redirect("screening:alert", alert_id=alert.pk)
            if action == "resolve" and form.is_valid():
                services.alert_resolve(actor=user, alert=alert,
                                       resolution=form.cleaned_data["resolution"],
                                       note=form.cleaned_data["note"],
                                       prevention=form.prevention())
                return redirect("screening:alert", alert_id=alert.pk)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        status = 400
    return render(request, "screening/alert.html", {
        "alert": alert, "form": form, "reasons": reason_views(user, alert.reasons),
        "hits": alert.hits.select_related("manifest").order_by("created_at"),
        "can_change": access.can(user, CHANGE, alert),
        "prevention_link": _link("prevention:detail",
                                 alert.prevented_departure_id)
        if alert.prevented_departure_id else "",
    }, status=status)


@route("rules/", name="rules")
@staff_view(VIEW, ScreeningManifest)
def rules(request: HttpRequest, user: User) -> HttpResponse:
    """The rule book: every rule with its severity, its facts, its texts in Indonesian and
    English and the dates it is in force; the known transit points."""
    book = rule_book()
    today = timezone.localdate()
    return render(request, "screening/rules.html", {
        "rules": [{"rule": rule, "in_force": rule.in_force(today)} for rule in book.rules],
        "transit_points": book.transit_points, "today": today})
