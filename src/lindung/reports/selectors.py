"""Reads of reports, referrals and cases, always through the access helper."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.reports.choices import MessageKind
from lindung.reports.choices import ReferralStatus
from lindung.reports.choices import ReportStatus
from lindung.reports.models import Case
from lindung.reports.models import CaseSuspect
from lindung.reports.models import CaseVictim
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.models import ReportPerson

QUEUE_SIZE = 25
# Counts above this are shown as "1000+": counting a national backlog exactly is work the
# queue does not need.
COUNT_CAP = 1000


def scope_range(user: User, field: str = "region_code") -> Q:
    """The user's scope as a range on an indexed column ("53.71" <= code < "53.71/"), added
    beside the access helper's own filter so that both databases can use the index (a LIKE
    prefix cannot, on SQLite). It never widens what the helper allows."""
    area = access.area_of(user)
    if area.national or area.site_id is not None or len(area.prefixes) != 1:
        return Q()  # records at a post, or several prefixes: the helper's filter alone
    scope = area.prefixes[0]
    return Q(**{f"{field}__gte": scope, f"{field}__lt": scope + "/"})


def visible_reports(user: User, action: str = VIEW) -> QuerySet[PublicReport]:
    return access.visible(user, PublicReport.objects.all(), action).filter(scope_range(user))


@dataclass
class Queue:
    mine: list[PublicReport]
    mine_total: int
    mine_overdue: int
    to_triage: list[PublicReport]
    to_triage_total: int
    to_assign: list[PublicReport]
    to_assign_total: int
    referrals_in: list[Referral]
    referrals_in_total: int


def _head(qs: QuerySet[Any]) -> tuple[list[Any], int]:
    """The first QUEUE_SIZE items and the total (at most COUNT_CAP + 1), without counting
    when the page is short."""
    items = list(qs[:QUEUE_SIZE + 1])
    if len(items) <= QUEUE_SIZE:
        return items, len(items)
    return items[:QUEUE_SIZE], qs[:COUNT_CAP + 1].count()


def officer_queue(*, user: User, now: datetime | None = None) -> Queue:
    """What is due for this officer: reports assigned to them, reports in their scope that
    await triage or assignment, and referrals addressed to their agency. Oldest deadline
    first; each list is bounded and uses an index."""
    now = now or timezone.now()
    # The queue shows reference, category, urgency, region and deadline: one join.
    reports = visible_reports(user, CHANGE).select_related("region").order_by()
    mine_qs = reports.filter(assigned_to=user, is_open=True).order_by("due_at", "id")
    mine, mine_total = _head(mine_qs)
    mine_overdue = (sum(1 for r in mine if r.due_at and r.due_at < now)
                    if mine_total <= QUEUE_SIZE
                    else mine_qs.filter(due_at__lt=now)[:COUNT_CAP + 1].count())
    to_triage, to_triage_total = _head(
        reports.filter(status=ReportStatus.RECEIVED).order_by("due_at", "id"))
    to_assign, to_assign_total = _head(
        reports.filter(status=ReportStatus.VERIFIED).order_by("due_at", "id"))
    referrals_in: list[Referral] = []
    referrals_total = 0
    if user.agency_id and access.can(user, CHANGE, Referral):
        referrals_in, referrals_total = _head(
            Referral.objects.filter(to_agency_id=user.agency_id,
                                    status=ReferralStatus.REQUESTED)
            .select_related("report", "from_agency").order_by("created_at"))
    return Queue(mine=mine, mine_total=mine_total, mine_overdue=mine_overdue,
                 to_triage=to_triage, to_triage_total=to_triage_total,
                 to_assign=to_assign, to_assign_total=to_assign_total,
                 referrals_in=referrals_in, referrals_in_total=referrals_total)


def report_list(*, user: User, status: str = "", category: str = "", overdue: bool = False,
                query: str = "") -> QuerySet[PublicReport]:
    reports = visible_reports(user).select_related("region", "responsible_agency",
                                                   "assigned_to")
    if status == "open":
        reports = reports.filter(is_open=True)
    elif status:
        reports = reports.filter(status=status)
    if category:
        reports = reports.filter(category=category)
    if overdue:
        reports = reports.filter(is_open=True, due_at__lt=timezone.now())
    if query:
        reports = reports.filter(reference__iexact=query.strip())
    return reports.order_by("-received_at", "-id")


@dataclass(frozen=True)
class PublicEvent:
    """One line of what a reporter sees with their receipt: never who, never internal."""

    at: datetime
    text: str
    body: str = ""
    from_reporter: bool = False


def reporter_timeline(report: PublicReport) -> list[PublicEvent]:
    events = [PublicEvent(at=report.received_at, text=_("Laporan diterima"))]
    for transition in report.transitions.all():
        label = ReportStatus(transition.to_status).label
        text = _("Status: %(status)s") % {"status": label}
        if transition.reason:
            text += " — " + str(transition.get_reason_display())
        events.append(PublicEvent(at=transition.created_at, text=text))
    for message in report.messages.exclude(kind=MessageKind.INTERNAL_NOTE):
        mine = message.kind == MessageKind.REPORTER_UPDATE
        events.append(PublicEvent(
            at=message.created_at, body=message.body, from_reporter=mine,
            text=_("Informasi tambahan dari Anda") if mine else _("Balasan petugas")))
    for referral in report.referrals.filter(status=ReferralStatus.ACCEPTED):
        events.append(PublicEvent(
            at=referral.responded_at or referral.created_at,
            text=_("Laporan Anda diteruskan ke instansi mitra, yang menerimanya untuk "
                   "ditindaklanjuti")))
    return sorted(events, key=lambda event: event.at)


def visible_referrals(user: User) -> QuerySet[Referral]:
    return access.visible(user, Referral.objects.all()).select_related(
        "report", "from_agency", "to_agency", "to_site")


def visible_cases(user: User) -> QuerySet[Case]:
    return access.visible(user, Case.objects.all()).filter(scope_range(user)).select_related(
        "report", "case_owner", "region")


@dataclass
class PersonInvolvement:
    reports: list[ReportPerson]
    victim_in: list[CaseVictim]
    suspect_in: list[CaseSuspect]

    @property
    def empty(self) -> bool:
        return not (self.reports or self.victim_in or self.suspect_in)


def person_involvement(*, user: User, person: Person) -> PersonInvolvement:
    """Reports and cases a person appears in, among those the user may see."""
    reports = list(ReportPerson.objects.filter(
        person=person, report__in=visible_reports(user)).select_related("report")[:50])
    victim_in = list(CaseVictim.objects.filter(
        person=person, case__in=visible_cases(user)).select_related("case")[:50])
    suspect_in = list(CaseSuspect.objects.filter(
        person=person, case__in=visible_cases(user)).select_related("case")[:50])
    return PersonInvolvement(reports=reports, victim_in=victim_in, suspect_in=suspect_in)
