"""Statistics of the work (issue 16), beside the task-force statistics of prevention: screening
(passengers screened and their verdicts, alerts by outcome and the time to resolve them),
referrals (by receiving agency, the time to answer) and cases (by status and legal stage).

Counted within the reader's area through the shared "statistics" capability (the proxies in
site/models.py), for one calendar year or all years. A reader who may not open the records
themselves (the analyst) gets the counts of people and cases under the small-cell rule
(common/disclosure.py: a one-way table with its total, complementary suppression), and a
time average only over 11 or more records; a reader who may open them (their owners) gets
them as they are.

Periods: passengers by their manifest's departure date; alerts, referrals by the day they
were raised (in the active time zone); cases by the month they were opened. A time to
resolve or to answer is counted for the records of the period that were resolved or answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.db.models import Model
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.disclosure import K_ANONYMITY
from lindung.common.disclosure import Cell
from lindung.common.disclosure import suppress_table
from lindung.core import access
from lindung.core.roles import VIEW
from lindung.directory.models import shown_name_of
from lindung.reports.choices import CaseStatus
from lindung.reports.choices import LegalStage
from lindung.reports.choices import ReferralStatus
from lindung.reports.models import Case
from lindung.reports.models import Referral
from lindung.screening.choices import AlertResolution
from lindung.screening.choices import AlertStatus
from lindung.screening.choices import Verdict
from lindung.screening.models import Alert
from lindung.site.models import AlertStatistic
from lindung.site.models import CaseStatistic
from lindung.site.models import ReferralStatistic
from lindung.site.models import ScreenedPassengerStatistic

# A bound on the records whose times are read one by one for an average (a province's year
# is far below it); beyond it the average is of the most recent ones and says so.
TIMES_CAP = 50_000


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    value: Cell


@dataclass(frozen=True)
class Breakdown:
    """A one-way table with its total, as the reader may see it."""

    lines: list[Line]
    total: Cell

    @property
    def hidden(self) -> bool:
        return any(isinstance(line.value, str) for line in self.lines) or \
            isinstance(self.total, str)


@dataclass(frozen=True)
class Times:
    """Times to resolve or answer: how many were measured, their mean and median (None when
    none, or when too few for a reader under the small-cell rule)."""

    count: int
    mean: timedelta | None
    median: timedelta | None
    capped: bool = False


@dataclass(frozen=True)
class AgencyRow:
    agency: str
    sent: Cell
    answered: Cell
    waiting: Cell
    answer_time: Times


@dataclass
class WorkStatistics:
    year: int | None
    owner: dict[str, bool]  # section -> the reader may open its records (no suppression)
    passengers: Breakdown | None = None  # by verdict
    alerts: Breakdown | None = None  # by outcome
    alert_times: Times | None = None
    referrals: list[AgencyRow] = field(default_factory=list)
    referral_status: Breakdown | None = None
    referral_times: Times | None = None
    cases_status: Breakdown | None = None
    cases_stage: Breakdown | None = None
    shown: dict[str, bool] = field(default_factory=dict)


def _breakdown(pairs: Sequence[tuple[str, str]], counts: dict[str, int], *,
               owner: bool) -> Breakdown:
    values = [counts.get(key, 0) for key, _label in pairs]
    total = sum(counts.values())
    cells: list[Cell] = list(values)
    shown_total: Cell = total
    if not owner:
        table = suppress_table(values, total)
        cells, shown_total = table.cells, table.total
    return Breakdown([Line(key, str(label), cell)
                      for (key, label), cell in zip(pairs, cells, strict=True)], shown_total)


def _times(spans: Iterable[timedelta], *, owner: bool, capped: bool = False) -> Times:
    values = [max(span, timedelta(0)) for span in spans]
    if not values or (not owner and len(values) < K_ANONYMITY):
        return Times(count=len(values), mean=None, median=None, capped=capped)
    ordered = sorted(values)
    middle = len(ordered) // 2
    mid = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Times(count=len(values), mean=sum(values, timedelta(0)) / len(values),
                 median=mid, capped=capped)


def _spans(qs: QuerySet[Any], start: str, end: str) -> tuple[list[timedelta], bool]:
    rows = list(qs.filter(**{f"{end}__isnull": False}).order_by(f"-{end}")
                .values_list(start, end)[:TIMES_CAP + 1])
    capped = len(rows) > TIMES_CAP
    return [b - a for a, b in rows[:TIMES_CAP]], capped


def _year_q(year: int | None, column: str) -> Q:
    return Q(**{f"{column}__year": year}) if year else Q()


def _visible(user: User, model: type[Model]) -> QuerySet[Any]:
    return access.visible(user, model._default_manager.all()).order_by()


def _counts(qs: QuerySet[Any], column: str) -> dict[str, int]:
    return {str(key): int(n) for key, n in qs.values_list(column).annotate(n=Count("id"))}


def alert_outcome(status: str, resolution: str) -> str:
    """An alert's outcome: how it was resolved, else where it stands."""
    return resolution if status == AlertStatus.RESOLVED and resolution else status


