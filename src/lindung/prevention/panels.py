"""The person page's section on prevented departures the person was part of."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.people.panels import Panel
from lindung.people.panels import register_panel
from lindung.prevention.models import PreventedDeparture


@register_panel
def prevented_departures_panel(user: User, person: Person) -> Panel | None:
    if not access.can(user, VIEW, PreventedDeparture):
        return None
    departures = list(access.visible(user, PreventedDeparture.objects.filter(
        people__person=person)).select_related("site", "acting_agency").order_by("-date")[:50])
    may_record = access.can(user, CREATE, PreventedDeparture)
    if not departures and not may_record:
        return None
    return Panel(title=_("Pencegahan keberangkatan"), template="prevention/person_panel.html",
                 context={"departures": departures, "person": person,
                          "may_record": may_record})
