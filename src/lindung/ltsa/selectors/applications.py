"""Reads of applications: eligibility of one file, the procedural status of many people
for the screening, a desk's queue, and the applicant's own look-up by receipt code."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.db.models import F
from django.db.models import OuterRef
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from lindung.core import access
from lindung.ltsa import receipts
from lindung.ltsa.access import DECIDE
from lindung.ltsa.choices import ACTIVE_STATUSES
from lindung.ltsa.choices import ComplaintStatus
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.eligibility import Eligibility
from lindung.ltsa.eligibility import ItemFact
from lindung.ltsa.eligibility import JobOrderFact
from lindung.ltsa.eligibility import MissingReason
from lindung.ltsa.eligibility import evaluate
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistItem
from lindung.ltsa.models import FeeComplaint
from lindung.ltsa.selectors.public import licensed_on

#: Ids per query in :func:`procedural_status` (below SQLite's 32,766 bound variables).
ID_CHUNK = 30_000


def _job_fact(application: Application) -> JobOrderFact:
    job = application.job_order
    return JobOrderFact(permit_number=job.permit_number, status=job.status,
                        valid_from=job.valid_from, valid_until=job.valid_until,
                        quota=job.quota, filled=job.filled)


def application_eligibility(application: Application, *, on: date) -> Eligibility:
    """The computed eligibility of one file (uses prefetched items and licences if any)."""
    agency = application.job_order.agency
    licensed = any(lic.permits_on(on) for lic in agency.licences.all())
    return evaluate(
        birth_date=application.person.birth_date, planned_departure=application.planned_departure,
        on=on, job_order=_job_fact(application), agency_licensed=licensed,
        items=[ItemFact(i.code, i.status, i.expires_on) for i in application.items.all()],
        open_complaints=open_complaint_counts([application.pk]).get(application.pk, 0))


def _open_complaints_of_row() -> Coalesce:
    """The open overcharge complaints of each application row, inside the same query."""
    return Coalesce(Subquery(
        FeeComplaint.objects.filter(application_id=OuterRef("pk"))
        .exclude(status=ComplaintStatus.CLOSED).order_by()
        .values("application_id").annotate(n=Count("id")).values("n")[:1]), 0)


def open_complaint_counts(application_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Overcharge complaints not yet closed, per application (one query)."""
    if not application_ids:
        return {}
    return {row["application_id"]: row["n"] for row in
            FeeComplaint.objects.filter(application_id__in=application_ids)
            .exclude(status=ComplaintStatus.CLOSED)
            .values("application_id").annotate(n=Count("id")).order_by()}


@dataclass(frozen=True)
class ProceduralStatus:
    """Where a person stands in the procedural route on a day, for the departure screening.
    `missing` holds the reasons, each in both languages (`MissingReason`: `str()` is the
    active language's, `.id` and `.en` each one)."""

    ready_to_depart: bool
    application_id: uuid.UUID | None
    job_order_valid: bool
    agency_licensed: bool
    missing: list[MissingReason] = field(default_factory=list)


NO_APPLICATION = MissingReason("no_application", "Tidak ada permohonan aktif di LTSA",
                               "No active LTSA application")


