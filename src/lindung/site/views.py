from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.decorators import staff_required
from lindung.core.models import AuditEvent
from lindung.directory.models import Site, SiteKind, SiteStatus
from lindung.people.models import Person
from lindung.stats.models import SourcedFigure

# The headline figures of the seed; every other sourced figure is on /stats/sources/.
LANDING_FIGURES = ["satgas-embarkation-points", "satgas-member-agencies", "prevented-2018",
                   "prevented-2018-immigration", "prevented-2015-2018", "ltsa-total-2015-2019",
                   "desmigratif-target-2019-villages"]


def landing(request: HttpRequest) -> HttpResponse:
    sites = Site.objects.select_related("region__parent").order_by("name")
    ltsa = [s for s in sites if s.kind == SiteKind.LTSA_CENTRE]
    return render(request, "site/landing.html", {
        "embarkation_points": [s for s in sites if s.kind == SiteKind.EMBARKATION_POINT],
        "ltsa_centres": ltsa,
        "ltsa_operational": sum(1 for s in ltsa if s.status == SiteStatus.OPERATIONAL),
        "figures": SourcedFigure.objects.filter(key__in=LANDING_FIGURES),
    })


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    people = access.visible(user, Person.objects.all())
    by_status = dict(people.values_list("migration_status").annotate(n=Count("id"))
                     .values_list("migration_status", "n"))
    return render(request, "site/staff_home.html", {
        "can_people": access.can(user, "view", Person),
        "people_total": sum(by_status.values()),
        "by_status": by_status,
        "can_audit": access.can(user, "view", AuditEvent),
    })
