"""The metric registry: figures equal the other modules' own statistics (the task-force
statistics selector, the LTSA service figures, the Desmigratif indicators), every value
names its query, and a missing source app answers "source not available"."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from lindung.coordination.metrics import all_metrics
from lindung.coordination.metrics import compute
from lindung.coordination.metrics import get_metric
from lindung.coordination.metrics import register_metric
from lindung.coordination.metrics import registry as metric_registry
from lindung.coordination.metrics.registry import MetricValue
from lindung.directory.choices import AgencyKind
from lindung.directory.models import Agency
from lindung.prevention.statistics.selectors import taskforce_statistics
from lindung.regions.models import Region
from tests.conftest import World
from tests.fixtures.coordination import THIS_YEAR
from tests.fixtures.coordination import prevent

LAST_YEAR = THIS_YEAR - 1
YEAR = (date(LAST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))


def _value(name: str, region_code: str, start: date, end: date) -> Decimal | None:
    return compute(name, region_code, start, end).value


@pytest.fixture
def prevented(world: World) -> World:
    immigration = Agency.objects.create(code="imigrasi-kupang", name="Kantor Imigrasi Kupang",
                                        kind=AgencyKind.IMMIGRATION)
    prevent(world, date(LAST_YEAR, 3, 10), people=2)
    prevent(world, date(LAST_YEAR, 7, 1), people=1, agency=immigration)
    prevent(world, date(LAST_YEAR - 1, 12, 31), people=4)
    prevent(world, timezone.localdate(), people=3)
    return world


@pytest.mark.parametrize("area", ["", "53", "53.71", "53.71.01", "32"])
def test_prevention_figures_equal_the_task_force_statistics(prevented: World,
                                                            area: str) -> None:
    stats = taskforce_statistics(user=prevented.users["analyst"], area=area, year=LAST_YEAR)
    assert _value("prevention.people_prevented", area, *YEAR) == stats.prevented_people
    assert _value("prevention.departures_prevented", area, *YEAR) == \
        stats.prevented_departures
    if area in ("", "53", "53.71"):
        assert stats.prevented_people == 3
    value = compute("prevention.people_prevented", area, *YEAR)
    assert "taskforce_statistics" in value.query_description
    assert f'area="{area}", year={LAST_YEAR}' in value.query_description
    assert value.unit == "people" and value.available


def test_it_sums_whole_years_and_counts_other_periods_from_the_tallies(
        prevented: World) -> None:
    two_years = compute("prevention.people_prevented", "53", date(LAST_YEAR - 1, 1, 1),
                        date(LAST_YEAR, 12, 31))
    assert two_years.value == 7
    assert two_years.query_description.count("taskforce_statistics") == 2
    half = compute("prevention.people_prevented", "53", date(LAST_YEAR, 1, 1),
                   date(LAST_YEAR, 6, 30))
    assert half.value == 2 and "PreventionTally" in half.query_description
    days = compute("prevention.people_prevented", "53.71", date(LAST_YEAR, 3, 10),
                   date(LAST_YEAR, 7, 1))
    assert days.value == 3 and "PreventedDeparture" in days.query_description


def test_the_immigration_figure_counts_the_immigration_agencies(prevented: World) -> None:
    assert _value("prevention.people_prevented_immigration", "53", *YEAR) == 1
    assert _value("prevention.people_prevented_immigration", "53",
                  date(LAST_YEAR, 7, 1), date(LAST_YEAR, 7, 31)) == 1


def _reports(world: World) -> None:
    from lindung.reports.services import report_submit
    from lindung.reports.services import report_transition
    from lindung.reports.services import report_triage

    officer = world.users["taskforce_kupang"]
    village = Region.objects.get(code="53.71.01.1001")
    moment = timezone.make_aware(datetime.combine(date(LAST_YEAR, 5, 2), time(10)))
    for index in range(3):
        report = report_submit(actor=None, channel="web", category="broker",
                               description="Calo di desa", region=village,
                               received_at=moment).report
        if index < 2:
            report = report_triage(actor=officer, report=report, category="broker",
                                   urgency="normal", responsible_agency=world.agency)
            for action in ("verify", "start_follow_up", "resolve"):
                extra: dict[str, Any] = {"note": "Selesai"} if action == "resolve" else {}
                if action == "start_follow_up":
                    report = report_transition(actor=officer, report=report, action="assign",
                                               assignee=officer)
                report = report_transition(actor=officer, report=report, action=action,
                                           **extra)


def test_report_figures_equal_the_task_force_statistics(world: World) -> None:
    _reports(world)
    stats = taskforce_statistics(user=world.users["analyst"], area="53", year=LAST_YEAR)
    assert _value("reports.received", "53", *YEAR) == stats.reports_total == 3
    assert _value("reports.resolved", "53", *YEAR) == stats.table("resolution").total == 2
    assert _value("reports.open", "53", *YEAR) == stats.reports_open == 1
    mean = _value("reports.resolution_days_mean", "53", *YEAR)
    assert mean == Decimal(str(stats.resolution_average_days))
    assert _value("reports.resolved_share", "53", *YEAR) == Decimal("66.7")
    # The same numbers from the tallies and from the records (other periods).
    assert _value("reports.received", "53", date(LAST_YEAR, 5, 1),
                  date(LAST_YEAR, 5, 31)) == 3
    assert _value("reports.resolved", "53.71.01", date(LAST_YEAR, 5, 2),
                  date(LAST_YEAR, 5, 2)) == 2
    two_years = compute("reports.resolution_days_mean", "53", date(LAST_YEAR - 1, 1, 1),
                        date(LAST_YEAR, 12, 31))
    assert two_years.value == mean and "ReportTally" in two_years.query_description
    assert _value("reports.received", "32", *YEAR) == 0


def test_dissemination_and_coordination_metrics_count_their_records(world: World) -> None:
    from lindung.prevention.services import dissemination_event_record

    dissemination_event_record(actor=None, date=date(LAST_YEAR, 8, 17),
                               region=Region.objects.get(code="53.01.05.1001"),
                               place="Balai desa", agency=world.agency, audience_size=45,
                               topics=["safe_migration"])
    assert _value("dissemination.events", "53", *YEAR) == 1
    assert _value("dissemination.audience", "53.01", *YEAR) == 45
    assert _value("dissemination.audience", "32", *YEAR) == 0
    assert _value("coordination.meetings_held", "53", *YEAR) == 0
    assert _value("coordination.follow_ups_done_share", "53", *YEAR) is None


def test_ltsa_figures_use_the_service_figures_definitions(world: World, ltsa: Any) -> None:
    from lindung.ltsa.selectors import service_figures

    application, _code = ltsa.register()
    ltsa.verify_all(application)
    since = timezone.make_aware(datetime.combine(date(THIS_YEAR, 1, 1), time.min))
    figures = service_figures(world.users["admin"], since=since)
    centre = next(f for f in figures if f.centre_id == ltsa.centre.pk)
    period = (date(THIS_YEAR, 1, 1), date(THIS_YEAR, 12, 31))
    assert _value("ltsa.applications_registered", "53.01", *period) == centre.registered == 1
    assert _value("ltsa.applications_ready", "53.01", *period) == centre.ready
    means = [d.mean_wait_hours for d in centre.desk_rows if d.mean_wait_hours is not None]
    overall = _value("ltsa.desk_wait_hours_mean", "53.01", *period)
    assert means and overall is not None
    assert Decimal(str(min(means))) - Decimal("0.1") <= overall <= \
        Decimal(str(max(means))) + Decimal("0.1")
    assert _value("ltsa.applications_registered", "32", *period) == 0
    assert _value("ltsa.days_to_ready_mean", "32", *period) is None


def test_desmigratif_figures_equal_the_villages_indicators(village_data: Any) -> None:
    from lindung.villages.selectors.indicators import indicators_for
    from lindung.villages.selectors.programme import villages_by_cohort

    result = indicators_for("53", timezone.localdate())
    period = (date(THIS_YEAR, 1, 1), date(THIS_YEAR, 12, 31))
    assert _value("villages.households", "53", *period) == result.households
    assert _value("villages.businesses_active", "53", *period) == result.businesses_active
    assert _value("villages.coop_members", "53", *period) == result.coop_members
    share = _value("villages.remittance_productive_share", "53", *period)
    assert share == (Decimal(str(result.productive_share))
                     if result.productive_share is not None else None)
    from lindung.villages.models import ProgrammeVillage

    cohorts = villages_by_cohort(ProgrammeVillage.objects.all())
    assert _value("villages.programme_villages", "", *period) == sum(c["total"] for c in cohorts)
    assert _value("villages.programme_villages", "", date(2017, 1, 1), date(2017, 12, 31)) == 1


def test_a_missing_source_app_answers_source_not_available(world: World,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    real = django_apps.is_installed
    monkeypatch.setattr(django_apps, "is_installed",
                        lambda name: name != "lindung.ltsa" and real(name))
    value = compute("ltsa.applications_registered", "53", *YEAR)
    assert not value.available and value.value is None
    assert "Sumber belum tersedia: lindung.ltsa" in value.source_description
    assert compute("prevention.people_prevented", "53", *YEAR).available


def test_a_metric_whose_source_changed_is_unavailable_not_an_error(world: World) -> None:
    @register_metric(name="test.broken", label="Broken", unit="count", section="prevention",
                     source_app="lindung.prevention", source_label="test")
    def broken(region_code: str, start: date, end: date) -> MetricValue:
        from lindung.prevention import no_such_selector  # type: ignore[attr-defined]

        return no_such_selector(region_code)  # type: ignore[no-any-return]

    try:
        value = compute("test.broken", "", *YEAR)
        assert not value.available and "ImportError" in value.query_description
    finally:
        metric_registry._REGISTRY.pop("test.broken")


def test_every_metric_has_a_unit_a_section_and_answers(world: World) -> None:
    names = [m.name for m in all_metrics()]
    assert len(names) == len(set(names)) >= 20
    for metric in all_metrics():
        value = compute(metric.name, "53", *YEAR)
        assert value.unit == metric.unit, metric.name
        assert value.available, metric.name
        assert value.query_description, metric.name
    with pytest.raises(LookupError):
        get_metric("no.such")


def test_small_counts_do_not_leave_the_roles_owning_the_records(world: World) -> None:
    """Issue 18 item 11: the national analyst, who may read plans and metrics but not the
    reports themselves, gets "<11" for three reports in one district in one month; the
    coordinator, who works those reports, gets the number; zero and counts that are not
    about people are never hidden."""
    _reports(world)
    month = (date(LAST_YEAR, 5, 1), date(LAST_YEAR, 5, 31))
    analyst, coordinator = world.users["analyst"], world.users["coord_ntt"]
    district = "53.71.01"
    assert compute("reports.received", district, *month).value == 3
    hidden = metric_registry.compute_for(analyst, "reports.received", district, *month)
    assert hidden.suppressed and hidden.value is None and hidden.available
    shown = metric_registry.compute_for(coordinator, "reports.received", district, *month)
    assert not shown.suppressed and shown.value == 3
    # A share over three reports tells as much as the count: hidden too.
    share = metric_registry.compute_for(analyst, "reports.resolved_share", district, *month)
    assert share.suppressed and share.value is None
    # Zero reveals nobody; meetings are not people.
    empty = metric_registry.compute_for(analyst, "reports.received", "32", *month)
    assert not empty.suppressed and empty.value == 0
    meetings = metric_registry.compute_for(analyst, "coordination.meetings_held", district,
                                           *month)
    assert not meetings.suppressed
    # The same through the API and the metrics page.
    query = {"start": month[0].isoformat(), "end": month[1].isoformat(),
             "region_code": district}
    body = world.client_for("analyst").get(
        "/api/v1/coordination/metrics/reports.received", query).json()
    assert body["suppressed"] is True and body["value"] is None
    body = world.client_for("coord_ntt").get(
        "/api/v1/coordination/metrics/reports.received", query).json()
    assert body["suppressed"] is False and body["value"] == "3"  # decimals as strings


def test_a_posted_officer_owns_the_counts_of_the_posts_area(world: World) -> None:
    """Ownership follows the area of work (core.access), not the scope region alone: the
    Kupang point's officer (scope Kota Kupang) works the province's reports, so Kab.
    Kupang's figures are theirs; Jawa Barat's are not."""
    officer = world.users["taskforce_kupang"]
    world.embarkation.area_codes = []  # the point's default area: the whole province
    world.embarkation.save()
    officer = type(officer).objects.get(pk=officer.pk)  # the area is cached per object
    metric = get_metric("reports.received")
    assert metric_registry.reader_owns(officer, metric, "53.01")
    assert not metric_registry.reader_owns(officer, metric, "32.04")
    assert not metric_registry.reader_owns(world.users["analyst"], metric, "53.01")
