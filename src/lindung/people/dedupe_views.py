"""The de-duplication review queue: pairs side by side with their reasons, decisions
(same / not same / unsure, undo), the batch run with its progress, and the person-page
panel listing the records decided to be the same person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from lindung.accounts.models import User
from lindung.common.routes import route
from lindung.common.views import paginated
from lindung.core import access
from lindung.core.choices import AuditAction
from lindung.core.decorators import is_htmx
from lindung.core.decorators import staff_view
from lindung.core.models import AuditEvent
from lindung.core.models import BackgroundJob
from lindung.core.nav import NavItem
from lindung.core.nav import register_nav
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.people.choices import DuplicateStatus
from lindung.people.dedupe import JOB_KIND
from lindung.people.dedupe import dedupe_start
from lindung.people.dedupe import duplicate_pair_decide
from lindung.people.dedupe import identity_of
from lindung.people.match_display import reason_rows
from lindung.people.models import DuplicatePair
from lindung.people.models import Person
from lindung.people.panels import Panel
from lindung.people.panels import register_panel

PAGE_SIZE = 20


def _pair_context(user: User, pair: DuplicatePair) -> dict[str, Any]:
    return {
        "pair": pair,
        "rows": reason_rows(pair.reasons, skip_missing=False),
        "percent": round(pair.score * 100),
        "show_identity": access.can(user, VIEW_IDENTITY, Person),
        "can_decide": access.can(user, CHANGE, pair),
        "statuses": DuplicateStatus.choices,
    }


def _audit_views(user: User, pairs: list[DuplicatePair]) -> None:
    """Showing a pair shows two people: each read goes into the audit log."""
    events = []
    for pair in pairs:
        for person in (pair.person_a, pair.person_b):
            event = AuditEvent(action=AuditAction.VIEW, entity="people.person",
                               object_id=str(person.pk), region_code=person.region_code,
                               detail={"context": "dedupe-queue"})
            event.actor = user
            event.actor_label = user.get_username()
            event.actor_role = user.role
            event.actor_agency = str(user.agency) if user.agency else ""
            events.append(event)
    AuditEvent.objects.bulk_create(events)


def _latest_job() -> BackgroundJob | None:
    return BackgroundJob.objects.filter(kind=JOB_KIND).order_by("-created_at").first()


@route("duplicates/", name="dedupe_queue")
@staff_view(VIEW, DuplicatePair)
def dedupe_queue(request: HttpRequest, user: User) -> HttpResponse:
    status = request.GET.get("status", DuplicateStatus.OPEN)
    if status not in DuplicateStatus.values:
        status = DuplicateStatus.OPEN
    pairs: QuerySet[DuplicatePair] = access.visible(user, DuplicatePair.objects.filter(
        status=status).select_related("person_a__village", "person_b__village", "decided_by"))
    page = paginated(request, pairs.order_by("-score", "id"), PAGE_SIZE)
    shown = list(page.object_list)
    _audit_views(user, shown)
    return render(request, "people/dedupe_queue.html", {
        "page": page, "cards": [_pair_context(user, pair) for pair in shown],
        "status": status, "statuses": DuplicateStatus.choices,
        "job": _latest_job(), "can_start": access.can(user, CREATE, DuplicatePair),
    })


@route("duplicates/<uuid:pair_id>/decide/", name="dedupe_decide")
@staff_view()
@require_POST
def dedupe_decide(request: HttpRequest, user: User, pair_id: str) -> HttpResponse:
    pair = access.get_visible_or_404(
        user, DuplicatePair.objects.select_related("person_a__village", "person_b__village"),
        CHANGE, pk=pair_id)
    error = ""
    try:
        pair = duplicate_pair_decide(actor=user, pair=pair,
                                     status=request.POST.get("status", ""),
                                     note=request.POST.get("note", ""))
    except ValidationError as exc:
        error = "; ".join(exc.messages)
    if is_htmx(request):
        context = _pair_context(user, pair)
        context["error"] = error
        return render(request, "people/_dedupe_pair.html", context,
                      status=422 if error else 200)
    return redirect(request.POST.get("next") or "people:dedupe_queue")


@route("duplicates/run/", name="dedupe_start")
@staff_view()
@require_POST
def dedupe_run_start(request: HttpRequest, user: User) -> HttpResponse:
    dedupe_start(actor=user)
    return redirect("people:dedupe_queue")


@route("duplicates/jobs/<uuid:job_id>/", name="dedupe_job")
@staff_view(VIEW, DuplicatePair)
def dedupe_job(request: HttpRequest, user: User, job_id: str) -> HttpResponse:
    """The progress of a run (the queue page polls this fragment while the run is going)."""
    job = access.get_visible_or_404(user, BackgroundJob.objects.filter(kind=JOB_KIND),
                                    pk=job_id)
    return render(request, "people/_dedupe_job.html", {"job": job})


def identity_panel(user: User, person: Person) -> Panel | None:
    """On the person page: the records decided to be the same person (linked, not merged)."""
    others = identity_of(person)
    if not others:
        return None
    visible = list(access.visible(user, Person.objects.filter(pk__in=others)).order_by("name"))
    hidden = len(others) - len(visible)
    return Panel(str(_("Orang yang sama (hasil de-duplikasi)")), "people/identity_panel.html",
                 {"people": visible, "hidden": hidden})


def register() -> None:
    register_nav(NavItem(_("Duplikat"), "people:dedupe_queue", "dedupe", order=12))
    if identity_panel not in _registered:
        register_panel(identity_panel)
        _registered.append(identity_panel)


_registered: list[Any] = []
