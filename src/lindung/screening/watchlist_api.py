"""The watchlist of a post over the API (mounted under /screening/watchlist): list the
entries in scope, read one with its screening hits, correct it, merge duplicates into it,
retire it with a reason. Entries are never deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja import Schema
from pydantic import Field

from lindung.common import stored_text
from lindung.common.filters import choice_filter
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.people import services as people_services
from lindung.people.choices import WatchlistKind
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry
from lindung.regions.nik import mask_nik
from lindung.screening import services
from lindung.screening.watchlist_views import STATUSES
from lindung.screening.watchlist_views import source_of
from lindung.screening.watchlist_views import watchlist_entries

router = Router(tags=["watchlist"])

MAX_PAGE = 1_000


class SourceOut(Schema):
    entity: str
    id: str
    label: str


class EntryOut(Schema):
    id: UUID
    kind: str
    name: str
    aliases: str
    birth_date: dt.date | None
    nik: str
    phone: str
    social_handle: str
    reason: str
    region_code: str
    person_id: UUID | None
    source: SourceOut
    added_by: str
    added_at: dt.datetime
    retired_at: dt.datetime | None
    retired_reason: str
    merged_into: UUID | None


class HitOut(Schema):
    passenger_id: UUID
    manifest_id: UUID
    site_id: UUID
    departure_date: dt.date
    verdict: str
    alert_id: UUID | None


class EntryDetailOut(EntryOut):
    merged: list[UUID]
    hits: list[HitOut]


class CorrectIn(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    aliases: str | None = Field(default=None, max_length=300)
    birth_date: dt.date | None = None
    nik: str | None = Field(default=None, max_length=40)
    phone: str | None = Field(default=None, max_length=32)
    social_handle: str | None = Field(default=None, max_length=100)
    reason: str | None = Field(default=None, max_length=300)


class RetireIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class MergeIn(Schema):
    others: list[UUID] = Field(min_length=1, max_length=50,
                               description="the duplicate entries to merge into this one")


def entry_out(entry: WatchlistEntry, reveal: bool) -> EntryOut:
    return EntryOut(**_entry_fields(entry, reveal))


def _entry_fields(entry: WatchlistEntry, reveal: bool) -> dict[str, Any]:
    return {
        "id": entry.pk, "kind": entry.kind, "name": entry.name, "aliases": entry.aliases,
        "birth_date": entry.birth_date,
        "nik": entry.nik if reveal else (mask_nik(entry.nik) if entry.nik else ""),
        "phone": entry.phone, "social_handle": entry.social_handle,
        "reason": stored_text.show(entry.reason),
        "region_code": entry.region_code, "person_id": entry.person_id,
        "source": SourceOut(entity=entry.source_entity, id=entry.source_id,
                            label=source_of(entry)["label"]),
        "added_by": entry.created_by.username if entry.created_by else "",
        "added_at": entry.created_at, "retired_at": entry.retired_at,
        "retired_reason": entry.retired_reason, "merged_into": entry.merged_into_id}


def _detail(request: HttpRequest, entry: WatchlistEntry) -> EntryDetailOut:
    user = staff_user(request)
    people_services.watchlist_entry_viewed(actor=user, entry=entry, context="api")
    hits = [HitOut(passenger_id=p.pk, manifest_id=p.manifest_id, site_id=p.manifest.site_id,
                   departure_date=p.manifest.departure_date, verdict=p.verdict,
                   alert_id=getattr(getattr(p, "alert_hit", None), "alert_id", None))
            for p in services.entry_hits(user, [str(entry.pk)])[:100]]
    return EntryDetailOut(**_entry_fields(entry, access.can(user, VIEW_IDENTITY, Person)),
                          merged=list(entry.merged.values_list("pk", flat=True)), hits=hits)


def _entry(request: HttpRequest, entry_id: UUID, action: str = VIEW) -> WatchlistEntry:
    return access.get_visible_or_404(
        staff_user(request), WatchlistEntry.objects.select_related("created_by"), action,
        pk=entry_id)


@router.get("", response=list[EntryOut], summary="Watchlist entries in the caller's scope")
def entry_list(request: HttpRequest, kind: str = "", status: str = "active", q: str = "",
               offset: int = 0, limit: int = 100) -> list[EntryOut]:
    user = staff_user(request)
    access.require(user, VIEW, WatchlistEntry)
    kind = choice_filter(kind, "kind", WatchlistKind.values)
    status = choice_filter(status, "status", STATUSES) or "active"
    limit = max(1, min(limit, MAX_PAGE))
    entries = watchlist_entries(user, kind=kind, status=status, q=q[:100])
    reveal = access.can(user, VIEW_IDENTITY, Person)
    return [entry_out(entry, reveal)
            for entry in entries[max(offset, 0):max(offset, 0) + limit]]


@router.get("/{entry_id}", response=EntryDetailOut,
            summary="One entry with the entries merged into it and its screening hits")
def entry_get(request: HttpRequest, entry_id: UUID) -> EntryDetailOut:
    return _detail(request, _entry(request, entry_id))


@router.patch("/{entry_id}", response=EntryDetailOut,
              summary="Correct an entry (audited with the values before and after)")
def entry_correct(request: HttpRequest, entry_id: UUID, payload: CorrectIn) -> EntryDetailOut:
    entry = _entry(request, entry_id, CHANGE)
    changes = payload.dict(exclude_unset=True)
    if not changes:
        raise ValidationError(_("Tidak ada yang dikoreksi"))
    if changes.get("name", "") is None:
        raise ValidationError({"name": "name: " + _("wajib diisi")})
    people_services.watchlist_entry_correct(actor=staff_user(request), entry=entry, **changes)
    return _detail(request, entry)


@router.post("/{entry_id}/retire", response=EntryDetailOut,
             summary="Retire an entry with a reason (never deleted)")
def entry_retire(request: HttpRequest, entry_id: UUID, payload: RetireIn) -> EntryDetailOut:
    entry = _entry(request, entry_id, CHANGE)
    if entry.retired_at is not None:
        raise ValidationError(_("Entri sudah dipensiunkan"))
    people_services.watchlist_entry_retire(actor=staff_user(request), entry=entry,
                                           reason=payload.reason, manual=True)
    return _detail(request, entry)


@router.post("/{entry_id}/merge", response=EntryDetailOut,
             summary="Merge duplicate entries into this one (they are retired, their hits "
                     "move here)")
def entry_merge(request: HttpRequest, entry_id: UUID, payload: MergeIn) -> EntryDetailOut:
    user = staff_user(request)
    entry = _entry(request, entry_id, CHANGE)
    others = list(access.visible(user, WatchlistEntry.objects.filter(pk__in=payload.others),
                                 CHANGE))
    if len(others) != len(set(payload.others)):
        raise ValidationError({"others": "others: " + _(
            "entri tidak dikenal atau di luar wilayah Anda")})
    services.watchlist_merge(actor=user, survivor=entry, others=others)
    return _detail(request, entry)
