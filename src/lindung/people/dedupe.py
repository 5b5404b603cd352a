"""De-duplication of the registry: the batch run, the review decisions, identity clusters.

The run (:func:`dedupe_run`, from the Huey task or ``lindung dedupe``) indexes people
without keys, refreshes the key frequencies, loads every person's matching fields and the
stored keys (streamed ordered by key), and hands them to the in-memory engine
(:func:`lindung.matching.dedupe.find_duplicates`), which forks worker processes when
asked. Pairs scoring at least "possible" are written to ``DuplicatePair`` for review: a pair
found again keeps its decision and gets the new score; an undecided pair that is no longer
found is removed. A pair scoring "match" that is not a clear match once every other candidate
of either person is looked at (:func:`lindung.matching.dedupe.ambiguous_pairs`: a third
record fits as well and is not the same person) is written as "possible".

Incremental check (:func:`dedupe_person`, the Huey task ``dedupe_person_task`` queued when a
person is created or their name, birth data or identity numbers change): the person is
compared with the registry on arrival, through the same retrieval and scorer as screening,
and the pairs are written to the review queue at once (the same upsert); an undecided pair
of that person that is no longer found is removed. The nightly or on-demand batch run stays
for rebuilds.

Decisions (:func:`duplicate_pair_decide`) are same / not same / unsure, recorded with who and
when in ``DuplicateDecision``, reversible (back to "open" or another decision), and never
touch the two person records: a "same" decision links them into an identity cluster
(``PersonIdentity``), recomputed from all "same" decisions of the people concerned.
"""

from __future__ import annotations

import gc
import logging
import time
import uuid
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import asdict
from dataclasses import dataclass
from typing import Any
from typing import Final

from django.core.exceptions import ValidationError
from django.db import connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.common import stored_text
from lindung.common.processes import worker_processes
from lindung.core import access
from lindung.core import audit
from lindung.core import crypto
from lindung.core.choices import AuditAction
from lindung.core.choices import JobStatus
from lindung.core.models import BackgroundJob
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.matching import bulk_work
from lindung.matching.decide import identify
from lindung.matching.dedupe import BlockIndex
from lindung.matching.dedupe import ambiguous_pairs
from lindung.matching.dedupe import find_duplicates
from lindung.matching.keys import STOP_KEY_LIMIT
from lindung.matching.result import MatchResult
from lindung.matching.retrieval import DEDUPE_BUDGET
from lindung.matching.score import POSSIBLE_LOG_ODDS
from lindung.matching.score import Record
from lindung.matching.score import make_record
from lindung.matching.score import score_records
from lindung.matching.weights import TokenWeights
from lindung.people.choices import DuplicateStatus
from lindung.people.matching import INDEXED_MARKER
from lindung.people.matching import Hit
from lindung.people.matching import Probe
from lindung.people.matching import _quote
from lindung.people.matching import _table
from lindung.people.matching import as_uuid
from lindung.people.matching import compare_people
from lindung.people.matching import key_frequencies_refresh
from lindung.people.matching import match_person
from lindung.people.matching import person_keys_backfill
from lindung.people.matching import registry_weights_all
from lindung.people.models import DuplicateDecision
from lindung.people.models import DuplicatePair
from lindung.people.models import Person
from lindung.people.models import PersonIdentity
from lindung.people.models import PersonMatchKey

log = logging.getLogger("lindung.people.dedupe")

JOB_KIND: Final = "people.dedupe"
FETCH: Final = 20_000

#: Called with (phase, done, total); phases: keys, frequencies, loading, blocks, scoring,
#: explaining, writing.
Report = Callable[[str, int, int], None]

PHASE_LABELS: Final = {
    "keys": gettext_noop("Mengindeks orang tanpa kunci"),
    "frequencies": gettext_noop("Menghitung frekuensi kunci"),
    "loading": gettext_noop("Memuat data orang"),
    "blocks": gettext_noop("Memuat blok kunci"),
    "scoring": gettext_noop("Membandingkan pasangan"),
    "explaining": gettext_noop("Menjelaskan pasangan"),
    "writing": gettext_noop("Menyimpan antrean tinjauan"),
}