def procedural_status(person_ids: Iterable[uuid.UUID], on: date) -> dict[
        uuid.UUID, ProceduralStatus]:
    """The procedural status of each person on `on`, in two queries for up to 30,000 ids
    (the applications with their job order and licence state, then their checklist items);
    every id asked for is in the answer."""
    wanted = list(dict.fromkeys(person_ids))
    result: dict[uuid.UUID, ProceduralStatus] = {}
    for start in range(0, len(wanted), ID_CHUNK):
        chunk = wanted[start:start + ID_CHUNK]
        rows = list(
            Application.objects.filter(person_id__in=chunk, status__in=ACTIVE_STATUSES)
            .annotate(licensed=licensed_on(on, "job_order__agency"),
                      open_complaints=_open_complaints_of_row(),
                      birth_date=F("person__birth_date"),
                      job_permit=F("job_order__permit_number"),
                      job_status=F("job_order__status"),
                      job_from=F("job_order__valid_from"),
                      job_until=F("job_order__valid_until"),
                      job_quota=F("job_order__quota"), job_filled=F("job_order__filled"))
            .values("id", "person_id", "planned_departure", "licensed", "birth_date",
                    "job_permit", "job_status", "job_from", "job_until", "job_quota",
                    "job_filled", "open_complaints"))
        items: dict[uuid.UUID, list[ItemFact]] = defaultdict(list)
        if rows:
            for code, status, expires_on, application_id in ChecklistItem.objects.filter(
                    application_id__in=[row["id"] for row in rows]).values_list(
                    "code", "status", "expires_on", "application_id"):
                items[application_id].append(ItemFact(code, status, expires_on))
        for row in rows:
            eligibility = evaluate(
                birth_date=row["birth_date"], planned_departure=row["planned_departure"], on=on,
                job_order=JobOrderFact(row["job_permit"], row["job_status"], row["job_from"],
                                       row["job_until"], row["job_quota"], row["job_filled"]),
                agency_licensed=bool(row["licensed"]), items=items[row["id"]],
                open_complaints=int(row["open_complaints"] or 0))
            result[row["person_id"]] = ProceduralStatus(
                ready_to_depart=eligibility.ready, application_id=row["id"],
                job_order_valid=eligibility.job_order_valid,
                agency_licensed=eligibility.agency_licensed,
                missing=list(eligibility.missing))
    for person_id in wanted:
        result.setdefault(person_id, ProceduralStatus(
            ready_to_depart=False, application_id=None, job_order_valid=False,
            agency_licensed=False, missing=[NO_APPLICATION]))
    return result


def application_file_queryset() -> QuerySet[Application]:
    return (Application.objects.select_related(
        "person", "centre", "job_order__agency", "job_order__occupation")
        .prefetch_related("items__decided_by", "job_order__agency__licences", "payments"))


def visible_applications(user: Any) -> QuerySet[Application]:
    return access.visible(user, Application.objects.select_related(
        "person", "centre", "job_order__occupation"))


def desk_queue(user: Any) -> QuerySet[ChecklistItem]:
    """The items waiting at the user's desk (and centre, when posted to one), oldest first."""
    desk = getattr(user, "desk", "")
    items = access.visible(user, ChecklistItem.objects.all(), DECIDE)
    if not desk:
        return items.none()
    items = items.filter(desk=desk, status=ItemStatus.PENDING,
                         application__status__in=ACTIVE_STATUSES)
    if getattr(user, "site_id", None):
        items = items.filter(application__centre_id=user.site_id)
    return items.select_related("application__person", "application__job_order",
                                "application__centre").order_by("queued_at", "id")


@dataclass(frozen=True)
class DeskWaiting:
    """How long the items at a desk have waited, at `now`: how many, the longest and the
    mean wait (None when nobody waits)."""

    count: int
    longest: timedelta | None
    mean: timedelta | None


def desk_waiting(items: QuerySet[ChecklistItem], now: datetime) -> DeskWaiting:
    """The waits of the queue `items` (desk_queue): one query for the times they queued."""
    queued = list(items.order_by().values_list("queued_at", flat=True))
    waits = [max(now - at, timedelta(0)) for at in queued]
    if not waits:
        return DeskWaiting(count=0, longest=None, mean=None)
    return DeskWaiting(count=len(waits), longest=max(waits),
                       mean=sum(waits, timedelta(0)) / len(waits))


_DUMMY_HASH = receipts.receipt_hash("0" * receipts.CODE_LENGTH)


def application_by_receipt(code: str, birth_date: date) -> Application | None:
    """The application a receipt code and birth date open, or None. Always does at least one
    slow hash check, so a wrong code takes as long as a right one."""
    lookup = receipts.receipt_lookup(code)
    found: Application | None = None
    candidates = list(application_file_queryset().filter(receipt_lookup=lookup)) if lookup \
        else []
    checked = False
    for application in candidates:
        checked = True
        if (receipts.receipt_matches(code, application.receipt_hash)
                and application.person.birth_date == birth_date):
            found = application
    if not checked:
        receipts.receipt_matches(code or "0", _DUMMY_HASH)
    return found
