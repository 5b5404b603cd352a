"""The matching engine on the database: stored blocking keys, candidate retrieval, scoring.

Keys (:func:`lindung.matching.keys.record_keys`) are stored in ``PersonMatchKey`` (indexed
on ``(key, person)``) and kept current by :func:`person_keys_refresh`, which
``person_create`` and ``person_update`` call in their transaction. Bulk writers that bypass
those services call :func:`person_keys_bulk_refresh`; the de-duplication job indexes any
person still without keys (:func:`person_keys_backfill`). ``MatchKeyFrequency`` holds how
many people share each key; the batch job refreshes it (:func:`key_frequencies_refresh`).

Retrieval (:func:`match_people`) works per chunk of up to :data:`CHUNK` queries in a fixed
number of queries, whatever the chunk size: the key frequencies of the chunk's keys, the
key rows of the keys chosen per query (smallest blocks first, up to a budget:
:func:`lindung.matching.retrieval.select_keys`), then the candidate people, found by those
keys or by an identical NIK or passport (keyed hashes). Scoring is in memory
(:func:`lindung.matching.score.quick_log_odds`, then an explanation for the few kept).
NIKs stay encrypted: they are compared by their keyed hash, and a candidate's NIK is
decrypted only when the hashes differ and the pair is otherwise close enough for a typing
error in the NIK to matter.

The watchlist has its own key table (``WatchlistMatchKey``), filled from an entry's name and
aliases by :func:`watchlist_keys_refresh` and :func:`watchlist_keys_sync`.
"""

from __future__ import annotations

import math
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from functools import lru_cache
from typing import Any
from typing import Final

from django.db import connection
from django.db import transaction
from django.db.models import Exists
from django.db.models import OuterRef

from lindung.core import crypto
from lindung.core.sql import in_values
from lindung.core.sql import read_date
from lindung.core.sql import text_date
from lindung.core.sql import text_id
from lindung.matching.decide import Identification
from lindung.matching.decide import identify
from lindung.matching.keys import STOP_KEY_LIMIT
from lindung.matching.keys import record_keys
from lindung.matching.keys import spelling_key
from lindung.matching.keys import unique_key
from lindung.matching.names import NameEvidence
from lindung.matching.normalize import name_tokens
from lindung.matching.retrieval import SEARCH_BUDGET
from lindung.matching.retrieval import select_keys
from lindung.matching.score import POSSIBLE_LOG_ODDS
from lindung.matching.score import MatchResult
from lindung.matching.score import Record
from lindung.matching.score import make_record
from lindung.matching.score import nik_agrees
from lindung.matching.score import place_key
from lindung.matching.score import quick_scored
from lindung.matching.score import score_records
from lindung.matching.weights import PhoneticCounts
from lindung.matching.weights import TokenWeights
from lindung.people.models import MatchKeyFrequency
from lindung.people.models import Person
from lindung.people.models import PersonIdentity
from lindung.people.models import PersonMatchKey
from lindung.people.models import WatchlistEntry
from lindung.people.models import WatchlistMatchKey

#: Queries matched together: their keys, key rows and candidates are read in one query each.
CHUNK: Final = 500
#: Parameters per IN (...) list, under SQLite's and PostgreSQL's limits.
IN_BATCH: Final = 20_000
#: Key rows written per INSERT.
WRITE_BATCH: Final = 5_000
#: A watchlist entry whose name gives no blocking key (one very common token, no birth
#: date) still gets this key, so that it is known to be indexed.
INDEXED_MARKER: Final = "-"
_WATCHLIST_NAME_PREFIX: Final = "n:"
#: The row of the key-frequency table that holds the number of people.
TOTAL_KEY: Final = "#people"
#: Frequency rows of birth places ("#b:" + place_key): no blocking key starts with "#".
PLACE_PREFIX: Final = "#b:"
_ALIAS_SEPARATORS: Final = re.compile(r"[;,/|\n]+")

_WEIGHTS: Final = TokenWeights()


def _quote(name: str) -> str:
    return str(connection.ops.quote_name(name))


