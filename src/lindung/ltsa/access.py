"""Who may do what in the LTSA module: the one place where it is decided.

* ``ltsa_reference`` (placement agencies, licences, offices, job orders, occupations, fee
  schedules): public knowledge, read by every staff role; only national administrators
  change it (licences and permits are issued nationally). Not region-bound.
* ``ltsa_application`` (applications and payments): the centre's region decides the
  scope; a desk officer posted to a centre also sees its applications wherever the
  applicant lives. Desk officers and coordinators work them; task-force officers read them (to check
  a departure); analysts see only the service figures.
* ``ltsa_checklist`` (checklist items): everyone who sees the file sees every item, but only
  a desk officer of the item's desk (and of the application's centre, when the officer is
  posted to one) may ``decide`` it: :func:`may_decide_item`.
* ``ltsa_complaint`` (complaints raised by overcharges): coordinators follow them up.
* ``ltsa_figures``: the service figures per centre and desk, by the centre's region.
* ``ltsa_centre``: a centre's contacts (address, phone, e-mail) printed on the applicant's
  receipt: national administrators, and coordinators for the centres of their region.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import DELETE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import register_capabilities
from lindung.ltsa.models import AgencyLicence
from lindung.ltsa.models import AgencyOffice
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistItem
from lindung.ltsa.models import FeeComplaint
from lindung.ltsa.models import FeeComponent
from lindung.ltsa.models import FeeSchedule
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import Payment
from lindung.ltsa.models import PlacementAgency
from lindung.ltsa.models import ZeroCostRule

DECIDE = "decide"
_ALL = {VIEW, CREATE, CHANGE, DELETE}
_STAFF_ROLES = (Role.ADMIN, Role.ANALYST, Role.COORDINATOR, Role.TASKFORCE_OFFICER,
                Role.DESK_OFFICER, Role.VILLAGE_OFFICER)

register_capabilities("ltsa_reference", {
    role: (_ALL if role == Role.ADMIN else {VIEW}) for role in _STAFF_ROLES})
register_capabilities("ltsa_application", {
    Role.ADMIN: {VIEW, CREATE, CHANGE},
    Role.COORDINATOR: {VIEW, CREATE, CHANGE},
    Role.DESK_OFFICER: {VIEW, CREATE, CHANGE},
    Role.TASKFORCE_OFFICER: {VIEW},
})
register_capabilities("ltsa_checklist", {
    Role.ADMIN: {VIEW},
    Role.COORDINATOR: {VIEW},
    Role.DESK_OFFICER: {VIEW, DECIDE},
    Role.TASKFORCE_OFFICER: {VIEW},
})
register_capabilities("ltsa_complaint", {
    Role.ADMIN: {VIEW, CHANGE},
    Role.COORDINATOR: {VIEW, CHANGE},
    Role.DESK_OFFICER: {VIEW},
    Role.TASKFORCE_OFFICER: {VIEW},
})
register_capabilities("ltsa_figures", {
    Role.ADMIN: {VIEW},
    Role.ANALYST: {VIEW},
    Role.COORDINATOR: {VIEW},
    Role.DESK_OFFICER: {VIEW},
})

register_capabilities("ltsa_centre", {
    Role.ADMIN: {VIEW, CHANGE},
    Role.COORDINATOR: {VIEW, CHANGE},
})

# Checking a ready-to-depart certificate at the port: the holder's name, birth date and
# photo, for any task-force officer wherever the file was made (not region-bound).
register_capabilities("ltsa_certificate_check", {
    Role.ADMIN: {VIEW},
    Role.TASKFORCE_OFFICER: {VIEW},
})

for _model in (PlacementAgency, AgencyLicence, AgencyOffice, JobOrder, Occupation,
               FeeSchedule, FeeComponent, ZeroCostRule):
    access.register(_model, access.Policy("ltsa_reference", region_field=None))
access.register(Application, access.Policy("ltsa_application", region_field="region_code",
                                           site_field="centre_id"))
access.register(Payment, access.Policy("ltsa_application", region_field="region_code",
                                       site_field="application__centre_id"))
access.register(ChecklistItem,
                access.Policy("ltsa_checklist", region_field="application__region_code",
                              site_field="application__centre_id"))
access.register(FeeComplaint, access.Policy("ltsa_complaint", region_field="region_code",
                                            site_field="application__centre_id"))

#: Service figures are aggregates over applications, scoped by the centre's region.
FIGURES = access.Policy("ltsa_figures", region_field="region_code")
CERTIFICATE_CHECK = access.Policy("ltsa_certificate_check", region_field=None)
#: A centre's contacts, by the centre's region (`directory.Site` stays reference data).
CENTRE = access.Policy("ltsa_centre", region_field="region_code")


def may_change_centre(user: Any, centre: Any) -> bool:
    return CENTRE.allowed(user, CHANGE, centre)


def may_decide_item(user: Any, item: ChecklistItem) -> bool:
    """A desk officer of the item's desk, in scope, posted to the application's centre (or
    to no particular centre), may verify, reject or reopen the item; nobody else."""
    if not access.can(user, DECIDE, item):
        return False
    if getattr(user, "desk", "") != item.desk:
        return False
    site_id = getattr(user, "site_id", None)
    return site_id is None or site_id == item.application.centre_id


def require_decide_item(user: Any, item: ChecklistItem) -> None:
    from django.core.exceptions import PermissionDenied

    if not may_decide_item(user, item):
        raise PermissionDenied(
            _("Hanya petugas loket %(desk)s yang boleh memutuskan butir ini")
                % {"desk": item.desk})


def may_view_figures(user: Any) -> bool:
    return FIGURES.allowed(user, VIEW, None)


def may_check_certificates(user: Any) -> bool:
    """Whether the user checks certificates at the port (sees a valid certificate's holder)."""
    return CERTIFICATE_CHECK.allowed(user, VIEW, None)


def may_see_holder(user: Any, application: Application, valid: bool) -> bool:
    """The holder of a certificate is shown to staff who may read the file, and to any
    task-force officer when the certificate is valid."""
    if not getattr(user, "is_authenticated", False):
        return False
    return access.can(user, VIEW, application) or (valid and may_check_certificates(user))
