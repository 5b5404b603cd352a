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

from typing import Any

from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import DELETE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import register_capabilities
from lindung.reports.models import Case
from lindung.reports.models import CaseSuspect
from lindung.reports.models import CaseVictim
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.models import ReportAttachment
from lindung.reports.models import ReportRecordStatistic
from lindung.reports.models import ReportTally
from lindung.reports.models import TraffickingEvent

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


# Region scope of the referring side, or membership of the receiving agency.
_REFERRAL_POLICY = access.AgencyPolicy("referral", region_field="region_code",
                                       agency_field="to_agency_id")


def is_receiver(user: Any, referral: Referral) -> bool:
    """Whether the user works for the agency a referral is addressed to."""
    return _REFERRAL_POLICY.of_users_agency(user, referral)


access.register(PublicReport, access.Policy("report", region_field="region_code",
                                            site_field="site_id"))
access.register(ReportAttachment, access.Policy("report", region_field="report__region_code",
                                                site_field="report__site_id"))
access.register(Referral, _REFERRAL_POLICY)
access.register(Case, access.Policy("case", region_field="region_code",
                                    site_field="report__site_id"))
access.register(CaseVictim, access.Policy("case", region_field="case__region_code",
                                          site_field="case__report__site_id"))
access.register(CaseSuspect, access.Policy("case", region_field="case__region_code"))
access.register(TraffickingEvent, access.Policy("case", region_field="case__region_code"))
access.register(ReportTally, access.Policy("statistics", region_field="area_code"))
access.register(ReportRecordStatistic, access.Policy("statistics", region_field="region_code"))
