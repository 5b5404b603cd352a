"""Writing one chunk of validated census rows. The caller wraps a chunk, its row errors and
the import's progress in ONE transaction: a chunk is committed whole or not at all.

Idempotent by natural keys: a household is found by (programme village, household key), a
person by NIK (the registry's blind index) or, without NIK, by household + normalised name +
birth date; a stay abroad by person + country + departure date; a child by person. What is
found is counted as matched and not written again.

People are created in bulk with the same derived fields as the registry's `person_create`:
`people.services.BulkIdentity` computes them (NIK index, NIK region, search name, and
checks the NIK against birth date and sex) on each row during validation. Rows go in with
one executemany (SQLite) or COPY (PostgreSQL) per table (`core.bulk.Inserter`), each
row a tuple of what varies, what is the same for the whole chunk (time, author, import) given
once. Existing rows are looked up with one statement per table and chunk
(`core.bulk.select_in`). The audit log gets one row per new household and one row per
chunk (counts only); people created in bulk are covered by the chunk's row. Their matching
keys are written after the import (`people.services.people_index_for_matching`).
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.core import audit
from lindung.core.bulk import Inserter
from lindung.core.bulk import select_in
from lindung.core.bulk import uuids
from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.people import services as people_services
from lindung.people.models import Household
from lindung.people.models import Person
from lindung.villages.census_import.validate import RowError
from lindung.villages.census_import.validate import ValidRow
from lindung.villages.choices import CardKind
from lindung.villages.choices import CardStatus
from lindung.villages.choices import SchoolStatus
from lindung.villages.models import CensusHousehold
from lindung.villages.models import CensusImport
from lindung.villages.models import ChildCard
from lindung.villages.models import ChildProfile
from lindung.villages.models import StayAbroad


@dataclass
class ChunkResult:
    people_created: int = 0
    people_matched: int = 0
    households_created: int = 0
    stays_created: int = 0
    children_created: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class Planned:
    census_id: UUID
    household_id: UUID
    new_from: ValidRow | None  # the row that creates it, None when it exists already


def _error(row: ValidRow, name: str, message: str) -> RowError:
    return RowError(row.index, row.sheet_row, name, message)


# The columns each insert gives per row; every other field is the same for the whole chunk.
_HOUSEHOLD = ("id", "village_id", "region_code", "address", "family_card_number")
_CENSUS_HOUSEHOLD = ("id", "household_id", "programme_village_id", "region_code",
                     "household_key", "family_card_last4")
_HOUSEHOLD_EVENT = ("object_id", "region_code")
_PERSON = ("id", "nik", "nik_index", "nik_region_code", "name", "search_name", "sex",
           "birth_date", "birth_place", "village_id", "region_code", "address", "phone",
           "migration_status", "household_id", "household_relation")
_STAY = ("id", "person_id", "census_household_id", "region_code", "country", "occupation",
         "employer", "placement_agency_name", "departed_on", "procedural", "returned_on")
_CHILD = ("id", "person_id", "programme_village_id", "region_code", "school_status",
          "school_name")
_CARD = ("id", "child_id", "region_code", "kind", "status", "needed_on", "applied_on",
         "received_on")


class ChunkWriter:
    """`actor_event`: an audit row of this run, recorded by `core.audit` for the actor; the
    household rows carry the same actor labels."""

    def __init__(self, *, census_import: CensusImport, actor: User | None, synthetic: bool,
                 actor_event: AuditEvent) -> None:
        self.census_import = census_import
        self.actor = actor
        self.actor_id = actor.pk if actor is not None else None
        self.synthetic = synthetic
        self.census_date: date = census_import.census_date
        self.actor_labels = {"actor_id": actor_event.actor_id,
                             "actor_label": actor_event.actor_label,
                             "actor_role": actor_event.actor_role,
                             "actor_agency": actor_event.actor_agency}
        self.inserters = {
            Household: Inserter(Household, _HOUSEHOLD),
            CensusHousehold: Inserter(CensusHousehold, _CENSUS_HOUSEHOLD),
            AuditEvent: Inserter(AuditEvent, _HOUSEHOLD_EVENT),
            Person: Inserter(Person, _PERSON),
            StayAbroad: Inserter(StayAbroad, _STAY),
            ChildProfile: Inserter(ChildProfile, _CHILD),
            ChildCard: Inserter(ChildCard, _CARD),
        }

    def _fixed(self, **values: Any) -> dict[str, Any]:
        """What every row of one insert shares: written now, by the actor, plus `values`."""
        return {"created_at": self.now, "updated_at": self.now, "created_by_id": self.actor_id,
                "updated_by_id": self.actor_id, **values}

    # -- households ------------------------------------------------------------------------

    def _plan_households(self, rows: Sequence[ValidRow]) -> dict[tuple[UUID, str], Planned]:
        """Find the households of these rows; plan (not yet insert) the missing ones."""
        wanted = {(row.programme_village_id, row.household_key) for row in rows}
        found: dict[tuple[UUID, str], Planned] = {}
        keys = sorted({key for _, key in wanted})
        villages = {village for village, _ in wanted}
        for census_id, household_id, village_id, key in select_in(
                CensusHousehold, ("id", "household_id", "programme_village_id", "household_key"),
                "household_key", keys, also=("programme_village_id", villages)):
            if (village_id, key) in wanted:
                found[(village_id, key)] = Planned(census_id, household_id, None)
        first_row: dict[tuple[UUID, str], ValidRow] = {}
        for row in rows:
            first_row.setdefault((row.programme_village_id, row.household_key), row)
        missing = sorted(wanted - found.keys(), key=lambda k: first_row[k].index)
        ids = uuids(2 * len(missing))
        for number, household in enumerate(missing):
            found[household] = Planned(ids[2 * number], ids[2 * number + 1],
                                       first_row[household])
        return found

    def _insert_households(self, plans: Iterable[Planned], result: ChunkResult) -> None:
        households: list[tuple[Any, ...]] = []
        census: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        for plan in plans:
            row = plan.new_from
            if row is None:
                continue
            households.append((plan.household_id, row.village_code, row.village_code,
                               row.address, row.family_card_number))
            census.append((plan.census_id, plan.household_id, row.programme_village_id,
                           row.village_code, row.household_key, row.family_card_last4))
            events.append((str(plan.household_id), row.village_code))
        if not households:
            return
        self.inserters[Household].insert(households, self._fixed(synthetic=self.synthetic))
        self.inserters[CensusHousehold].insert(census, self._fixed(
            census_date=self.census_date, source_import_id=self.census_import.pk,
            synthetic=self.synthetic))
        self.inserters[AuditEvent].insert(events, {
            "at": self.now, "action": AuditAction.CREATE.value, "entity": "people.household",
            "detail": {"source": "census_import", "import": str(self.census_import.pk)},
            **self.actor_labels})
        result.households_created += len(households)

    # -- people ----------------------------------------------------------------------------

    def _existing_people(self, rows: Sequence[ValidRow], plans: dict[tuple[UUID, str], Planned]
                         ) -> tuple[dict[str, tuple[UUID, UUID | None]],
                                    dict[tuple[UUID, str, date | None], UUID]]:
        by_nik: dict[str, tuple[UUID, UUID | None]] = {}
        indexes = sorted({row.nik_index for row in rows if row.nik_index})
        for person_id, index, household_id in select_in(
                Person, ("id", "nik_index", "household_id"), "nik_index", indexes):
            by_nik[index] = (person_id, household_id)
        by_name: dict[tuple[UUID, str, date | None], UUID] = {}
        old_households = sorted({p.household_id for p in plans.values() if p.new_from is None})
        for person_id, household_id, search_name, born in select_in(
                Person, ("id", "household_id", "search_name", "birth_date"), "household_id",
                old_households):
            by_name.setdefault((household_id, search_name, born), person_id)
        return by_nik, by_name

    def _link_existing(self, row: ValidRow, person_id: UUID, household_id: UUID,
                       result: ChunkResult) -> bool:
        """A registry person with this NIK who is in no household yet joins this one."""
        if self.actor is None:
            result.errors.append(_error(row, "nik", gettext_noop(
                "NIK ini sudah terdaftar di registri tanpa rumah tangga; hubungkan lewat "
                "halaman rumah tangga")))
            return False
        person = Person.objects.get(pk=person_id)
        try:
            people_services.person_update(
                actor=self.actor, person=person, household=Household.objects.get(pk=household_id),
                household_relation=row.relation)
        except (PermissionDenied, ValidationError):
            result.errors.append(_error(row, "nik", gettext_noop(
                "NIK ini terdaftar untuk orang di luar wilayah Anda")))
            return False
        return True

    @staticmethod
    def _person_row(row: ValidRow, pk: UUID, household_id: UUID) -> tuple[Any, ...]:
        """`_PERSON`. The derived fields come from `people.services.BulkIdentity`, run on
        the row during validation; with a village, its scope region is the village's code
        (the same rule as `identity_derive`)."""
        return (pk, row.nik, row.nik_index, row.nik_region_code, row.name, row.search_name,
                row.sex, row.birth_date, row.birth_place, row.village_code, row.village_code,
                row.address, row.phone, row.migration_status, household_id, row.relation)

    def _people(self, rows: Sequence[ValidRow], plans: dict[tuple[UUID, str], Planned],
                result: ChunkResult) -> list[tuple[ValidRow, UUID, bool]]:
        by_nik, by_name = self._existing_people(rows, plans)
        placed: list[tuple[ValidRow, UUID, bool]] = []  # (row, person id, is new)
        links: list[tuple[ValidRow, UUID, UUID]] = []
        new_people: list[tuple[Any, ...]] = []
        new_households: set[UUID] = set()
        ids = iter(uuids(len(rows)))
        for row in rows:
            household_id = plans[(row.programme_village_id, row.household_key)].household_id
            match: UUID | None = None
            if row.nik_index and row.nik_index in by_nik:
                match, current_household = by_nik[row.nik_index]
                if current_household is None:
                    links.append((row, match, household_id))
                    by_nik[row.nik_index] = (match, household_id)
                    continue
                if current_household != household_id:
                    result.errors.append(_error(
                        row, "nik",
                        gettext_noop("Orang dengan NIK ini sudah tercatat di rumah tangga lain")))
                    continue
            elif not row.nik_index:
                match = by_name.get((household_id, row.search_name, row.birth_date))
            if match is not None:
                placed.append((row, match, False))
                result.people_matched += 1
                continue
            pk = next(ids)
            new_people.append(self._person_row(row, pk, household_id))
            new_households.add(household_id)
            placed.append((row, pk, True))
            if row.nik_index:
                by_nik[row.nik_index] = (pk, household_id)
            else:
                by_name[(household_id, row.search_name, row.birth_date)] = pk
        used = new_households | {household_id for _, _, household_id in links}
        self._insert_households((p for p in plans.values() if p.household_id in used), result)
        for row, person_id, household_id in links:
            if self._link_existing(row, person_id, household_id, result):
                placed.append((row, person_id, False))
                result.people_matched += 1
        self.inserters[Person].insert(new_people, self._fixed(
            passport_name="", passport_number="", passport_index="", synthetic=self.synthetic))
        result.people_created += len(new_people)
        return placed

    # -- stays abroad and children ---------------------------------------------------------

    def _stays(self, placed: Sequence[tuple[ValidRow, UUID, bool]],
               plans: dict[tuple[UUID, str], Planned], result: ChunkResult) -> None:
        abroad = [(row, person_id, new) for row, person_id, new in placed if row.abroad]
        known: dict[UUID, list[tuple[UUID, str, date | None, date | None]]] = {}
        old_people = [person_id for _, person_id, new in abroad if not new]
        for stay_id, person_id, country, departed, returned in select_in(
                StayAbroad, ("id", "person_id", "country", "departed_on", "returned_on"),
                "person_id", old_people):
            known.setdefault(person_id, []).append((stay_id, country, departed, returned))
        new_stays: list[tuple[Any, ...]] = []
        closing: dict[date, list[UUID]] = {}  # return date -> stays it closes
        ids = iter(uuids(len(abroad)))
        for row, person_id, _ in abroad:
            assert row.abroad is not None
            stay = row.abroad
            existing = known.get(person_id, [])
            same = [s for s in existing if s[1] == stay.country and s[2] == stay.departed_on]
            if same:
                stay_id, _, _, returned = same[0]
                if stay.returned_on and returned is None:
                    closing.setdefault(stay.returned_on, []).append(stay_id)
                continue
            if stay.returned_on is None and any(s[3] is None for s in existing):
                continue  # already recorded as abroad (another stay still open)
            pk = next(ids)
            census_id = plans[(row.programme_village_id, row.household_key)].census_id
            new_stays.append((pk, person_id, census_id, row.village_code, stay.country,
                              stay.occupation, stay.employer, stay.placement_agency_name,
                              stay.departed_on, stay.procedural, stay.returned_on))
            known.setdefault(person_id, []).append(
                (pk, stay.country, stay.departed_on, stay.returned_on))
        self.inserters[StayAbroad].insert(new_stays, self._fixed(
            return_note="", source_import_id=self.census_import.pk, synthetic=self.synthetic))
        for returned_on, stay_ids in closing.items():  # one UPDATE per return date
            StayAbroad.objects.filter(pk__in=stay_ids, returned_on__isnull=True).update(
                returned_on=returned_on, updated_by=self.actor, updated_at=self.now)
        result.stays_created += len(new_stays)

    def _children(self, placed: Sequence[tuple[ValidRow, UUID, bool]],
                  result: ChunkResult) -> None:
        children = [(row, person_id, new) for row, person_id, new in placed if row.is_child]
        old = [person_id for _, person_id, new in children if not new]
        existing = {person_id for (person_id,) in select_in(
            ChildProfile, ("person_id",), "person_id", old)}
        profiles: list[tuple[Any, ...]] = []
        cards: list[tuple[Any, ...]] = []
        census_date = self.census_date
        ids = iter(uuids(3 * len(children)))
        for row, person_id, _ in children:
            if person_id in existing:
                continue
            existing.add(person_id)
            profile_id = next(ids)
            profiles.append((profile_id, person_id, row.programme_village_id, row.village_code,
                             row.school_status or SchoolStatus.UNKNOWN, row.school_name))
            for kind, status in ((CardKind.KIS.value, row.kis), (CardKind.KIP.value, row.kip)):
                if status:
                    # needed_on / applied_on / received_on: the census date for the status
                    cards.append((next(ids), profile_id, row.village_code, kind, status,
                                  census_date if status == CardStatus.NEEDED else None,
                                  census_date if status == CardStatus.APPLIED else None,
                                  census_date if status == CardStatus.RECEIVED else None))
        self.inserters[ChildProfile].insert(profiles, self._fixed(
            enrolled_on=None, left_on=None, source_import_id=self.census_import.pk,
            synthetic=self.synthetic))
        self.inserters[ChildCard].insert(cards, self._fixed(note=""))
        result.children_created += len(profiles)

    # -- the chunk -------------------------------------------------------------------------

    def write(self, rows: Iterable[ValidRow]) -> ChunkResult:
        rows = list(rows)
        result = ChunkResult()
        if not rows:
            return result
        self.now = timezone.now()
        plans = self._plan_households(rows)
        placed = self._people(rows, plans, result)
        self._stays(placed, plans, result)
        self._children(placed, result)
        return result


def chunk_audit(*, actor: User | None, census_import: CensusImport, first_row: int,
                last_row: int, result: ChunkResult) -> None:
    """One audit row per committed chunk: counts only, never personal data."""
    detail: dict[str, Any] = {
        "rows": [first_row, last_row], "people_created": result.people_created,
        "people_matched": result.people_matched,
        "households_created": result.households_created,
        "stays_created": result.stays_created, "children_created": result.children_created,
        "row_errors": len(result.errors)}
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=census_import,
                        region_code=census_import.region_code, detail=detail)
