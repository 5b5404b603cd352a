"""The verdict for each passenger: clear, check or stop, with reasons and record links.

The code here establishes FACTS about each passenger; the rule book (``rules.toml``, see
lindung.screening.rules) turns them into reasons of a severity, with the rules in force on
the departure date. The verdict is the most serious severity: stop > check > clear.

Per chunk of passengers, in a fixed number of queries whatever the chunk size:

* who is it? the registry's verdict over all its close candidates
  (lindung.people.matching.identify_people): one person who fits clearly better than every
  other ("registered"), several close candidates ("identity_ambiguous", all of them listed,
  with the margin), or a possible one ("identity_uncertain");
* on the watchlist? active entries like the passenger (match_watchlist);
* a procedural worker? the LTSA's ``procedural_status`` of the people identified, or the
  ready-to-depart certificate the passenger shows (``verify_certificate_token``);
* a minor? under 18 on the departure date (UU 18/2017 art. 5), and then: is a registered
  parent or guardian (family link or household) on the same manifest?
* recorded as working abroad (the registry's migration status) and seen again?
* the kind of journey: international, a domestic leg to a known transit point, or another
  domestic leg (the manifest says it).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Final

from django.db.models import Q
from django.utils.translation import gettext_noop

from lindung.ltsa.certificates import verify_certificate_token
from lindung.ltsa.selectors import procedural_status
from lindung.matching.decide import Identification
from lindung.matching.normalize import normalize_name
from lindung.matching.score import make_record
from lindung.matching.score import score_records
from lindung.people.choices import FamilyRelation
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.people.choices import WatchlistKind
from lindung.people.matching import Hit
from lindung.people.matching import Probe
from lindung.people.matching import WatchlistHit
from lindung.people.matching import identify_people
from lindung.people.matching import match_watchlist
from lindung.people.matching import probes_forget
from lindung.people.models import FamilyLink
from lindung.people.models import Person
from lindung.screening.manifest import Passenger
from lindung.screening.rules import Fact
from lindung.screening.rules import RuleBook
from lindung.screening.rules import rule_book

ADULT_AGE: Final = 18
STOP: Final = "stop"
CHECK: Final = "check"
INFO: Final = "info"
CLEAR: Final = "clear"

INTERNATIONAL: Final = "international"
TRANSIT: Final = "transit"
DOMESTIC: Final = "domestic"
JOURNEYS: Final = (INTERNATIONAL, TRANSIT, DOMESTIC)
_JOURNEY_TEXT: Final = {INTERNATIONAL: ("internasional", "international"),
                        TRANSIT: ("ke titik transit", "to a transit point"),
                        DOMESTIC: ("dalam negeri", "domestic")}

#: Registry statuses that mean "working abroad": seen again at a point, the person is flagged.
ABROAD_STATUSES: Final = (MigrationStatus.ABROAD, MigrationStatus.DEPARTED)
#: Keys a reason keeps from its facts (links to records and their details).
LINK_KEYS: Final = ("person_id", "entry_id", "application_id", "kind", "detail", "detail_id",
                    "detail_en", "score",
                    "candidates")

_KIND_TEXT: Final = {
    WatchlistKind.RECRUITER: ("perekrut/calo yang dilaporkan", "reported recruiter/broker"),
    WatchlistKind.SUSPECT: ("tersangka dalam kasus", "suspect in a case"),
    WatchlistKind.MISSING_PERSON: ("orang yang dilaporkan hilang", "reported missing person"),
    WatchlistKind.PREVENTED_DEPARTURE: ("pernah dicegah berangkat",
                                        "earlier prevented departure"),
}
_STATUS_TEXT: Final = {MigrationStatus.ABROAD: ("di luar negeri", "abroad"),
                       MigrationStatus.DEPARTED: ("sudah berangkat", "departed")}


@dataclass
class Screening:
    """The outcome for one passenger."""

    verdict: str
    reasons: list[dict[str, Any]]
    person_id: uuid.UUID | None = None
    person_score: float | None = None
    application_id: uuid.UUID | None = None
    watchlist_hits: list[dict[str, Any]] = field(default_factory=list)
    age: int | None = None

    @property
    def alert(self) -> bool:
        """Whether the agencies at the point must be alerted (a stop, or a watchlist hit)."""
        return self.verdict == STOP or bool(self.watchlist_hits)


@dataclass
class _Facts:
    items: list[Fact] = field(default_factory=list)

    def add(self, name: str, **values: Any) -> None:
        self.items.append((name, values))

    def has(self, name: str) -> bool:
        return any(item == name for item, _values in self.items)


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def journey_kind(journey: str, destination: str = "", book: RuleBook | None = None) -> str:
    """The kind of journey: a domestic leg to a known transit point is "transit"."""
    if journey not in JOURNEYS:
        raise ValueError(journey)
    if journey == DOMESTIC and destination and (book or rule_book()).is_transit_point(
            destination):
        return TRANSIT
    return journey


def companion_keys(passengers: Sequence[Passenger]) -> frozenset[str]:
    """What identifies the passengers of a whole manifest (NIKs, name + birth date), to find
    a minor's registered parent or guardian on it even in another chunk."""
    keys: set[str] = set()
    for passenger in passengers:
        if passenger.nik:
            keys.add("nik:" + passenger.nik)
        if passenger.birth_date is not None:
            keys.add(f"nb:{normalize_name(passenger.name)}|{passenger.birth_date}")
    return frozenset(keys)


