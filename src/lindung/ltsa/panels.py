"""The person page's section listing the person's LTSA applications."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import VIEW
from lindung.ltsa.models import Application
from lindung.people.models import Person
from lindung.people.panels import Panel
from lindung.people.panels import register_panel


@register_panel
def ltsa_applications_panel(user: User, person: Person) -> Panel | None:
    if not access.can(user, VIEW, Application):
        return None
    applications = list(access.visible(user, Application.objects.filter(person=person))
                        .select_related("centre", "job_order__occupation")
                        .order_by("-created_at")[:20])
    if not applications:
        return None
    return Panel(title=str(_("Permohonan LTSA")), template="ltsa/person_panel.html",
                 context={"applications": applications})
