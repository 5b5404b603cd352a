"""Loading the shipped region tree."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from lindung.regions.models import Region
from lindung.regions.names import normalize_region_name

DATA_FILE = Path(__file__).resolve().parent / "data" / "regions.csv.gz"
BATCH = 5000


@dataclass(frozen=True)
class RegionLoadResult:
    created: int
    updated: int
    unchanged: int


def read_region_rows(path: Path = DATA_FILE) -> Iterator[tuple[str, str, str, str]]:
    """(code, parent_code, level, name), parents before children."""
    with gzip.open(path, "rb") as raw:
        reader = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"))
        for row in reader:
            yield row["code"], row["parent_code"], row["level"], row["name"]


def _wanted(code: str, only: tuple[str, ...]) -> bool:
    """A code inside one of `only`, or an ancestor of one of them."""
    return any(code == p or code.startswith(p + ".") or p.startswith(code + ".") for p in only)


def regions_load(*, path: Path = DATA_FILE, only: tuple[str, ...] = (),
                 progress: Callable[[int], None] | None = None) -> RegionLoadResult:
    """Insert missing regions and update renamed ones. Safe to run again: a second run
    changes nothing. `only` limits the load to some subtrees (and their ancestors)."""
    existing = dict(Region.objects.values_list("code", "name"))
    created = updated = unchanged = 0
    batch: list[Region] = []
    renamed: list[Region] = []
    with transaction.atomic():
        for code, parent_code, level, name in read_region_rows(path):
            if only and not _wanted(code, only):
                continue
            old_name = existing.get(code)
            if old_name is None:
                batch.append(Region(code=code, parent_id=parent_code or None, level=level,
                                    name=name, search_name=normalize_region_name(name)))
                if len(batch) >= BATCH:
                    Region.objects.bulk_create(batch)
                    created += len(batch)
                    if progress:
                        progress(created)
                    batch = []
            elif old_name != name:
                renamed.append(Region(code=code, name=name,
                                      search_name=normalize_region_name(name)))
            else:
                unchanged += 1
        if batch:
            Region.objects.bulk_create(batch)
            created += len(batch)
        if renamed:
            Region.objects.bulk_update(renamed, ["name", "search_name"], batch_size=BATCH)
            updated = len(renamed)
    return RegionLoadResult(created=created, updated=updated, unchanged=unchanged)
