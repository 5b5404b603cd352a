"""The action plan: plan periods (no overlap), goals, actions, indicators (units checked
against targets and metrics), progress reports with evidence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError

from lindung.common import sealed
from lindung.common.uploads import UploadError
from lindung.common.uploads import check_files
from lindung.coordination import services
from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import PlanKind
from lindung.coordination.choices import Unit
from lindung.coordination.forms.common import EVIDENCE_RULES
from lindung.coordination.models import Evidence
from lindung.coordination.models import IndicatorProgress
from lindung.core.models import AuditEvent
from lindung.regions.models import Region
from tests.fixtures.coordination import PDF_BYTES
from tests.fixtures.coordination import PNG_BYTES
from tests.fixtures.coordination import THIS_YEAR
from tests.fixtures.coordination import Coord
from tests.fixtures.coordination import upload
from tests.fixtures.coordination import xlsx_bytes


def _message(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def test_it_creates_a_five_year_plan_with_an_audit_row(coord: Coord) -> None:
    plan = coord.plan
    assert plan.years == list(range(THIS_YEAR - 1, THIS_YEAR + 4))
    assert plan.region_code == "53"
    assert AuditEvent.objects.filter(entity="coordination.planperiod", object_id=str(plan.pk),
                                     action="create").exists()


def test_it_refuses_an_overlapping_plan_period_with_a_clear_error(coord: Coord) -> None:
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=coord.world.users["coord_ntt"], name="RAD kedua",
                             start_year=THIS_YEAR + 3, end_year=THIS_YEAR + 7,
                             region=Region.objects.get(code="53"))
    message = _message(exc, "start_year")
    assert "bertumpang tindih" in message and "overlaps" not in message
    assert "RAD PP TPPO Provinsi NTT" in message
    assert f"{THIS_YEAR - 1}–{THIS_YEAR + 3}" in message


def test_it_allows_adjacent_periods_and_other_regions(coord: Coord) -> None:
    adjacent = services.plan_create(actor=coord.world.users["coord_ntt"], name="RAD berikutnya",
                                    start_year=THIS_YEAR + 4, end_year=THIS_YEAR + 8,
                                    region=Region.objects.get(code="53"))
    national = services.plan_create(actor=coord.world.users["admin"], name="RAN PP TPPO",
                                    start_year=THIS_YEAR - 1, end_year=THIS_YEAR + 3)
    regency = services.plan_create(actor=coord.world.users["coord_ntt"], name="RAD Kab. Kupang",
                                   start_year=THIS_YEAR, end_year=THIS_YEAR,
                                   kind=PlanKind.YEARLY, region=Region.objects.get(code="53.01"))
    stored = {p.name: (p.start_year, p.end_year, p.region_id)
              for p in type(adjacent).objects.filter(pk__in=[adjacent.pk, national.pk,
                                                              regency.pk])}
    assert stored == {"RAD berikutnya": (THIS_YEAR + 4, THIS_YEAR + 8, "53"),
                      "RAN PP TPPO": (THIS_YEAR - 1, THIS_YEAR + 3, None),
                      "RAD Kab. Kupang": (THIS_YEAR, THIS_YEAR, "53.01")}


def test_it_refuses_an_overlap_when_a_plan_is_moved(coord: Coord) -> None:
    other = services.plan_create(actor=coord.world.users["coord_ntt"], name="RAD berikutnya",
                                 start_year=THIS_YEAR + 4, end_year=THIS_YEAR + 8,
                                 region=Region.objects.get(code="53"))
    with pytest.raises(ValidationError) as exc:
        services.plan_update(actor=coord.world.users["coord_ntt"], plan=other,
                             start_year=THIS_YEAR + 3, end_year=THIS_YEAR + 7)
    assert "bertumpang tindih" in _message(exc, "start_year")


def test_it_requires_five_years_for_a_five_year_plan(coord: Coord) -> None:
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=coord.world.users["admin"], name="RAN", start_year=2030,
                             end_year=2032)
    assert "5 tahun, bukan 3" in _message(exc, "end_year")


def test_it_refuses_a_plan_outside_the_coordinators_scope(coord: Coord) -> None:
    with pytest.raises(ValidationError) as exc:
        services.plan_create(actor=coord.world.users["coord_jabar"], name="RAD NTT",
                             start_year=2040, end_year=2044,
                             region=Region.objects.get(code="53"))
    assert "di luar lingkup kerja Anda" in _message(exc, "region")
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=coord.world.users["analyst"], name="RAN", start_year=2040,
                             end_year=2044)


def test_it_creates_an_action_with_supporting_stakeholders(coord: Coord) -> None:
    action = services.action_create(
        actor=coord.world.users["coord_ntt"], plan=coord.plan, goal=coord.goal, code="1.1",
        title="Sosialisasi migrasi aman di desa kantong PMI", responsible=coord.disnaker,
        supporting=[coord.police, coord.shelter], deadline=date(THIS_YEAR + 1, 6, 30))
    assert set(action.supporting.all()) == {coord.police, coord.shelter}
    assert action.region_code == "53"


def test_it_refuses_bad_actions(coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    with pytest.raises(ValidationError) as exc:
        services.action_create(actor=user, plan=coord.plan, goal=coord.goal, code="1.1",
                               title="X", responsible=coord.disnaker,
                               deadline=date(THIS_YEAR + 9, 1, 1))
    assert "di luar periode rencana" in _message(exc, "deadline")
    with pytest.raises(ValidationError) as exc:
        services.action_create(actor=user, plan=coord.plan, goal=coord.goal, code="1.1",
                               title="X", responsible=coord.disnaker,
                               supporting=[coord.disnaker], deadline=date(THIS_YEAR, 12, 1))
    assert "sudah penanggung jawab" in _message(exc, "supporting")


@pytest.mark.parametrize(("unit", "value", "expected"), [
    (Unit.PERCENT, "250", "250 tidak sah untuk satuan persen: harus antara 0 dan 100"),
    (Unit.PEOPLE, "2.5", "2.5 harus bilangan bulat untuk satuan 'orang'"),
    (Unit.COUNT, "10.75", "10.75 harus bilangan bulat untuk satuan 'jumlah'"),
    (Unit.VILLAGES, "-3", "-3 tidak boleh negatif"),
    (Unit.DAYS, "1.255", "paling banyak dua angka desimal"),
])
def test_it_refuses_a_target_in_the_wrong_unit(coord: Coord, unit: str, value: str,
                                              expected: str) -> None:
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(actor=coord.world.users["coord_ntt"], plan=coord.plan,
                                  code="I1", name="Indikator", unit=unit,
                                  method=IndicatorMethod.MANUAL,
                                  targets={THIS_YEAR: Decimal(value)})
    message = _message(exc, "targets")
    assert expected in message
    assert f"Target {THIS_YEAR}" in message


def test_it_refuses_a_computed_indicator_whose_unit_is_not_the_metrics(coord: Coord) -> None:
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(actor=coord.world.users["coord_ntt"], plan=coord.plan,
                                  code="I1", name="Orang dicegah", unit=Unit.PERCENT,
                                  method=IndicatorMethod.COMPUTED,
                                  metric="prevention.people_prevented")
    message = _message(exc, "unit")
    assert "tidak sama dengan satuan metrik prevention.people_prevented ('orang')" in message
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(actor=coord.world.users["coord_ntt"], plan=coord.plan,
                                  code="I1", name="X", unit=Unit.COUNT,
                                  method=IndicatorMethod.COMPUTED, metric="no.such_metric")
    assert "tidak dikenal" in _message(exc, "metric")


def test_it_refuses_a_target_outside_the_plan_and_a_bad_baseline(coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(actor=user, plan=coord.plan, code="I1", name="X",
                                  unit=Unit.COUNT, method=IndicatorMethod.MANUAL,
                                  targets={THIS_YEAR + 10: 5})
    assert "di luar periode rencana" in _message(exc, "targets")
    with pytest.raises(ValidationError) as exc:
        services.indicator_create(actor=user, plan=coord.plan, code="I1", name="X",
                                  unit=Unit.PERCENT, method=IndicatorMethod.MANUAL,
                                  baseline_value=Decimal("120"), baseline_year=THIS_YEAR - 2)
    assert "Nilai dasar 120 tidak sah untuk satuan persen" in _message(exc, "baseline_value")


def test_it_sets_targets_per_year_and_refuses_a_wrong_one(coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    indicator = services.indicator_create(
        actor=user, plan=coord.plan, code="I1", name="Orang dicegah", unit=Unit.PEOPLE,
        method=IndicatorMethod.COMPUTED, metric="prevention.people_prevented",
        baseline_value=0, baseline_year=THIS_YEAR - 2, targets={THIS_YEAR: 10})
    services.indicator_target_set(actor=user, indicator=indicator, year=THIS_YEAR, value=12)
    services.indicator_target_set(actor=user, indicator=indicator, year=THIS_YEAR + 1,
                                  value=15)
    assert dict(indicator.targets.values_list("year", "value")) == {
        THIS_YEAR: Decimal(12), THIS_YEAR + 1: Decimal(15)}
    with pytest.raises(ValidationError):
        services.indicator_target_set(actor=user, indicator=indicator, year=THIS_YEAR,
                                      value=Decimal("12.5"))


def _manual(coord: Coord) -> object:
    return services.indicator_create(
        actor=coord.world.users["coord_ntt"], plan=coord.plan, code="I2",
        name="Desa dengan satgas desa", unit=Unit.PERCENT, method=IndicatorMethod.MANUAL,
        targets={THIS_YEAR: 40})


def test_it_records_manual_progress_with_evidence(coord: Coord) -> None:
    indicator = _manual(coord)
    files = check_files([upload(PDF_BYTES, "laporan triwulan.pdf"),
                         upload(PNG_BYTES, "foto.png"), upload(xlsx_bytes(), "data.xlsx")],
                        rules=EVIDENCE_RULES)
    progress = services.indicator_progress_record(
        actor=coord.world.users["coord_ntt"], indicator=indicator,  # type: ignore[arg-type]
        year=THIS_YEAR, quarter=2, value=Decimal("35.5"),
        narrative="35,5% desa sudah membentuk satgas desa", files=files)
    evidence = list(Evidence.objects.filter(progress=progress).order_by("created_at"))
    assert [(e.content_type, e.extension) for e in evidence] == [
        ("application/pdf", ".pdf"), ("image/png", ".png"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    assert evidence[0].name == "laporan triwulan.pdf"
    assert sealed.load(evidence[0].file) == PDF_BYTES  # kept encrypted at rest
    # A second report for the same period replaces the value.
    services.indicator_progress_record(actor=coord.world.users["coord_ntt"],
                                       indicator=indicator,  # type: ignore[arg-type]
                                       year=THIS_YEAR, quarter=2, value=40, narrative="40%")
    assert IndicatorProgress.objects.get(pk=progress.pk).value == Decimal(40)


def test_it_checks_evidence_type_and_size() -> None:
    with pytest.raises(UploadError, match=r"laporan.pdf\) bukan jenis yang diterima"):
        check_files([upload(b"MZ\x90\x00 this is an exe", "laporan.pdf")], rules=EVIDENCE_RULES)
    big = upload(b"%PDF-" + b"0" * (5 * 1024 * 1024), "besar.pdf")
    with pytest.raises(UploadError, match="lebih dari 5 MB"):
        check_files([big], rules=EVIDENCE_RULES)
    with pytest.raises(UploadError, match="Paling banyak 5"):
        check_files([upload(PDF_BYTES, f"{n}.pdf") for n in range(6)], rules=EVIDENCE_RULES)
    with pytest.raises(UploadError, match="kosong"):
        check_files([upload(b"", "kosong.pdf")], rules=EVIDENCE_RULES)


def test_it_refuses_progress_on_a_computed_indicator_and_in_a_wrong_unit(coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    computed = services.indicator_create(
        actor=user, plan=coord.plan, code="I1", name="Orang dicegah", unit=Unit.PEOPLE,
        method=IndicatorMethod.COMPUTED, metric="prevention.people_prevented")
    with pytest.raises(ValidationError) as exc:
        services.indicator_progress_record(actor=user, indicator=computed, year=THIS_YEAR,
                                           value=5, narrative="x")
    assert "dihitung sistem dari catatan" in _message(exc, "value")
    manual = _manual(coord)
    with pytest.raises(ValidationError) as exc:
        services.indicator_progress_record(actor=user, indicator=manual,  # type: ignore[arg-type]
                                           year=THIS_YEAR, value=150, narrative="x")
    assert "satuan persen" in _message(exc, "value")
    with pytest.raises(ValidationError):
        services.indicator_progress_record(actor=user, indicator=manual,  # type: ignore[arg-type]
                                           year=THIS_YEAR + 2, value=10, narrative="x")


def test_it_records_action_progress_by_the_responsible_stakeholder(coord: Coord) -> None:
    action = services.action_create(
        actor=coord.world.users["coord_ntt"], plan=coord.plan, goal=coord.goal, code="1.2",
        title="Operasi gabungan di pelabuhan", responsible=coord.police,
        deadline=date(THIS_YEAR + 1, 12, 31))
    officer = coord.police_officer  # Polda NTT staff whose own scope is Jawa Barat
    update = services.action_progress_record(
        actor=officer, action=action, status=ActionStatus.DONE, progress=40,
        note="Operasi selesai",
        files=check_files([upload(PDF_BYTES, "ba.pdf")], rules=EVIDENCE_RULES))
    action.refresh_from_db()
    assert (action.status, action.progress, action.completed_on is not None) == (
        ActionStatus.DONE, 100, True)
    assert update.evidence.count() == 1
    with pytest.raises(PermissionDenied):
        services.action_progress_record(actor=coord.world.users["coord_jabar"], action=action,
                                        status=ActionStatus.IN_PROGRESS, progress=10, note="x")
    with pytest.raises(ValidationError) as exc:
        services.action_progress_record(actor=officer, action=action,
                                        status=ActionStatus.IN_PROGRESS, progress=50, note="")
    assert "catatan kemajuan" in _message(exc, "note")
