"""Access to the person registry: role capabilities plus region scope (the address village,
or the NIK's district when no address is known)."""

from lindung.core import access
from lindung.people.models import FamilyLink, Household, Person, WatchlistEntry

access.register(Person, access.Policy("person", region_field="region_code"))
access.register(Household, access.Policy("household", region_field="region_code"))
access.register(FamilyLink, access.Policy("person", region_field="person__region_code"))
access.register(WatchlistEntry, access.Policy("watchlist", region_field="region_code"))
