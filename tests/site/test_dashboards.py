"""Each role's landing page (issue 16): every figure checked against the records it counts,
with records that must not be counted beside them (another post, another month, closed)."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from lindung.common.formatting import zone_for_region
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.screening import services as screening
from lindung.screening.manifest import validate_records
from lindung.site import dashboards
from tests.conftest import NTT_VILLAGE
from tests.conftest import World
from tests.fixtures.coordination import prevent
from tests.fixtures.reports import KUPANG_VILLAGE
from tests.fixtures.reports import submit
from tests.fixtures.villages import VillageData


def _figure(html: str, name: str) -> str:
    found = re.search(rf'data-figure="{name}"><strong>([^<]*)</strong>', html)
    assert found, f"no figure {name}"
    return found.group(1)


def _manifest(world: World, site: Any, day: Any, *names: str) -> Any:
    validation = validate_records([{"name": n, "birth_date": "1990-04-12"} for n in names],
                                  today=timezone.localdate())
    return screening.manifest_submit(actor=world.users["admin"], site=site,
                                     departure_date=day, passengers=validation.passengers,
                                     reference="KM Lambelu")


def test_it_shows_the_task_force_officer_their_posts_day(world: World) -> None:
    from lindung.regions.models import Region
    from lindung.reports.models import PublicReport

    now = timezone.now()
    today = dashboards.post_today(world.users["taskforce_kupang"], now)  # WITA

    kupang = Region.objects.get(code=KUPANG_VILLAGE)
    late = [submit(region=kupang).report for _ in range(2)]
    soon = submit(region=kupang).report
    later = submit(region=kupang).report
    PublicReport.objects.filter(pk__in=[r.pk for r in late]).update(
        due_at=now - timedelta(hours=2))
    PublicReport.objects.filter(pk=soon.pk).update(due_at=now + timedelta(hours=3))
    PublicReport.objects.filter(pk=later.pk).update(due_at=now + timedelta(days=3))
    # Outside the post's area (Kab. Kupang; the post covers Kota Kupang): not counted.
    elsewhere = submit(region=Region.objects.get(code=NTT_VILLAGE)).report
    PublicReport.objects.filter(pk=elsewhere.pk).update(due_at=now - timedelta(hours=2))

    other = Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Atapupu",
                                region_id="53.71", region_code="53.71", area_codes=["53.71"])
    _manifest(world, world.embarkation, today, "Yohana Benu", "Maria Ndun")
    _manifest(world, world.embarkation, today - timedelta(days=1), "Petrus Lake")
    _manifest(world, other, today, "Agus Tefa")

    with timezone.override(zone_for_region("53.71")):  # recorded as at the post
        prevent(world, today, people=3)
        prevent(world, today.replace(day=1), people=2)
        prevent(world, today.replace(day=1) - timedelta(days=1), people=5)  # last month
        prevent(world, today, people=4, site=other)  # another post

    day = dashboards.post_day(world.users["taskforce_kupang"])
    assert (day.reports_overdue, day.reports_due_soon) == (2, 1)
    assert [m.rows for m in day.manifests] == [2]
    assert (day.prevented_records, day.prevented_people) == (2, 5)

    html = world.client_for("taskforce_kupang").get("/staff/").content.decode()
    assert _figure(html, "reports-overdue") == "2"
    assert _figure(html, "reports-due-soon") == "1"
    assert _figure(html, "manifests-today") == "1"
    assert _figure(html, "prevented-month") == "5"
    assert "KM Lambelu" in html


def test_it_shows_an_empty_day_as_zeros(world: World) -> None:
    day = dashboards.post_day(world.users["taskforce_kupang"])
    assert (day.reports_overdue, day.reports_due_soon, day.manifests,
            day.prevented_records, day.prevented_people) == (0, 0, [], 0, 0)
    html = world.client_for("taskforce_kupang").get("/staff/").content.decode()
    assert _figure(html, "prevented-month") == "0"


def test_it_shows_the_village_officer_households_loans_due_and_indicators(
        village_data: VillageData) -> None:
    from lindung.villages.models import CensusHousehold
    from lindung.villages.selectors.cooperative import loan_state

    world = village_data.villages.world
    officer = world.users["village_officer"]
    today = dashboards.post_today(officer)
    [day] = dashboards.village_days(officer, [village_data.villages.ntt])
    assert day.households == CensusHousehold.objects.filter(
        programme_village=village_data.villages.ntt).count() > 0
    # The loan was disbursed four months ago with nothing repaid: its first unpaid
    # instalment is late, and it is listed once.
    state = loan_state(village_data.loan, today)
    first = next(s for s in state.installments if not s.settled)
    assert [(d.loan.pk, d.due_on, d.remaining, d.late) for d in day.loans_due] == [
        (village_data.loan.pk, first.installment.due_on, first.remaining, True)]
    assert day.indicators.abroad_now == 1
    html = world.client_for("village_officer").get("/staff/").content.decode()
    assert _figure(html, "households") == str(day.households)
    assert _figure(html, "abroad") == "1"
    assert f'data-loan="{village_data.loan.number}"' in html


def test_it_shows_the_coordinator_the_plans_targets_against_actuals(world: World) -> None:
    from lindung.coordination.choices import IndicatorMethod
    from lindung.coordination.choices import Unit
    from lindung.coordination.services.plan import indicator_create
    from lindung.coordination.services.plan import indicator_progress_record
    from lindung.coordination.services.plan import plan_create
    from lindung.regions.models import Region

    year = timezone.localdate().year
    coordinator = world.users["coord_ntt"]

    plan = plan_create(actor=coordinator, region=Region.objects.get(code="53"),
                       name="RAD TPPO NTT", start_year=year - 1, end_year=year + 3)
    indicator = indicator_create(actor=coordinator, plan=plan, code="I.1",
                                 name="Desa dengan sosialisasi", unit=Unit.COUNT,
                                 method=IndicatorMethod.MANUAL,
                                 targets={year - 1: Decimal(10), year: Decimal(20)})
    indicator_progress_record(actor=coordinator, indicator=indicator, year=year, quarter=2,
                              value=Decimal(12), narrative="Dua belas desa")
    [day] = dashboards.province_plans(coordinator)
    [row] = day.indicators
    assert (row.year.year, row.year.target, row.year.actual) == (year, Decimal(20), Decimal(12))
    html = world.client_for("coord_ntt").get("/staff/").content.decode()
    assert 'data-indicator="I.1"' in html and "RAD TPPO NTT" in html
    # Another province's coordinator does not see it.
    assert dashboards.province_plans(world.users["coord_jabar"]) == []