def _guardians(minor_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, list[Person]]:
    """The registered parents and guardians of each minor (family links, and the head and
    spouse of a child's household)."""
    if not minor_ids:
        return {}
    found: dict[uuid.UUID, dict[uuid.UUID, Person]] = defaultdict(dict)
    links = FamilyLink.objects.filter(
        Q(relative_id__in=minor_ids, relation__in=[FamilyRelation.PARENT,
                                                    FamilyRelation.GUARDIAN])
        | Q(person_id__in=minor_ids, relation=FamilyRelation.CHILD)).select_related(
        "person", "relative")
    for link in links:
        if link.relation == FamilyRelation.CHILD:
            found[link.person_id][link.relative_id] = link.relative
        else:
            found[link.relative_id][link.person_id] = link.person
    children = Person.objects.filter(
        pk__in=minor_ids, household__isnull=False,
        household_relation__in=[HouseholdRelation.CHILD, HouseholdRelation.GRANDCHILD])
    households = dict(children.values_list("pk", "household_id"))
    if households:
        for adult in Person.objects.filter(
                household_id__in=set(households.values()),
                household_relation__in=[HouseholdRelation.HEAD, HouseholdRelation.SPOUSE]):
            for child, household in households.items():
                if household == adult.household_id:
                    found[child][adult.pk] = adult
    return {minor: list(people.values()) for minor, people in found.items()}


def _on_manifest(person: Person, identified: Collection[uuid.UUID],
                 companions: Collection[str]) -> bool:
    if person.pk in identified:
        return True
    if person.nik and "nik:" + person.nik in companions:
        return True
    return person.birth_date is not None and (
        f"nb:{normalize_name(person.name)}|{person.birth_date}" in companions)


def screen(passengers: Sequence[Passenger], *, departure_date: dt.date,
           journey: str = INTERNATIONAL, companions: Collection[str] | None = None,
           book: RuleBook | None = None) -> list[Screening]:
    """The verdict of each passenger (see the module docstring). ``journey`` is the kind of
    journey (already resolved by :func:`journey_kind`); ``companions`` the
    :func:`companion_keys` of the whole manifest (default: these passengers')."""
    if journey not in JOURNEYS:
        raise ValueError(journey)
    book = book or rule_book()
    if companions is None:
        companions = companion_keys(passengers)
    probes = [Probe(name=p.name, birth_date=p.birth_date, birth_place=p.birth_place, sex=p.sex,
                    nik=p.nik, passport=p.passport) for p in passengers]
    try:
        people = identify_people(probes, limit=5)
        watch = match_watchlist(probes, limit=3)
    finally:
        probes_forget()  # no passenger's NIK kept in the process after this
    identified = sorted({who.best.id for who in people
                         if who.verdict == "match" and who.best is not None}, key=str)
    procedural = procedural_status(identified, on=departure_date) if identified else {}
    records = {row["pk"]: row for row in Person.objects.filter(pk__in=identified).values(
        "pk", "birth_date", "migration_status")}
    minors = [pk for pk, row in records.items()
              if row["birth_date"] and age_on(row["birth_date"], departure_date) < ADULT_AGE]
    minors += [who.best.id for passenger, who in zip(passengers, people, strict=True)
               if who.verdict == "match" and who.best is not None and passenger.birth_date
               and age_on(passenger.birth_date, departure_date) < ADULT_AGE]
    guardians = _guardians(set(minors))
    context = _Context(departure_date, journey, procedural, records, guardians,
                       set(identified), companions, book)
    return [_verdict(passenger, who, watch_hits, context)
            for passenger, who, watch_hits in zip(passengers, people, watch, strict=True)]