def _alert_outcomes() -> list[tuple[str, str]]:
    unresolved = [(value, str(label)) for value, label in AlertStatus.choices
                  if value != AlertStatus.RESOLVED]
    return unresolved + [(value, str(label)) for value, label in AlertResolution.choices]


def work_statistics(*, user: User, year: int | None = None) -> WorkStatistics:
    stats = WorkStatistics(year=year, owner={
        "screening": access.can(user, VIEW, Alert),
        "referrals": access.can(user, VIEW, Referral),
        "cases": access.can(user, VIEW, Case)})
    for section, model in (("screening", AlertStatistic), ("referrals", ReferralStatistic),
                           ("cases", CaseStatistic)):
        stats.shown[section] = access.can(user, VIEW, model)
    if stats.shown["screening"]:
        owner = stats.owner["screening"]
        passengers = _visible(user, ScreenedPassengerStatistic).filter(
            _year_q(year, "manifest__departure_date"))
        stats.passengers = _breakdown(
            [(v, str(label)) for v, label in Verdict.choices],
            _counts(passengers.exclude(verdict=""), "verdict"), owner=owner)
        alerts = _visible(user, AlertStatistic).filter(_year_q(year, "created_at"))
        outcomes: dict[str, int] = {}
        for status, resolution, n in (alerts.values_list("status", "resolution")
                                      .annotate(n=Count("id"))):
            key = alert_outcome(status, resolution or "")
            outcomes[key] = outcomes.get(key, 0) + int(n)
        stats.alerts = _breakdown(_alert_outcomes(), outcomes, owner=owner)
        spans, capped = _spans(alerts.filter(status=AlertStatus.RESOLVED),
                               "created_at", "resolved_at")
        stats.alert_times = _times(spans, owner=owner, capped=capped)
    if stats.shown["referrals"]:
        _referral_statistics(stats, user, year)
    if stats.shown["cases"]:
        owner = stats.owner["cases"]
        cases = _visible(user, CaseStatistic).filter(_year_q(year, "opened_month"))
        stats.cases_status = _breakdown([(v, str(label)) for v, label in CaseStatus.choices],
                                        _counts(cases, "status"), owner=owner)
        stages = _counts(cases, "legal_stage")
        stats.cases_stage = _breakdown(
            [(v, str(label)) for v, label in LegalStage.choices]
            + ([("", _("belum diisi"))] if stages.get("") else []), stages, owner=owner)
    return stats


def _referral_statistics(stats: WorkStatistics, user: User, year: int | None) -> None:
    owner = stats.owner["referrals"]
    referrals = _visible(user, ReferralStatistic).filter(_year_q(year, "created_at"))
    stats.referral_status = _breakdown(
        [(v, str(label)) for v, label in ReferralStatus.choices],
        _counts(referrals, "status"), owner=owner)
    spans, capped = _spans(referrals, "created_at", "responded_at")
    stats.referral_times = _times(spans, owner=owner, capped=capped)
    per_agency: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for agency_id, name, status, n in (referrals.values_list("to_agency_id",
                                                             shown_name_of("to_agency"),
                                                             "status")
                                       .annotate(n=Count("id"))):
        key = str(agency_id)
        names[key] = name
        per_agency.setdefault(key, {})[status] = int(n)
    times: dict[str, list[timedelta]] = {}
    for agency_id, start, end in (referrals.filter(responded_at__isnull=False)
                                  .values_list("to_agency_id", "created_at", "responded_at")
                                  [:TIMES_CAP]):
        times.setdefault(str(agency_id), []).append(end - start)
    order = sorted(per_agency, key=lambda k: (-sum(per_agency[k].values()), names[k]))
    answered_statuses = (ReferralStatus.ACCEPTED, ReferralStatus.REJECTED)
    sent = [sum(per_agency[k].values()) for k in order]
    answered = [sum(per_agency[k].get(s, 0) for s in answered_statuses) for k in order]
    waiting = [per_agency[k].get(ReferralStatus.REQUESTED, 0) for k in order]
    if not owner:
        sent_cells = suppress_table(sent).cells
        answered_cells = suppress_table(answered).cells
        waiting_cells = suppress_table(waiting).cells
    else:
        sent_cells, answered_cells, waiting_cells = list(sent), list(answered), list(waiting)
    stats.referrals = [
        AgencyRow(agency=names[k], sent=sent_cells[i], answered=answered_cells[i],
                  waiting=waiting_cells[i],
                  answer_time=_times(times.get(k, []), owner=owner))
        for i, k in enumerate(order)]


def available_years(user: User) -> list[int]:
    """The years with a manifest, alert, referral or case in the reader's area, newest first
    (always the current year)."""
    years = {timezone.localdate().year}
    for model, column in ((ScreenedPassengerStatistic, "manifest__departure_date"),
                          (AlertStatistic, "created_at"), (ReferralStatistic, "created_at"),
                          (CaseStatistic, "opened_month")):
        if access.can(user, VIEW, model):
            for value in (_visible(user, model).dates(column, "year")
                          if column.endswith(("date", "month"))
                          else _visible(user, model).datetimes(column, "year")):
                years.add(value.year)
    return sorted(years, reverse=True)
