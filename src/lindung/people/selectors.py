"""Reads of the person registry, always through the access helper."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.db.models import QuerySet

from lindung.accounts.models import User
from lindung.core import access
from lindung.core import audit
from lindung.core import crypto
from lindung.matching.result import Reason
from lindung.people.match_display import ReasonRow
from lindung.people.match_display import decision_label
from lindung.people.match_display import reason_rows
from lindung.people.matching import Probe
from lindung.people.matching import logit
from lindung.people.matching import match_person
from lindung.people.models import Person
from lindung.people.normalize import search_name_for
from lindung.people.services import clean_passport
from lindung.regions.nik import NikError
from lindung.regions.nik import clean_nik

_PASSPORT = re.compile(r"^[A-Z]{1,2}[0-9]{6,8}$")


def person_search(*, user: User, query: str) -> QuerySet[Person]:
    """Exact look-up by NIK or passport number, else a simple name search on the
    normalised name (the matching engine does the fuzzy search-before-create)."""
    people = access.visible(user, Person.objects.all())
    text = query.strip()
    if not text:
        return people.none()
    digits = re.sub(r"[\s.\-]", "", text)
    if digits.isdigit() and len(digits) == 16:
        try:
            nik = clean_nik(text)
        except NikError:
            return people.none()
        return people.filter(nik_index=crypto.blind_index("nik", nik))
    passport = clean_passport(text)
    if _PASSPORT.match(passport):
        by_passport = people.filter(passport_index=crypto.blind_index("passport", passport))
        if by_passport.exists():
            return by_passport
    tokens = search_name_for(text).split()
    if not tokens:
        return people.none()
    condition = Q()
    for token in tokens:
        condition &= Q(search_name__contains=token)
    return people.filter(condition)


# ---------------------------------------------------------------------------------------------
# Search before create: the matching engine (lindung.people.matching)

#: Candidates scoring below this are not shown (a score of 0.25: "somewhat alike").
CANDIDATE_MINIMUM_SCORE = 0.25


@dataclass(frozen=True)
class PersonCandidate:
    """A registered person like the one about to be created: score 0..1, the decision
    (match / possible / no_match) and one explained reason per field (no values)."""

    person: Person
    score: float
    decision: str
    reasons: list[Reason]

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def reason_rows(self) -> list[ReasonRow]:
        return reason_rows(self.reasons)

    @property
    def decision_label(self) -> str:
        return decision_label(self.decision)


def _probe_from_query(query: str) -> dict[str, str]:
    """A free-text query as the LTSA and reports forms send it: a NIK, a passport or a name."""
    text = query.strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if digits.isdigit() and len(digits) == 16:
        return {"nik": digits, "name": ""}
    passport = clean_passport(text)
    if _PASSPORT.match(passport):
        return {"passport": passport, "name": ""}
    return {"name": text}


def person_candidates(*, user: User, name: str = "", birth_date: date | None = None,
                      nik: str = "", passport: str = "", birth_place: str = "", sex: str = "",
                      limit: int = 10, query: str = "") -> list[PersonCandidate]:
    """Likely existing people for a person about to be registered, best first, among the
    people the user may see. ``query`` accepts the free text of a search box instead of
    the fields (a NIK, a passport number or a name)."""
    if query and not (name or nik or passport):
        fields = _probe_from_query(query)
        name = fields.get("name", "")
        nik = fields.get("nik", "")
        passport = fields.get("passport", "")
    if not (name.strip() or nik.strip() or passport.strip()):
        return []
    probe = Probe(name=name, birth_date=birth_date, birth_place=birth_place, sex=sex, nik=nik,
                  passport=passport)
    hits = match_person(probe, limit=max(limit * 3, 30),
                        floor=logit(CANDIDATE_MINIMUM_SCORE))
    if not hits:
        return []
    people = access.visible(user, Person.objects.filter(pk__in=[hit.id for hit in hits]))
    by_id = {person.pk: person for person in people.select_related("village")}
    found = [PersonCandidate(by_id[hit.id], hit.result.score, hit.result.decision,
                             hit.result.reasons)
             for hit in hits if hit.id in by_id][:limit]
    # Every candidate list is shown to the officer (people, village census and LTSA forms,
    # the API): each person on it is read, and audited as such.
    audit.record_reads(actor=user, objects=[c.person for c in found], context="candidates")
    return found


def likely_people(*, user: User, name: str, birth_date: date | None = None, nik: str = "",
                  passport: str = "", birth_place: str = "", sex: str = ""
                  ) -> list[PersonCandidate]:
    """Search before create, for every form that registers a person: the likely existing
    people the user may see, explained. Likely people outside the user's scope are never
    announced (not even as a number): registration queues them for a coordinator's review
    (`services.person_create`)."""
    return person_candidates(user=user, name=name, birth_date=birth_date, nik=nik,
                             passport=passport, birth_place=birth_place, sex=sex)
