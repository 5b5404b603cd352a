"""Access to the person registry: role capabilities plus region scope (the address village,
or the NIK's district when no address is known)."""

from lindung.core import access
from lindung.people.models import FamilyLink, Household, Person, WatchlistEntry

access.register(Person, access.Policy("person", region_field="region_code"))
access.register(Household, access.Policy("household", region_field="region_code"))
access.register(FamilyLink, access.Policy("person", region_field="person__region_code"))
access.register(WatchlistEntry, access.Policy("watchlist", region_field="region_code"))

# De-duplication (people/dedupe.py): deciding whether two records are one person. A pair's
# region is the longest region both records share, so only staff who may see both see it.
from lindung.accounts.roles import CHANGE, CREATE, VIEW, Role, register_capabilities  # noqa: E402
from lindung.people.models import DuplicatePair  # noqa: E402

register_capabilities("dedupe", {
    Role.ADMIN: {VIEW, CREATE, CHANGE},
    Role.COORDINATOR: {VIEW, CHANGE},
    Role.DESK_OFFICER: {VIEW, CHANGE},
})
access.register(DuplicatePair, access.Policy("dedupe", region_field="region_code"))
