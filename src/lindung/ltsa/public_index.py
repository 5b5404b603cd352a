"""A per-process copy of what the public checker searches (agencies with their licences,
job orders, the look-up keys), valid for one version of the public data (``public_cache``:
every write to agencies, licences, job orders, fees and places sets a new version in the
shared cache), and of the pieces of public pages drawn from it.

A checker query is then answered without a query to the database: the candidates are
matched in memory (the same keys, scores, thresholds and order as
``selectors.public.check``, which stays the reference and what logged-in staff see), each
hit's card is drawn once for what it shows (kept across copies), and the cards, the query
and the page's own address are spliced into the page's frame, drawn once per copy,
language and shape (:class:`Frame`). The copy is rebuilt when the version a request reads
(from the shared cache, at most once a second per process) differs from the copy's.

The fee pages are kept apart (:class:`FeeCopy`), per version of what they show alone
(``public_cache.FEES_VERSION_KEY``), so changes to agencies and job orders leave them be.

Size: on the benchmark's data (300 agencies, 1,500 job orders, ~20,000 keys) the copy is
built in 0.2-0.3 s of CPU and holds about 5 MB.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable
from collections.abc import Hashable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from functools import partial
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils.html import escape
from rapidfuzz import fuzz
from rapidfuzz import process

from lindung.ltsa import search
from lindung.ltsa.models import AgencyLicence
from lindung.ltsa.models import CheckKey
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import PlacementAgency
from lindung.ltsa.selectors.public import REPORT_URL
from lindung.ltsa.selectors.public import AgencyHit
from lindung.ltsa.selectors.public import CheckResult
from lindung.ltsa.selectors.public import JobOrderHit
from lindung.ltsa.selectors.public import agency_state
from lindung.ltsa.selectors.public import job_order_state

#: Reuse the copy across requests (off in tests, whose database is rolled back under it;
#: the tests that exercise the reuse turn it on).
REUSE = not getattr(settings, "TESTING", False)
#: Cards and frames kept per copy (each a few hundred bytes to a few KB).
MAX_PIECES = 20_000
_SLOT = "lindungslot"
_SLOT_RE = re.compile(_SLOT + r"([a-z]+)x")


def slot(name: str) -> str:
    """A marker that survives template rendering unchanged (letters only, so escaping
    leaves it as it is) and is replaced by :meth:`Frame.fill`."""
    return f"{_SLOT}{name}x"


class Pieces:
    """Pieces of pages drawn once and kept (a card, a page's frame): at most
    :data:`MAX_PIECES`, all dropped when full; shared by the threads of a process (a piece
    two threads draw at once is kept once)."""

    def __init__(self) -> None:
        self._found: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        found = self._found.get(key)
        if found is None:
            found = make()
            with self._lock:
                if len(self._found) >= MAX_PIECES:
                    self._found.clear()
                self._found[key] = found
        return found

    def clear(self) -> None:
        with self._lock:
            self._found.clear()


@dataclass(frozen=True)
class Frame:
    """A page drawn once with slot markers, split at them."""

    parts: tuple[str, ...]  # text, slot name, text, slot name, ..., text

    @classmethod
    def of(cls, text: str) -> Frame:
        return cls(tuple(_SLOT_RE.split(text)))

    def fill(self, values: Mapping[str, str]) -> str:
        """The page with each slot replaced by its value (HTML, escaped by the caller)."""
        parts = self.parts
        out = [parts[0]]
        for index in range(1, len(parts), 2):
            # (A marker-like text in the data, with no value given, stays as it was.)
            value = values.get(parts[index])
            out.append(slot(parts[index]) if value is None else value)
            out.append(parts[index + 1])
        return "".join(out)


class PathStub:
    """Stands for the request in a frame: its address is a slot (the language switch's
    ``next``); anything else comes from the real request."""

    def __init__(self, request: Any) -> None:
        self._request = request

    def get_full_path(self) -> str:
        return slot("next")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)


@dataclass(frozen=True, slots=True)
class Target:
    """What the checker may find: an agency or a job order, with its text normalised."""

    agency: PlacementAgency | None
    job_order: JobOrder | None
    name: str  # the agency's name, or the job order's employer
    numbers: tuple[str, ...]  # the agency's licence numbers, or the job order's permit
    sort_name: str  # ties among equal scores: the agency's search name, the permit number


@dataclass
class Index:
    version: int
    targets: list[Target]  # in the order of their ids (ties between candidates)
    keys: dict[str, tuple[int, ...]]  # look-up key -> positions in targets
    pieces: Pieces = field(default_factory=lambda: Pieces())


_current: Index | None = None
_build_lock = threading.Lock()


def _build(version: int) -> Index:
    agencies = {agency.pk: agency for agency in PlacementAgency.objects.prefetch_related(
        Prefetch("licences", queryset=AgencyLicence.objects.order_by("-issued_on")))}
    occupations = {occupation.pk: occupation for occupation in Occupation.objects.all()}
    found: dict[UUID, Target] = {}
    for agency in agencies.values():
        found[agency.pk] = Target(
            agency, None, search.normalise_name(agency.name),
            tuple(search.normalise_number(licence.number) for licence in agency.licences.all()),
            agency.search_name)
    for job in JobOrder.objects.all():
        job.agency = agencies[job.agency_id]
        job.occupation = occupations[job.occupation_id]
        found[job.pk] = Target(None, job, search.normalise_name(job.employer_name),
                               (search.normalise_number(job.permit_number),),
                               job.permit_number)
    order = sorted(found)
    positions = {pk: position for position, pk in enumerate(order)}
    keys: dict[str, list[int]] = {}
    for key, agency_id, job_id in CheckKey.objects.values_list("key", "agency_id",
                                                                 "job_order_id"):
        keys.setdefault(key, []).append(positions[agency_id or job_id])
    return Index(
        version=version,
        targets=[found[pk] for pk in order],
        keys={key: tuple(found) for key, found in keys.items()})


def index_at(version: int) -> Index:
    """The process's copy at `version`, rebuilt if it is of another one."""
    global _current
    found = _current
    if found is not None and found.version == version and REUSE:
        return found
    with _build_lock:
        found = _current
        if found is None or found.version != version or not REUSE:
            found = _build(version)
            _current = found
    return found


def clear() -> None:
    global _current, _fees
    _current = None
    _fees = None
    _cards.clear()


def _scores(left: str, rights: list[str], cutoff: float, *scorers: Any) -> list[float]:
    """The best of `scorers` for `left` against each of `rights` (0 for an empty one, or
    below `cutoff`: what the caller would drop anyway, and rapidfuzz stops early on),
    each scorer run over the whole list in rapidfuzz's C loop."""
    out = [0.0] * len(rights)
    if not left or not rights:
        return out
    for scorer in scorers:
        for _, score, position in process.extract(left, rights, scorer=scorer, limit=None,
                                                  score_cutoff=cutoff):
            if score > out[position] and rights[position]:
                out[position] = float(score)
    return out


def _state(index: Index, agency: PlacementAgency, on: date
           ) -> tuple[str, AgencyLicence | None]:
    found: tuple[str, AgencyLicence | None] = index.pieces.get(
        ("state", on, agency.pk), lambda: agency_state(agency, on))
    return found


def _best(targets: list[Target], scores: dict[int, float], limit: int) -> list[int]:
    return sorted(scores, key=lambda p: (-scores[p], targets[p].sort_name))[:limit]


def check(index: Index, query: str, *, on: date, limit: int = 10) -> CheckResult:
    """``selectors.public.check`` on the copy: the same candidates (those sharing the most
    look-up keys with the query, ties by id), scores, thresholds and order."""
    text = query.strip()[:120]
    hits: Counter[int] = Counter()
    for key in sorted(search.query_keys(text)):
        hits.update(index.keys.get(key, ()))
    # The most shared keys first, ties by id (the positions' order): two stable sorts.
    ranked = sorted(sorted(hits), key=hits.__getitem__, reverse=True)[:search.CANDIDATE_LIMIT]
    targets = index.targets
    name, number = search.normalise_name(text), search.normalise_number(text)
    if len(number) < 4:
        number = ""  # too short to score as a number (search.number_score)
    # Agencies: the best of the name and every licence number. A score below the threshold
    # is dropped whatever it is, so rapidfuzz only scores from the threshold up.
    agencies = [p for p in ranked if targets[p].agency is not None]
    cutoff = search.NAME_THRESHOLD
    best = _scores(name, [targets[p].name for p in agencies], cutoff, fuzz.WRatio,
                   fuzz.token_sort_ratio)
    owners = [i for i, p in enumerate(agencies) for _ in targets[p].numbers]
    numbers = _scores(number, [n for p in agencies for n in targets[p].numbers], cutoff,
                      fuzz.ratio)
    for owner, score in zip(owners, numbers, strict=True):
        best[owner] = max(best[owner], score)
    agency_scores = {p: score for p, score in zip(agencies, best, strict=True)
                     if score >= cutoff}
    # Job orders: the permit number, or the employer's name a little below it.
    jobs = [p for p in ranked if targets[p].job_order is not None]
    cutoff = search.NUMBER_THRESHOLD
    permits = _scores(number, [targets[p].numbers[0] for p in jobs], cutoff, fuzz.ratio)
    employers = _scores(name, [targets[p].name for p in jobs], cutoff + 5, fuzz.WRatio,
                        fuzz.token_sort_ratio)
    job_scores = {p: score for p, score in
                  zip(jobs, map(max, permits, (e - 5 for e in employers)), strict=True)
                  if score >= cutoff}
    agency_hits = []
    for p in _best(targets, agency_scores, limit):
        agency = targets[p].agency
        assert agency is not None
        state, licence = _state(index, agency, on)
        agency_hits.append(AgencyHit(agency, state, licence, agency_scores[p]))
    job_hits = []
    for p in _best(targets, job_scores, limit):
        job = targets[p].job_order
        assert job is not None
        licence_state, _ = _state(index, job.agency, on)
        job_hits.append(JobOrderHit(job, job_order_state(job, on, licence_state),
                                    licence_state, job_scores[p]))
    return CheckResult(text, agency_hits, job_hits)


def agency_card(hit: AgencyHit) -> str:
    return render_to_string("ltsa/_agency_hit.html", {"hit": hit, "report_url": REPORT_URL})


def job_card(hit: JobOrderHit) -> str:
    return render_to_string("ltsa/_job_hit.html", {"hit": hit, "report_url": REPORT_URL})


def _agency_card_key(hit: AgencyHit, language: str) -> Hashable:
    """Everything an agency's card shows (see _agency_hit.html)."""
    agency, licence = hit.agency, hit.licence
    return ("agency", language, hit.state, agency.pk, agency.name, agency.synthetic,
            None if licence is None else (licence.number, licence.issued_on,
                                          licence.valid_until, licence.status_reason))


def _job_card_key(hit: JobOrderHit, language: str) -> Hashable:
    """Everything a job order's card shows (see _job_hit.html)."""
    job = hit.job_order
    return ("job", language, hit.state, job.pk, job.permit_number, job.synthetic,
            job.destination_country, job.occupation.name, job.occupation.name_en,
            job.agency.name)


#: Cards by what they show, so they outlive the copies (a new job order does not redraw
#: the others' cards): bounded, cleared when full.
_cards = Pieces()


def cards(index: Index | None, result: CheckResult, *, language: str,
          on: date) -> tuple[list[str], list[str]]:
    """The result's cards, each drawn once for what it shows (None: no copy, all drawn
    now)."""
    if index is None:
        return ([agency_card(hit) for hit in result.agencies],
                [job_card(hit) for hit in result.job_orders])
    return ([_cards.get(_agency_card_key(hit, language), partial(agency_card, hit))
             for hit in result.agencies],
            [_cards.get(_job_card_key(hit, language), partial(job_card, hit))
             for hit in result.job_orders])


@dataclass
class FeeCopy:
    """The fee pages drawn for one version of what they show (``FEES_VERSION_KEY``), by
    language, day and validated country and occupation."""

    version: int
    occupations: frozenset[str]  # the codes the form accepts
    pieces: Pieces = field(default_factory=lambda: Pieces())


_fees: FeeCopy | None = None


def fees_at(version: int) -> FeeCopy:
    """The process's fee pages at `version` of what they show, begun anew if of another."""
    global _fees
    found = _fees
    if found is None or found.version != version or not REUSE:
        found = FeeCopy(version, frozenset(Occupation.objects.values_list("code", flat=True)))
        _fees = found
    return found


def escaped(value: str) -> str:
    """As the template would write a value (Django's autoescape)."""
    return str(escape(value))
