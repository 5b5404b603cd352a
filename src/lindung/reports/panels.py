"""The person page's section on reports and cases the person appears in."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.people.panels import Panel
from lindung.people.panels import register_panel
from lindung.reports.models import Case
from lindung.reports.models import PublicReport
from lindung.reports.selectors import person_involvement


@register_panel
def reports_panel(user: User, person: Person) -> Panel | None:
    if not (access.can(user, VIEW, PublicReport) or access.can(user, VIEW, Case)):
        return None
    involvement = person_involvement(user=user, person=person)
    if involvement.empty:
        return None
    return Panel(title=_("Laporan dan kasus TPPO"), template="reports/person_panel.html",
                 context={"involvement": involvement})