@dataclass(frozen=True)
class _Context:
    on: dt.date
    journey: str
    procedural: dict[uuid.UUID, Any]
    records: Mapping[uuid.UUID, Mapping[str, Any]]
    guardians: Mapping[uuid.UUID, list[Person]]
    identified: Collection[uuid.UUID]
    companions: Collection[str]
    book: RuleBook


def _watchlist_facts(facts: _Facts, hits: list[WatchlistHit]) -> list[dict[str, Any]]:
    stored = []
    for hit in hits:
        indonesian, english = _KIND_TEXT.get(WatchlistKind(hit.kind), (hit.kind, hit.kind))
        facts.add("watchlist_match" if hit.decision == "match" else "watchlist_possible",
                  kind_id=indonesian, kind_en=english, percent=round(hit.score * 100),
                  entry_id=hit.entry_id, kind=hit.kind, person_id=hit.person_id)
        stored.append({"entry_id": str(hit.entry_id), "kind": hit.kind,
                       "score": round(hit.score, 4), "decision": hit.decision,
                       "match": hit.result.reasons_as_dicts()})
    return stored


def _identity_facts(facts: _Facts, outcome: Screening, who: Identification[Hit]) -> None:
    if who.verdict == "match" and who.best is not None:
        hit = who.best
        outcome.person_id, outcome.person_score = hit.id, hit.score
        facts.add("registered", percent=round(hit.score * 100), person_id=hit.id)
    elif who.verdict == "check" and len(who.candidates) > 1:
        times = who.times_likelier
        facts.add("identity_ambiguous", count=len(who.candidates),
                  times=f"{times:.1f}" if times is not None else "1.0",
                  candidates=[{"person_id": str(hit.id), "score": round(hit.score, 4)}
                              for hit in who.candidates])
    elif who.verdict == "check" and who.best is not None:
        hit = who.best
        facts.add("identity_uncertain", percent=round(hit.score * 100), person_id=hit.id,
                  score=round(hit.score, 4))


def _verdict(passenger: Passenger, who: Identification[Hit], watch_hits: list[WatchlistHit],
             context: _Context) -> Screening:
    facts = _Facts()
    journey_id, journey_en = _JOURNEY_TEXT[context.journey]
    facts.add("journey_" + context.journey, journey_id=journey_id, journey_en=journey_en)
    if context.journey != DOMESTIC:
        facts.add("journey_risky", journey_id=journey_id, journey_en=journey_en)
    outcome = Screening(verdict="", reasons=[],
                        watchlist_hits=_watchlist_facts(facts, watch_hits))
    _identity_facts(facts, outcome, who)
    record = context.records.get(outcome.person_id) if outcome.person_id else None
    born = passenger.birth_date or (record["birth_date"] if record else None)
    if born is None:
        facts.add("age_unknown")
    else:
        outcome.age = age_on(born, context.on)
        if outcome.age >= ADULT_AGE:
            facts.add("adult")
        else:
            facts.add("minor", age=outcome.age)
            family = context.guardians.get(outcome.person_id, []) if outcome.person_id else []
            with_them = [guardian for guardian in family
                         if _on_manifest(guardian, context.identified, context.companions)]
            if with_them:
                facts.add("accompanied", guardians=", ".join(g.name for g in with_them))
            else:
                facts.add("unaccompanied")
    if record and record["migration_status"] in ABROAD_STATUSES:
        status_id, status_en = _STATUS_TEXT[MigrationStatus(record["migration_status"])]
        facts.add("recorded_abroad", status_id=status_id, status_en=status_en,
                  person_id=outcome.person_id)
    ready = bool(passenger.certificate) and _certificate_facts(passenger, facts, outcome,
                                                               context.on)
    if not ready:
        _procedural_facts(facts, outcome, context.procedural)
    return _decide(outcome, facts, context)


