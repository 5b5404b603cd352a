"""Service figures per centre and desk: time from registration to ready-to-depart, time at
each desk, queue length, rejections by reason. Aggregates only, in the viewer's scope."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Avg
from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet

from lindung.core import access
from lindung.directory.choices import Desk
from lindung.directory.models import shown_name_of
from lindung.ltsa.access import FIGURES
from lindung.ltsa.choices import ACTIVE_STATUSES
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import DecisionOutcome
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.choices import RejectionReason
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistDecision
from lindung.ltsa.models import ChecklistItem

_ITEMS = access.Policy(FIGURES.entity, region_field="application__region_code")


@dataclass
class DeskFigures:
    desk: str
    queue: int = 0
    decided: int = 0
    rejected: int = 0
    mean_wait_hours: float | None = None
    rejections: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(Desk(self.desk).label)

    @property
    def rejection_labels(self) -> list[tuple[str, int]]:
        return [(str(RejectionReason(code).label) if code in RejectionReason.values else code,
                 n) for code, n in sorted(self.rejections.items(), key=lambda kv: -kv[1])]


@dataclass
class CentreFigures:
    centre_id: UUID
    name: str
    registered: int = 0
    ready: int = 0
    active: int = 0
    withdrawn: int = 0
    mean_days_to_ready: float | None = None
    median_days_to_ready: float | None = None
    desks: dict[str, DeskFigures] = field(default_factory=dict)

    def desk(self, code: str) -> DeskFigures:
        return self.desks.setdefault(code, DeskFigures(code))

    @property
    def desk_rows(self) -> list[DeskFigures]:
        order = [d.value for d in Desk]
        return sorted(self.desks.values(), key=lambda d: order.index(d.desk))


_CentreOf = Callable[[UUID, str], CentreFigures]


def service_figures(user: Any, *, since: datetime | None = None) -> list[CentreFigures]:
    """Per LTSA centre the user may read: applications registered, ready, active and
    withdrawn with the days to ready; per desk the decisions, rejections by reason, the mean
    wait and the queue."""
    apps = FIGURES.filter(user, Application.objects.all())
    decisions = FIGURES.filter(user, ChecklistDecision.objects.all())
    items = _ITEMS.filter(user, ChecklistItem.objects.all())
    if since is not None:
        apps = apps.filter(created_at__gte=since)
        decisions = decisions.filter(created_at__gte=since)
    centres: dict[UUID, CentreFigures] = {}

    def centre(centre_id: UUID, name: str) -> CentreFigures:
        return centres.setdefault(centre_id, CentreFigures(centre_id, name))

    _application_figures(apps, centre)
    _desk_figures(decisions, items, centre)
    return sorted(centres.values(), key=lambda c: c.name)


def _application_figures(apps: QuerySet[Application], centre: _CentreOf) -> None:
    for row in apps.values("centre_id", centre_shown=shown_name_of("centre")).annotate(
            total=Count("id"),
            ready=Count("id", filter=Q(status=ApplicationStatus.READY)),
            active=Count("id", filter=Q(status__in=ACTIVE_STATUSES)),
            withdrawn=Count("id", filter=Q(status=ApplicationStatus.WITHDRAWN)),
            mean_ready=Avg("ready_seconds")):
        figures = centre(row["centre_id"], row["centre_shown"])
        figures.registered, figures.ready = row["total"], row["ready"]
        figures.active, figures.withdrawn = row["active"], row["withdrawn"]
        if row["mean_ready"] is not None:
            figures.mean_days_to_ready = round(float(row["mean_ready"]) / 86400, 1)
    durations: dict[tuple[UUID, str], list[int]] = defaultdict(list)
    for centre_id, name, seconds in apps.filter(ready_seconds__isnull=False).values_list(
            "centre_id", shown_name_of("centre"), "ready_seconds"):
        durations[(centre_id, name)].append(int(seconds or 0))
    for (centre_id, name), values in durations.items():
        centre(centre_id, name).median_days_to_ready = round(statistics.median(values) / 86400,
                                                             1)


def _desk_figures(decisions: QuerySet[ChecklistDecision], items: QuerySet[ChecklistItem],
                  centre: _CentreOf) -> None:
    decided = Q(outcome__in=[DecisionOutcome.VERIFIED, DecisionOutcome.REJECTED])
    for row in decisions.values("centre_id", "desk",
                                centre_shown=shown_name_of("centre")).annotate(
            decided=Count("id", filter=decided),
            rejected=Count("id", filter=Q(outcome=DecisionOutcome.REJECTED)),
            wait=Avg("waited_seconds", filter=decided)):
        desk = centre(row["centre_id"], row["centre_shown"]).desk(row["desk"])
        desk.decided, desk.rejected = row["decided"], row["rejected"]
        if row["wait"] is not None:
            desk.mean_wait_hours = round(float(row["wait"]) / 3600, 1)
    for row in decisions.filter(outcome=DecisionOutcome.REJECTED).values(
            "centre_id", "desk", "reason", centre_shown=shown_name_of("centre")).annotate(
            n=Count("id")):
        centre(row["centre_id"], row["centre_shown"]).desk(row["desk"]).rejections[
            row["reason"]] = row["n"]
    for row in items.filter(status=ItemStatus.PENDING,
                            application__status__in=ACTIVE_STATUSES).values(
            "application__centre_id", "desk",
            centre_shown=shown_name_of("application__centre")).annotate(n=Count("id")):
        centre(row["application__centre_id"], row["centre_shown"]).desk(
            row["desk"]).queue = row["n"]
