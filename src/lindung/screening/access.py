"""Who may screen departures and handle alerts: role capabilities plus the region of the
embarkation point (manifests, passengers and alerts carry the site's region code); the
officers posted at the point see its records, and the people screened there, wherever
they live."""

from __future__ import annotations

from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import DELETE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.core.roles import register_capabilities
from lindung.people.models import Person
from lindung.screening.models import Alert
from lindung.screening.models import ScreenedPassenger
from lindung.screening.models import ScreeningManifest

register_capabilities("screening", {
    Role.ADMIN: {VIEW, CREATE, CHANGE, DELETE},
    Role.COORDINATOR: {VIEW, CREATE},
    Role.TASKFORCE_OFFICER: {VIEW, CREATE},
    Role.MACHINE_CLIENT: {VIEW, CREATE},
})
register_capabilities("alert", {
    Role.ADMIN: {VIEW, CHANGE},
    Role.COORDINATOR: {VIEW, CHANGE},
    Role.TASKFORCE_OFFICER: {VIEW, CHANGE},
    Role.MACHINE_CLIENT: {VIEW},
})

access.register(ScreeningManifest, access.Policy("screening", region_field="region_code",
                                                site_field="site_id"))
access.register(ScreenedPassenger, access.Policy("screening", region_field="region_code",
                                                site_field="manifest__site_id"))
access.register(Alert, access.Policy("alert", region_field="region_code", site_field="site_id"))
# A person screened (and so possibly alerted) at a point is visible to its officers.
access.link_to_site(Person, through=ScreenedPassenger, via="person", site="manifest__site_id")
