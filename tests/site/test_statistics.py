"""Work statistics (issue 16): screening, referrals and cases, checked against the records
that produced them: totals, averages and medians, an empty period, and the small-cell rule for
a reader who may not open the records (the analyst)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from lindung.reports.choices import CaseStatus
from lindung.reports.choices import ReferralStatus
from lindung.reports.models import Case
from lindung.reports.models import Referral
from lindung.reports.services import referral_request
from lindung.reports.services import referral_respond
from lindung.reports.services import report_transition
from lindung.reports.services.cases import case_open
from lindung.screening import services as screening
from lindung.screening.choices import AlertStatus
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import ScreenedPassenger
from lindung.site import statistics as work
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _manifest(world: Any, *rows: dict[str, str]) -> Any:
    validation = validate_records(list(rows), today=timezone.localdate())
    assert validation.ok, validation.report()
    return screening.manifest_submit(actor=world.users["taskforce_kupang"],
                                     site=world.embarkation,
                                     departure_date=timezone.localdate(),
                                     passengers=validation.passengers)


def _minor(name: str) -> dict[str, str]:
    sixteen = timezone.localdate().replace(year=YEAR - 16)
    return {"name": name, "birth_date": sixteen.isoformat()}


def _screened(world: Any) -> None:
    _manifest(world, _minor("Agus Lake"), _minor("Beni Lake"), _minor("Citra Lake"),
              {"name": "Yohana Benu", "birth_date": "1990-04-12"})
    # A manifest of another year: not in this year's figures.
    old = _manifest(world, _minor("Dedi Lake"))
    old.departure_date = dt.date(YEAR - 2, 3, 1)
    old.save(update_fields=["departure_date"])
    Alert.objects.filter(manifest=old).update(created_at=timezone.now().replace(year=YEAR - 2))


def test_it_counts_passengers_verdicts_alerts_and_time_to_resolve(
        taskforce: rf.Taskforce) -> None:
    world = taskforce.world
    officer = taskforce.officer
    _screened(world)
    alerts = list(Alert.objects.filter(created_at__year=YEAR).order_by("created_at"))
    assert len(alerts) == 3
    for alert, hours in zip(alerts[:2], (2, 6), strict=True):
        screening.alert_resolve(actor=officer, alert=alert, resolution="cleared", note="ok")
        Alert.objects.filter(pk=alert.pk).update(resolved_at=alert.created_at
                                                 + timedelta(hours=hours))

    stats = work.work_statistics(user=officer, year=YEAR)
    assert stats.owner["screening"] and stats.passengers is not None
    expected: dict[str, int] = {}
    for verdict in ScreenedPassenger.objects.filter(
            manifest__departure_date__year=YEAR).values_list("verdict", flat=True):
        expected[verdict] = expected.get(verdict, 0) + 1
    assert {line.key: line.value for line in stats.passengers.lines if line.value} == expected
    assert stats.passengers.total == 4 == sum(expected.values())
    assert expected["stop"] >= 3
    outcomes = {line.key: line.value for line in stats.alerts.lines}  # type: ignore[union-attr]
    assert outcomes["cleared"] == 2
    assert [outcomes[AlertStatus.OPEN], outcomes[AlertStatus.ACKNOWLEDGED]] in ([1, 0], [0, 1])
    assert stats.alerts.total == 3  # type: ignore[union-attr]
    times = stats.alert_times
    assert times is not None and times.count == 2
    assert times.mean == timedelta(hours=4) and times.median == timedelta(hours=4)

    # All years: the old manifest and its alert count too.
    every = work.work_statistics(user=officer, year=None)
    assert every.passengers.total == 5 and every.alerts.total == 4  # type: ignore[union-attr]

    page = world.client_for("taskforce_kupang").get(f"/staff/statistics/?year={YEAR}")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<tr data-key="total"><th scope="row">Jumlah seluruhnya</th><td class="num">4' in html
    assert "4 jam" in html


def test_it_shows_an_empty_period_as_zeros_and_no_average(taskforce: rf.Taskforce) -> None:
    _screened(taskforce.world)
    stats = work.work_statistics(user=taskforce.officer, year=YEAR - 1)
    assert stats.passengers.total == 0 and stats.alerts.total == 0  # type: ignore[union-attr]
    assert all(line.value == 0 for line in stats.passengers.lines)  # type: ignore[union-attr]
    assert stats.alert_times == work.Times(count=0, mean=None, median=None)
    assert stats.referrals == [] and stats.referral_status.total == 0  # type: ignore[union-attr]
    assert stats.cases_status.total == 0  # type: ignore[union-attr]
    html = taskforce.world.client_for("taskforce_kupang").get(
        f"/staff/statistics/?year={YEAR - 1}").content.decode()
    assert "belum ada yang selesai" in html
    assert "Tidak ada rujukan pada periode ini." in html


def _refer(taskforce: rf.Taskforce, agency: Any) -> Referral:
    report = report_transition(actor=taskforce.officer, report=rf.submit().report,
                               action="verify")
    return referral_request(actor=taskforce.officer, report=report, to_agency=agency,
                            service="investigation", consent_basis="legal_duty")


def test_it_counts_referrals_by_receiving_agency_with_time_to_answer(
        taskforce: rf.Taskforce) -> None:
    to_police = [_refer(taskforce, taskforce.police) for _ in range(3)]
    to_shelter = _refer(taskforce, taskforce.shelter)
    for referral, hours in zip(to_police[:2], (1, 5), strict=True):
        referral_respond(actor=taskforce.police_officer, referral=referral, accept=True)
        Referral.objects.filter(pk=referral.pk).update(
            responded_at=referral.created_at + timedelta(hours=hours))
    stats = work.work_statistics(user=taskforce.officer, year=YEAR)
    rows = {row.agency: row for row in stats.referrals}
    police = rows["Kepolisian Daerah NTT"]
    assert (police.sent, police.answered, police.waiting) == (3, 2, 1)
    assert police.answer_time.mean == timedelta(hours=3)
    shelter = rows[to_shelter.to_agency.name]
    assert (shelter.sent, shelter.answered, shelter.waiting) == (1, 0, 1)
    assert shelter.answer_time.mean is None
    status = {line.key: line.value for line in stats.referral_status.lines}  # type: ignore[union-attr]
    assert status[ReferralStatus.ACCEPTED] == 2 and status[ReferralStatus.REQUESTED] == 2
    assert stats.referral_status.total == Referral.objects.count() == 4  # type: ignore[union-attr]
    assert stats.referral_times.mean == timedelta(hours=3)  # type: ignore[union-attr]


def test_it_counts_cases_by_status_and_stage(taskforce: rf.Taskforce) -> None:
    officer = taskforce.officer
    for title in ("Kasus A", "Kasus B"):
        report = report_transition(actor=officer, report=rf.submit().report, action="verify")
        case_open(actor=officer, title=title, report=report)
    stats = work.work_statistics(user=officer, year=YEAR)
    status = {line.key: line.value for line in stats.cases_status.lines}  # type: ignore[union-attr]
    assert status[CaseStatus.ACTIVE] == Case.objects.filter(status=CaseStatus.ACTIVE).count()
    assert stats.cases_status.total == 2 == stats.cases_stage.total  # type: ignore[union-attr]


def test_it_hides_small_counts_and_averages_from_a_reader_outside_the_records(
        taskforce: rf.Taskforce) -> None:
    _screened(taskforce.world)
    for alert in Alert.objects.filter(created_at__year=YEAR)[:2]:
        screening.alert_resolve(actor=taskforce.officer, alert=alert, resolution="cleared",
                                note="ok")
    analyst = taskforce.world.users["analyst"]
    stats = work.work_statistics(user=analyst, year=YEAR)
    assert stats.shown["screening"] and not stats.owner["screening"]
    assert stats.passengers.total == "<11"  # type: ignore[union-attr]
    assert all(line.value in (0, "<11") for line in stats.passengers.lines)  # type: ignore[union-attr]
    assert stats.alert_times is not None and stats.alert_times.count == 2
    assert stats.alert_times.mean is None
    html = taskforce.world.client_for("analyst").get(f"/staff/statistics/?year={YEAR}")
    assert html.status_code == 200
    assert "&lt;11" in html.content.decode()
    assert "Agus Lake" not in html.content.decode()
