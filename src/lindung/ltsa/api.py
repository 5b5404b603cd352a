"""The LTSA API: public checks (no authentication) and the staff's application workflow.

Public: ``GET /check``, ``GET /fees``, ``GET /job-orders``, ``POST /track``.
Authenticated: ``GET /certificates/verify``, ``POST /certificates/lookup`` (task-force
officers), applications, desk decisions, payments.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query
from ninja import Router
from ninja import Schema
from ninja import Status
from pydantic import Field

from lindung.common import ratelimit
from lindung.common.filters import choice_filter
from lindung.common.params import MAX_OFFSET
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core.pages import caller_and_record
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa import certificates
from lindung.ltsa import search
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.access import may_check_certificates
from lindung.ltsa.access import may_see_holder
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Country
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import MaritalStatus
from lindung.ltsa.choices import RejectionReason
from lindung.ltsa.limits import CERTIFICATE_LOOKUP_POLICY
from lindung.ltsa.limits import TRACK_POLICY
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistItem
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import Payment
from lindung.ltsa.selectors.public import REPORT_URL
from lindung.people.models import Person
from lindung.regions.models import Region

router = Router(tags=["ltsa"])


class AgencyHitOut(Schema):
    id: UUID
    name: str
    state: str
    licence_number: str
    licence_valid_until: date | None
    synthetic: bool
    score: float


class JobOrderHitOut(Schema):
    id: UUID
    permit_number: str
    state: str
    agency_name: str
    agency_state: str
    destination_country: str
    occupation: str
    valid_until: date
    places_left: int
    synthetic: bool
    score: float


class CheckOut(Schema):
    query: str
    found: bool
    agencies: list[AgencyHitOut]
    job_orders: list[JobOrderHitOut]
    next_step: str
    report_url: str


class CheckQuery(Schema):
    q: str = Field(min_length=2, max_length=120)


@router.get("/check", response=CheckOut, auth=None,
            summary="Is this agency licensed? Is this job order real? (public)")
def check(request: HttpRequest, params: Query[CheckQuery]) -> CheckOut:
    result = selectors.check(params.q, on=timezone.localdate())
    if not result.found:
        step = (_("Tidak ditemukan: periksa ejaan, tanyakan ke LTSA/Disnaker, jangan serahkan "
                  "uang atau dokumen, dan laporkan"))
    elif any(hit.state == selectors.public.LICENSED for hit in result.agencies) or any(
            hit.state == selectors.public.VALID for hit in result.job_orders):
        step = (_("Daftar di LTSA dan bayar hanya biaya resmi"))
    else:
        step = (_("Tidak berizin atau tidak berlaku: jangan serahkan uang atau dokumen, laporkan"))
    return CheckOut(
        query=result.query, found=result.found, next_step=step, report_url=REPORT_URL,
        agencies=[AgencyHitOut(
            id=hit.agency.pk, name=hit.agency.name, state=hit.state,
            licence_number=hit.licence.number if hit.licence else "",
            licence_valid_until=hit.licence.valid_until if hit.licence else None,
            synthetic=hit.agency.synthetic, score=round(hit.score, 1))
            for hit in result.agencies],
        job_orders=[JobOrderHitOut(
            id=hit.job_order.pk, permit_number=hit.job_order.permit_number, state=hit.state,
            agency_name=hit.job_order.agency.name, agency_state=hit.agency_state,
            destination_country=hit.job_order.destination_country,
            occupation=hit.job_order.occupation.code, valid_until=hit.job_order.valid_until,
            places_left=hit.job_order.places_left, synthetic=hit.job_order.synthetic,
            score=round(hit.score, 1)) for hit in result.job_orders])


class FeeComponentOut(Schema):
    component: str
    label: str
    payer: str
    amount: Decimal
    currency: str


class FeesOut(Schema):
    country: str
    occupation: str
    on: date
    schedule_found: bool
    currency: str
    legal_basis: str
    effective_from: date | None
    effective_to: date | None
    synthetic: bool
    components: list[FeeComponentOut]
    worker_total: Decimal
    zero_cost: bool
    zero_cost_basis: str
    worker_exempt_components: list[str]


@router.get("/fees", response=FeesOut, auth=None, summary="What may I be charged? (public)")
def fees(request: HttpRequest, country: Country, occupation: str = "",
         on: date | None = None) -> FeesOut:
    occupation_obj = None
    if occupation:
        occupation_obj = Occupation.objects.filter(code=occupation).first()
        if occupation_obj is None:
            raise ValidationError({"occupation": _("Jabatan %(occupation)s tidak dikenal")
                                                     % {"occupation": occupation}})
    day = on or timezone.localdate()
    view = selectors.fee_view(str(country), occupation_obj, on=day)
    schedule = view.schedule
    return FeesOut(
        country=str(country), occupation=occupation, on=day, schedule_found=schedule is not None,
        currency=view.currency, legal_basis=schedule.legal_basis if schedule else "",
        effective_from=schedule.effective_from if schedule else None,
        effective_to=schedule.effective_to if schedule else None, synthetic=view.synthetic,
        components=[FeeComponentOut(component=c.component, label=str(c.get_component_display()),
                                    payer=c.payer, amount=c.amount, currency=c.currency)
                    for c in view.components],
        worker_total=view.worker_total, zero_cost=view.zero_cost is not None,
        zero_cost_basis=view.zero_cost.legal_basis if view.zero_cost else "",
        worker_exempt_components=list(view.zero_cost.components) if view.zero_cost else [])


class JobOrderOut(Schema):
    id: UUID
    permit_number: str
    agency_id: UUID
    agency_name: str
    employer_name: str
    destination_country: str
    occupation: str
    sector: str
    quota: int
    filled: int
    salary_amount: Decimal
    salary_currency: str
    contract_months: int
    valid_from: date
    valid_until: date
    worker_fee_total: Decimal | None
    fee_currency: str
    zero_cost: bool
    synthetic: bool


class JobOrdersQuery(Schema):
    country: Country | None = None
    occupation: str = Field(default="", max_length=64)
    region: str = Field(default="", max_length=16)
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)


@router.get("/job-orders", response=list[JobOrderOut], auth=None,
            summary="Open job orders with their official costs (public)")
def job_orders(request: HttpRequest, params: Query[JobOrdersQuery]) -> list[JobOrderOut]:
    today = timezone.localdate()
    country, occupation, region = params.country, params.occupation, params.region
    limit, offset = params.limit, params.offset
    occupation_obj = Occupation.objects.filter(code=occupation).first() if occupation else None
    if occupation and occupation_obj is None:
        raise ValidationError({"occupation": _("Jabatan %(occupation)s tidak dikenal")
                                                 % {"occupation": occupation}})
    if region and not Region.objects.filter(code=region).exists():
        raise ValidationError({"region": _("Kode wilayah %(region)s tidak dikenal")
                                             % {"region": region}})
    jobs = list(selectors.open_job_orders(on=today, country=str(country or ""),
                                          occupation=occupation_obj, region_code=region)
                [offset:offset + limit])
    views = selectors.fee_views({(j.destination_country, j.occupation_id) for j in jobs},
                                on=today)
    out = []
    for job in jobs:
        view = views[(job.destination_country, job.occupation_id)]
        out.append(JobOrderOut(
            id=job.pk, permit_number=job.permit_number, agency_id=job.agency_id,
            agency_name=job.agency.name, employer_name=job.employer_name,
            destination_country=job.destination_country, occupation=job.occupation.code,
            sector=job.occupation.sector, quota=job.quota, filled=job.filled,
            salary_amount=job.salary_amount, salary_currency=job.salary_currency,
            contract_months=job.contract_months, valid_from=job.valid_from,
            valid_until=job.valid_until,
            worker_fee_total=(Decimal(0) if view.zero_cost is not None and not view.schedule
                              else view.worker_total if view.schedule else None),
            fee_currency=view.currency, zero_cost=view.zero_cost is not None,
            synthetic=job.synthetic))
    return out


class TrackIn(Schema):
    receipt_code: str = Field(min_length=20, max_length=40)
    birth_date: date


class ItemOut(Schema):
    id: UUID
    code: str
    label: str
    desk: str
    status: str
    rejection_reason: str
    expires_on: date | None


class TrackOut(Schema):
    number: str
    status: str
    centre: str
    job_order: str
    destination_country: str
    planned_departure: date
    ready_to_depart: bool
    missing: list[str]
    items: list[ItemOut]


def _items(application: Application) -> list[ItemOut]:
    return [ItemOut(id=i.pk, code=i.code, label=i.label, desk=i.desk, status=i.status,
                    rejection_reason=i.rejection_reason, expires_on=i.expires_on)
            for i in sorted(application.items.all(), key=lambda i: i.position)]


@router.post("/track", response={200: TrackOut, 404: dict[str, str], 429: dict[str, str]},
             auth=None, summary="Follow an application with the receipt code (public)")
def track(request: HttpRequest, payload: TrackIn) -> Status[TrackOut | dict[str, str]]:
    if ratelimit.request_hit(request, TRACK_POLICY):
        return Status(429, {"detail": _("Terlalu banyak percobaan; coba lagi nanti")})
    application = selectors.application_by_receipt(payload.receipt_code, payload.birth_date)
    if application is None:
        return Status(404, {"detail": _("Kode tanda terima dan tanggal lahir tidak cocok")})
    services.application_viewed(actor=None, application=application, context="api-track")
    eligibility = selectors.application_eligibility(application, on=timezone.localdate())
    return Status(200, TrackOut(
        number=application.number, status=application.status,
        centre=application.centre.shown_name, job_order=application.job_order.permit_number,
        destination_country=application.job_order.destination_country,
        planned_departure=application.planned_departure, ready_to_depart=eligibility.ready,
        missing=[str(reason) for reason in eligibility.missing], items=_items(application)))


class CertificateOut(Schema):
    valid: bool
    reason: str
    application_id: UUID | None
    person_id: UUID | None
    application_number: str
    #: The holder, for staff who may read the file and, on a valid certificate, for any
    #: task-force officer (audited); empty otherwise.
    holder_name: str = ""
    holder_birth_date: date | None = None
    holder_photo_url: str = ""


class TokenQuery(Schema):
    token: str = Field(min_length=1, max_length=2000)


@router.get("/certificates/verify", response=CertificateOut,
            summary="Verify a ready-to-depart certificate token (from its QR code)")
def certificate_verify(request: HttpRequest, params: Query[TokenQuery]) -> CertificateOut:
    token = params.token.rsplit("/verify/", 1)[-1].strip("/")
    from django.urls import reverse

    result = certificates.verify_certificate_token(token)
    application = result.application
    holder: dict[str, object] = {}
    if application is not None:
        user = staff_user(request)
        may_view = access.can(user, VIEW, application)
        if may_see_holder(user, application, result.valid):
            services.certificate_holder_viewed(actor=user, application=application,
                                               context="api-verify")
            holder = {"holder_name": application.person.name,
                      "holder_birth_date": application.person.birth_date,
                      "holder_photo_url": reverse("ltsa:application_photo",
                                                  args=[application.pk])
                      if application.photo else ""}
        else:
            services.application_viewed(actor=user if may_view else None,
                                        application=application, context="api-verify")
    return CertificateOut(valid=result.valid, reason=result.reason,
                          application_id=result.application_id, person_id=result.person_id,
                          application_number=application.number if application else "",
                          **holder)  # type: ignore[arg-type]


class SerialIn(Schema):
    serial: str = Field(min_length=1, max_length=40,
                        description="The short serial printed on the certificate "
                                    "(\"K7QM-3XPA\"; case, spaces and hyphens ignored)")


@router.post("/certificates/lookup",
             response={200: CertificateOut, 404: CertificateOut, 429: dict[str, str]},
             summary="Look up a ready-to-depart certificate by its short serial "
                     "(task-force officers)")
def certificate_lookup(request: HttpRequest, payload: SerialIn) -> Status[object]:
    """The same as the page /ltsa/verify/: task-force officers only (403 otherwise), counted
    against the officer's own limit (429), the holder shown on a valid certificate and the
    view audited; 404 with the reason when no valid certificate has the serial."""
    user = staff_user(request)
    if not may_check_certificates(user):
        raise PermissionDenied(_("Akses ditolak"))
    if ratelimit.exceeded(CERTIFICATE_LOOKUP_POLICY, subject=f"user:{user.pk}"):
        return Status(429, {"detail": _("Terlalu banyak pencarian; coba lagi nanti")})
    ratelimit.hit(CERTIFICATE_LOOKUP_POLICY, subject=f"user:{user.pk}")
    result, holder = services.certificate_look_up(actor=user, serial=payload.serial,
                                                  context="api-certificate-lookup")
    application = result.application
    shown: dict[str, object] = {}
    if application is not None and holder:
        shown = {"holder_name": application.person.name,
                 "holder_birth_date": application.person.birth_date,
                 "holder_photo_url": reverse("ltsa:application_photo", args=[application.pk])
                 if application.photo else ""}
    body = CertificateOut(valid=result.valid, reason=result.reason,
                          application_id=result.application_id if holder else None,
                          person_id=result.person_id if holder else None,
                          application_number=application.number
                          if application is not None and holder else "",
                          **shown)  # type: ignore[arg-type]
    return Status(200 if result.valid else 404, body)


class ApplicationOut(Schema):
    id: UUID
    number: str
    status: str
    centre_id: UUID
    person_id: UUID
    job_order: str
    planned_departure: date
    ready_to_depart: bool
    missing: list[str]
    items: list[ItemOut]
    synthetic: bool


def _application_out(application: Application) -> ApplicationOut:
    fresh = selectors.application_file_queryset().get(pk=application.pk)
    eligibility = selectors.application_eligibility(fresh, on=timezone.localdate())
    return ApplicationOut(
        id=fresh.pk, number=fresh.number, status=fresh.status, centre_id=fresh.centre_id,
        person_id=fresh.person_id, job_order=fresh.job_order.permit_number,
        planned_departure=fresh.planned_departure, ready_to_depart=eligibility.ready,
        missing=[str(reason) for reason in eligibility.missing], items=_items(fresh),
        synthetic=fresh.synthetic)


class ApplicationsQuery(Schema):
    status: str = Field(default="", max_length=16)
    limit: int = Field(default=50, ge=1, le=200)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)


@router.get("/applications", response=list[ApplicationOut])
def applications(request: HttpRequest, params: Query[ApplicationsQuery]
                 ) -> list[ApplicationOut]:
    status, limit, offset = params.status, params.limit, params.offset
    user = staff_user(request)
    access.require(user, VIEW, Application)
    status = choice_filter(status, "status", ApplicationStatus.values)
    qs = selectors.visible_applications(user).order_by("-created_at", "id")
    if status:
        qs = qs.filter(status=status)
    found = list(qs[offset:offset + limit])
    for application in found:
        services.application_viewed(actor=user, application=application, context="api-list")
    return [_application_out(application) for application in found]


@router.get("/applications/{application_id}", response=ApplicationOut)
def application_get(request: HttpRequest, application_id: UUID) -> ApplicationOut:
    user, application = caller_and_record(
        request, Application.objects.all(), pk=application_id)
    services.application_viewed(actor=user, application=application, context="api")
    return _application_out(application)


class ApplicationIn(Schema):
    centre_id: UUID
    person_id: UUID
    permit_number: str = Field(min_length=3, max_length=80)
    planned_departure: date
    marital_status: MaritalStatus


class RegisteredOut(Schema):
    application: ApplicationOut
    receipt_code: str


@router.post("/applications", response={201: RegisteredOut},
             summary="Register a CPMI (the receipt code is returned once)")
def application_create(request: HttpRequest, payload: ApplicationIn
                       ) -> Status[RegisteredOut]:
    user = staff_user(request)
    access.require(user, CREATE, Application)
    centre = Site.objects.filter(pk=payload.centre_id, kind=SiteKind.LTSA_CENTRE).first()
    if centre is None:
        raise ValidationError({"centre_id": _("LTSA tidak dikenal")})
    person = access.get_visible_or_404(user, Person.objects.all(), pk=payload.person_id)
    job = JobOrder.objects.filter(
        search_number=search.normalise_number(payload.permit_number)).first()
    if job is None:
        raise ValidationError({"permit_number": (
            _("Job order %(permit_number)s tidak terdaftar")
                % {"permit_number": payload.permit_number})})
    application, code = services.application_register(
        actor=user, centre=centre, person=person, job_order=job,
        planned_departure=payload.planned_departure, marital_status=payload.marital_status)
    return Status(201, RegisteredOut(application=_application_out(application),
                                     receipt_code=code))


class DecisionIn(Schema):
    action: str = Field(pattern="^(verify|reject|reopen)$")
    expires_on: date | None = None
    reason: RejectionReason | None = None
    note: str = Field(default="", max_length=300)
    confirm_revoke: bool = Field(
        default=False, description="Reopening an item of a file that is ready to depart "
                                   "revokes its certificate: set true to confirm that.")


@router.post("/applications/{application_id}/items/{item_id}/decision",
             response=ApplicationOut, summary="A desk verifies, rejects or reopens its item")
def item_decision(request: HttpRequest, application_id: UUID, item_id: UUID,
                  payload: DecisionIn) -> ApplicationOut:
    user, application = caller_and_record(
        request, Application.objects.all(), pk=application_id)
    item = ChecklistItem.objects.select_related("application").filter(
        pk=item_id, application=application).first()
    if item is None:
        raise Http404(_("Tidak ditemukan"))
    if payload.action == "verify":
        services.checklist_item_verify(actor=user, item=item, expires_on=payload.expires_on,
                                       note=payload.note)
    elif payload.action == "reject":
        services.checklist_item_reject(actor=user, item=item,
                                       reason=str(payload.reason or ""), note=payload.note)
    else:
        services.checklist_item_reopen(actor=user, item=item,
                                       confirm_revoke=payload.confirm_revoke)
    return _application_out(application)


class PaymentIn(Schema):
    component: CostComponent
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    currency: Currency
    paid_to: str = Field(min_length=1, max_length=200)
    paid_on: date
    payer_reference: str = Field(default="", max_length=80)


class PaymentOut(Schema):
    id: UUID
    receipt_number: str
    component: str
    amount: Decimal
    currency: str
    allowed_amount: Decimal | None
    allowed_currency: str
    flag: str
    complaint_raised: bool


@router.post("/applications/{application_id}/payments", response={201: PaymentOut})
def payment_create(request: HttpRequest, application_id: UUID,
                   payload: PaymentIn) -> Status[PaymentOut]:
    user = staff_user(request)
    application = access.get_visible_or_404(
        user, Application.objects.select_related("centre__agency", "job_order__agency",
                                                 "job_order__occupation"), pk=application_id)
    if not access.can(user, CREATE, Payment):
        raise PermissionDenied(_("Akses ditolak"))
    payment = services.payment_record(
        actor=user, application=application, component=str(payload.component),
        amount=payload.amount, currency=str(payload.currency), paid_to=payload.paid_to,
        paid_on=payload.paid_on, payer_reference=payload.payer_reference)
    return Status(201, PaymentOut(
        id=payment.pk, receipt_number=payment.receipt_number, component=payment.component,
        amount=payment.amount, currency=payment.currency, allowed_amount=payment.allowed_amount,
        allowed_currency=payment.allowed_currency, flag=payment.flag,
        complaint_raised=hasattr(payment, "complaint")))
