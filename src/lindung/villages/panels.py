"""The Desmigratif section of the person page: household census, stays abroad, the child
record with KIS/KIP cards, cooperative membership."""

from __future__ import annotations

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.people.panels import Panel
from lindung.people.panels import register_panel
from lindung.villages.models import CensusHousehold
from lindung.villages.models import ChildProfile
from lindung.villages.models import CoopMember
from lindung.villages.models import StayAbroad


@register_panel
def desmigratif_panel(user: User, person: Person) -> Panel | None:
    if not access.can(user, VIEW, StayAbroad):
        return None
    census = None
    if person.household_id:
        census = access.visible(user, CensusHousehold.objects.select_related(
            "programme_village__village")).filter(household_id=person.household_id).first()
    stays = list(access.visible(user, StayAbroad.objects.filter(person=person)))
    child = access.visible(user, ChildProfile.objects.filter(person=person)).prefetch_related(
        "cards").first()
    memberships: list[CoopMember] = []
    if access.can(user, VIEW, CoopMember):
        memberships = list(access.visible(user, CoopMember.objects.filter(person=person))
                           .select_related("cooperative"))
    if census is None and not stays and child is None and not memberships:
        return None
    return Panel(title="Desmigratif", template="villages/panels/person.html",
                 context={"census": census, "stays": stays, "child": child,
                          "memberships": memberships})
