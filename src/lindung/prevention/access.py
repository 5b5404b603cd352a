"""Who may record and read prevented departures and dissemination events (by region, and
at the officer's post); statistics go through the shared "statistics" capability (counts
only, scoped by area or region)."""

from __future__ import annotations

from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import DELETE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import register_capabilities
from lindung.people.models import Person
from lindung.prevention.models import DisseminationEvent
from lindung.prevention.models import PreventedDeparture
from lindung.prevention.models import PreventedDeparturePerson
from lindung.prevention.models import PreventionRecordStatistic
from lindung.prevention.models import PreventionTally

_WORK = {VIEW, CREATE, CHANGE}

register_capabilities("prevented_departure", {
    Role.ADMIN: _WORK | {DELETE},
    Role.COORDINATOR: _WORK,
    Role.TASKFORCE_OFFICER: _WORK,
    Role.MACHINE_CLIENT: {VIEW, CREATE},
})
register_capabilities("dissemination", {
    Role.ADMIN: _WORK | {DELETE},
    Role.ANALYST: {VIEW},
    Role.COORDINATOR: _WORK,
    Role.TASKFORCE_OFFICER: _WORK,
    Role.DESK_OFFICER: {VIEW, CREATE},
    Role.VILLAGE_OFFICER: _WORK,
})

access.register(PreventedDeparture, access.Policy("prevented_departure",
                                                  region_field="region_code",
                                                  site_field="site_id"))
access.register(DisseminationEvent, access.Policy("dissemination", region_field="region_code",
                                                  site_field="site_id"))
# A person prevented from leaving at a point stays visible to its officers.
access.link_to_site(Person, through=PreventedDeparturePerson, via="person",
                    site="departure__site_id")
access.register(PreventionTally, access.Policy("statistics", region_field="area_code"))
access.register(PreventionRecordStatistic, access.Policy("statistics",
                                                         region_field="region_code"))