@dataclass(frozen=True)
class DedupeSummary:
    people: int
    pairs: int
    new_pairs: int
    removed_pairs: int
    keys_backfilled: int
    seconds: float
    processes: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_processes() -> int:
    """Worker processes for a whole-registry de-duplication (settings.DEDUPE_PROCESSES)."""
    return worker_processes("DEDUPE_PROCESSES")


def common_region(first: str, second: str) -> str:
    """The longest dotted region code both start with ("53.01.05.1001", "53.01.02.2003" ->
    "53.01"); "" when they share no province or one is unknown."""
    shared: list[str] = []
    for left, right in zip(first.split(".") if first else [], second.split(".") if second else [],
                           strict=False):
        if left != right:
            break
        shared.append(left)
    return ".".join(shared)


def _stream(sql: str, params: list[Any] | None = None) -> Iterator[tuple[Any, ...]]:
    """Rows of a large query, fetched in batches (a server-side cursor on PostgreSQL; on
    SQLite a plain cursor streams too). No transaction: SQLite would hold its write lock."""
    cursor = connection.chunked_cursor()
    try:
        cursor.execute(sql, params or [])
        while rows := cursor.fetchmany(FETCH):
            yield from rows
    finally:
        cursor.close()


@dataclass
class _Loaded:
    ids: list[Any]
    regions: list[str]
    records: list[Record]


def _load_people(report: Report, total: int) -> _Loaded:
    columns = ", ".join(_quote(name) for name in (
        "id", "name", "birth_date", "birth_place", "sex", "nik", "nik_index", "passport_index",
        "region_code"))
    loaded = _Loaded([], [], [])
    for pk, name, born, place, sex, sealed, nik_key, passport_key, region in _stream(
            f"SELECT {columns} FROM {_table(Person)}"):  # noqa: S608  (names only)
        loaded.records.append(make_record(
            str(len(loaded.ids)), name, born, place, sex, nik_key=nik_key or "",
            nik_sealed=sealed or "", passport_key=passport_key or ""))
        loaded.ids.append(pk)
        loaded.regions.append(region or "")
        if len(loaded.ids) % 50_000 == 0:
            report("loading", len(loaded.ids), total)
    return loaded


def _load_index(loaded: _Loaded, report: Report) -> BlockIndex:
    position = {pk: index for index, pk in enumerate(loaded.ids)}
    rows = _stream(f"SELECT {_quote('key')}, {_quote('person_id')} "  # noqa: S608
                   f"FROM {_table(PersonMatchKey)} ORDER BY {_quote('key')}")
    seen = 0

    def positions() -> Iterator[tuple[str, int]]:
        nonlocal seen
        for key, person_id in rows:
            seen += 1
            if seen % 1_000_000 == 0:
                report("blocks", seen, 0)
            index = position.get(person_id)
            if index is not None and key != INDEXED_MARKER:
                yield key, index

    return BlockIndex.from_sorted_rows(positions(), len(loaded.ids), limit=STOP_KEY_LIMIT)


def _unseal(sealed: str) -> str:
    return crypto.decrypt(sealed)


def _pair_row(first: uuid.UUID, second: uuid.UUID, region: str, decision: str,
              result: Any, seen_at: Any) -> DuplicatePair:
    if second.hex < first.hex:
        first, second = second, first
    return DuplicatePair(person_a_id=first, person_b_id=second, region_code=region,
                         score=result.score, decision=decision,
                         reasons=result.reasons_as_dicts(), seen_at=seen_at)


