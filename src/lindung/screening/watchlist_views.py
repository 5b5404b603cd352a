"""The watchlist pages of a post: the entries in the officer's scope with their kind, source
record, who added them and since when; one entry with its screening hits, and the three
things an officer does to it: correct, merge duplicates into it, retire it with a reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lindung.accounts.models import User
from lindung.common import stored_text
from lindung.common.routes import route
from lindung.common.views import errors_onto_form
from lindung.common.views import paginated
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.people import services as people_services
from lindung.people.choices import WatchlistKind
from lindung.people.matching import Probe
from lindung.people.matching import match_watchlist
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry
from lindung.people.normalize import search_name_for
from lindung.screening import services
from lindung.screening.forms import WatchlistCorrectForm
from lindung.screening.forms import WatchlistMergeForm
from lindung.screening.forms import WatchlistRetireForm

#: The records an entry can come from: a label and the page that shows the record.
SOURCES: dict[str, tuple[Any, str]] = {
    "reports.publicreport": (gettext_lazy("Laporan publik"), "reports:detail"),
    "reports.case": (gettext_lazy("Kasus"), "reports:case_detail"),
    "prevention.preventeddeparture": (gettext_lazy("Pencegahan keberangkatan"),
                                      "prevention:detail"),
}

STATUSES = ("active", "retired", "all")


def source_of(entry: WatchlistEntry) -> dict[str, str]:
    """The entry's source record as a label and a link (no raw id in the text)."""
    label, url_name = SOURCES.get(entry.source_entity, (_("Catatan lain"), ""))
    try:
        url = reverse(url_name, args=[entry.source_id]) if url_name else ""
    except NoReverseMatch:
        url = ""
    return {"label": str(label), "url": url}


def watchlist_entries(user: User, *, kind: str = "", status: str = "active",
                      q: str = "") -> QuerySet[WatchlistEntry]:
    """The entries of the user's scope, filtered (kind and status already checked)."""
    entries = access.visible(user, WatchlistEntry.objects.select_related(
        "created_by", "merged_into"))
    if kind:
        entries = entries.filter(kind=kind)
    if status == "active":
        entries = entries.filter(retired_at__isnull=True)
    elif status == "retired":
        entries = entries.filter(retired_at__isnull=False)
    if q.strip():
        needle = search_name_for(q)
        entries = entries.filter(Q(search_name__contains=needle) | Q(aliases__icontains=q.strip()))
    return entries.order_by("-created_at", "id")


def duplicate_groups(user: User) -> list[dict[str, Any]]:
    """Active entries in scope that share a normalised name: the likely duplicates."""
    active = access.visible(user, WatchlistEntry.objects.filter(retired_at__isnull=True))
    counts = {row["search_name"]: row["count"] for row in active.values("search_name").annotate(
        count=Count("id")).filter(count__gt=1).order_by("-count", "search_name")[:20]}
    first: dict[str, WatchlistEntry] = {}
    for entry in active.filter(search_name__in=list(counts)).order_by("created_at", "id"):
        first.setdefault(entry.search_name, entry)
    return [{"entry": first[name], "count": count} for name, count in counts.items()
            if name in first]


def merge_candidates(user: User, entry: WatchlistEntry) -> list[WatchlistEntry]:
    """Active entries of the same kind the user may change that look like the same subject:
    the matching engine's hits for the entry's name and birth date, or the same normalised
    name, registry person, NIK or phone."""
    hits = match_watchlist([Probe(name=entry.name, birth_date=entry.birth_date,
                                  nik=entry.nik)], limit=20)[0]
    same = Q(search_name=entry.search_name) | Q(pk__in=[hit.entry_id for hit in hits])
    if entry.person_id:
        same |= Q(person_id=entry.person_id)
    if entry.nik_index:
        same |= Q(nik_index=entry.nik_index)
    if entry.phone:
        same |= Q(phone=entry.phone)
    return list(access.visible(user, WatchlistEntry.objects.filter(
        same, retired_at__isnull=True, kind=entry.kind).exclude(pk=entry.pk), CHANGE)
        .select_related("created_by").order_by("created_at", "id")[:50])