def _decide(outcome: Screening, facts: _Facts, context: _Context) -> Screening:
    if facts.has("certificate_valid"):  # the certificate settles who this is
        facts.items = [item for item in facts.items
                       if item[0] not in ("identity_uncertain", "identity_ambiguous")]
    for fired in context.book.apply(facts.items, context.on):
        rule, values = fired.rule, fired.values
        reason: dict[str, Any] = {
            "code": rule.code, "severity": rule.severity,
            "text_id": _fill(rule.text_id, values), "text_en": _fill(rule.text_en, values)}
        for key in LINK_KEYS:
            value = values.get(key)
            if value is not None:
                reason[key] = str(value) if isinstance(value, uuid.UUID) else value
        outcome.reasons.append(reason)
    severities = {reason["severity"] for reason in outcome.reasons}
    outcome.verdict = STOP if STOP in severities else (CHECK if CHECK in severities else CLEAR)
    return outcome


def _fill(text: str, values: Mapping[str, Any]) -> str:
    try:
        return text.format_map(values)
    except (KeyError, IndexError, ValueError):
        return text


def _certificate_holder(passenger: Passenger, person_id: uuid.UUID) -> bool:
    """Whether the passenger is (possibly) the person a certificate was issued to."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return False
    result = score_records(
        make_record("", passenger.name, passenger.birth_date, passenger.birth_place,
                    passenger.sex, nik=passenger.nik or None, passport=passenger.passport),
        make_record(str(person.pk), person.name, person.birth_date, person.birth_place,
                    person.sex, nik=person.nik or None, passport=person.passport_number))
    return result.decision != "no_match"


def _certificate_facts(passenger: Passenger, facts: _Facts, outcome: Screening,
                       on: dt.date) -> bool:
    """Facts from the certificate the passenger shows; True when it proves readiness."""
    check = verify_certificate_token(passenger.certificate, on=on)
    holder = check.person_id
    if not check.valid or holder is None:
        # kept as a message with its parameters, shown in the reader's language
        # (common.stored_text)
        facts.add("certificate_invalid", detail=check.kept, application_id=check.application_id)
        return False
    if outcome.person_id is not None and holder != outcome.person_id:
        facts.add("certificate_other_person", person_id=holder)
        return False
    if outcome.person_id is None and not _certificate_holder(passenger, holder):
        facts.add("certificate_other_person", person_id=holder,
                  detail=gettext_noop("Data penumpang tidak cocok dengan pemegang sertifikat"))
        return False
    outcome.person_id = holder
    outcome.application_id = check.application_id
    facts.add("certificate_valid", application_id=check.application_id, person_id=holder)
    return True


def _procedural_facts(facts: _Facts, outcome: Screening,
                      procedural: dict[uuid.UUID, Any]) -> None:
    if outcome.person_id is None:
        facts.add("not_registered")
        return
    status = procedural.get(outcome.person_id)
    if status is None or status.application_id is None:
        facts.add("no_application", person_id=outcome.person_id)
        return
    outcome.application_id = status.application_id
    if not status.agency_licensed:
        facts.add("agency_unlicensed", application_id=status.application_id)
    if not status.job_order_valid:
        facts.add("job_order_invalid", application_id=status.application_id)
    if status.ready_to_depart:
        facts.add("ready", application_id=status.application_id)
    elif status.agency_licensed and status.job_order_valid:
        facts.add("not_ready", detail_id="; ".join(item.id for item in status.missing)[:500],
                  detail_en="; ".join(item.en for item in status.missing)[:500],
                  application_id=status.application_id)