def _upsert_pairs(pairs: list[DuplicatePair]) -> None:
    """Write pairs to the review queue; a pair already there keeps its status (the human
    decision) and gets the new score, engine decision and reasons."""
    DuplicatePair.objects.bulk_create(
        pairs, batch_size=2_000, update_conflicts=True,
        unique_fields=["person_a", "person_b"],
        update_fields=["score", "decision", "reasons", "seen_at", "region_code", "updated_at"])


def _write_pairs(loaded: _Loaded, found: list[tuple[int, int, float]], started_at: Any,
                 report: Report, weights: TokenWeights) -> tuple[int, int]:
    """Upsert the pairs found (decisions kept), drop undecided pairs not found again.
    Returns (new pairs, removed pairs)."""
    decided = list(DuplicatePair.objects.filter(status=DuplicateStatus.NOT_SAME)
                   .values_list("person_a_id", "person_b_id"))
    position = ({as_uuid(pk): index for index, pk in enumerate(loaded.ids)} if decided
                else {})
    not_same: set[tuple[int, int]] = set()
    for first, second in decided:
        a, b = position.get(first), position.get(second)
        if a is not None and b is not None:
            not_same.add((a, b) if a < b else (b, a))
    unclear = ambiguous_pairs(found, loaded.records, weights=weights, unseal=_unseal,
                              not_same=not_same)
    pairs: list[DuplicatePair] = []
    for done, (a, b, _log_odds) in enumerate(found, start=1):
        result = score_records(loaded.records[a], loaded.records[b], weights, unseal=_unseal)
        decision = result.decision
        if decision == "match" and (a, b) in unclear:
            decision = "possible"
        pairs.append(_pair_row(as_uuid(loaded.ids[a]), as_uuid(loaded.ids[b]),
                               common_region(loaded.regions[a], loaded.regions[b]),
                               decision, result, started_at))
        if done % 10_000 == 0:
            report("explaining", done, len(found))
    report("writing", 0, len(pairs))
    with transaction.atomic():
        before = DuplicatePair.objects.count()
        _upsert_pairs(pairs)
        after = DuplicatePair.objects.count()
        removed, _ = (DuplicatePair.objects
                      .filter(status=DuplicateStatus.OPEN, seen_at__lt=started_at).delete())
    return after - before, removed


def dedupe_run(*, actor: User | None = None, job: BackgroundJob | None = None,
               processes: int | None = None, budget: int = DEDUPE_BUDGET,
               report: Report | None = None) -> DedupeSummary:
    """De-duplicate the whole registry into the review queue (see the module docstring)."""
    clock = time.perf_counter()
    started_at = timezone.now()
    processes = processes or default_processes()
    total = Person.objects.count()

    def progress(phase: str, done: int, of: int) -> None:
        if report is not None:
            report(phase, done, of)
        if job is not None:
            changes: dict[str, Any] = {"message": PHASE_LABELS[phase]}
            if phase == "scoring":
                changes.update(done=done, total=of)
            BackgroundJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **changes)

    if job is not None:
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), total=total, done=0)
    progress("keys", 0, 0)
    backfilled = person_keys_backfill(lambda done, of: progress("keys", done, of))
    progress("frequencies", 0, 0)
    key_frequencies_refresh()
    with bulk_work():
        progress("loading", 0, total)
        loaded = _load_people(progress, total)
        gc.freeze()
        progress("blocks", 0, 0)
        index = _load_index(loaded, progress)
        gc.freeze()
        progress("scoring", 0, len(loaded.records))
        weights = registry_weights_all()
        found = find_duplicates(
            loaded.records, index, budget=budget, floor=POSSIBLE_LOG_ODDS, unseal=_unseal,
            weights=weights, processes=processes,
            progress=lambda done, of: progress("scoring", done, of))
        del index
        new_pairs, removed = _write_pairs(loaded, found, started_at, progress, weights)
    summary = DedupeSummary(people=len(loaded.ids), pairs=len(found), new_pairs=new_pairs,
                            removed_pairs=removed, keys_backfilled=backfilled,
                            seconds=round(time.perf_counter() - clock, 1), processes=processes)
    audit.record(actor=actor, action=AuditAction.CREATE, entity="people.dedupe_run",
                 object_id=str(job.pk) if job else "", detail=summary.as_dict())
    if job is not None:
        BackgroundJob.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE, finished_at=timezone.now(), done=total, total=total,
            result=summary.as_dict(), message=gettext_noop("Selesai"),
            updated_at=timezone.now())
    log.info("dedupe: %s", summary)
    return summary


