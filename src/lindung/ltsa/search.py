"""The public checker's matching: normalised look-up keys stored in an indexed table, then
rapidfuzz over the few candidates that share a key with the query.

A name yields, per token, the token itself and (for tokens of four letters or more) its
first and last three letters, so a misspelling inside a word still meets the word by its
other end. A licence or permit number yields its letters-and-digits form, its first and last
six characters and its digits alone. The query yields the same keys, so a look-up is one
indexed ``key IN (...)`` query grouped by target, however many agencies there are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count
from django.db.models.functions import Coalesce
from rapidfuzz import fuzz

from lindung.ltsa.models import CheckKey

#: Legal-form words that every agency name carries and that therefore say nothing.
LEGAL_FORMS = frozenset({"pt", "cv", "tbk", "persero", "perseroan", "terbatas", "ud"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_ALNUM_UPPER = re.compile(r"[^A-Z0-9]+")
#: Candidates scored per query: the targets sharing the most keys with it.
CANDIDATE_LIMIT = 60
NAME_THRESHOLD = 72.0
NUMBER_THRESHOLD = 80.0


def _fold(raw: str) -> str:
    return unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")


def normalise_name(raw: str) -> str:
    """Lowercase ASCII words, legal-form words dropped: "PT. Sinar Jaya, Tbk" ->
    "sinar jaya"."""
    tokens = [t for t in _NON_ALNUM.sub(" ", _fold(raw).lower()).split() if t not in LEGAL_FORMS]
    return " ".join(tokens)


def normalise_number(raw: str) -> str:
    """Letters and digits only, upper case: "KEP. 123/2020" -> "KEP1232020"."""
    return _NON_ALNUM_UPPER.sub("", _fold(raw).upper())


def name_keys(raw: str) -> set[str]:
    keys: set[str] = set()
    for token in normalise_name(raw).split():
        if len(token) < 2:
            continue
        keys.add("t:" + token)
        if len(token) >= 4:
            keys.add("p:" + token[:3])
            keys.add("s:" + token[-3:])
    return keys


def number_keys(raw: str) -> set[str]:
    number = normalise_number(raw)
    keys: set[str] = set()
    if len(number) >= 4:
        keys.update({"n:" + number, "np:" + number[:6], "ns:" + number[-6:]})
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) >= 4:
        keys.add("d:" + digits)
    return keys


def query_keys(query: str) -> set[str]:
    return name_keys(query) | number_keys(query)


def agency_keys(name: str, licence_numbers: list[str]) -> set[str]:
    keys = name_keys(name)
    for number in licence_numbers:
        keys |= number_keys(number)
    return keys


def job_order_keys(permit_number: str, employer_name: str) -> set[str]:
    return number_keys(permit_number) | name_keys(employer_name)


@dataclass(frozen=True)
class CandidateIds:
    agencies: list[UUID]
    job_orders: list[UUID]


def candidates(query: str, *, limit: int = CANDIDATE_LIMIT) -> CandidateIds:
    """The agencies and job orders sharing the most look-up keys with the query."""
    keys = query_keys(query)
    if not keys:
        return CandidateIds([], [])
    # Ties broken by the target's id, so that a query always gets the same candidates
    # (and ``public_index.check`` the same as this).
    rows = (CheckKey.objects.filter(key__in=sorted(keys))
            .values("agency_id", "job_order_id")
            .annotate(hits=Count("id"), target=Coalesce("agency_id", "job_order_id"))
            .order_by("-hits", "target")[:limit])
    agencies = [row["agency_id"] for row in rows if row["agency_id"]]
    job_orders = [row["job_order_id"] for row in rows if row["job_order_id"]]
    return CandidateIds(agencies, job_orders)


def name_score(query: str, name: str) -> float:
    left, right = normalise_name(query), normalise_name(name)
    if not left or not right:
        return 0.0
    return float(max(fuzz.WRatio(left, right), fuzz.token_sort_ratio(left, right)))


def number_score(query: str, number: str) -> float:
    left, right = normalise_number(query), normalise_number(number)
    if len(left) < 4 or not right:
        return 0.0
    return float(fuzz.ratio(left, right))
