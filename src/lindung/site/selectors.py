"""Reads for the site pages: who a user's coordinator is, who can grant access."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.regions.models import Region
from lindung.reports.models import PublicReport
from lindung.reports.selectors import report_list
from lindung.screening.choices import AlertStatus
from lindung.screening.models import Alert
from lindung.villages.models import ProgrammeVillage


@dataclass(frozen=True)
class Grantors:
    """Who can grant a user access: their coordinator(s) and the national administrators."""

    coordinators: list[User]
    admins: list[User]


def _home_code(user: Any) -> str:
    """The region the user works in: their scope, else their post's region."""
    code = access.home_code(user)
    if code:
        return code
    site = getattr(user, "site", None) if getattr(user, "site_id", None) else None
    return str(getattr(site, "region_code", "") or "")


def coordinators_for(user: Any) -> list[User]:
    """The active regional coordinators whose region covers the user's, nearest first (the
    province's coordinator before a national one); none for national staff."""
    code = _home_code(user)
    if not code or not getattr(user, "is_authenticated", False):
        return []
    parts = code.split(".")
    prefixes = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    found = (User.objects.filter(role=Role.COORDINATOR, is_active=True,
                                 scope_region_id__in=prefixes)
             .exclude(pk=user.pk).select_related("agency", "scope_region"))
    return sorted(found, key=lambda u: (-len(u.scope_code), u.username))


def admins() -> list[User]:
    return list(User.objects.filter(role=Role.ADMIN, is_active=True)
                .select_related("agency").order_by("username")[:3])


def grantors_for(user: Any) -> Grantors:
    if not getattr(user, "is_authenticated", False):
        return Grantors(coordinators=[], admins=[])
    return Grantors(coordinators=coordinators_for(user)[:3], admins=admins())


@dataclass(frozen=True)
class PostWork:
    """What a task-force officer works first: the open reports of their area and the open
    alerts of their post (each list bounded; the totals link to the full lists)."""

    reports: list[Any]
    reports_total: int
    alerts: list[Any]
    alerts_total: int
    area_names: list[str]


LANDING_SIZE = 15


def post_work(user: User) -> PostWork:
    reports: list[Any] = []
    reports_total = 0
    if access.can(user, VIEW, PublicReport):
        open_reports = report_list(user=user, status="open").order_by("due_at", "id")
        reports = list(open_reports[:LANDING_SIZE])
        reports_total = (len(reports) if len(reports) < LANDING_SIZE
                         else open_reports.count())
    alerts: list[Any] = []
    alerts_total = 0
    if access.can(user, VIEW, Alert):
        open_alerts = access.visible(user, Alert.objects.exclude(status=AlertStatus.RESOLVED))
        if user.site_id:
            open_alerts = open_alerts.filter(site_id=user.site_id)
        open_alerts = open_alerts.select_related("site", "passenger").order_by("-created_at")
        alerts = list(open_alerts[:LANDING_SIZE])
        alerts_total = len(alerts) if len(alerts) < LANDING_SIZE else open_alerts.count()
    prefixes = [p for p in access.area_of(user).prefixes if p]
    names = dict(Region.objects.filter(code__in=prefixes).values_list("code", "name"))
    return PostWork(reports=reports, reports_total=reports_total, alerts=alerts,
                    alerts_total=alerts_total,
                    area_names=[names.get(code, code) for code in prefixes])


@dataclass(frozen=True)
class VillageWork:
    """A village officer's village (None: not set up yet) and who their coordinator is."""

    villages: list[Any]
    region_name: str
    coordinators: list[User]


def village_work(user: User) -> VillageWork:
    villages: list[Any] = []
    if access.can(user, VIEW, ProgrammeVillage):
        mine = access.visible(user, ProgrammeVillage.objects.all()).select_related("village")
        code = access.scope_code(user)
        villages = list(mine.filter(officers=user)) or (
            list(mine.filter(region_code=code)) if code else [])
    region = getattr(user, "scope_region", None) if getattr(user, "scope_region_id", None) \
        else None
    return VillageWork(villages=villages, region_name=getattr(region, "name", "") or "",
                       coordinators=coordinators_for(user))


def admin_users_url() -> str:
    """The user administration page when it is installed (accounts app), else ""."""
    from django.urls import NoReverseMatch
    from django.urls import reverse

    for name in ("accounts:users", "accounts:user_list"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""
