"""Writes to the action plan: plans (no two of one region overlapping), goals, actions,
action progress with evidence, indicators with unit-checked baselines and targets, and
progress reports on manual indicators."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.uploads import CheckedFile
from lindung.coordination.access import REPORT_PROGRESS
from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import Direction
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import PlanKind
from lindung.coordination.choices import PlanStatus
from lindung.coordination.choices import Unit
from lindung.coordination.metrics import get_metric
from lindung.coordination.models import Action
from lindung.coordination.models import ActionUpdate
from lindung.coordination.models import Goal
from lindung.coordination.models import Indicator
from lindung.coordination.models import IndicatorProgress
from lindung.coordination.models import IndicatorTarget
from lindung.coordination.models import PlanPeriod
from lindung.coordination.models.plan import MAX_PLAN_YEARS
from lindung.coordination.services.common import check
from lindung.coordination.services.common import clean_text
from lindung.coordination.services.common import evidence_attach
from lindung.coordination.services.common import evidence_names
from lindung.coordination.services.common import refuse
from lindung.coordination.services.common import region_code_of
from lindung.coordination.services.common import require_in_scope
from lindung.coordination.services.flags import flags_refresh_subject
from lindung.coordination.units import check_value
from lindung.coordination.units import unit_label_id
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.directory.models import Agency
from lindung.regions.models import Region

FIRST_YEAR, LAST_YEAR = 2000, 2100
PLAN_FIELDS = ("name", "kind", "region", "start_year", "end_year", "status", "legal_basis",
               "description")


def _check_years(plan: PlanPeriod) -> None:
    check(FIRST_YEAR <= plan.start_year <= LAST_YEAR, "start_year",
          _("Tahun mulai harus %(first_year)s–%(last_year)s")
              % {"first_year": FIRST_YEAR, "last_year": LAST_YEAR})
    check(plan.end_year >= plan.start_year, "end_year",
          _("Tahun akhir %(end_year)s sebelum tahun mulai %(start_year)s")
              % {"end_year": plan.end_year, "start_year": plan.start_year})
    years = plan.end_year - plan.start_year + 1
    check(years <= MAX_PLAN_YEARS, "end_year",
          _("Rencana paling lama %(max_plan_years)s tahun") % {"max_plan_years": MAX_PLAN_YEARS})
    if plan.kind == PlanKind.FIVE_YEAR:
        check(years == 5, "end_year",
              _("Rencana lima tahun harus mencakup 5 tahun, bukan %(years)s "
                "(%(start_year)s–%(end_year)s)")
                  % {"years": years, "start_year": plan.start_year, "end_year": plan.end_year})
    if plan.kind == PlanKind.YEARLY:
        check(years == 1, "end_year", _("Rencana tahunan mencakup satu tahun"))


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
            _("Periode %(start_year)s–%(end_year)s bertumpang tindih dengan rencana '%(name)s' "
              "(%(start_year2)s–%(end_year2)s) untuk wilayah yang sama (%(where)s); pilih tahun "
              "yang tidak tercakup rencana lain")
                % {"start_year": plan.start_year, "end_year": plan.end_year, "name": clash.name,
                   "start_year2": clash.start_year, "end_year2": clash.end_year, "where": where})


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
    check(bool(plan.name), "name", _("Nama rencana wajib diisi"))
    _check_years(plan)
    _check_no_overlap(plan)
    audit.save_recorded(plan, actor=actor, action=AuditAction.CREATE,
                        detail={"kind": kind, "start_year": start_year, "end_year": end_year})
    return plan


@transaction.atomic
def plan_update(*, actor: User, plan: PlanPeriod, **changes: object) -> PlanPeriod:
    access.require(actor, CHANGE, plan)
    before = audit.apply_changes(
        plan, changes, PLAN_FIELDS,
        clean=lambda key, value: clean_text(value, 3000) if isinstance(value, str)
        and key in ("name", "legal_basis", "description") else value)
    plan.region_code = region_code_of(plan.region)
    access.require(actor, CHANGE, plan)
    _check_years(plan)
    _check_no_overlap(plan)
    outside = IndicatorTarget.objects.filter(indicator__plan=plan).exclude(
        year__gte=plan.start_year, year__lte=plan.end_year)
    check(not outside.exists(), "end_year",
          _("Ada target indikator di luar periode baru; hapus atau pindahkan dulu"))
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
    check(bool(goal.code), "code", _("Kode sasaran wajib diisi"))
    check(not Goal.objects.filter(plan=plan, code=goal.code).exists(), "code",
          _("Kode sasaran %(code)s sudah dipakai dalam rencana ini") % {"code": goal.code})
    audit.save_recorded(goal, actor=actor, action=AuditAction.CREATE, detail={"plan": str(plan.pk)})
    return goal


@transaction.atomic
def action_create(*, actor: User, plan: PlanPeriod, goal: Goal, code: str, title: str,
                  responsible: Agency, deadline: date, supporting: Sequence[Agency] = (),
                  start_date: date | None = None, description: str = "") -> Action:
    access.require(actor, CHANGE, plan)
    check(goal.plan_id == plan.pk, "goal", _("Sasaran ini bukan bagian dari rencana ini"))
    check(plan.start_year <= deadline.year <= plan.end_year, "deadline",
          _("Tenggat %(deadline)s di luar periode rencana %(start_year)s–%(end_year)s")
              % {"deadline": format(deadline, "%d-%m-%Y"), "start_year": plan.start_year,
                 "end_year": plan.end_year})
    check(start_date is None or start_date <= deadline, "start_date",
          _("Tanggal mulai sesudah tenggat"))
    check(all(a.pk != responsible.pk for a in supporting), "supporting",
          _("%(agency)s sudah penanggung jawab; jangan dicantumkan juga sebagai pendukung")
          % {"agency": responsible})
    action = Action(plan=plan, goal=goal, code=clean_text(code, 16),
                    title=clean_text(title, 300), description=clean_text(description, 3000),
                    responsible=responsible, start_date=start_date, deadline=deadline,
                    region_code=plan.region_code, created_by=actor, updated_by=actor)
    check(bool(action.code), "code", _("Kode kegiatan wajib diisi"))
    check(not Action.objects.filter(plan=plan, code=action.code).exists(), "code",
          _("Kode kegiatan %(code)s sudah dipakai dalam rencana ini") % {"code": action.code})
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
    check(status in ActionStatus.values, "status", _("Status tidak dikenal"))
    check(0 <= progress <= 100, "progress", _("Kemajuan %(progress)s%% harus 0–100")
                                                % {"progress": progress})
    if status == ActionStatus.DONE:
        progress = 100
    check(not (progress == 100 and status in (ActionStatus.PLANNED, ActionStatus.BLOCKED)),
          "status", _("Kemajuan 100% berarti selesai: pilih status selesai"))
    note = clean_text(note, 3000)
    check(bool(note), "note", _("Tulis catatan kemajuan"))
    before = {"status": action.status, "progress": action.progress}
    action.status, action.progress = status, progress
    action.completed_on = today if status == ActionStatus.DONE else None
    action.updated_by = actor
    action.full_clean()
    action.save()
    update = ActionUpdate(action=action, status=status, progress=progress, note=note,
                          region_code=action.region_code, created_by=actor, updated_by=actor)
    audit.save_recorded(update, of=action, actor=actor, action=AuditAction.UPDATE,
                        detail={"fields": audit.changed_fields(
                            before, {"status": status, "progress": progress}),
                                "status": status, "evidence": evidence_names(list(files))})

    flags_refresh_subject(action=action, today=today)
    evidence_attach(actor=actor, files=list(files), region_code=action.region_code,
                    action_update=update)
    return update


def _check_unit_against_metric(*, method: str, metric: str, unit: str) -> None:
    if method == IndicatorMethod.MANUAL:
        check(not metric, "metric", _("Indikator manual tidak memakai metrik sistem"))
        return
    check(bool(metric), "metric", _("Pilih metrik sistem untuk indikator yang dihitung"))
    try:
        source = get_metric(metric)
    except LookupError as exc:
        raise refuse("metric", _("Metrik '%(metric)s' tidak dikenal") % {"metric": metric}) from exc
    check(source.unit == unit, "unit",
          _("Satuan '%(unit)s' tidak sama dengan satuan metrik %(metric)s ('%(unit2)s')")
              % {"unit": unit_label_id(unit), "metric": metric,
                 "unit2": unit_label_id(source.unit)})


def _checked_target(indicator: Indicator, year: int, value: Decimal | int | str) -> Decimal:
    plan = indicator.plan
    check(plan.start_year <= year <= plan.end_year, "targets",
          _("Tahun target %(year)s di luar periode rencana %(start_year)s–%(end_year)s")
              % {"year": year, "start_year": plan.start_year, "end_year": plan.end_year})
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
    check(unit in Unit.values, "unit", _("Satuan '%(unit)s' tidak dikenal") % {"unit": unit})
    check(method in IndicatorMethod.values, "method",
          _("Cara pengukuran tidak dikenal"))
    check(direction in Direction.values, "direction", _("Arah tidak dikenal"))
    check(goal is None or goal.plan_id == plan.pk, "goal",
          _("Sasaran ini bukan bagian dari rencana ini"))
    _check_unit_against_metric(method=method, metric=metric, unit=unit)
    baseline = None
    if baseline_value is not None and baseline_value != "":
        baseline = check_value(unit, baseline_value, field="baseline_value",
                               what_id="Nilai dasar", what_en="Baseline")
        check(baseline_year is not None, "baseline_year",
              _("Sebutkan tahun nilai dasar"))
    check(baseline_year is None or baseline_year <= plan.end_year, "baseline_year",
          _("Tahun nilai dasar sesudah akhir rencana"))
    indicator = Indicator(plan=plan, goal=goal, code=clean_text(code, 16),
                          name=clean_text(name, 300), definition=clean_text(definition, 2000),
                          unit=unit, direction=direction, method=method, metric=metric,
                          baseline_value=baseline, baseline_year=baseline_year,
                          region_code=plan.region_code, created_by=actor, updated_by=actor)
    check(bool(indicator.code), "code", _("Kode indikator wajib diisi"))
    check(not Indicator.objects.filter(plan=plan, code=indicator.code).exists(), "code",
          _("Kode indikator %(code)s sudah dipakai") % {"code": indicator.code})
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
          _("Indikator ini dihitung sistem dari catatan; nilainya tidak diisi manual"))
    plan = indicator.plan
    check(plan.start_year <= year <= plan.end_year, "year",
          _("Tahun %(year)s di luar periode rencana %(start_year)s–%(end_year)s")
              % {"year": year, "start_year": plan.start_year, "end_year": plan.end_year})
    check(year <= today.year, "year", _("Tahun belum berjalan"))
    check(0 <= quarter <= 4, "quarter", _("Triwulan 0–4"))
    number = check_value(indicator.unit, value, field="value", what_id="Nilai capaian",
                         what_en="Reported value")
    narrative = clean_text(narrative, 3000)
    check(bool(narrative), "narrative", _("Uraikan capaiannya"))
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
