from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import User
from lindung.accounts.rules import may_list_users
from lindung.common.routes import route
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.models import AuditEvent
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.directory.choices import SiteKind
from lindung.directory.choices import SiteStatus
from lindung.directory.models import Site
from lindung.ltsa import public_cache
from lindung.ltsa.models import ChecklistItem
from lindung.people.models import Person
from lindung.prevention.models import PreventionRecordStatistic
from lindung.site import dashboards
from lindung.site import monthly
from lindung.site import selectors
from lindung.site import statistics
from lindung.stats.models import SourcedFigure

# The headline figures of the seed; every other sourced figure is on /stats/sources/.
LANDING_FIGURES = ["satgas-embarkation-points", "satgas-member-agencies", "prevented-2018",
                   "prevented-2018-immigration", "prevented-2015-2018", "ltsa-total-2015-2019",
                   "desmigratif-target-2019-villages"]


@route("", name="landing")
@public_cache.public_page("landing")
def landing(request: HttpRequest, extra: dict[str, Any]) -> HttpResponse:
    """The most visited page: anonymous visits are served from the public pages' shared
    cache (``ltsa.public_cache``; ``load_reference``, the writer of its sites and figures,
    invalidates it)."""
    sites = Site.objects.select_related("region").order_by("name")
    ltsa = [s for s in sites if s.kind == SiteKind.LTSA_CENTRE]
    return render(request, "site/landing.html", {
        "embarkation_points": [s for s in sites if s.kind == SiteKind.EMBARKATION_POINT],
        "ltsa_centres": ltsa,
        "ltsa_operational": sum(1 for s in ltsa if s.status == SiteStatus.OPERATIONAL),
        "figures": SourcedFigure.objects.filter(key__in=LANDING_FIGURES),
        **extra})


def landing_redirect(user: User) -> str:
    """Where a role's work is, when it is a page of its own: the desk officer's desk queue,
    the analyst's statistics. Other roles work from the staff home (task-force officer:
    open reports and alerts of the post; village officer: their village and coordinator;
    administrator: users; coordinator: the overview and the officers they administer)."""
    from django.urls import reverse

    if user.role == Role.DESK_OFFICER and user.desk and access.can(user, VIEW, ChecklistItem):
        return reverse("ltsa:queue")
    if user.role == Role.ANALYST and access.can(user, VIEW, PreventionRecordStatistic):
        return reverse("prevention:statistics")
    return ""


@route("staff/", name="staff_home")
@staff_view()
def staff_home(request: HttpRequest, user: User) -> HttpResponse:
    """Each role lands on its work (issue 15); `?overview=1` shows the overview to all."""
    if not request.GET.get("overview"):
        target = landing_redirect(user)
        if target:
            return redirect(target)
    post = selectors.post_work(user) if user.role == Role.TASKFORCE_OFFICER else None
    village = selectors.village_work(user) if user.role == Role.VILLAGE_OFFICER else None
    people = access.visible(user, Person.objects.all())
    by_status = dict(people.values_list("migration_status").annotate(n=Count("id"))
                     .values_list("migration_status", "n"))
    return render(request, "site/staff_home.html", {
        "can_people": access.can(user, "view", Person),
        "people_total": sum(by_status.values()),
        "by_status": by_status,
        "can_audit": access.can(user, "view", AuditEvent),
        "post": post,
        "post_day": dashboards.post_day(user) if post else None,
        "village": village,
        "village_days": dashboards.village_days(user, village.villages) if village else [],
        "plans": (dashboards.province_plans(user) if user.role == Role.COORDINATOR else []),
        "users_url": (selectors.admin_users_url() if may_list_users(user) else ""),
    })


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Semua tahun")),  # type: ignore[attr-defined]
                                       *[(y, str(y)) for y in years]]


@route("staff/statistics/", name="work_statistics")
@staff_view()
def work_statistics(request: HttpRequest, user: User) -> HttpResponse:
    """Screening, referrals and cases in the reader's area, for a year or all years
    (site/statistics.py)."""
    years = statistics.available_years(user)
    data = request.GET if "year" in request.GET else {"year": str(years[0])}
    form = YearForm(data, years=years)
    year = form.cleaned_data["year"] if form.is_valid() else years[0]
    stats = statistics.work_statistics(user=user, year=year)
    if not any(stats.shown.values()):
        raise PermissionDenied
    table = monthly.monthly(user=user, stats=stats)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx") and not form.errors:
        return monthly.download(stats=stats, table=table, fmt=fmt)
    return render(request, "site/work_statistics.html",
                  {"form": form, "stats": stats, "monthly": table,
                   "year_query": "" if year is None else str(year)},
                  status=400 if form.errors else 200)