#: Candidates looked at per person by the incremental check.
INCREMENTAL_CANDIDATES: Final = 20
#: Fields whose change makes a person worth comparing again.
MATCHING_FIELDS: Final = frozenset(
    {"name", "birth_date", "birth_place", "sex", "nik", "passport_number"})


@dataclass(frozen=True)
class PersonCheck:
    """What the incremental check of one person did."""

    pairs: int
    new_pairs: int
    removed_pairs: int


def _known_same(ids: set[uuid.UUID]) -> set[frozenset[uuid.UUID]]:
    """Pairs among ``ids`` that may be one person, and so do not compete for a newcomer (as
    in the batch rule, :func:`~lindung.matching.dedupe.ambiguous_pairs`): a pair in the
    review queue (it scored at least "possible") not decided "not the same", or one
    identity cluster."""
    same: set[frozenset[uuid.UUID]] = set()
    if len(ids) < 2:
        return same
    rows = DuplicatePair.objects.filter(person_a_id__in=ids, person_b_id__in=ids).exclude(
        status=DuplicateStatus.NOT_SAME).values_list("person_a_id", "person_b_id")
    same.update(frozenset(pair) for pair in rows)
    clusters: dict[uuid.UUID, list[uuid.UUID]] = {}
    for person_id, cluster in PersonIdentity.objects.filter(person_id__in=ids).values_list(
            "person_id", "cluster"):
        clusters.setdefault(cluster, []).append(person_id)
    for members in clusters.values():
        same.update(frozenset((a, b)) for a in members for b in members if a != b)
    return same