def _candidate_label(entry: WatchlistEntry) -> str:
    source = source_of(entry)
    return _("%(name)s · %(kind)s · %(source)s · sejak %(since)s") % {
        "name": entry.name, "kind": entry.get_kind_display(), "source": source["label"],
        "since": entry.created_at.strftime("%d-%m-%Y")}


@route("watchlist/", name="watchlist")
@staff_view(VIEW, WatchlistEntry)
def watchlist(request: HttpRequest, user: User) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in WatchlistKind.values else ""
    status = request.GET.get("status", "active")
    status = status if status in STATUSES else "active"
    q = request.GET.get("q", "")[:100]
    page = paginated(request, watchlist_entries(user, kind=kind, status=status, q=q), 30)
    return render(request, "screening/watchlist.html", {
        "page": page, "rows": [{"entry": entry, "source": source_of(entry)} for entry in page],
        "kind": kind, "kinds": WatchlistKind.choices, "status": status, "q": q,
        "statuses": [("active", _("aktif")), ("retired", _("dipensiunkan")),
                     ("all", _("semua"))],
        "duplicates": duplicate_groups(user) if status == "active" else []})


@route("watchlist/<uuid:entry_id>/", name="watchlist_entry")
@staff_view()
def watchlist_entry(request: HttpRequest, user: User, entry_id: str) -> HttpResponse:
    entry = access.get_visible_or_404(
        user, WatchlistEntry.objects.select_related("created_by", "merged_into", "person"),
        pk=entry_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    candidates = merge_candidates(user, entry) if entry.retired_at is None else []
    correct = WatchlistCorrectForm(request.POST if action == "correct" else None, initial={
        # a kept reason (a prevented departure's) is offered as the reader reads it
        key: stored_text.show(entry.reason) if key == "reason" else getattr(entry, key)
        for key in people_services.WATCHLIST_FIELDS})
    retire = WatchlistRetireForm(request.POST if action == "retire" else None)
    merge = WatchlistMergeForm(request.POST if action == "merge" else None,
                               choices=[(str(c.pk), _candidate_label(c)) for c in candidates])
    status = 200
    if action:
        if not access.can(user, CHANGE, entry):
            raise PermissionDenied(_("Akses ditolak"))
        form = {"correct": correct, "retire": retire, "merge": merge}.get(action)
        if form is not None and form.is_valid():
            try:
                if form is correct:
                    people_services.watchlist_entry_correct(actor=user, entry=entry,
                                                            **correct.cleaned_data)
                elif form is retire:
                    people_services.watchlist_entry_retire(
                        actor=user, entry=entry, reason=retire.cleaned_data["reason"],
                        manual=True)
                else:
                    chosen = {str(c.pk): c for c in candidates}
                    services.watchlist_merge(actor=user, survivor=entry, others=[
                        chosen[pk] for pk in merge.cleaned_data["others"]])
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                return redirect("screening:watchlist_entry", entry_id=entry.pk)
        status = 400
    people_services.watchlist_entry_viewed(actor=user, entry=entry)
    hits = services.entry_hits(user, [str(entry.pk)])[:50]
    return render(request, "screening/watchlist_entry.html", {
        "entry": entry, "source": source_of(entry),
        "merged": [{"entry": other, "source": source_of(other)}
                   for other in entry.merged.select_related("created_by").order_by(
                       "created_at", "id")],
        "hits": hits, "correct": correct, "retire": retire, "merge": merge,
        "can_change": access.can(user, CHANGE, entry) and entry.retired_at is None,
        "person_visible": entry.person_id is not None and access.can(user, VIEW, Person)
        and access.visible(user, Person.objects.filter(pk=entry.person_id)).exists(),
        "show_identity": access.can(user, VIEW_IDENTITY, Person),
    }, status=status)
