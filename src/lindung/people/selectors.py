"""Reads of the person registry, always through the access helper."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from lindung.accounts.models import User
from lindung.core import access, crypto
from lindung.people.models import Person
from lindung.people.normalize import search_name_for
from lindung.people.services import clean_passport
from lindung.regions.nik import NikError, clean_nik

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
