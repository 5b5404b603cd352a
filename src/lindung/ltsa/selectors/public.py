"""Reads behind the public pages: the checker, the official fees, the open job orders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import Exists
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet

from lindung.ltsa import search
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Country
from lindung.ltsa.choices import JobOrderStatus
from lindung.ltsa.choices import LicenceStatus
from lindung.ltsa.choices import Payer
from lindung.ltsa.models import AgencyLicence
from lindung.ltsa.models import FeeComponent
from lindung.ltsa.models import FeeSchedule
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import JobOrderRegion
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import PlacementAgency
from lindung.ltsa.models import ZeroCostRule

#: Where the public reports a broker or an overcharge (the reports module's form).
REPORT_URL = "/reports/new/"

# Agency states, worst news last.
LICENSED = "licensed"
NOT_YET_VALID = "not_yet_valid"
EXPIRED = "expired"
SUSPENDED = "suspended"
REVOKED = "revoked"
NO_LICENCE = "no_licence"
# Job order states.
VALID = "valid"
FULL = "full"
CLOSED = "closed"
AGENCY_NOT_LICENSED = "agency_not_licensed"

RESULT_LIMIT = 10


def licences_in_force(on: date) -> QuerySet[AgencyLicence]:
    return AgencyLicence.objects.filter(status=LicenceStatus.ACTIVE, issued_on__lte=on,
                                        valid_until__gte=on)


def licensed_on(on: date, agency_field: str = "agency") -> Exists:
    """An ``Exists`` that is true when the agency at `agency_field` holds a licence in force."""
    return Exists(licences_in_force(on).filter(agency=OuterRef(agency_field)))


def agency_state(agency: PlacementAgency, on: date) -> tuple[str, AgencyLicence | None]:
    """Whether the agency may recruit on `on`, and the licence that says so (or the most
    recent one, that says why not). Uses prefetched licences."""
    licences = sorted(agency.licences.all(), key=lambda lic: (lic.issued_on, lic.valid_until),
                      reverse=True)
    for licence in licences:
        if licence.permits_on(on):
            return LICENSED, licence
    if not licences:
        return NO_LICENCE, None
    latest = licences[0]
    if latest.status == LicenceStatus.SUSPENDED:
        return SUSPENDED, latest
    if latest.status == LicenceStatus.REVOKED:
        return REVOKED, latest
    if latest.issued_on > on:
        return NOT_YET_VALID, latest
    return EXPIRED, latest


def job_order_state(job: JobOrder, on: date, agency: str) -> str:
    if job.status != JobOrderStatus.OPEN:
        return CLOSED
    if on > job.valid_until:
        return EXPIRED
    if on < job.valid_from:
        return NOT_YET_VALID
    if agency != LICENSED:
        return AGENCY_NOT_LICENSED
    if job.filled >= job.quota:
        return FULL
    return VALID


@dataclass(frozen=True)
class AgencyHit:
    agency: PlacementAgency
    state: str
    licence: AgencyLicence | None
    score: float


@dataclass(frozen=True)
class JobOrderHit:
    job_order: JobOrder
    state: str
    agency_state: str
    score: float


@dataclass(frozen=True)
class CheckResult:
    query: str
    agencies: list[AgencyHit]
    job_orders: list[JobOrderHit]

    @property
    def found(self) -> bool:
        return bool(self.agencies or self.job_orders)


def _agency_scores(text: str, ids: list[UUID]) -> dict[UUID, tuple[float, str]]:
    """Score of each candidate agency (its name or any licence number), with its sort name;
    from two narrow queries, no model built."""
    numbers: dict[UUID, list[str]] = {}
    for agency_id, number in AgencyLicence.objects.filter(agency_id__in=ids).values_list(
            "agency_id", "number"):
        numbers.setdefault(agency_id, []).append(number)
    scores: dict[UUID, tuple[float, str]] = {}
    for pk, name, search_name in PlacementAgency.objects.filter(pk__in=ids).values_list(
            "pk", "name", "search_name"):
        score = max([search.name_score(text, name)]
                    + [search.number_score(text, number) for number in numbers.get(pk, [])])
        if score >= search.NAME_THRESHOLD:
            scores[pk] = (score, search_name)
    return scores


def _job_order_scores(text: str, ids: list[UUID]) -> dict[UUID, tuple[float, str]]:
    scores: dict[UUID, tuple[float, str]] = {}
    for pk, permit, employer in JobOrder.objects.filter(pk__in=ids).values_list(
            "pk", "permit_number", "employer_name"):
        score = max(search.number_score(text, permit), search.name_score(text, employer) - 5)
        if score >= search.NUMBER_THRESHOLD:
            scores[pk] = (score, permit)
    return scores


def _best(scores: dict[UUID, tuple[float, str]]) -> list[UUID]:
    return sorted(scores, key=lambda pk: (-scores[pk][0], scores[pk][1]))[:RESULT_LIMIT]


def check(query: str, *, on: date) -> CheckResult:
    """Agencies and job orders that a member of the public may mean by `query` (a name, a
    SIP3MI number or a SIP2MI number, misspelt or not), best first, with their state.

    The candidates (those sharing look-up keys with the query) are scored from their names
    and numbers alone; only the best few are then loaded whole."""
    text = query.strip()[:120]
    ids = search.candidates(text)
    agencies: list[AgencyHit] = []
    agency_scores = _agency_scores(text, ids.agencies) if ids.agencies else {}
    if agency_scores:
        best = _best(agency_scores)
        loaded = PlacementAgency.objects.filter(pk__in=best).prefetch_related(
            Prefetch("licences", queryset=AgencyLicence.objects.order_by("-issued_on")))
        by_pk = {agency.pk: agency for agency in loaded}
        for pk in best:
            if pk in by_pk:  # deleted meanwhile: left out
                state, licence = agency_state(by_pk[pk], on)
                agencies.append(AgencyHit(by_pk[pk], state, licence, agency_scores[pk][0]))
    jobs: list[JobOrderHit] = []
    job_scores = _job_order_scores(text, ids.job_orders) if ids.job_orders else {}
    if job_scores:
        best = _best(job_scores)
        loaded_jobs = (JobOrder.objects.filter(pk__in=best)
                       .select_related("agency", "occupation")
                       .prefetch_related(Prefetch("agency__licences",
                                                  queryset=AgencyLicence.objects.all())))
        jobs_by_pk = {job.pk: job for job in loaded_jobs}
        for pk in best:
            if pk in jobs_by_pk:
                job = jobs_by_pk[pk]
                licence_state, _ = agency_state(job.agency, on)
                jobs.append(JobOrderHit(job, job_order_state(job, on, licence_state),
                                        licence_state, job_scores[pk][0]))
    return CheckResult(text, agencies, jobs)


@dataclass
class FeeView:
    """What a worker going to `country` as `occupation` may be charged on `on`."""

    country: str
    occupation: Occupation | None
    on: date
    schedule: FeeSchedule | None = None
    components: list[FeeComponent] = field(default_factory=list)
    zero_cost: ZeroCostRule | None = None

    @property
    def country_label(self) -> str:
        return str(Country(self.country).label) if self.country in Country.values else ""

    @property
    def worker_components(self) -> list[FeeComponent]:
        return [c for c in self.components if c.payer == Payer.WORKER]

    @property
    def worker_total(self) -> Decimal:
        return sum((c.amount for c in self.worker_components), Decimal(0))

    @property
    def currency(self) -> str:
        return self.schedule.currency if self.schedule else ""

    @property
    def exempt_labels(self) -> list[str]:
        if self.zero_cost is None:
            return []
        return [str(CostComponent(code).label) for code in self.zero_cost.components
                if code in CostComponent.values]

    @property
    def synthetic(self) -> bool:
        return bool(self.schedule and self.schedule.synthetic)

    def allowed_for_worker(self, component: str) -> Decimal | None:
        """The most the worker may pay for `component` (None: no schedule to say)."""
        if self.zero_cost is not None and component in self.zero_cost.components:
            return Decimal(0)
        if self.schedule is None:
            return None
        return sum((c.amount for c in self.worker_components if c.component == component),
                   Decimal(0))


def _in_force(on: date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def fee_views(pairs: Iterable[tuple[str, UUID | None]], *, on: date,
              known: Iterable[Occupation] = ()) -> dict[tuple[str, UUID | None], FeeView]:
    """The fee views of many (country, occupation id) pairs in three queries: the schedules
    in force (specific to the occupation, else the country's general one), their
    components, and the zero-cost rules in force (a fourth for the occupations, unless all
    are ``known``)."""
    wanted = set(pairs)
    countries = {country for country, _ in wanted}
    occupation_ids = {occ for _, occ in wanted if occ is not None}
    schedules = (FeeSchedule.objects.filter(_in_force(on), destination_country__in=countries)
                 .filter(Q(occupation__isnull=True) | Q(occupation_id__in=occupation_ids))
                 .prefetch_related(Prefetch("components",
                                            queryset=FeeComponent.objects.order_by(
                                                "payer", "component"))))
    by_pair = {(s.destination_country, s.occupation_id): s for s in schedules}
    rules = {rule.occupation_id: rule for rule in
             ZeroCostRule.objects.filter(_in_force(on), occupation_id__in=occupation_ids)
             .select_related("occupation")}
    occupations = {o.pk: o for o in known if o.pk in occupation_ids}
    if occupation_ids - occupations.keys():
        occupations = {o.pk: o for o in Occupation.objects.filter(pk__in=occupation_ids)}
    views: dict[tuple[str, UUID | None], FeeView] = {}
    for country, occupation_id in wanted:
        schedule = by_pair.get((country, occupation_id)) or by_pair.get((country, None))
        views[(country, occupation_id)] = FeeView(
            country=country, occupation=occupations.get(occupation_id) if occupation_id else None,
            on=on, schedule=schedule,
            components=list(schedule.components.all()) if schedule else [],
            zero_cost=rules.get(occupation_id) if occupation_id else None)
    return views


def fee_view(country: str, occupation: Occupation | None, *, on: date) -> FeeView:
    key = (country, occupation.pk if occupation else None)
    return fee_views([key], on=on, known=[occupation] if occupation else [])[key]


def schedule_history(country: str, occupation: Occupation | None) -> QuerySet[FeeSchedule]:
    """Every schedule for the destination (and occupation), newest first, so the public sees
    that the rules change over time."""
    qs = FeeSchedule.objects.filter(destination_country=country)
    if occupation is not None:
        qs = qs.filter(Q(occupation=occupation) | Q(occupation__isnull=True))
    return qs.select_related("occupation").order_by("-effective_from")


def open_job_orders(*, on: date, country: str = "", occupation: Occupation | None = None,
                    region_code: str = "") -> QuerySet[JobOrder]:
    """Job orders a worker may apply for on `on`: open, within their dates, with places
    left, their agency licensed; optionally by destination, occupation and region (a job
    order with no recruitment region recruits everywhere)."""
    qs = (JobOrder.objects.filter(status=JobOrderStatus.OPEN, valid_from__lte=on,
                                  valid_until__gte=on, filled__lt=F("quota"))
          .filter(licensed_on(on)).select_related("agency", "occupation"))
    if country:
        qs = qs.filter(destination_country=country)
    if occupation is not None:
        qs = qs.filter(occupation=occupation)
    if region_code:
        parts = region_code.split(".")
        around = [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
        regions = JobOrderRegion.objects.filter(job_order=OuterRef("pk"))
        qs = qs.filter(~Exists(regions) | Exists(regions.filter(
            Q(region_code__in=around) | Q(region_code__startswith=region_code + "."))))
    return qs.order_by("valid_until", "permit_number")
