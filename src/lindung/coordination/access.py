"""Who may do what in the coordination app: the one place where it is decided.

* ``stakeholder`` (profiles, services, contacts, agreements, referral pathways): reference
  data every staff role reads wherever it is (a task-force officer in Kupang refers to a
  mission abroad); creating and changing follows the record's region (national and
  international stakeholders have no region, so only national-scope staff change them).
* ``action_plan`` (plans, goals, actions, indicators, targets, progress, evidence) and
  ``meeting`` (meetings, agenda, decisions, follow-ups): a plan or meeting of a region
  applies to everything below it, so staff *read* those of their own region, of the regions
  above it (the national RAN PP TPPO) and below it; they *change* only those within their
  scope. ``report_progress`` (an action's progress, a follow-up's completion) is also
  allowed to staff of the responsible stakeholder (or a supporting one, or the follow-up's
  owner) wherever their scope is.
* ``coordination_report`` (periodic reports): region scope, aggregates only.
* ``coordination_flag``: flags in scope, and those raised to the user's own agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from lindung.coordination.models import Action
from lindung.coordination.models import ActionUpdate
from lindung.coordination.models import AgendaItem
from lindung.coordination.models import Agreement
from lindung.coordination.models import Decision
from lindung.coordination.models import Evidence
from lindung.coordination.models import Flag
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Goal
from lindung.coordination.models import Indicator
from lindung.coordination.models import IndicatorProgress
from lindung.coordination.models import IndicatorTarget
from lindung.coordination.models import Meeting
from lindung.coordination.models import PeriodicReport
from lindung.coordination.models import PlanPeriod
from lindung.coordination.models import ReferralPathway
from lindung.coordination.models import StakeholderContact
from lindung.coordination.models import StakeholderProfile
from lindung.coordination.models import StakeholderService
from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import DELETE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import register_capabilities
from lindung.core.roles import role_may as _role_may

REPORT_PROGRESS = "report_progress"
_ALL = {VIEW, CREATE, CHANGE, DELETE}
_WORK = {VIEW, CREATE, CHANGE}
_READERS = (Role.ANALYST, Role.TASKFORCE_OFFICER, Role.DESK_OFFICER, Role.VILLAGE_OFFICER)

register_capabilities("stakeholder", {
    Role.ADMIN: _ALL, Role.COORDINATOR: _WORK, **{role: {VIEW} for role in _READERS}})
register_capabilities("action_plan", {
    Role.ADMIN: _ALL | {REPORT_PROGRESS}, Role.COORDINATOR: _WORK | {REPORT_PROGRESS},
    Role.ANALYST: {VIEW}, Role.TASKFORCE_OFFICER: {VIEW, REPORT_PROGRESS},
    Role.DESK_OFFICER: {VIEW, REPORT_PROGRESS}, Role.VILLAGE_OFFICER: {VIEW, REPORT_PROGRESS}})
register_capabilities("meeting", {
    Role.ADMIN: _ALL | {REPORT_PROGRESS}, Role.COORDINATOR: _WORK | {REPORT_PROGRESS},
    Role.ANALYST: {VIEW}, Role.TASKFORCE_OFFICER: {VIEW, REPORT_PROGRESS},
    Role.DESK_OFFICER: {VIEW, REPORT_PROGRESS}, Role.VILLAGE_OFFICER: {VIEW, REPORT_PROGRESS}})
register_capabilities("coordination_report", {
    # CHANGE: the narrative (achievements, obstacles, recommendations) the coordinator writes.
    Role.ADMIN: {VIEW, CREATE, CHANGE}, Role.ANALYST: {VIEW, CREATE},
    Role.COORDINATOR: {VIEW, CREATE, CHANGE}})
register_capabilities("coordination_flag", {
    Role.ADMIN: {VIEW}, Role.COORDINATOR: {VIEW}, **{role: {VIEW} for role in _READERS}})


def _role_ok(user: Any, entity: str, action: str) -> bool:
    return access.is_staff_user(user) and _role_may(user.role, entity, action)


@dataclass(frozen=True)
class ReferencePolicy(access.Policy):
    """Read by every role that may view, wherever the record is; written within scope."""

    def allowed(self, user: Any, action: str, obj: models.Model | None) -> bool:
        if action == VIEW:
            return _role_ok(user, self.entity, action)
        return super().allowed(user, action, obj)

    def filter(self, user: Any, qs: models.QuerySet[access.M],
               action: str = VIEW) -> models.QuerySet[access.M]:
        if action == VIEW:
            return qs if _role_ok(user, self.entity, action) else qs.none()
        return super().filter(user, qs, action)


@dataclass(frozen=True)
class HierarchyPolicy(access.Policy):
    """Read within scope and above it; change within scope; report progress also as the
    responsible, supporting or owning stakeholder (`agency_fields`, `agency_m2m`)."""

    agency_fields: tuple[str, ...] = ()
    agency_m2m: tuple[str, ...] = ()

    def _above_or_in(self, user: Any, region_code: str) -> bool:
        area = access.area_of(user)
        return area.covers(region_code) or region_code in area.ancestors()

    def _participates(self, user: Any, obj: models.Model) -> bool:
        agency_id = getattr(user, "agency_id", None)
        if not agency_id:
            return False
        target: Any = obj
        for part in (self.region_field or "").split("__")[:-1]:
            target = getattr(target, part)
        if any(getattr(target, name, None) == agency_id for name in self.agency_fields):
            return True
        if target._state.adding:  # not saved yet: it has no many-to-many rows
            return False
        return any(getattr(target, name).filter(pk=agency_id).exists()
                   for name in self.agency_m2m)

    def allowed(self, user: Any, action: str, obj: models.Model | None) -> bool:
        if not _role_ok(user, self.entity, action):
            return False
        if obj is None:
            return True
        region_code = self.region_of(obj)
        if action == VIEW:
            return self._above_or_in(user, region_code) or self._participates(user, obj)
        if access.area_of(user).covers(region_code):
            return True
        return action == REPORT_PROGRESS and self._participates(user, obj)

    def _participation_q(self, user: Any, qs: models.QuerySet[access.M]) -> Q | None:
        agency_id = getattr(user, "agency_id", None)
        if not agency_id or not (self.agency_fields or self.agency_m2m):
            return None
        prefix = "".join(f"{part}__" for part in (self.region_field or "").split("__")[:-1])
        condition = Q()
        for name in self.agency_fields:
            condition |= Q(**{f"{prefix}{name}": agency_id})
        for name in self.agency_m2m:
            through = qs.model._default_manager.filter(**{f"{prefix}{name}": agency_id})
            condition |= Q(pk__in=through.values("pk"))
        return condition

    def filter(self, user: Any, qs: models.QuerySet[access.M],
               action: str = VIEW) -> models.QuerySet[access.M]:
        if not _role_ok(user, self.entity, action):
            return qs.none()
        field = self.region_field or "region_code"
        area = access.area_of(user)
        if area.national:
            return qs
        condition = area.q(field)
        if action == VIEW:
            condition |= Q(**{f"{field}__in": sorted(area.ancestors())})
        if action in (VIEW, REPORT_PROGRESS):
            participation = self._participation_q(user, qs)
            if participation is not None:
                condition |= participation
        return qs.filter(condition)


@dataclass(frozen=True)
class EvidencePolicy(access.Policy):
    """An attachment is readable by whoever may read what it is attached to."""

    def allowed(self, user: Any, action: str, obj: models.Model | None) -> bool:
        if obj is None:
            return any(access.can(user, action, model)
                       for model in (IndicatorProgress, ActionUpdate, Agreement, Meeting))
        assert isinstance(obj, Evidence)
        return access.can(user, action, obj.owner)

    def filter(self, user: Any, qs: models.QuerySet[access.M],
               action: str = VIEW) -> models.QuerySet[access.M]:
        owners = {"progress": IndicatorProgress, "action_update": ActionUpdate,
                  "agreement": Agreement, "meeting": Meeting}
        condition = Q(pk__in=[])
        for field, model in owners.items():
            visible = access.visible(user, model._default_manager.all(), action)
            condition |= Q(**{f"{field}__in": visible.values("pk")})
        return qs.filter(condition)


for _model in (StakeholderProfile, StakeholderService, StakeholderContact, Agreement,
               ReferralPathway):
    access.register(_model, ReferencePolicy("stakeholder", region_field="region_code"))
for _plan_model in (PlanPeriod, Goal, Indicator, IndicatorProgress):
    access.register(_plan_model, HierarchyPolicy("action_plan", region_field="region_code"))
access.register(IndicatorTarget, HierarchyPolicy("action_plan",
                                                 region_field="indicator__region_code"))
access.register(Action, HierarchyPolicy("action_plan", region_field="region_code",
                                        agency_fields=("responsible_id",),
                                        agency_m2m=("supporting",)))
access.register(ActionUpdate, HierarchyPolicy("action_plan",
                                              region_field="action__region_code",
                                              agency_fields=("responsible_id",),
                                              agency_m2m=("supporting",)))
access.register(Meeting, HierarchyPolicy("meeting", region_field="region_code",
                                         agency_m2m=("participants",)))
access.register(AgendaItem, HierarchyPolicy("meeting", region_field="meeting__region_code"))
access.register(Decision, HierarchyPolicy("meeting", region_field="meeting__region_code"))
access.register(FollowUp, HierarchyPolicy("meeting", region_field="region_code",
                                          agency_fields=("owner_id",)))
access.register(PeriodicReport, access.Policy("coordination_report", region_field="region_code"))
access.register(Flag, access.AgencyPolicy("coordination_flag", region_field="region_code",
                                          agency_field="agency_id"))
access.register(Evidence, EvidencePolicy("evidence", region_field="region_code"))
