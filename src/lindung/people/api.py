from __future__ import annotations

from datetime import date
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja import Schema
from ninja import Status
from pydantic import Field

from lindung.accounts.models import User
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core.pages import caller_and_record
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.people import selectors
from lindung.people import services
from lindung.people.choices import MigrationStatus
from lindung.people.choices import Sex
from lindung.people.models import Person
from lindung.regions.choices import RegionLevel
from lindung.regions.models import Region
from lindung.regions.selectors import nik_region_warning

router = Router(tags=["people"])


class PersonOut(Schema):
    id: UUID
    name: str
    nik: str
    sex: str
    birth_date: date | None
    birth_place: str
    region_code: str
    migration_status: str
    passport_number: str
    synthetic: bool
    # The NIK's regency or district code is not in the Kemendagri tree ("" if it is).
    nik_warning: str = ""


class PersonIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    nik: str = Field(default="", max_length=24)
    sex: Sex | None = None
    birth_date: date | None = None
    birth_place: str = Field(default="", max_length=100)
    village_code: str = Field(default="", max_length=16)
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=32)
    passport_number: str = Field(default="", max_length=20)
    passport_name: str = Field(default="", max_length=200)
    migration_status: MigrationStatus = MigrationStatus.NONE
    #: Search before create: true once the client has seen the likely people (409) and
    #: says that this is someone new.
    confirm_new: bool = False
    #: With ``confirm_new``: the ids of the likely people (the 409's candidates) that are
    #: not this person; recorded as decided pairs that never return to the review queue.
    not_same: list[UUID] = Field(default_factory=list, max_length=50)


class ReasonOut(Schema):
    field: str
    strength: str
    detail: str
    weight: float


class CandidateOut(Schema):
    id: UUID
    name: str
    score: float
    decision: str
    reasons: list[ReasonOut]


class LikelyPeopleOut(Schema):
    """409: people like the one sent are registered; send again with ``confirm_new`` if
    this is someone else, or use one of them."""

    detail: str
    candidates: list[CandidateOut]


def person_out(user: User, person: Person, *, check_nik: bool = False) -> PersonOut:
    """`check_nik`: say when the NIK's region codes are not in the tree (one query; for
    single records, not lists)."""
    reveal = access.can(user, VIEW_IDENTITY, person)
    return PersonOut(
        nik_warning=nik_region_warning(person.nik_region_code) if check_nik else "",
        id=person.pk, name=person.name, sex=person.sex, birth_date=person.birth_date,
        birth_place=person.birth_place, region_code=person.region_code,
        migration_status=person.migration_status, synthetic=person.synthetic,
        nik=person.nik if reveal else person.masked_nik,
        passport_number=person.passport_number if reveal else person.masked_passport)


@router.get("/", response=list[PersonOut], summary="Search people by NIK, passport or name")
def people_search(request: HttpRequest, q: str) -> list[PersonOut]:
    user = staff_user(request)
    access.require(user, VIEW, Person)
    found = list(selectors.person_search(user=user, query=q[:120])[:50])
    for person in found:
        services.person_viewed(actor=user, person=person, context="api-search")
    return [person_out(user, person) for person in found]


@router.get("/{person_id}", response=PersonOut)
def person_get(request: HttpRequest, person_id: UUID) -> PersonOut:
    user, person = caller_and_record(request, Person.objects.all(), pk=person_id)
    services.person_viewed(actor=user, person=person, context="api")
    return person_out(user, person, check_nik=True)


@router.post("/", response={201: PersonOut, 409: LikelyPeopleOut},
             summary="Register a person (after search before create)")
def person_create(request: HttpRequest,
                  payload: PersonIn) -> Status[PersonOut] | Status[LikelyPeopleOut]:
    """Likely registered people (the matching engine, with score and reasons) answer 409
    first; send again with ``confirm_new: true`` to register someone new anyway."""
    from django.core.exceptions import ValidationError

    user = staff_user(request)
    access.require(user, CREATE, Person)
    data = payload.dict()
    not_same = data.pop("not_same")
    if not data.pop("confirm_new"):
        candidates = selectors.likely_people(
            user=user, name=data["name"], birth_date=data["birth_date"], nik=data["nik"],
            passport=data["passport_number"], birth_place=data["birth_place"],
            sex=data["sex"] or "")
        if candidates:
            return Status(409, LikelyPeopleOut(
                detail=_("Orang yang mirip sudah terdaftar: pakai salah satunya, atau kirim "
                         "lagi dengan confirm_new"),
                candidates=[CandidateOut(
                    id=candidate.person.pk, name=candidate.person.name, score=candidate.score,
                    decision=candidate.decision,
                    reasons=[ReasonOut(field=reason.field, strength=reason.strength,
                                       detail=reason.detail, weight=reason.weight)
                             for reason in candidate.reasons])
                    for candidate in candidates]))
    village = None
    code = data.pop("village_code")
    if code:
        village = Region.objects.filter(code=code, level=RegionLevel.VILLAGE).first()
        if village is None:
            raise ValidationError({"village_code": (
                _("Kode desa %(code)s tidak dikenal") % {"code": code})})
    data["sex"] = data["sex"] or ""
    person = services.person_create(actor=user, village=village, not_same=not_same, **data)
    return Status(201, person_out(user, person, check_nik=True))
