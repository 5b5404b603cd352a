"""Who may do what with reports, referrals and cases: the one place that decides.

* Reports and cases follow the user's area (region prefixes), plus those located at the
  officer's post (a report's site, a case's report's site).
* Reporter contact details need the extra `view_contact` capability.
* A referral is also visible to, and answered by, staff of the receiving agency wherever
  their scope is (a mission abroad, the police, a shelter), Primero-style.
* Task-force statistics use the shared "statistics" capability: the tallies are scoped by
  their area code, the record-level fallback by the report's region code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from lindung.core import access
from lindung.core.roles import CHANGE, CREATE, DELETE, VIEW, Role, register_capabilities
from lindung.core.roles import role_may as _role_may
from lindung.reports.models import (
    Case,
    CaseSuspect,
    CaseVictim,
    PublicReport,
    Referral,
    ReportAttachment,
    ReportRecordStatistic,
    ReportTally,
    TraffickingEvent,
)

VIEW_CONTACT = "view_contact"  # see what a reporter volunteered about themselves

_WORK = {VIEW, CREATE, CHANGE}

register_capabilities("report", {
    Role.ADMIN: _WORK | {DELETE, VIEW_CONTACT},
    Role.COORDINATOR: _WORK | {VIEW_CONTACT},
    Role.TASKFORCE_OFFICER: _WORK | {VIEW_CONTACT},
    Role.DESK_OFFICER: {VIEW, CREATE},
    Role.VILLAGE_OFFICER: {VIEW, CREATE},
})
register_capabilities("referral", {
    Role.ADMIN: _WORK | {DELETE},
    Role.COORDINATOR: _WORK,
    Role.TASKFORCE_OFFICER: _WORK,
    Role.DESK_OFFICER: {VIEW, CHANGE},
})
register_capabilities("case", {
    Role.ADMIN: _WORK | {DELETE},
    Role.COORDINATOR: _WORK,
    Role.TASKFORCE_OFFICER: _WORK,
})


@dataclass(frozen=True)
class ReferralPolicy(access.Policy):
    """Region scope of the referring side, or membership of the receiving agency."""

    def _receiver(self, user: Any, obj: models.Model) -> bool:
        agency_id = getattr(user, "agency_id", None)
        return bool(agency_id) and getattr(obj, "to_agency_id", None) == agency_id

    def allowed(self, user: Any, action: str, obj: models.Model | None) -> bool:
        if super().allowed(user, action, obj):
            return True
        return (obj is not None and access.is_staff_user(user)
                and _role_may(user.role, self.entity, action) and self._receiver(user, obj))

    def filter(self, user: Any, qs: models.QuerySet[access.M],
               action: str = VIEW) -> models.QuerySet[access.M]:
        if not self.role_allows(user, action):
            return qs.none()
        area = access.area_of(user)
        if area.national:
            return qs
        condition = area.q("region_code")
        agency_id = getattr(user, "agency_id", None)
        if agency_id:
            condition |= Q(to_agency_id=agency_id)
        return qs.filter(condition)


def is_receiver(user: Any, referral: Referral) -> bool:
    """Whether the user works for the agency a referral is addressed to."""
    return ReferralPolicy("referral")._receiver(user, referral)


access.register(PublicReport, access.Policy("report", region_field="region_code",
                                            site_field="site_id"))
access.register(ReportAttachment, access.Policy("report", region_field="report__region_code",
                                                site_field="report__site_id"))
access.register(Referral, ReferralPolicy("referral", region_field="region_code"))
access.register(Case, access.Policy("case", region_field="region_code",
                                    site_field="report__site_id"))
access.register(CaseVictim, access.Policy("case", region_field="case__region_code",
                                          site_field="case__report__site_id"))
access.register(CaseSuspect, access.Policy("case", region_field="case__region_code"))
access.register(TraffickingEvent, access.Policy("case", region_field="case__region_code"))
access.register(ReportTally, access.Policy("statistics", region_field="area_code"))
access.register(ReportRecordStatistic, access.Policy("statistics", region_field="region_code"))
