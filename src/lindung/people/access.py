"""Access to the person registry: role capabilities plus the user's area (the address
village, or the NIK's district when no address is known). A person registered at an
officer's post stays visible there whatever their address (``registered_at_site``); the
screening and prevention apps link the people screened or prevented at a post."""

from lindung.core import access
from lindung.people.models import FamilyLink
from lindung.people.models import Household
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry

access.register(Person, access.Policy("person", region_field="region_code",
                                      site_field="registered_at_site_id"))
access.register(Household, access.Policy("household", region_field="region_code"))
access.register(FamilyLink, access.Policy("person", region_field="person__region_code",
                                          site_field="person__registered_at_site_id"))
access.register(WatchlistEntry, access.Policy("watchlist", region_field="region_code"))

# De-duplication (people/dedupe.py): deciding whether two records are one person. A pair's
# region is the longest region both records share, so only staff who may see both see it.
from lindung.core.roles import CHANGE  # noqa: E402
from lindung.core.roles import CREATE  # noqa: E402
from lindung.core.roles import VIEW  # noqa: E402
from lindung.core.roles import Role  # noqa: E402
from lindung.core.roles import register_capabilities  # noqa: E402
from lindung.people.models import DuplicatePair  # noqa: E402

register_capabilities("dedupe", {
    Role.ADMIN: {VIEW, CREATE, CHANGE},
    Role.COORDINATOR: {VIEW, CHANGE},
    Role.DESK_OFFICER: {VIEW, CHANGE},
})
access.register(DuplicatePair, access.Policy("dedupe", region_field="region_code"))