def dedupe_person(person_id: uuid.UUID | str) -> PersonCheck:
    """Compare one person with the registry now and bring their review-queue pairs up to
    date (see the module docstring): every candidate scoring at least "possible" is a pair;
    "match" only when the person's best candidate fits clearly better than every other
    (:func:`~lindung.matching.decide.identify`), else "possible"."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return PersonCheck(0, 0, 0)
    probe = Probe(name=person.name, birth_date=person.birth_date,
                  birth_place=person.birth_place, sex=person.sex, nik=person.nik or "",
                  passport=str(person.passport_number or ""))
    hits = [hit for hit in match_person(probe, limit=INCREMENTAL_CANDIDATES + 1)
            if hit.id != person.pk and hit.decision != "no_match"]
    mine = Q(person_a_id=person.pk) | Q(person_b_id=person.pk)
    # People an officer said are not this person are no candidates for who they are: their
    # pairs keep that decision (the upsert below never changes a status) and they do not
    # compete with the others.
    rejected = {other for pair in DuplicatePair.objects.filter(
        mine, status=DuplicateStatus.NOT_SAME).values_list("person_a_id", "person_b_id")
        for other in pair if other != person.pk}
    same = _known_same({hit.id for hit in hits})
    found = identify([hit for hit in hits if hit.id not in rejected], _hit_result,
                     same=lambda first, second: frozenset((first.id, second.id)) in same)
    regions = dict(Person.objects.filter(pk__in=[hit.id for hit in hits])
                   .values_list("pk", "region_code"))
    now = timezone.now()
    rows = []
    for hit in hits[:INCREMENTAL_CANDIDATES]:
        decision = hit.decision
        if decision == "match" and not (found.verdict == "match" and hit is found.best):
            decision = "possible"
        rows.append(_pair_row(person.pk, hit.id,
                              common_region(person.region_code, regions.get(hit.id, "")),
                              decision, hit.result, now))
    with transaction.atomic():
        before = DuplicatePair.objects.filter(mine).count()
        _upsert_pairs(rows)
        after = DuplicatePair.objects.filter(mine).count()
        # The person's open pairs not found again, picked among the person's few pairs by
        # their ids: with the status and date in one query, SQLite's planner chose the
        # queue's (status, score) index and read every open pair of the registry.
        stale = [pk for pk, status, seen_at in DuplicatePair.objects.filter(mine).values_list(
            "pk", "status", "seen_at") if status == DuplicateStatus.OPEN and seen_at < now]
        removed = DuplicatePair.objects.filter(pk__in=stale).delete()[0] if stale else 0
    log.debug("incremental dedupe: %d pairs, %d new, %d removed", len(rows), after - before,
              removed)
    return PersonCheck(len(rows), after - before, removed)


def dedupe_person_soon(person_id: uuid.UUID) -> None:
    """Queue the incremental check of a person once the current transaction commits."""

    def enqueue() -> None:
        from lindung.people.tasks import dedupe_person_task

        dedupe_person_task(str(person_id))

    transaction.on_commit(enqueue)


def _hit_result(hit: Hit) -> MatchResult:
    return hit.result


@transaction.atomic
def dedupe_start(*, actor: User) -> BackgroundJob:
    """Queue a de-duplication run of the whole registry (progress in the returned job)."""
    access.require(actor, CREATE, DuplicatePair)
    running = BackgroundJob.objects.filter(
        kind=JOB_KIND, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).first()
    if running is not None:
        return running
    job = BackgroundJob.objects.create(kind=JOB_KIND, created_by=actor, updated_by=actor,
                                       message=gettext_noop("Menunggu"))
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=job,
                        detail={"kind": JOB_KIND})

    def enqueue() -> None:
        from lindung.people.tasks import dedupe_task

        dedupe_task(str(job.pk))

    transaction.on_commit(enqueue)
    return job


def dedupe_job_fail(job_id: str, error: BaseException) -> None:
    BackgroundJob.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, finished_at=timezone.now(),
        message=stored_text.keep(gettext_noop("Gagal: %(error)s"),
                                 error=type(error).__name__)[:300])


# ---------------------------------------------------------------------------------------------
# Decisions and identity clusters


@transaction.atomic
def duplicate_pair_decide(*, actor: User, pair: DuplicatePair, status: str,
                          note: str = "") -> DuplicatePair:
    """Record a decision on a pair (or undo one with status "open"). Never changes the two
    person records; "same" links them into one identity cluster."""
    access.require(actor, CHANGE, pair)
    return _pair_decide(actor=actor, pair=pair, status=status, note=note)


def _pair_decide(*, actor: User, pair: DuplicatePair, status: str, note: str,
                 context: str = "review") -> DuplicatePair:
    if status not in DuplicateStatus.values:
        raise ValidationError({"status": _("Keputusan tidak dikenal")})
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    previous = pair.status
    if status == previous:
        return pair
    decision = DuplicateDecision(pair=pair, status=status, previous=previous,
                                 note=note.strip()[:300], created_by=actor, updated_by=actor)
    decision.full_clean()
    decision.save()
    pair.status = status
    pair.decided_by = actor if status != DuplicateStatus.OPEN else None
    pair.decided_at = timezone.now() if status != DuplicateStatus.OPEN else None
    pair.updated_by = actor
    pair.save(update_fields=["status", "decided_by", "decided_at", "updated_by", "updated_at"])
    if DuplicateStatus.SAME in (status, previous):
        identity_clusters_recompute({pair.person_a_id, pair.person_b_id})
    audit.record_object(actor=actor, action=AuditAction.DECIDE, obj=pair,
                        region_code=pair.region_code,
                        detail={"status": status, "previous": previous, "context": context})
    return pair


@transaction.atomic
def duplicate_pairs_not_same(*, actor: User, person: Person,
                             others: Iterable[uuid.UUID | str]) -> int:
    """An officer's "not the same person" on a search before create: each of ``others`` (the
    likely people shown, which the officer may see) makes a pair decided "not the same"
    with the person just registered, by that officer. A decided pair never returns to the
    review queue: checks keep its decision (:func:`dedupe_person`, :func:`dedupe_run`).
    Ids the officer may not see are ignored. Returns the pairs decided."""
    wanted: set[uuid.UUID] = set()
    for value in others:
        try:
            wanted.add(as_uuid(value))
        except ValueError:
            continue
    wanted.discard(person.pk)
    visible = sorted(access.visible(actor, Person.objects.filter(pk__in=wanted))
                     .values_list("pk", flat=True), key=str)
    if not visible:
        return 0
    results = compare_people(person.pk, visible)
    regions = dict(Person.objects.filter(pk__in=visible).values_list("pk", "region_code"))
    decided = 0
    for other in visible:
        result = results.get(other)
        if result is None:
            continue
        row = _pair_row(person.pk, other, common_region(person.region_code, regions[other]),
                        result.decision, result, timezone.now())
        pair, _created = DuplicatePair.objects.get_or_create(
            person_a_id=row.person_a_id, person_b_id=row.person_b_id,
            defaults={"region_code": row.region_code, "score": row.score,
                      "decision": row.decision, "reasons": row.reasons,
                      "seen_at": row.seen_at, "created_by": actor, "updated_by": actor})
        if pair.status != DuplicateStatus.NOT_SAME:
            _pair_decide(actor=actor, pair=pair, status=DuplicateStatus.NOT_SAME, note="",
                         context="search-before-create")
            decided += 1
    return decided


def identity_clusters_recompute(seeds: set[uuid.UUID]) -> None:
    """Recompute the identity clusters around ``seeds`` from the "same" decisions."""
    clusters = set(PersonIdentity.objects.filter(person_id__in=seeds)
                   .values_list("cluster", flat=True))
    nodes = set(seeds) | set(PersonIdentity.objects.filter(cluster__in=clusters)
                             .values_list("person_id", flat=True))
    edges: dict[uuid.UUID, set[uuid.UUID]] = {}
    frontier = set(nodes)
    while frontier:
        linked = DuplicatePair.objects.filter(status=DuplicateStatus.SAME).filter(
            person_a_id__in=frontier) | DuplicatePair.objects.filter(
            status=DuplicateStatus.SAME, person_b_id__in=frontier)
        new: set[uuid.UUID] = set()
        for first, second in linked.values_list("person_a_id", "person_b_id"):
            edges.setdefault(first, set()).add(second)
            edges.setdefault(second, set()).add(first)
            new.update({first, second} - nodes)
        nodes |= new
        frontier = new
    PersonIdentity.objects.filter(person_id__in=nodes).delete()
    seen: set[uuid.UUID] = set()
    rows: list[PersonIdentity] = []
    for start in sorted(nodes, key=lambda pk: pk.hex):
        if start in seen or start not in edges:
            continue
        component, stack = set(), [start]
        while stack:
            node = stack.pop()
            if node in component:
                continue
            component.add(node)
            stack.extend(edges.get(node, ()))
        seen |= component
        cluster = min(component, key=lambda pk: pk.hex)
        rows.extend(PersonIdentity(person_id=member, cluster=cluster) for member in component)
    PersonIdentity.objects.bulk_create(rows)


def identity_of(person: Person) -> list[uuid.UUID]:
    """The other people decided to be the same person as ``person`` (ids, any scope)."""
    identity = PersonIdentity.objects.filter(person=person).first()
    if identity is None:
        return []
    return list(PersonIdentity.objects.filter(cluster=identity.cluster)
                .exclude(person=person).values_list("person_id", flat=True))
