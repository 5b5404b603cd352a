"""Recomputing every blind index under the current root secret (`lindung keys_rotate`), so
that a root being rotated out can leave `LINDUNG_SECRET_KEY_FALLBACKS`.

Where blind indexes are kept, and from what they are recomputed:

- people: `nik_index` and `passport_index`, from the encrypted NIK and passport number;
- watchlist entries: `nik_index`, from the encrypted NIK;
- census households: `household_key` "kk:<index>" from the household's encrypted family
  card number, "head:<NIK index>" from the NIK of the member it was made from;
- screening alerts: `subject` "nik:", "passport:" or "name:<index>", from the screened
  passenger's encrypted NIK or passport number, or their name and birth date.

Values recomputed from the clear value are simply written again; keys that name an index
of something else ("head:", alert subjects) are rewritten only when the stored index is
confirmed under one of the configured roots, so running it again changes nothing. What
cannot be recomputed (a household key made from a family card number before the number was
kept) is counted and left as it is.

The run marks the indexes "re-indexing" (`common.models.KeyState`) first: no process
computes an index while the columns hold a mix of roots (`core.crypto` refuses), so the
app servers and the worker are stopped for it (docs/security.md). Each batch is its own
transaction; an interrupted run is finished by running it again. The mark then names the
current root, and the caches of this process are reset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from lindung.common import keys
from lindung.common.models import KeyState
from lindung.core import crypto

BATCH = 1000


@dataclass
class Reindexed:
    """Rows whose indexes were written, per kind, and those that could not be recomputed."""

    rows: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        done = ", ".join(f"{count} {name}" for name, count in self.rows.items())
        kept = ", ".join(f"{count} {name}" for name, count in self.kept.items() if count)
        return f"re-indexed {done}" + (f"; not recomputable, kept: {kept}" if kept else "")


def reindex(*, batch: int = BATCH) -> Reindexed:
    """Recompute every blind index under the current root, then mark them so."""
    current = keys.key(crypto.INDEX_PURPOSE)
    configured = keys.keys(crypto.INDEX_PURPOSE)
    KeyState.objects.update_or_create(
        purpose=crypto.INDEX_PURPOSE,
        defaults={"fingerprint": _state_fingerprint(), "reindexing": True})
    crypto.reset_caches()
    result = Reindexed()
    result.rows["people"] = _people(current, batch)
    result.rows["watchlist entries"] = _watchlist(current, batch)
    result.rows["households"], result.kept["households"] = _households(current, configured,
                                                                       batch)
    result.rows["alerts"], result.kept["alerts"] = _alerts(current, configured, batch)
    KeyState.objects.filter(purpose=crypto.INDEX_PURPOSE).update(
        fingerprint=keys.fingerprint(current), reindexing=False)
    crypto.reset_caches()
    return result


def _state_fingerprint() -> str:
    """The fingerprint the state keeps while re-indexing (informative only)."""
    row = KeyState.objects.filter(purpose=crypto.INDEX_PURPOSE).first()
    return row.fingerprint if row else keys.fingerprint(keys.oldest_key(crypto.INDEX_PURPOSE))


def _batches(queryset: models.QuerySet[Any], batch: int) -> Iterator[list[Any]]:
    """The rows of `queryset` in primary-key order, `batch` at a time (keyset paging)."""
    last: Any = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        rows = list(page[:batch])
        if not rows:
            return
        yield rows
        last = rows[-1].pk


def _rewrite(queryset: models.QuerySet[Any], fields: Sequence[str], batch: int,
             change: Callable[[Any], bool]) -> int:
    """Apply `change` to every row (True when it changed the row) and save the changed
    `fields`, one transaction per batch; rows changed."""
    changed = 0
    for rows in _batches(queryset, batch):
        dirty = [row for row in rows if change(row)]
        with transaction.atomic():
            queryset.model.objects.bulk_update(dirty, list(fields))
        changed += len(dirty)
    return changed


def _people(current: bytes, batch: int) -> int:
    from lindung.people.models import Person

    def change(person: Person) -> bool:
        nik = crypto.blind_index_under(current, "nik", person.nik) if person.nik else ""
        passport = (crypto.blind_index_under(current, "passport", person.passport_number)
                    if person.passport_number else "")
        if (person.nik_index, person.passport_index) == (nik, passport):
            return False
        person.nik_index, person.passport_index = nik, passport
        return True

    people = Person.objects.only("pk", "nik", "nik_index", "passport_number",
                                 "passport_index")
    return _rewrite(people, ["nik_index", "passport_index"], batch, change)


def _watchlist(current: bytes, batch: int) -> int:
    from lindung.people.models import WatchlistEntry

    def change(entry: WatchlistEntry) -> bool:
        index = crypto.blind_index_under(current, "nik", entry.nik) if entry.nik else ""
        if entry.nik_index == index:
            return False
        entry.nik_index = index
        return True

    entries = WatchlistEntry.objects.only("pk", "nik", "nik_index")
    return _rewrite(entries, ["nik_index"], batch, change)


def _rekeyed(stored: str, kind: str, values: Sequence[str], current: bytes,
             configured: Sequence[bytes]) -> str | None:
    """The index of whichever of `values` `stored` is the index of (under any configured
    root), under `current`; None when none of them is."""
    for value in values:
        if not value:
            continue
        if any(stored == crypto.blind_index_under(key, kind, value) for key in configured):
            return crypto.blind_index_under(current, kind, value)
    return None


def _households(current: bytes, configured: Sequence[bytes], batch: int) -> tuple[int, int]:
    from lindung.people.models import Person
    from lindung.villages.keys import clean_family_card
    from lindung.villages.models import CensusHousehold

    kept = 0

    def change(census: CensusHousehold) -> bool:
        nonlocal kept
        prefix, _, stored = census.household_key.partition(":")
        if prefix == "kk":
            number = census.household.family_card_number
            index = (crypto.blind_index_under(current, "kk", clean_family_card(number))
                     if number else None)
        elif prefix == "head" and len(stored) == 40 and "|" not in stored:
            niks = Person.objects.filter(household_id=census.household_id).exclude(
                nik="").order_by("household_relation").values_list("nik", flat=True)
            index = _rekeyed(stored, "nik", list(niks), current, configured)
        else:  # the sheet's own household number, or a head without NIK: no index
            return False
        if index is None:
            kept += 1
            return False
        key = f"{prefix}:{index}"
        if key == census.household_key:
            return False
        census.household_key = key
        return True

    households = CensusHousehold.objects.select_related("household").only(
        "pk", "household_key", "household_id", "household__family_card_number")
    changed = _rewrite(households, ["household_key"], batch, change)
    return changed, kept


def _alerts(current: bytes, configured: Sequence[bytes], batch: int) -> tuple[int, int]:
    from lindung.matching.normalize import normalize_name
    from lindung.screening.models import Alert

    kept = 0

    def change(alert: Alert) -> bool:
        nonlocal kept
        prefix, _, stored = alert.subject.partition(":")
        passenger = alert.passenger
        if prefix == "nik":
            index = _rekeyed(stored, "nik", [passenger.nik], current, configured)
        elif prefix == "passport":
            index = _rekeyed(stored, "passport", [passenger.passport_number], current,
                             configured)
        elif prefix == "name":
            index = _rekeyed(stored, "screening-name", [
                f"{normalize_name(passenger.name)}|{passenger.birth_date or ''}"], current,
                configured)
        else:  # person:<id>
            return False
        if index is None:
            kept += 1
            return False
        subject = f"{prefix}:{index}"
        if subject == alert.subject:
            return False
        alert.subject = subject
        return True

    alerts = Alert.objects.select_related("passenger").only(
        "pk", "subject", "passenger__nik", "passenger__passport_number", "passenger__name",
        "passenger__birth_date")
    changed = _rewrite(alerts, ["subject"], batch, change)
    return changed, kept
