"""Screening over the API, for machine clients (e.g. an immigration checkpoint system) and
the web UI: submit a manifest (JSON rows or a CSV/XLSX file), read its verdicts, and handle
the alerts of a point. A manifest with any invalid row is refused whole (422) with a report
of every problem by row and column."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File
from ninja import Form
from ninja import Router
from ninja import Schema
from ninja import Status
from ninja.files import UploadedFile
from pydantic import Field

from lindung.accounts.models import User
from lindung.common.filters import choice_filter
from lindung.common.params import Limit
from lindung.common.params import Offset
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core.pages import caller_and_record
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.directory.models import Site
from lindung.people.models import Person
from lindung.screening import manifest as manifests
from lindung.screening import services
from lindung.screening.choices import AlertStatus
from lindung.screening.choices import Journey
from lindung.screening.choices import ManifestSource
from lindung.screening.choices import Verdict
from lindung.screening.models import Alert
from lindung.screening.models import AlertHit
from lindung.screening.models import ScreenedPassenger
from lindung.screening.models import ScreeningManifest
from lindung.screening.models import reason_detail
from lindung.screening.models import reason_text
from lindung.screening.watchlist_api import router as watchlist_router

router = Router(tags=["screening"])

MAX_PAGE = 1_000


class PassengerIn(Schema):
    name: str | None = Field(default=None, max_length=300)
    nik: str | None = Field(default=None, max_length=40)
    passport: str | None = Field(default=None, max_length=40)
    birth_date: str | None = Field(default=None, max_length=40,
                                   description="YYYY-MM-DD or DD-MM-YYYY")
    sex: str | None = Field(default=None, max_length=20, description="L/P, M/F")
    birth_place: str | None = Field(default=None, max_length=200)
    destination: str | None = Field(default=None, max_length=200)
    certificate: str | None = Field(default=None, max_length=1000,
                                    description="ready-to-depart certificate code (QR)")


class ManifestIn(Schema):
    site_id: UUID
    departure_date: dt.date
    reference: str = Field(default="", max_length=100)
    journey: Journey = Field(default=Journey.INTERNATIONAL,
                             description="international, transit (a domestic leg to a known "
                                         "transit point) or domestic")
    destination: str = Field(default="", max_length=100,
                             description="the port or airport of arrival (a domestic leg to "
                                         "a known transit point is screened as transit)")
    passengers: list[PassengerIn] = Field(min_length=1, max_length=manifests.MAX_ROWS)


class RowProblemOut(Schema):
    row: int
    column: str
    message: str


class RejectedOut(Schema):
    detail: str
    problems: int
    empty_rows: int
    ignored_columns: list[str]
    errors: list[RowProblemOut]


class PointOut(Schema):
    id: UUID
    name: str
    region_code: str
    region_name: str


class ManifestOut(Schema):
    id: UUID
    site_id: UUID
    departure_date: dt.date
    reference: str
    journey: str
    destination: str
    source: str
    status: str
    rows: int
    screened: int
    clear: int
    check: int
    stop: int
    synthetic: bool


class CandidateOut(Schema):
    person_id: str
    score: float


class ReasonOut(Schema):
    code: str
    severity: str
    text: str
    person_id: str | None = None
    entry_id: str | None = None
    application_id: str | None = None
    kind: str | None = None
    detail: str | None = None
    score: float | None = None
    candidates: list[CandidateOut] | None = None


class PassengerOut(Schema):
    id: UUID
    row: int
    name: str
    nik: str
    verdict: str
    reasons: list[ReasonOut]
    person_id: UUID | None
    person_score: float | None
    application_id: UUID | None
    age: int | None
    alert_id: UUID | None


class AlertOut(Schema):
    id: UUID
    site_id: UUID
    manifest_id: UUID
    passenger_id: UUID
    verdict: str
    status: str
    reasons: list[ReasonOut]
    created_at: dt.datetime
    resolution: str
    prevented_departure_id: UUID | None


class ResolveIn(Schema):
    resolution: str
    note: str = Field(default="", max_length=500)
    destination_country: str = Field(default="", max_length=2)
    reason: str = Field(default="", max_length=32)
    outcome: str = Field(default="", max_length=32)
    recruiter_name: str = Field(default="", max_length=200)
    recruiter_phone: str = Field(default="", max_length=32)
    #: For an unidentified passenger the screening found possibly registered, when the
    #: departure was prevented: who this is, the ``person_id`` of the alert's
    #: ``identity_uncertain`` reason, or "new".
    person: str = Field(default="", max_length=36)


def manifest_out(manifest: ScreeningManifest) -> ManifestOut:
    return ManifestOut(id=manifest.pk, site_id=manifest.site_id,
                       departure_date=manifest.departure_date, reference=manifest.reference,
                       journey=manifest.journey, destination=manifest.destination,
                       source=manifest.source, status=manifest.status, rows=manifest.rows,
                       screened=manifest.screened, clear=manifest.clear_count,
                       check=manifest.check_count, stop=manifest.stop_count,
                       synthetic=manifest.synthetic)


def _rejected(validation: manifests.Validation) -> RejectedOut:
    report = validation.report()
    return RejectedOut(
        detail=_("Manifes ditolak: tidak ada yang disimpan"),
        problems=report["problems"], empty_rows=report["empty_rows"],
        ignored_columns=report["ignored_columns"],
        errors=[RowProblemOut(**error) for error in report["errors"]])


def _site(user: User, site_id: UUID) -> Site:
    site = services.screening_sites(user).filter(pk=site_id).first()
    if site is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({"site_id": _("Titik embarkasi tidak dikenal atau di luar tugas "
                                            "Anda")})
    return site


@router.get("/points", response=list[PointOut],
            summary="The embarkation points where the caller may screen (ids for site_id)")
def point_list(request: HttpRequest) -> list[PointOut]:
    user = staff_user(request)
    access.require(user, VIEW, ScreeningManifest)
    sites = services.screening_sites(user).select_related("region").order_by("name")
    return [PointOut(id=site.pk, name=site.shown_name, region_code=site.region_code,
                     region_name=site.region.name if site.region else "") for site in sites]


@router.post("/manifests", response={201: ManifestOut, 422: RejectedOut},
             summary="Submit a manifest as JSON rows (all or nothing)")
def manifest_create(request: HttpRequest, payload: ManifestIn) -> Status[Any]:
    user = staff_user(request)
    access.require(user, CREATE, ScreeningManifest)
    site = _site(user, payload.site_id)
    validation = manifests.validate_records([p.dict() for p in payload.passengers],
                                            today=timezone.localdate())
    if not validation.ok:
        return Status(422, _rejected(validation))
    manifest = services.manifest_submit(
        actor=user, site=site, departure_date=payload.departure_date,
        reference=payload.reference, passengers=validation.passengers,
        source=ManifestSource.API, journey=payload.journey, destination=payload.destination)
    return Status(201, manifest_out(manifest))


@router.post("/manifests/upload", response={201: ManifestOut, 422: RejectedOut},
             summary="Submit a manifest file, CSV or XLSX (all or nothing)")
def manifest_upload(request: HttpRequest, site_id: Form[UUID], departure_date: Form[dt.date],
                    file: File[UploadedFile], reference: Form[str] = "",
                    journey: Form[Journey] = Journey.INTERNATIONAL,
                    destination: Form[str] = "") -> Status[Any]:
    user = staff_user(request)
    access.require(user, CREATE, ScreeningManifest)
    site = _site(user, site_id)
    name = file.name or "manifest.csv"
    validation = manifests.validate_file(file.read(), name, today=timezone.localdate())
    if not validation.ok:
        return Status(422, _rejected(validation))
    manifest = services.manifest_submit(
        actor=user, site=site, departure_date=departure_date, reference=reference[:100],
        passengers=validation.passengers, source=ManifestSource.API, file_name=name,
        journey=journey, destination=destination[:100])
    return Status(201, manifest_out(manifest))


@router.get("/manifests/{manifest_id}", response=ManifestOut, summary="A manifest's progress")
def manifest_get(request: HttpRequest, manifest_id: UUID) -> ManifestOut:
    _user, manifest = caller_and_record(
        request, ScreeningManifest.objects.all(), pk=manifest_id)
    return manifest_out(manifest)


@router.get("/manifests/{manifest_id}/passengers", response=list[PassengerOut],
            summary="Verdicts of a manifest's passengers, in row order")
def manifest_passengers(request: HttpRequest, manifest_id: UUID, verdict: str = "",
                        offset: Offset = 0, limit: Limit = 100) -> list[PassengerOut]:
    user, manifest = caller_and_record(
        request, ScreeningManifest.objects.all(), pk=manifest_id)
    services.manifest_viewed(actor=user, manifest=manifest, context="api")
    verdict = choice_filter(verdict, "verdict", [v for v in Verdict.values
                                                 if v != Verdict.PENDING])
    rows = manifest.passengers.all().order_by("row_number")
    if verdict:
        rows = rows.filter(verdict=verdict)
    limit = max(1, min(limit, MAX_PAGE))
    page = list(rows[max(offset, 0):max(offset, 0) + limit])
    alerts = dict(AlertHit.objects.filter(passenger__in=page).values_list("passenger_id",
                                                                          "alert_id"))
    reveal = access.can(user, VIEW_IDENTITY, Person)
    return [passenger_out(p, alerts.get(p.pk), reveal) for p in page]


def passenger_out(passenger: ScreenedPassenger, alert_id: UUID | None,
                  reveal: bool) -> PassengerOut:
    return PassengerOut(
        id=passenger.pk, row=passenger.row_number, name=passenger.name,
        nik=passenger.nik if reveal else passenger.masked_nik, verdict=passenger.verdict,
        reasons=[ReasonOut(**_reason_fields(r)) for r in passenger.reasons],
        person_id=passenger.person_id, person_score=passenger.person_score,
        application_id=passenger.application_id, age=passenger.age, alert_id=alert_id)


def _reason_fields(reason: dict[str, Any]) -> dict[str, Any]:
    keys = ("code", "severity", "person_id", "entry_id", "application_id", "kind", "score",
            "candidates")
    fields = {key: reason[key] for key in keys if key in reason}
    fields["text"] = reason_text(reason)
    detail = reason_detail(reason)
    if detail:
        fields["detail"] = detail
    return fields


def alert_out(alert: Alert) -> AlertOut:
    return AlertOut(id=alert.pk, site_id=alert.site_id, manifest_id=alert.manifest_id,
                    passenger_id=alert.passenger_id, verdict=alert.verdict, status=alert.status,
                    reasons=[ReasonOut(**_reason_fields(r)) for r in alert.reasons],
                    created_at=alert.created_at, resolution=alert.resolution,
                    prevented_departure_id=alert.prevented_departure_id)


@router.get("/alerts", response=list[AlertOut], summary="Alerts of the points in scope")
def alert_list(request: HttpRequest, status: str = "", offset: Offset = 0,
               limit: Limit = 100) -> list[AlertOut]:
    user = staff_user(request)
    access.require(user, VIEW, Alert)
    status = choice_filter(status, "status", AlertStatus.values)
    alerts = access.visible(user, Alert.objects.all()).order_by("-created_at", "id")
    if status:
        alerts = alerts.filter(status=status)
    limit = max(1, min(limit, MAX_PAGE))
    return [alert_out(alert) for alert in alerts[max(offset, 0):max(offset, 0) + limit]]


@router.post("/alerts/{alert_id}/acknowledge", response=AlertOut)
def alert_acknowledge(request: HttpRequest, alert_id: UUID) -> AlertOut:
    user, alert = caller_and_record(request, Alert.objects.all(), CHANGE, pk=alert_id)
    return alert_out(services.alert_acknowledge(actor=user, alert=alert))


@router.post("/alerts/{alert_id}/resolve", response=AlertOut)
def alert_resolve(request: HttpRequest, alert_id: UUID, payload: ResolveIn) -> AlertOut:
    user, alert = caller_and_record(request, Alert.objects.all(), CHANGE, pk=alert_id)
    prevention = payload.dict(include={"destination_country", "reason", "outcome",
                                       "recruiter_name", "recruiter_phone", "person"})
    return alert_out(services.alert_resolve(actor=user, alert=alert,
                                            resolution=payload.resolution, note=payload.note,
                                            prevention=prevention))


def _mount_watchlist() -> None:
    router.add_router("/watchlist", watchlist_router)


_mount_watchlist()
