"""Recomputing every blind index under the current root secret (`lindung keys_rotate`), so
that a root being rotated out can leave `LINDUNG_SECRET_KEY_FALLBACKS`.

Each app that keeps blind indexes registers how to recompute them (`register`, imported
from its `apps.py`), and from what:

- people (`people/reindex.py`): `nik_index` and `passport_index`, from the encrypted NIK
  and passport number; watchlist entries: `nik_index`, from the encrypted NIK;
- census households (`villages/reindex.py`): `household_key` "kk:<index>" from the
  household's encrypted family card number, "head:<NIK index>" from the NIK of the member
  it was made from;
- screening alerts (`screening/reindex.py`): `subject` "nik:", "passport:" or
  "name:<index>", from the screened passenger's encrypted NIK or passport number, or their
  name and birth date.

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

from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Literal

from django.db import models
from django.db import transaction

from lindung.common import keys
from lindung.common.models import KeyState
from lindung.core import crypto

BATCH = 1000


@dataclass(frozen=True)
class Keys:
    """What a re-indexer needs: the key to write under, every configured key (to confirm
    an index before rewriting what names it), and the batch size."""

    current: bytes
    configured: Sequence[bytes]
    batch: int


#: name -> re-indexer, returning (rows rewritten, rows that could not be recomputed)
Reindexer = Callable[[Keys], tuple[int, int]]
_REINDEXERS: dict[str, Reindexer] = {}


def register(name: str) -> Callable[[Reindexer], Reindexer]:
    """Register how to recompute the blind indexes of `name` (a plural noun, as printed)."""
    def decorate(reindexer: Reindexer) -> Reindexer:
        _REINDEXERS[name] = reindexer
        return reindexer
    return decorate


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
    given = Keys(current=current, configured=configured, batch=batch)
    for name, reindexer in _REINDEXERS.items():
        result.rows[name], result.kept[name] = reindexer(given)
    KeyState.objects.filter(purpose=crypto.INDEX_PURPOSE).update(
        fingerprint=keys.fingerprint(current), reindexing=False)
    crypto.reset_caches()
    return result


def _state_fingerprint() -> str:
    """The fingerprint the state keeps while re-indexing (informative only)."""
    row = KeyState.objects.filter(purpose=crypto.INDEX_PURPOSE).first()
    return row.fingerprint if row else keys.fingerprint(keys.oldest_key(crypto.INDEX_PURPOSE))


def batches(queryset: models.QuerySet[Any], batch: int) -> Iterator[list[Any]]:
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


def rewrite(queryset: models.QuerySet[Any], fields: Sequence[str], batch: int,
             change: Callable[[Any], bool]) -> int:
    """Apply `change` to every row (True when it changed the row) and save the changed
    `fields`, one transaction per batch; rows changed."""
    changed = 0
    for rows in batches(queryset, batch):
        dirty = [row for row in rows if change(row)]
        with transaction.atomic():
            queryset.model.objects.bulk_update(dirty, list(fields))
        changed += len(dirty)
    return changed


#: What an :func:`rewrite_prefixed` index function returns for a key that names no blind
#: index (a sheet's own household number, "person:<id>"): the key is left as it is.
NOT_AN_INDEX: Literal[False] = False


def rewrite_prefixed(queryset: models.QuerySet[Any], field_name: str, batch: int,
                     index_for: Callable[[Any, str, str], str | Literal[False] | None],
                     ) -> tuple[int, int]:
    """Rewrite keys of the form "<prefix>:<index>" in `field_name`: ``index_for(row, prefix,
    stored)`` gives the index under the current root, None when it cannot be recomputed
    (counted and kept), or :data:`NOT_AN_INDEX`. Returns (rows rewritten, rows kept)."""
    kept = 0

    def change(row: Any) -> bool:
        nonlocal kept
        prefix, _, stored = getattr(row, field_name).partition(":")
        index = index_for(row, prefix, stored)
        if index is NOT_AN_INDEX:
            return False
        if index is None:
            kept += 1
            return False
        key = f"{prefix}:{index}"
        if key == getattr(row, field_name):
            return False
        setattr(row, field_name, key)
        return True

    changed = rewrite(queryset, [field_name], batch, change)
    return changed, kept


def rekeyed(stored: str, kind: str, values: Sequence[str], current: bytes,
             configured: Sequence[bytes]) -> str | None:
    """The index of whichever of `values` `stored` is the index of (under any configured
    root), under `current`; None when none of them is."""
    for value in values:
        if not value:
            continue
        if any(stored == crypto.blind_index_under(key, kind, value) for key in configured):
            return crypto.blind_index_under(current, kind, value)
    return None
