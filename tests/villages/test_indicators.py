"""Indicators per village, regency, province and nationally; the portfolio at risk; the
cohort targets read from sourced figures; charts as inline SVG; the PDFs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from lindung.prevention.services import prevented_departure_record
from lindung.stats.models import SourcedFigure
from lindung.villages import pdf
from lindung.villages.choices import LoanPurpose
from lindung.villages.models import ProgrammeVillage
from lindung.villages.selectors.cooperative import portfolio
from lindung.villages.selectors.indicators import breakdown
from lindung.villages.selectors.indicators import indicators_for
from lindung.villages.selectors.programme import cohort_targets
from lindung.villages.services import cooperative as coop
from tests.fixtures.pdf import pdf_text
from tests.fixtures.villages import VillageData
from tests.fixtures.villages import Villages
from tests.fixtures.villages import months_ago

TODAY = timezone.localdate


def test_it_measures_a_village(village_data: VillageData) -> None:
    ind = indicators_for("53.01.05.1001", TODAY())
    assert (ind.villages, ind.households, ind.members) == (1, 1, 3)
    assert ind.abroad_now == 1 and ind.non_procedural_total == 1
    departed = months_ago(30).year
    assert ind.departures_by_year[departed]["non_procedural"] == 1
    assert ind.remittances_received == 4_000_000
    assert ind.productive_share == 100.0  # 1,000,000 allocated, all productive
    assert ind.businesses_active == 1 and ind.turnover_12m == 2_500_000
    assert ind.children == 1 and ind.children_enrolled == 1
    assert ind.card_waiting("kis") == 1 and ind.kis_received == 0
    assert ind.portfolio.outstanding == 3_000_000 and ind.portfolio.late_loans == 1
    assert ind.portfolio.par_percent == 100.0  # 4 months, nothing paid
    assert ind.prevented_by_year is None or isinstance(ind.prevented_by_year, dict)


def test_it_adds_up_regions(village_data: VillageData) -> None:
    national = indicators_for("", TODAY())
    assert national.villages == 2 and national.households == 2
    assert indicators_for("32", TODAY()).households == 1
    assert indicators_for("53", TODAY()).households == 1
    provinces = {row.code: row for row in breakdown("", TODAY())}
    assert set(provinces) == {"32", "53"}
    assert provinces["53"].non_procedural == 1 and provinces["53"].par30 == 100.0
    regencies = {row.code for row in breakdown("53", TODAY())}
    assert regencies == {"53.01"}
    assert [row.code for row in breakdown("53.01", TODAY())] == ["53.01.05.1001"]
    assert breakdown("53.01.05.1001", TODAY()) == []


def test_portfolio_at_risk_counts_only_loans_over_thirty_days_late(
        village_data: VillageData) -> None:
    loan = village_data.loan
    for installment in loan.installments.order_by("number"):
        if installment.due_on <= TODAY():
            coop.loan_repay(actor=None, loan=loan, amount=installment.amount_due,
                            on=installment.due_on)
    on_time = portfolio(village_data.cooperative.loans.all(), TODAY())
    assert on_time.at_risk == 0 and on_time.outstanding > 0
    late = coop.loan_apply(actor=None, member=village_data.member,
                           purpose=LoanPurpose.PMI_FINANCING, principal=1_000_000,
                           term_months=2, applied_on=months_ago(3), monthly_rate=Decimal("2"),
                           destination_country="HK")
    coop.loan_decide(actor=None, loan=late, approve=True, on=months_ago(3))
    coop.loan_disburse(actor=None, loan=late, on=months_ago(3))
    result = portfolio(village_data.cooperative.loans.all(), TODAY())
    assert result.late_loans == 1 and result.at_risk == 1_000_000
    assert result.par_percent == round(1_000_000 * 100 / result.outstanding, 1)


def _figure(key: str, value: int, year: int, region: str | None = None,
            unit: str = "desa") -> None:
    SourcedFigure.objects.create(key=key, label=key, value=value, unit=unit,
                                 period_start=date(year, 1, 1), period_end=date(year, 12, 31),
                                 region_id=region, source="seed", quote="...")


def test_it_puts_the_seeds_targets_beside_recorded_villages(villages: Villages) -> None:
    _figure("desmigratif-target-2017-villages", 100, 2017)
    _figure("desmigratif-target-2017-regencies", 50, 2017, unit="kab/kota")
    _figure("desmigratif-ntt-2017-villages", 20, 2017, "53")
    _figure("desmigratif-2017-ntt-53-01", 2, 2017, "53.01")
    _figure("desmigratif-2018-chart-32", 10, 2018, "32", unit="jumlah")
    _figure("unrelated-figure", 1, 2018)
    rows = {row.figure.key: row for row in cohort_targets(ProgrammeVillage.objects.all())}
    assert "unrelated-figure" not in rows
    assert rows["desmigratif-target-2017-villages"].recorded == 0  # Oenesu is in the NTT one
    assert rows["desmigratif-ntt-2017-villages"].recorded == 1
    assert rows["desmigratif-ntt-2017-villages"].percent == 5
    assert rows["desmigratif-2017-ntt-53-01"].recorded == 1
    chart = rows["desmigratif-2018-chart-32"]
    assert (chart.counts, chart.recorded_villages, chart.recorded_regencies) == ("both", 1, 1)
    assert chart.percent is None  # the chart's unit is not stated: no percentage invented


def test_the_village_report_and_statement_are_pdfs(village_data: VillageData) -> None:
    ind = indicators_for(village_data.villages.ntt.region_code, TODAY())
    report = pdf.village_report(programme_village=village_data.villages.ntt, indicators=ind,
                                businesses=[("Tenun Ikat Oenesu", "kain", "tenun", 1)],
                                activities=[("taman bacaan", 1, 1)])
    assert report.startswith(b"%PDF") and len(report) > 1500
    statement = pdf.member_statement(member=village_data.member, start=months_ago(12),
                                     end=TODAY())
    assert statement.startswith(b"%PDF")
    assert "Tenun Ikat Oenesu" in pdf_text(report)
    assert village_data.member.person.name in pdf_text(statement)


@pytest.mark.parametrize("code", ["", "53", "53.01", "53.01.05.1001"])
def test_indicators_work_at_every_level_without_data(villages: Villages, code: str) -> None:
    ind = indicators_for(code, TODAY())
    assert ind.productive_share is None and ind.portfolio.par_percent is None


def test_it_counts_the_task_forces_prevented_departures_by_home_region(
        village_data: VillageData) -> None:
    world = village_data.villages.world
    prevented_departure_record(
        actor=None, site=world.embarkation, date=TODAY(), people=[village_data.mother],
        destination_country="MY", reason="no_documents", acting_agency=world.agency,
        outcome="returned_home")
    village = indicators_for("53.01.05.1001", TODAY())
    assert village.prevented_by_year == {TODAY().year: 1}
    assert indicators_for("32", TODAY()).prevented_by_year == {}
