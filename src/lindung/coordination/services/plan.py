"""Writes to the action plan: plans (no two of one region overlapping), goals, actions,
action progress with evidence, indicators with unit-checked baselines and targets, and
progress reports on manual indicators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.uploads import CheckedFile
from lindung.coordination.access import REPORT_PROGRESS
from lindung.coordination.choices import (
    ActionStatus,
    Direction,
    IndicatorMethod,
    PlanKind,
    PlanStatus,
    Unit,
)
from lindung.coordination.metrics import get_metric
from lindung.coordination.models import (
    Action,
    ActionUpdate,
    Goal,
    Indicator,
    IndicatorProgress,
    IndicatorTarget,
    PlanPeriod,
)
from lindung.coordination.models.plan import MAX_PLAN_YEARS
from lindung.coordination.services.common import (
    check,
    clean_text,
    evidence_attach,
    evidence_names,
    refuse,
    region_code_of,
    require_in_scope,
)
from lindung.coordination.services.flags import flags_refresh_subject
from lindung.coordination.units import check_value, unit_label_en, unit_label_id
from lindung.core import access, audit
from lindung.core.models import AuditAction
from lindung.core.roles import CHANGE, CREATE
from lindung.directory.models import Agency
from lindung.regions.models import Region

FIRST_YEAR, LAST_YEAR = 2000, 2100
PLAN_FIELDS = ("name", "kind", "region", "start_year", "end_year", "status", "legal_basis",
               "description")


def _check_years(plan: PlanPeriod) -> None:
    check(FIRST_YEAR <= plan.start_year <= LAST_YEAR, "start_year",
          f"Tahun mulai harus {FIRST_YEAR}–{LAST_YEAR} / The start year must be "
          f"{FIRST_YEAR}–{LAST_YEAR}")
    check(plan.end_year >= plan.start_year, "end_year",
          f"Tahun akhir {plan.end_year} sebelum tahun mulai {plan.start_year} / The end year "
          f"{plan.end_year} is before the start year {plan.start_year}")
    years = plan.end_year - plan.start_year + 1
    check(years <= MAX_PLAN_YEARS, "end_year",
          f"Rencana paling lama {MAX_PLAN_YEARS} tahun / A plan lasts at most "
          f"{MAX_PLAN_YEARS} years")
    if plan.kind == PlanKind.FIVE_YEAR:
        check(years == 5, "end_year",
              f"Rencana lima tahun harus mencakup 5 tahun, bukan {years} "
              f"({plan.start_year}–{plan.end_year}) / A five-year plan must cover 5 years, "
              f"not {years} ({plan.start_year}–{plan.end_year})")
    if plan.kind == PlanKind.YEARLY:
        check(years == 1, "end_year", "Rencana tahunan mencakup satu tahun / A yearly plan "
                                      "covers one year")


def _check_no_overlap(plan: PlanPeriod) -> None:
    """Two plans of the same region may not cover the same year. The region's plans are
    locked first, so two concurrent requests cannot both pass."""
    others = PlanPeriod.objects.filter(region_code=plan.region_code).exclude(pk=plan.pk)
    list(others.select_for_update().values_list("pk", flat=True))
    clash = others.filter(start_year__lte=plan.end_year, end_year__gte=plan.start_year).first()
    if clash is not None:
        where = plan.region_code or "nasional"
        raise refuse(
            "start_year",
            f"Periode {plan.start_year}–{plan.end_year} bertumpang tindih dengan rencana "
            f"'{clash.name}' ({clash.start_year}–{clash.end_year}) untuk wilayah yang sama "
            f"({where}); pilih tahun yang tidak tercakup rencana lain",
            f"The period {plan.start_year}–{plan.end_year} overlaps the plan '{clash.name}' "
            f"({clash.start_year}–{clash.end_year}) of the same region "
            f"({plan.region_code or 'national'}); choose years no other plan covers")


@transaction.atomic
def plan_create(*, actor: User, name: str, start_year: int, end_year: int,
                kind: str = PlanKind.FIVE_YEAR, region: Region | None = None,
                status: str = PlanStatus.ACTIVE, legal_basis: str = "",
                description: str = "") -> PlanPeriod:
    plan = PlanPeriod(name=clean_text(name, 200), kind=kind, region=region,
                      region_code=region_code_of(region), start_year=start_year,
                      end_year=end_year, status=status, legal_basis=clean_text(legal_basis, 300),
                      description=clean_text(description, 3000), created_by=actor,
                      updated_by=actor)
    require_in_scope(actor, CREATE, plan)
    check(bool(plan.name), "name", "Nama rencana wajib diisi / The plan's name is required")
    _check_years(plan)
    _check_no_overlap(plan)
    plan.full_clean()
    plan.save()
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=plan,
                        region_code=plan.region_code,
                        detail={"kind": kind, "start_year": start_year, "end_year": end_year})
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: PlanPeriod, **changes: object) -> PlanPeriod:
    access.require(actor, CHANGE, plan)
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Unknown plan fields {sorted(unknown)}")
    before = {key: getattr(plan, key) for key in changes}
    for key, value in changes.items():
        setattr(plan, key, clean_text(value, 3000) if isinstance(value, str)
                and key in ("name", "legal_basis", "description") else value)
    plan.region_code = region_code_of(plan.region)
    access.require(actor, CHANGE, plan)
    _check_years(plan)
    _check_no_overlap(plan)
    outside = IndicatorTarget.objects.filter(indicator__plan=plan).exclude(
        year__gte=plan.start_year, year__lte=plan.end_year)
    check(not outside.exists(), "end_year",
          "Ada target indikator di luar periode baru; hapus atau pindahkan dulu / Some "
          "indicator targets fall outside the new period; remove or move them first")
    plan.updated_by = actor
    plan.full_clean()
    plan.save()
    Goal.objects.filter(plan=plan).update(region_code=plan.region_code)
    Action.objects.filter(plan=plan).update(region_code=plan.region_code)
    Indicator.objects.filter(plan=plan).update(region_code=plan.region_code)
    IndicatorProgress.objects.filter(indicator__plan=plan).update(region_code=plan.region_code)
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=plan,
                        region_code=plan.region_code,
                        detail={"fields": audit.changed_fields(
                            before, {k: getattr(plan, k) for k in changes})})
    return plan


@transaction.atomic
def goal_create(*, actor: User, plan: PlanPeriod, code: str, title: str,
                description: str = "") -> Goal:
    goal = Goal(plan=plan, code=clean_text(code, 16), title=clean_text(title, 300),
                description=clean_text(description, 2000), region_code=plan.region_code,
                created_by=actor, updated_by=actor)
    access.require(actor, CHANGE, plan)
    check(bool(goal.code), "code", "Kode sasaran wajib diisi / The goal's code is required")
    check(not Goal.objects.filter(plan=plan, code=goal.code).exists(), "code",
          f"Kode sasaran {goal.code} sudah dipakai dalam rencana ini / The goal code "
          f"{goal.code} is already used in this plan")
    goal.full_clean()
    goal.save()
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=goal,
                        region_code=goal.region_code, detail={"plan": str(plan.pk)})
    return goal


@transaction.atomic
def action_create(*, actor: User, plan: PlanPeriod, goal: Goal, code: str, title: str,
                  responsible: Agency, deadline: date, supporting: Sequence[Agency] = (),
                  start_date: date | None = None, description: str = "") -> Action:
    access.require(actor, CHANGE, plan)
    check(goal.plan_id == plan.pk, "goal", "Sasaran ini bukan bagian dari rencana ini / This "
                                           "goal does not belong to this plan")
    check(plan.start_year <= deadline.year <= plan.end_year, "deadline",
          f"Tenggat {deadline:%d-%m-%Y} di luar periode rencana {plan.start_year}–"
          f"{plan.end_year} / The deadline {deadline:%Y-%m-%d} is outside the plan period "
          f"{plan.start_year}–{plan.end_year}")
    check(start_date is None or start_date <= deadline, "start_date",
          "Tanggal mulai sesudah tenggat / The start date is after the deadline")
    check(all(a.pk != responsible.pk for a in supporting), "supporting",
          f"{responsible} sudah penanggung jawab; jangan dicantumkan juga sebagai pendukung / "
          f"{responsible} is already responsible; do not list it as supporting too")
    action = Action(plan=plan, goal=goal, code=clean_text(code, 16),
                    title=clean_text(title, 300), description=clean_text(description, 3000),
                    responsible=responsible, start_date=start_date, deadline=deadline,
                    region_code=plan.region_code, created_by=actor, updated_by=actor)
    check(bool(action.code), "code", "Kode kegiatan wajib diisi / The action's code is required")
    check(not Action.objects.filter(plan=plan, code=action.code).exists(), "code",
          f"Kode kegiatan {action.code} sudah dipakai dalam rencana ini / The action code "
          f"{action.code} is already used in this plan")
    action.full_clean()
    action.save()
    action.supporting.set(list(supporting))
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=action,
                        region_code=action.region_code,
                        detail={"plan": str(plan.pk), "responsible": responsible.code,
                                "supporting": sorted(a.code for a in supporting)})
    return action


@transaction.atomic
def action_progress_record(*, actor: User, action: Action, status: str, progress: int,
                           note: str, files: Sequence[CheckedFile] = (),
                           today: date | None = None) -> ActionUpdate:
    """A progress report on an action (by its coordinator or its responsible or supporting
    stakeholder). Done means 100 %; a cancellation or a blockage needs a note."""
    access.require(actor, REPORT_PROGRESS, action)
    today = today or timezone.localdate()
    check(status in ActionStatus.values, "status", "Status tidak dikenal / Unknown status")
    check(0 <= progress <= 100, "progress", f"Kemajuan {progress}% harus 0–100 / Progress "
                                            f"{progress}% must be 0–100")
    if status == ActionStatus.DONE:
        progress = 100
    check(not (progress == 100 and status in (ActionStatus.PLANNED, ActionStatus.BLOCKED)),
          "status", "Kemajuan 100% berarti selesai: pilih status selesai / Progress 100% means "
                    "done: choose the status done")
    note = clean_text(note, 3000)
    check(bool(note), "note", "Tulis catatan kemajuan / Write a progress note")
    before = {"status": action.status, "progress": action.progress}
    action.status, action.progress = status, progress
    action.completed_on = today if status == ActionStatus.DONE else None
    action.updated_by = actor
    action.full_clean()
    action.save()
    update = ActionUpdate(action=action, status=status, progress=progress, note=note,
                          region_code=action.region_code, created_by=actor, updated_by=actor)
    update.full_clean()
    update.save()
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=action,
                        region_code=action.region_code,
                        detail={"fields": audit.changed_fields(
                            before, {"status": status, "progress": progress}),
                                "status": status, "evidence": evidence_names(list(files))})

    flags_refresh_subject(action=action, today=today)
    evidence_attach(actor=actor, files=list(files), region_code=action.region_code,
                    action_update=update)
    return update


def _check_unit_against_metric(*, method: str, metric: str, unit: str) -> None:
    if method == IndicatorMethod.MANUAL:
        check(not metric, "metric", "Indikator manual tidak memakai metrik sistem / A manual "
                                    "indicator uses no system metric")
        return
    check(bool(metric), "metric", "Pilih metrik sistem untuk indikator yang dihitung / Choose "
                                  "a system metric for a computed indicator")
    try:
        source = get_metric(metric)
    except LookupError as exc:
        raise refuse("metric", f"Metrik '{metric}' tidak dikenal",
                     f"Unknown metric '{metric}'") from exc
    check(source.unit == unit, "unit",
          f"Satuan '{unit_label_id(unit)}' tidak sama dengan satuan metrik {metric} "
          f"('{unit_label_id(source.unit)}') / The unit '{unit_label_en(unit)}' does not "
          f"match the unit of the metric {metric} ('{unit_label_en(source.unit)}')")


def _checked_target(indicator: Indicator, year: int, value: Decimal | int | str) -> Decimal:
    plan = indicator.plan
    check(plan.start_year <= year <= plan.end_year, "targets",
          f"Tahun target {year} di luar periode rencana {plan.start_year}–{plan.end_year} / "
          f"The target year {year} is outside the plan period {plan.start_year}–"
          f"{plan.end_year}")
    return check_value(indicator.unit, value, field="targets",
                       what_id=f"Target {year}", what_en=f"Target {year}")


@transaction.atomic
def indicator_create(*, actor: User, plan: PlanPeriod, code: str, name: str, unit: str,
                     method: str, metric: str = "", goal: Goal | None = None,
                     direction: str = Direction.INCREASE, definition: str = "",
                     baseline_value: Decimal | int | str | None = None,
                     baseline_year: int | None = None,
                     targets: Mapping[int, Decimal | int | str] | None = None) -> Indicator:
    access.require(actor, CHANGE, plan)
    check(unit in Unit.values, "unit", f"Satuan '{unit}' tidak dikenal / Unknown unit '{unit}'")
    check(method in IndicatorMethod.values, "method",
          "Cara pengukuran tidak dikenal / Unknown measurement method")
    check(direction in Direction.values, "direction", "Arah tidak dikenal / Unknown direction")
    check(goal is None or goal.plan_id == plan.pk, "goal",
          "Sasaran ini bukan bagian dari rencana ini / This goal does not belong to this plan")
    _check_unit_against_metric(method=method, metric=metric, unit=unit)
    baseline = None
    if baseline_value is not None and baseline_value != "":
        baseline = check_value(unit, baseline_value, field="baseline_value",
                               what_id="Nilai dasar", what_en="Baseline")
        check(baseline_year is not None, "baseline_year",
              "Sebutkan tahun nilai dasar / Give the baseline's year")
    check(baseline_year is None or baseline_year <= plan.end_year, "baseline_year",
          "Tahun nilai dasar sesudah akhir rencana / The baseline year is after the plan's end")
    indicator = Indicator(plan=plan, goal=goal, code=clean_text(code, 16),
                          name=clean_text(name, 300), definition=clean_text(definition, 2000),
                          unit=unit, direction=direction, method=method, metric=metric,
                          baseline_value=baseline, baseline_year=baseline_year,
                          region_code=plan.region_code, created_by=actor, updated_by=actor)
    check(bool(indicator.code), "code", "Kode indikator wajib diisi / The indicator's code is "
                                        "required")
    check(not Indicator.objects.filter(plan=plan, code=indicator.code).exists(), "code",
          f"Kode indikator {indicator.code} sudah dipakai / The indicator code "
          f"{indicator.code} is already used")
    checked = {year: _checked_target(indicator, year, value)
               for year, value in (targets or {}).items()}
    indicator.full_clean()
    indicator.save()
    IndicatorTarget.objects.bulk_create([
        IndicatorTarget(indicator=indicator, year=year, value=value, created_by=actor,
                        updated_by=actor) for year, value in sorted(checked.items())])
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=indicator,
                        region_code=indicator.region_code,
                        detail={"plan": str(plan.pk), "method": method, "metric": metric,
                                "unit": unit, "target_years": sorted(checked)})
    return indicator


@transaction.atomic
def indicator_target_set(*, actor: User, indicator: Indicator, year: int,
                         value: Decimal | int | str) -> IndicatorTarget:
    access.require(actor, CHANGE, indicator)
    number = _checked_target(indicator, year, value)
    target, created = IndicatorTarget.objects.update_or_create(
        indicator=indicator, year=year,
        defaults={"value": number, "updated_by": actor},
        create_defaults={"value": number, "created_by": actor, "updated_by": actor})
    audit.record_object(actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE,
                        obj=target, region_code=indicator.region_code,
                        detail={"indicator": str(indicator.pk), "year": year})
    return target


@transaction.atomic
def indicator_progress_record(*, actor: User, indicator: Indicator, year: int, value: Decimal |
                              int | str, narrative: str, quarter: int = 0,
                              files: Sequence[CheckedFile] = (),
                              today: date | None = None) -> IndicatorProgress:
    """A progress report on a manual indicator for a year or a quarter (year to date). A
    second report for the same period replaces the value and adds its evidence."""
    access.require(actor, REPORT_PROGRESS, indicator)
    today = today or timezone.localdate()
    check(indicator.method == IndicatorMethod.MANUAL, "value",
          "Indikator ini dihitung sistem dari catatan; nilainya tidak diisi manual / This "
          "indicator is computed from the records; its value is not entered by hand")
    plan = indicator.plan
    check(plan.start_year <= year <= plan.end_year, "year",
          f"Tahun {year} di luar periode rencana {plan.start_year}–{plan.end_year} / The "
          f"year {year} is outside the plan period {plan.start_year}–{plan.end_year}")
    check(year <= today.year, "year", "Tahun belum berjalan / The year has not begun")
    check(0 <= quarter <= 4, "quarter", "Triwulan 0–4 / Quarter must be 0–4")
    number = check_value(indicator.unit, value, field="value", what_id="Nilai capaian",
                         what_en="Reported value")
    narrative = clean_text(narrative, 3000)
    check(bool(narrative), "narrative", "Uraikan capaiannya / Describe the progress")
    progress, created = IndicatorProgress.objects.update_or_create(
        indicator=indicator, year=year, quarter=quarter,
        defaults={"value": number, "narrative": narrative, "updated_by": actor,
                  "region_code": indicator.region_code},
        create_defaults={"value": number, "narrative": narrative, "created_by": actor,
                         "updated_by": actor, "region_code": indicator.region_code})
    audit.record_object(actor=actor, action=AuditAction.CREATE if created else AuditAction.UPDATE,
                        obj=progress, region_code=indicator.region_code,
                        detail={"indicator": str(indicator.pk), "year": year,
                                "quarter": quarter, "evidence": evidence_names(list(files))})
    evidence_attach(actor=actor, files=list(files), region_code=indicator.region_code,
                    progress=progress)
    return progress
