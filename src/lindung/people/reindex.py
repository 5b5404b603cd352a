"""The blind indexes of the person registry, recomputed under the current root secret by
`lindung keys_rotate` (core/reindex.py): people's NIK and passport indexes and watchlist
NIK indexes, from the encrypted numbers themselves."""

from __future__ import annotations

from lindung.core import crypto
from lindung.core import reindex
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry


@reindex.register("people")
def people(keys: reindex.Keys) -> tuple[int, int]:
    current = keys.current

    def change(person: Person) -> bool:
        nik = crypto.blind_index_under(current, "nik", person.nik) if person.nik else ""
        passport = (crypto.blind_index_under(current, "passport", person.passport_number)
                    if person.passport_number else "")
        if (person.nik_index, person.passport_index) == (nik, passport):
            return False
        person.nik_index, person.passport_index = nik, passport
        return True

    rows = Person.objects.only("pk", "nik", "nik_index", "passport_number", "passport_index")
    return reindex.rewrite(rows, ["nik_index", "passport_index"], keys.batch, change), 0


@reindex.register("watchlist entries")
def watchlist(keys: reindex.Keys) -> tuple[int, int]:
    current = keys.current

    def change(entry: WatchlistEntry) -> bool:
        index = crypto.blind_index_under(current, "nik", entry.nik) if entry.nik else ""
        if entry.nik_index == index:
            return False
        entry.nik_index = index
        return True

    rows = WatchlistEntry.objects.only("pk", "nik", "nik_index")
    return reindex.rewrite(rows, ["nik_index"], keys.batch, change), 0