def _table(model: Any) -> str:
    return _quote(model._meta.db_table)


def _batches(items: Sequence[Any], size: int = IN_BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _select_in(sql: str, column: str, values: Sequence[Any], params: Sequence[Any] = (),
               *, cast: str = "") -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (ending in WHERE ... AND) for ``column IN values``, in batches, the
    values of a batch as one parameter (:func:`lindung.core.sql.in_values`; ``cast="uuid"``
    for ids read by :func:`lindung.core.sql.text_id`); raw SQL because the ORM's IN lookups
    cost more than the query itself at these sizes."""
    rows: list[tuple[Any, ...]] = []
    if not values:
        return rows
    with connection.cursor() as cursor:
        for batch in _batches(list(values)):
            condition, parameter = in_values(_quote(column), batch, cast=cast)
            cursor.execute(f"{sql} {condition}", [*params, parameter])
            rows.extend(cursor.fetchall())
    return rows


def as_uuid(value: Any) -> uuid.UUID:
    """A primary key as read by raw SQL (hex text on SQLite, a UUID on PostgreSQL)."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


# ---------------------------------------------------------------------------------------------
# Keys


def person_keys(person: Person) -> set[str]:
    """The person's blocking keys; :data:`INDEXED_MARKER` alone when the name gives none (one
    very common token and no birth date), so that the person counts as indexed."""
    return record_keys(person.name, person.birth_date) or {INDEXED_MARKER}


def person_keys_refresh(person: Person) -> None:
    """Rewrite one person's keys (call inside the transaction that saved the person)."""
    PersonMatchKey.objects.filter(person=person).delete()
    PersonMatchKey.objects.bulk_create(
        [PersonMatchKey(person=person, key=key) for key in sorted(person_keys(person))])


def person_keys_bulk_refresh(person_ids: Iterable[uuid.UUID | str]) -> int:
    """Rewrite the keys of many people (for bulk writers that bypass ``person_create``).
    Returns the number of keys written."""
    ids = [as_uuid(pk) for pk in person_ids]
    written = 0
    for batch in _batches(ids, 2_000):
        rows = Person.objects.filter(pk__in=batch).values_list("id", "name", "birth_date")
        keys = [PersonMatchKey(person_id=pk, key=key) for pk, name, born in rows
                for key in record_keys(name, born) or {INDEXED_MARKER}]
        with transaction.atomic():
            PersonMatchKey.objects.filter(person_id__in=batch).delete()
            PersonMatchKey.objects.bulk_create(keys, batch_size=WRITE_BATCH)
        written += len(keys)
    return written


def people_without_keys() -> list[uuid.UUID]:
    indexed = PersonMatchKey.objects.filter(person_id=OuterRef("pk"))
    return list(Person.objects.filter(~Exists(indexed)).values_list("pk", flat=True))


def person_keys_backfill(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every person who has no keys yet (people written in bulk, older data)."""
    missing = people_without_keys()
    done = 0
    for batch in _batches(missing, 10_000):
        person_keys_bulk_refresh(batch)
        done += len(batch)
        if progress is not None:
            progress(done, len(missing))
    return len(missing)


def key_frequencies_refresh() -> int:
    """Recount how many people share each key, the number of people (the row
    :data:`TOTAL_KEY`) and the people per birth place. Returns the number of keys.

    The key counts are grouped into a temporary table and only what differs is written:
    changed counts, keys gone, keys new. A nightly run over a registry that changed a little
    writes a few rows; rewriting all 1.4 million counts of 1,000,000 people (index entries
    included) took 20-40 s on PostgreSQL, most of a de-duplication's budget."""
    keys, frequencies = _table(PersonMatchKey), _table(MatchKeyFrequency)
    key, people = _quote("key"), _quote("people")
    counts = "lindung_key_counts"
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Whole tables against each other: hash joins in memory. (The application's
            # random_page_cost=1.1, right for look-ups, makes the planner join 1.4 million
            # rows by index look-ups instead: 8 s a statement rather than 1.)
            cursor.execute("SET LOCAL enable_nestloop = off")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        # Table and column names only: the values are parameters.
        cursor.execute(f"CREATE TEMPORARY TABLE {counts} AS "  # noqa: S608
                       f"SELECT {key} AS k, COUNT(*) AS n FROM {keys} GROUP BY {key}")
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {counts}")
        else:  # SQLite joins by index look-ups
            cursor.execute(f"CREATE UNIQUE INDEX {counts}_k ON {counts} (k)")
        cursor.execute(f"DELETE FROM {frequencies} WHERE {key} = %s "  # noqa: S608
                       f"OR {key} LIKE %s", [TOTAL_KEY, PLACE_PREFIX + "%"])
        cursor.execute(f"UPDATE {frequencies} AS f SET {people} = c.n "  # noqa: S608
                       f"FROM {counts} AS c WHERE f.{key} = c.k AND f.{people} <> c.n")
        cursor.execute(f"DELETE FROM {frequencies} WHERE NOT EXISTS ("  # noqa: S608
                       f"SELECT 1 FROM {counts} AS c WHERE c.k = {frequencies}.{key})")
        cursor.execute(f"INSERT INTO {frequencies} ({key}, {people}) "  # noqa: S608
                       f"SELECT c.k, c.n FROM {counts} AS c WHERE NOT EXISTS ("
                       f"SELECT 1 FROM {frequencies} AS f WHERE f.{key} = c.k)")
        cursor.execute(f"SELECT COUNT(*) FROM {counts}")  # noqa: S608
        count: int = cursor.fetchone()[0]
        cursor.execute(f"DROP TABLE {counts}")
        cursor.execute(f"INSERT INTO {frequencies} ({key}, {people}) "  # noqa: S608
                       f"SELECT %s, COUNT(*) FROM {_table(Person)}", [TOTAL_KEY])
        # People per birth place, as the scorer compares places (place_key): the weight of
        # two records agreeing on one (TokenWeights.place).
        cursor.execute(f"SELECT {_quote('birth_place')}, COUNT(*) "  # noqa: S608
                       f"FROM {_table(Person)} GROUP BY {_quote('birth_place')}")
        places: dict[str, int] = defaultdict(int)
        for raw, people_count in cursor.fetchall():
            place = place_key(raw) if raw else ""
            if place:
                places[PLACE_PREFIX + place[:60]] += people_count
        MatchKeyFrequency.objects.bulk_create(
            [MatchKeyFrequency(key=place, people=people_count)
             for place, people_count in places.items()], batch_size=2_000)
    return count


def _place_counts() -> dict[str, int]:
    """People per birth place (place_key), from the frequency table."""
    return {key[len(PLACE_PREFIX):]: people for key, people in MatchKeyFrequency.objects
            .filter(key__startswith=PLACE_PREFIX).values_list("key", "people")}


@dataclass
class _WeightsCache:
    """The ``u:`` counts fetched so far, for one state of the frequency table (its number
    of people): a copy of database rows, dropped when the table is refreshed."""

    people: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    asked: set[str] = field(default_factory=set)
    weights: TokenWeights = field(default_factory=TokenWeights)


_CACHE = _WeightsCache()
_CACHE_LIMIT: Final = 500_000


def _name_tokens(record: Record) -> Iterable[str]:
    """The record's name tokens, or a superset of them for a name not prepared yet (its
    normalised words, the "bin" marker included: one count too many asked is harmless)."""
    if record.deferred_name:
        return record.deferred_name.split()
    return record.name.tokens


def registry_weights(records: Iterable[Record]) -> TokenWeights:
    """Token weights from the registry's own frequencies (the counts of the ``u:`` keys),
    covering the name tokens of ``records``; the built-in weights until counts exist."""
    global _CACHE
    people = (MatchKeyFrequency.objects.filter(key=TOTAL_KEY)
              .values_list("people", flat=True).first())
    if not people:
        return _WEIGHTS
    cache = _CACHE
    if cache.people != people or len(cache.asked) > _CACHE_LIMIT:
        counts: dict[str, int] = {}
        cache = _CACHE = _WeightsCache(people, counts, set(),
                                       TokenWeights(PhoneticCounts(counts), people,
                                                    _place_counts()))
    tokens = {token for record in records for token in _name_tokens(record) if len(token) > 1}
    wanted = sorted({unique_key(token) for token in tokens} - cache.asked)
    cache.counts.update(_select_in(
        f"SELECT {_quote('key')}, {_quote('people')} FROM {_table(MatchKeyFrequency)} "  # noqa: S608
        "WHERE", "key", wanted))
    cache.asked.update(wanted)
    return cache.weights


def registry_weights_all() -> TokenWeights:
    """Token weights from every ``u:`` count (for a run over the whole registry)."""
    people = (MatchKeyFrequency.objects.filter(key=TOTAL_KEY)
              .values_list("people", flat=True).first())
    if not people:
        return _WEIGHTS
    counts = dict(MatchKeyFrequency.objects.filter(key__startswith="u:")
                  .values_list("key", "people"))
    return TokenWeights(PhoneticCounts(counts), people, _place_counts())


def key_sizes(keys: Iterable[str]) -> dict[str, int]:
    """How many people share each key, from the frequency table. When the table is empty
    (never refreshed), the keys are counted directly."""
    wanted = sorted(set(keys))
    sizes: dict[str, int] = dict(_select_in(
        f"SELECT {_quote('key')}, {_quote('people')} FROM {_table(MatchKeyFrequency)} "  # noqa: S608
        "WHERE", "key", wanted))
    if not sizes and wanted and not MatchKeyFrequency.objects.exists():
        with connection.cursor() as cursor:
            for batch in _batches(wanted):
                placeholders = ", ".join(["%s"] * len(batch))
                cursor.execute(
                    f"SELECT {_quote('key')}, COUNT(*) FROM {_table(PersonMatchKey)} "  # noqa: S608
                    f"WHERE {_quote('key')} IN ({placeholders}) GROUP BY {_quote('key')}",
                    list(batch))
                sizes.update(cursor.fetchall())
    return sizes


# ---------------------------------------------------------------------------------------------
# Retrieval and scoring


@dataclass(frozen=True)
class Probe:
    """A person looked for: a passenger, a name typed into a form."""

    name: str
    birth_date: date | None = None
    birth_place: str = ""
    sex: str = ""
    nik: str = ""
    passport: str = ""


class _Scored:
    """A found record's score and decision, read from its explained result."""

    result: MatchResult

    @property
    def score(self) -> float:
        return self.result.score

    @property
    def decision(self) -> str:
        return self.result.decision


@dataclass(frozen=True)
class Hit(_Scored):
    """A stored record found for a probe, with its explained score."""

    id: uuid.UUID
    result: MatchResult


def _nik_digits(raw: str) -> str:
    digits = "".join(ch for ch in raw if ch.isdigit())
    return digits if len(digits) == 16 else ""


def _passport(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


@lru_cache(maxsize=2 * CHUNK)
def _prepared(probe: Probe) -> tuple[Record, frozenset[str]]:
    """The probe's record and blocking keys, once for the registry and the watchlist of a
    chunk (memoised on the probe; the record only caches its NIK once unsealed). Whoever
    screens calls :func:`probes_forget` when done."""
    nik = _nik_digits(probe.nik)
    passport = _passport(probe.passport)
    record = make_record(
        "", probe.name, probe.birth_date, probe.birth_place, probe.sex,
        nik=nik, nik_key=crypto.blind_index("nik", nik) if nik else "",
        passport=passport,
        passport_key=crypto.blind_index("passport", passport) if passport else "")
    return record, frozenset(record_keys(probe.name, probe.birth_date))


def probes_forget() -> None:
    """Drop the prepared probes (:func:`_prepared`): they hold passengers' NIKs and passport
    numbers in clear, which must not outlive the screening that needed them in a
    long-running process."""
    _prepared.cache_clear()


def _unseal(sealed: str) -> str:
    return crypto.decrypt(sealed)


_CANDIDATE_COLUMNS: Final = ("id", "name", "search_name", "birth_date", "birth_place", "sex",
                             "nik", "nik_index", "passport_index")


def _person_rows(ids: Sequence[str], nik_keys: Sequence[str],
                 passport_keys: Sequence[str]) -> list[tuple[Any, ...]]:
    """Candidate rows by id (as :func:`~lindung.core.sql.text_id` reads it), NIK hash or
    passport hash (raw SQL: the NIK stays sealed); the id comes back as that text."""
    columns = ", ".join([text_id(_quote("id")),
                         *(text_date(_quote(name)) if name == "birth_date" else _quote(name)
                           for name in _CANDIDATE_COLUMNS[1:])])
    select = f"SELECT {columns} FROM {_table(Person)} WHERE"  # noqa: S608
    return [*_select_in(select, "id", ids, cast="uuid"),
            *_select_in(select, "nik_index", nik_keys),
            *_select_in(select, "passport_index", passport_keys)]


def _candidate_record(row: tuple[Any, ...]) -> Record:
    """A candidate from a row of :data:`_CANDIDATE_COLUMNS` (its id as text); the name is
    prepared when a comparison first needs it (most candidates are rejected before)."""
    pk, name, normalized, born, place, sex, sealed, nik_key, passport_key = row
    return make_record(pk, name, read_date(born), place, sex, nik_key=nik_key or "",
                       nik_sealed=sealed or "", passport_key=passport_key or "",
                       normalized=normalized or None, defer_name=True)


def _rank(query: Record, candidates: Iterable[Record], *, floor: float, limit: int,
          weights: TokenWeights) -> list[Hit]:
    scored: list[tuple[float, Record, NameEvidence | None]] = []
    for candidate in candidates:
        log_odds, found = quick_scored(query, candidate, weights, floor, unseal=_unseal)
        # (-inf: cut off by a bound, which never happens to a pair whose NIKs agree)
        if log_odds >= floor or (log_odds != -math.inf and nik_agrees(query, candidate)):
            scored.append((log_odds, candidate, found))
    scored.sort(key=lambda item: (-item[0], item[1].id))
    hits = []
    for _log_odds, candidate, found in scored[:limit]:
        result = score_records(query, candidate, weights, unseal=_unseal, name_found=found)
        hits.append(Hit(as_uuid(candidate.id), result))
    hits.sort(key=lambda hit: (-hit.result.log_odds, str(hit.id)))
    return hits


def match_people(probes: Sequence[Probe], *, limit: int = 5,
                 floor: float = POSSIBLE_LOG_ODDS, budget: int = SEARCH_BUDGET,
                 weights: TokenWeights | None = None) -> list[list[Hit]]:
    """The registry's best candidates for each probe, best first, scoring at least ``floor``
    (log-odds; 0 is a score of 0.5), at most ``limit`` each. Anyone with the same NIK is
    always among them."""
    results: list[list[Hit]] = []
    for start in range(0, len(probes), CHUNK):
        results.extend(_match_chunk(probes[start:start + CHUNK], limit=limit, floor=floor,
                                    budget=budget, weights=weights))
    return results


def _match_chunk(probes: Sequence[Probe], *, limit: int, floor: float, budget: int,
                 weights: TokenWeights | None) -> list[list[Hit]]:
    prepared = [_prepared(probe) for probe in probes]
    records = [record for record, _keys in prepared]
    keys_of = [keys for _record, keys in prepared]
    sizes = key_sizes(key for keys in keys_of for key in keys)
    chosen = [select_keys(keys, sizes, budget=budget) for keys in keys_of]
    members: dict[str, list[str]] = defaultdict(list)
    wanted = sorted({key for keys in chosen for key in keys})
    for key, person_id in _select_in(
            f"SELECT {_quote('key')}, {text_id(_quote('person_id'))} "  # noqa: S608
            f"FROM {_table(PersonMatchKey)} WHERE", "key", wanted):
        members[key].append(person_id)
    ids = sorted({person_id for rows in members.values() for person_id in rows})
    nik_keys = sorted({record.nik_key for record in records if record.nik_key})
    passport_keys = sorted({record.passport_key for record in records if record.passport_key})
    candidates: dict[str, Record] = {}
    by_nik: dict[str, list[str]] = defaultdict(list)
    by_passport: dict[str, list[str]] = defaultdict(list)
    for row in _person_rows(ids, nik_keys, passport_keys):
        pk = row[0]
        if pk in candidates:
            continue
        record = candidates[pk] = _candidate_record(row)
        if record.nik_key:
            by_nik[record.nik_key].append(pk)
        if record.passport_key:
            by_passport[record.passport_key].append(pk)
    if weights is None:
        weights = registry_weights([*records, *candidates.values()])
    results = []
    for record, keys in zip(records, chosen, strict=True):
        found = {person_id for key in keys for person_id in members.get(key, ())}
        found.update(by_nik.get(record.nik_key, ()) if record.nik_key else ())
        found.update(by_passport.get(record.passport_key, ()) if record.passport_key else ())
        # In any order: _rank sorts by score, then id.
        results.append(_rank(record, (candidates[pk] for pk in found if pk in candidates),
                             floor=floor, limit=limit, weights=weights))
    return results


def compare_people(person_id: uuid.UUID,
                   others: Sequence[uuid.UUID]) -> dict[uuid.UUID, MatchResult]:
    """The explained comparison of one registry person with each of ``others`` (by id; the
    registry's weights), e.g. to record a pair an officer decided on."""
    def as_text(pk: uuid.UUID) -> str:
        return str(pk) if connection.vendor == "postgresql" else pk.hex

    rows = _person_rows([as_text(person_id), *(as_text(pk) for pk in others)], [], [])
    records = {as_uuid(row[0]): _candidate_record(row) for row in rows}
    query = records.pop(person_id, None)
    if query is None:
        return {}
    weights = registry_weights([query, *records.values()])
    return {pk: score_records(query, record, weights, unseal=_unseal)
            for pk, record in records.items()}


def match_person(probe: Probe, *, limit: int = 10, floor: float = POSSIBLE_LOG_ODDS,
                 budget: int = SEARCH_BUDGET) -> list[Hit]:
    return match_people([probe], limit=limit, floor=floor, budget=budget)[0]


def _hit_result(hit: Hit) -> MatchResult:
    return hit.result


def identify_people(probes: Sequence[Probe], *, limit: int = 5,
                    budget: int = SEARCH_BUDGET) -> list[Identification[Hit]]:
    """Whom each probe identifies, over all its candidates (:func:`~lindung.matching.decide.
    identify`):
    ``verdict`` "match" only when one person fits clearly better than every other (``margin``
    in nats), else "check" with every close candidate (``candidates``, ``ambiguous``), or
    "no_match". Records decided to be one person in the review queue (an identity cluster)
    do not compete with each other."""
    found = match_people(probes, limit=limit, budget=budget)
    close = sorted({hit.id for hits in found if len(hits) > 1 for hit in hits}, key=str)
    cluster: dict[uuid.UUID, uuid.UUID] = {}
    if close:
        cluster = {as_uuid(pk): as_uuid(group) for pk, group in _select_in(
            f"SELECT {text_id(_quote('person_id'))}, {text_id(_quote('cluster'))} "  # noqa: S608
            f"FROM {_table(PersonIdentity)} WHERE", "person_id", close,
            cast="uuid")}

    def same(first: Hit, second: Hit) -> bool:
        group = cluster.get(first.id)
        return group is not None and group == cluster.get(second.id)

    return [identify(hits, _hit_result, same=same) for hits in found]


def identify_person(probe: Probe, *, limit: int = 5,
                    budget: int = SEARCH_BUDGET) -> Identification[Hit]:
    return identify_people([probe], limit=limit, budget=budget)[0]


# ---------------------------------------------------------------------------------------------
# The watchlist


def _name_key(name: str) -> str:
    """The whole name, token order ignored: lets an entry made of one very common token
    (which gives no blocking key) still be found by the same name."""
    tokens = sorted(spelling_key(word) for word in name_tokens(name) if word != "bin")
    return (_WATCHLIST_NAME_PREFIX + " ".join(tokens))[:64] if tokens else ""


def _names(name: str, aliases: str) -> list[str]:
    return [name, *(alias.strip() for alias in _ALIAS_SEPARATORS.split(aliases or "")
                    if alias.strip())]


def watchlist_names(entry: WatchlistEntry) -> list[str]:
    """The entry's name and each of its aliases ("Om Hendrik; Eky Lado")."""
    return _names(entry.name, entry.aliases)


def watchlist_entry_keys(entry: WatchlistEntry) -> set[str]:
    keys: set[str] = set()
    for name in watchlist_names(entry):
        keys |= record_keys(name, entry.birth_date)
        name_key = _name_key(name)
        if name_key:
            keys.add(name_key)
    return keys or {INDEXED_MARKER}


def watchlist_keys_refresh(entry: WatchlistEntry) -> None:
    """Rewrite one entry's keys (call in the transaction that saved the entry)."""
    WatchlistMatchKey.objects.filter(entry=entry).delete()
    WatchlistMatchKey.objects.bulk_create(
        [WatchlistMatchKey(entry=entry, key=key) for key in sorted(watchlist_entry_keys(entry))])


def watchlist_keys_sync() -> int:
    """Index the active entries that have no keys yet (written before this module, or by a
    path that did not index them). Cheap when there is nothing to do."""
    indexed = WatchlistMatchKey.objects.filter(entry_id=OuterRef("pk"))
    missing = list(WatchlistEntry.objects.filter(retired_at__isnull=True)
                   .filter(~Exists(indexed)))
    for entry in missing:
        with transaction.atomic():
            watchlist_keys_refresh(entry)
    return len(missing)


@dataclass(frozen=True)
class WatchlistHit(_Scored):
    """An active watchlist entry found for a probe (best of its name and aliases)."""

    entry_id: uuid.UUID
    kind: str
    result: MatchResult
    person_id: uuid.UUID | None = None


def match_watchlist(probes: Sequence[Probe], *, limit: int = 5,
                    floor: float = POSSIBLE_LOG_ODDS) -> list[list[WatchlistHit]]:
    """Active (not retired) watchlist entries like each probe, best first."""
    results: list[list[WatchlistHit]] = []
    for start in range(0, len(probes), CHUNK):
        results.extend(_watchlist_chunk(probes[start:start + CHUNK], limit=limit, floor=floor))
    return results


def _watchlist_chunk(probes: Sequence[Probe], *, limit: int,
                     floor: float) -> list[list[WatchlistHit]]:
    prepared = [_prepared(probe) for probe in probes]
    records = [record for record, _keys in prepared]
    keys_of = [keys | {_name_key(probe.name)} for probe, (_record, keys) in zip(
        probes, prepared, strict=True)]
    members = _watchlist_members(sorted({key for keys in keys_of for key in keys if key}))
    by_nik = _watchlist_by_nik(sorted({record.nik_key for record in records
                                       if record.nik_key}))
    entries = _watchlist_entries(
        {entry_id for rows in (*members.values(), *by_nik.values()) for entry_id in rows})
    weights = registry_weights(
        [*records, *(variant for _kind, _person, variants in entries.values()
                     for variant in variants)])
    results = []
    for record, keys in zip(records, keys_of, strict=True):
        found = {entry_id for key in keys for entry_id in members.get(key, ())}
        found.update(by_nik.get(record.nik_key, ()) if record.nik_key else ())
        hits = [hit for entry_id in found if entry_id in entries
                for hit in _watchlist_hit(record, entry_id, entries[entry_id], weights, floor)]
        hits.sort(key=lambda hit: (-hit.result.log_odds, str(hit.entry_id)))
        results.append(hits[:limit])
    return results


def _active_entry_sql() -> tuple[str, str, str]:
    """(the entries table, its primary key as text, the condition of an active entry), for
    queries on the entries aliased ``e``."""
    return (_table(WatchlistEntry), text_id(f"e.{_quote('id')}"),
            f"e.{_quote('retired_at')} IS NULL")


def _watchlist_members(wanted: Sequence[str]) -> dict[str, list[str]]:
    """Matching key -> the active entries that have it, for the keys `wanted` (a key shared
    by too many entries says nothing and is left out: an entry named after a place...)."""
    entries_table, entry_pk, active = _active_entry_sql()
    # Key rows by key alone, then which of their entries are active: two index lookups
    # whose plan does not depend on the tables' statistics (a join planned on stale ones
    # scanned every entry once per probe chunk).
    key_rows = _select_in(f"SELECT {_quote('key')}, {text_id(_quote('entry_id'))} "  # noqa: S608
                          f"FROM {_table(WatchlistMatchKey)} WHERE", "key", wanted)
    live = {pk for (pk,) in _select_in(
        f"SELECT {entry_pk} FROM {entries_table} e WHERE {active} AND e.",  # noqa: S608
        "id", sorted({pk for _key, pk in key_rows}), cast="uuid")}
    members: dict[str, list[str]] = defaultdict(list)
    for key, entry_id in key_rows:
        if entry_id in live:
            members[key].append(entry_id)
    return {key: rows for key, rows in members.items() if len(rows) <= STOP_KEY_LIMIT}


def _watchlist_by_nik(nik_keys: Sequence[str]) -> dict[str, list[str]]:
    """NIK blind index -> the active entries with that NIK."""
    entries_table, entry_pk, active = _active_entry_sql()
    by_nik: dict[str, list[str]] = defaultdict(list)
    for entry_id, nik_key in _select_in(
            f"SELECT {entry_pk}, e.{_quote('nik_index')} FROM {entries_table} e "  # noqa: S608
            f"WHERE {active} AND e.", "nik_index", nik_keys):
        by_nik[nik_key].append(entry_id)
    return by_nik


_WatchlistEntry = tuple[str, Any, list[Record]]  # (kind, person id, a record per name)


def _watchlist_entries(entry_ids: set[str]) -> dict[str, _WatchlistEntry]:
    """The entries with these ids, each with a record for its name and every alias."""
    entries_table, entry_pk, _active = _active_entry_sql()
    columns = ", ".join([entry_pk, *(f"e.{_quote(name)}" for name in (
        "kind", "name", "aliases", "birth_date", "nik", "nik_index", "person_id"))])
    entries: dict[str, _WatchlistEntry] = {}
    for pk, kind, name, aliases, born, sealed, nik_key, person_id in _select_in(
            f"SELECT {columns} FROM {entries_table} e WHERE e.", "id",  # noqa: S608
            sorted(entry_ids), cast="uuid"):
        entries[pk] = (kind, person_id, [
            make_record(pk, variant, born, nik_key=nik_key or "", nik_sealed=sealed or "")
            for variant in _names(name, aliases)])
    return entries


def _watchlist_hit(record: Record, entry_id: str, entry: _WatchlistEntry,
                   weights: TokenWeights, floor: float) -> list[WatchlistHit]:
    """The entry as a hit for the probe's record (scored on its best-matching name), or
    nothing when no name of it matches."""
    kind, person_id, variants = entry
    best: MatchResult | None = None
    for variant in variants:
        log_odds, found = quick_scored(record, variant, weights, floor, unseal=_unseal)
        if log_odds >= floor or nik_agrees(record, variant):
            result = score_records(record, variant, weights, unseal=_unseal, name_found=found)
            if best is None or result.log_odds > best.log_odds:
                best = result
    if best is None or best.decision == "no_match":
        return []
    return [WatchlistHit(as_uuid(entry_id), kind, best,
                         as_uuid(person_id) if person_id else None)]


def logit(score: float) -> float:
    """The log-odds of a score in (0, 1): the floor to pass for that minimum score."""
    score = min(max(score, 1e-9), 1 - 1e-9)
    return math.log(score / (1 - score))
