"""Writes to the person registry. Each is atomic and writes its audit row."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common import ratelimit
from lindung.common.ratelimit import Policy
from lindung.common.ratelimit import Window
from lindung.core import access
from lindung.core import audit
from lindung.core import crypto
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.models import Site
from lindung.people.choices import FamilyRelation
from lindung.people.choices import MigrationStatus
from lindung.people.choices import WatchlistKind
from lindung.people.dedupe import MATCHING_FIELDS
from lindung.people.dedupe import common_region
from lindung.people.dedupe import dedupe_person_soon
from lindung.people.dedupe import duplicate_pairs_not_same
from lindung.people.matching import Probe
from lindung.people.matching import match_person
from lindung.people.matching import person_keys_backfill
from lindung.people.matching import person_keys_refresh
from lindung.people.matching import watchlist_keys_refresh
from lindung.people.models import DuplicatePair
from lindung.people.models import FamilyLink
from lindung.people.models import Household
from lindung.people.models import Person
from lindung.people.models import WatchlistEntry
from lindung.people.models import WatchlistMatchKey
from lindung.people.normalize import search_name_for
from lindung.regions.models import Region
from lindung.regions.nik import NikError
from lindung.regions.nik import mask_nik
from lindung.regions.nik import parse_nik

PERSON_FIELDS = ("nik", "name", "passport_name", "sex", "birth_date", "birth_place", "village",
                 "address", "phone", "passport_number", "migration_status", "household",
                 "household_relation")


def clean_passport(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


@dataclass(slots=True)
class Identity:
    """A person's identity fields as given, and what :func:`identity_derive` computes from
    them: for bulk writers (census imports) that build no model instance per person."""

    name: str
    nik: str = ""
    birth_date: date | None = None
    sex: str = ""
    village_id: str | None = None
    passport_number: str = ""
    # derived
    nik_index: str = ""
    nik_region_code: str = ""
    passport_index: str = ""
    search_name: str = ""
    region_code: str = ""


def identity_derive(person: Person | Identity,
                    search_name: Callable[[str], str] = search_name_for) -> None:
    """Derive the indexes and the scope region from the protected identity fields, and check
    the NIK against the stated birth date and sex (raises ValidationError). The one rule for
    every write of a person: `person_create`, `person_update` and bulk writers."""
    if person.nik:
        try:
            parsed = parse_nik(person.nik)
        except NikError as exc:
            # the msgid and its parameters apart, like the errors below
            raise ValidationError({"nik": ValidationError(_(exc.msgid), code=exc.code,
                                                          params=exc.params)}) from exc
        person.nik = parsed.nik
        person.nik_index = crypto.blind_index("nik", parsed.nik)
        person.nik_region_code = parsed.district_code
        # Messages with their parameters apart, so that a writer that keeps them for later
        # (the census import) can keep the msgid and its parameters.
        errors: dict[str, ValidationError] = {}
        if person.birth_date and person.birth_date != parsed.birth_date:
            errors["birth_date"] = ValidationError(
                _("Tanggal lahir tidak sama dengan NIK (%(birth_date)s)"),
                params={"birth_date": format(parsed.birth_date, "%d-%m-%Y")})
        if person.sex and person.sex != parsed.sex:
            errors["sex"] = ValidationError(_("Jenis kelamin tidak sesuai dengan NIK"))
        if errors:
            raise ValidationError(errors)
        person.birth_date = person.birth_date or parsed.birth_date
        person.sex = person.sex or parsed.sex
    else:
        person.nik_index = ""
        person.nik_region_code = ""
    if person.passport_number:
        person.passport_number = clean_passport(person.passport_number)
    else:
        person.passport_number = ""
    person.passport_index = (crypto.blind_index("passport", person.passport_number)
                             if person.passport_number else "")
    person.search_name = search_name(person.name)
    if person.village_id:
        person.region_code = str(person.village_id)
    else:
        person.region_code = person.nik_region_code


class BulkIdentity:
    """:func:`identity_derive` for many people at once, as bulk writers need it: names
    repeat in a census (a few thousand distinct names in 100,000 rows), so each distinct
    name is normalised once. After the rows are written, :func:`people_index_for_matching`
    gives them their matching keys."""

    def __init__(self) -> None:
        self._search_names: dict[str, str] = {}

    def search_name(self, name: str) -> str:
        found = self._search_names.get(name)
        if found is None:
            found = self._search_names[name] = search_name_for(name)
        return found

    def derive(self, identity: Identity) -> None:
        """Raises ValidationError as `person_create` would (NIK form, birth date, sex)."""
        identity_derive(identity, self.search_name)

    def derive_all(self, identities: Iterable[Identity]) -> list[ValidationError | None]:
        """Each identity derived in place; its error, or None, in the same order."""
        errors: list[ValidationError | None] = []
        for identity in identities:
            try:
                identity_derive(identity, self.search_name)
            except ValidationError as exc:
                errors.append(exc)
            else:
                errors.append(None)
        return errors


def people_index_for_matching() -> int:
    """Give every person written in bulk (without `person_create`) their matching keys; the
    number of people indexed. For bulk writers, after their rows are committed: at 13 keys
    a person the keys cost more than the people themselves, so a census import runs this
    in a background task once its last chunk is in (the nightly `match_index` job would
    otherwise find them)."""
    return person_keys_backfill()


#: Registrations refused because the NIK belongs to someone outside the officer's scope:
#: each answer says that such a person exists, so an officer gets a few a day, not a
#: search engine for NIKs (issue 18 item 14).
NIK_CONFLICTS = Policy("nik-conflict", (Window(10, 24 * 3600),))


def _check_unique_nik(person: Person) -> None:
    if person.nik_index and (Person.objects.filter(nik_index=person.nik_index)
                             .exclude(pk=person.pk).exists()):
        raise ValidationError({"nik": _("NIK ini sudah terdaftar untuk orang lain.")})


def _refuse_nik_held_elsewhere(actor: User | None, nik: str,
                               person: Person | None = None) -> None:
    """Before the write's transaction: a NIK that belongs to someone outside the actor's
    scope is refused without naming or placing its holder; the answer is counted (a few a
    day) and audited as a read of that person, in their own transactions so that they stay
    when the write is refused."""
    if actor is None or not nik:
        return
    try:
        index = crypto.blind_index("nik", parse_nik(nik).nik)
    except NikError:
        return  # the write itself says what is wrong with the number
    others = Person.objects.filter(nik_index=index)
    if person is not None:
        others = others.exclude(pk=person.pk)
    holder = others.only("pk", "region_code").first()
    if holder is None or access.visible(actor, Person.objects.filter(pk=holder.pk)).exists():
        return
    with transaction.atomic():
        over = ratelimit.hit(NIK_CONFLICTS, subject=f"user:{actor.pk}")
        audit.record(actor=actor, action=AuditAction.VIEW, entity=audit.entity_name(Person),
                     object_id=str(holder.pk), region_code=holder.region_code,
                     detail={"context": "nik_conflict"})
    if over:
        raise ValidationError({"nik": _("Terlalu banyak NIK yang tidak dapat didaftarkan hari "
                                        "ini. Hubungi koordinator Anda.")})
    raise ValidationError({"nik": _("NIK ini tidak dapat didaftarkan dari wilayah kerja Anda. "
                                    "Hubungi koordinator Anda untuk memeriksanya.")})


def _queue_hidden_duplicates(actor: User | None, person: Person) -> int:
    """Likely duplicates of a newly registered person that the registering officer may not
    see go to the de-duplication review queue (seen by a coordinator or admin whose scope
    covers both), instead of being announced on the officer's form; the number queued."""
    if actor is None or access.area_of(actor).national:
        return 0
    probe = Probe(name=person.name, birth_date=person.birth_date,
                  birth_place=person.birth_place, sex=person.sex, nik=person.nik,
                  passport=person.passport_number)
    hits = [hit for hit in match_person(probe, limit=20)
            if hit.decision != "no_match" and hit.id != person.pk]
    if not hits:
        return 0
    visible = set(access.visible(actor, Person.objects.filter(pk__in=[h.id for h in hits]))
                  .values_list("pk", flat=True))
    hidden = [hit for hit in hits if hit.id not in visible]
    regions = dict(Person.objects.filter(pk__in=[h.id for h in hidden])
                   .values_list("pk", "region_code"))
    pairs = []
    for hit in hidden:
        first, second = sorted((person.pk, hit.id), key=lambda pk: pk.hex)
        pairs.append(DuplicatePair(
            person_a_id=first, person_b_id=second,
            region_code=common_region(person.region_code, regions.get(hit.id, "")),
            score=hit.score, decision=hit.result.decision,
            reasons=hit.result.reasons_as_dicts(), seen_at=timezone.now()))
    DuplicatePair.objects.bulk_create(pairs, ignore_conflicts=True)
    return len(pairs)


def registering_site(actor: User | None) -> Site | None:
    """The post of an officer who registers a person (registration is not residence: the
    person stays visible at that post, see lindung.core.access); None for other staff."""
    if actor is None or actor.site_id is None or actor.role not in access.POSTED_ROLES:
        return None
    return actor.site


def person_create(*, actor: User | None, name: str, nik: str = "", sex: str = "",
                  birth_date: date | None = None, village: Region | None = None,
                  migration_status: str = MigrationStatus.NONE, synthetic: bool = False,
                  not_same: Iterable[str | uuid.UUID] = (), **fields: Any) -> Person:
    """Register a person. ``not_same``: the likely people the officer was shown by the
    search before create and answered "not the same person" for (ids): recorded as decided
    pairs, which no de-duplication check puts back in the review queue."""
    _refuse_nik_held_elsewhere(actor, nik)
    return _person_create(actor=actor, name=name, nik=nik, sex=sex, birth_date=birth_date,
                          village=village, migration_status=migration_status,
                          synthetic=synthetic, not_same=not_same, **fields)


@transaction.atomic
def _person_create(*, actor: User | None, name: str, nik: str, sex: str,
                   birth_date: date | None, village: Region | None, migration_status: str,
                   synthetic: bool, not_same: Iterable[str | uuid.UUID],
                   **fields: Any) -> Person:
    person = Person(name=name.strip(), nik=nik, sex=sex, birth_date=birth_date, village=village,
                    migration_status=migration_status, synthetic=synthetic, created_by=actor,
                    updated_by=actor, registered_at_site=registering_site(actor), **fields)
    identity_derive(person)
    if actor is not None:
        access.require(actor, CREATE, person)
    person.full_clean(validate_constraints=False)
    _check_unique_nik(person)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as exc:  # a concurrent registration of the same NIK
        raise ValidationError({"nik": _("NIK ini sudah terdaftar untuk orang lain.")}) from exc
    person_keys_refresh(person)
    if actor is not None and not_same:
        duplicate_pairs_not_same(actor=actor, person=person, others=not_same)
    _queue_hidden_duplicates(actor, person)
    dedupe_person_soon(person.pk)
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=person,
                        region_code=person.region_code,
                        detail={"fields": sorted(k for k in PERSON_FIELDS
                                                 if getattr(person, k, None)),
                                **({"registered_at_site": str(person.registered_at_site_id)}
                                   if person.registered_at_site_id else {})})
    return person


def person_update(*, actor: User, person: Person, **changes: Any) -> Person:
    if changes.get("nik"):
        _refuse_nik_held_elsewhere(actor, str(changes["nik"]), person)
    return _person_update(actor=actor, person=person, **changes)


@transaction.atomic
def _person_update(*, actor: User, person: Person, **changes: Any) -> Person:
    access.require(actor, "change", person)
    before = audit.apply_changes(person, changes, PERSON_FIELDS)
    identity_derive(person)
    access.require(actor, "change", person)  # still in scope after a move
    person.full_clean(validate_constraints=False)
    _check_unique_nik(person)
    person.updated_by = actor
    person.save()
    if {"name", "birth_date", "nik"} & changes.keys():
        person_keys_refresh(person)
    if MATCHING_FIELDS & changes.keys():
        dedupe_person_soon(person.pk)
    after = {key: getattr(person, key) for key in changes}
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=person,
                        region_code=person.region_code,
                        detail={"fields": audit.changed_fields(before, after)})
    return person


def people_read(*, actor: User, people: Iterable[Person], context: str) -> int:
    """A page or file showing several people (a search page, an export): one audit row
    per person on it."""
    return audit.record_reads(actor=actor, objects=people, context=context)


def person_viewed(*, actor: User, person: Person, context: str = "page") -> None:
    """Every read of a person-level record goes into the audit log."""
    access.require(actor, VIEW, person)
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=person,
                        region_code=person.region_code, detail={"context": context})


@transaction.atomic
def household_create(*, actor: User | None, village: Region, address: str = "",
                     synthetic: bool = False, family_card_number: str = "") -> Household:
    household = Household(village=village, region_code=village.code, address=address,
                          family_card_number=family_card_number, synthetic=synthetic,
                          created_by=actor, updated_by=actor)
    if actor is not None:
        access.require(actor, CREATE, household)
    audit.save_recorded(household, actor=actor, action=AuditAction.CREATE)
    return household


@transaction.atomic
def family_link_create(*, actor: User | None, person: Person, relative: Person,
                       relation: FamilyRelation | str) -> FamilyLink:
    if actor is not None:
        access.require(actor, "change", person)
        access.require(actor, VIEW, relative)
    link = FamilyLink(person=person, relative=relative, relation=str(relation),
                      created_by=actor, updated_by=actor)
    audit.save_recorded(link, actor=actor, action=AuditAction.CREATE,
                        region_code=person.region_code, detail={"relation": str(relation)})
    return link


@transaction.atomic
def watchlist_entry_add(*, actor: User | None, kind: WatchlistKind | str, name: str,
                        source_entity: str, source_id: str, region_code: str = "",
                        birth_date: date | None = None, nik: str = "", phone: str = "",
                        social_handle: str = "", aliases: str = "", reason: str = "",
                        person: Person | None = None) -> WatchlistEntry:
    """Put a name on the early-warning watchlist (idempotent per source record, name and
    registry person: two people of the same name in one record stay two entries)."""
    existing = WatchlistEntry.objects.filter(
        kind=str(kind), source_entity=source_entity, source_id=source_id,
        search_name=search_name_for(name), person=person, retired_at__isnull=True).first()
    if existing is not None:
        return existing
    entry = WatchlistEntry(
        kind=str(kind), name=name.strip(), search_name=search_name_for(name),
        source_entity=source_entity, source_id=source_id, region_code=region_code,
        birth_date=birth_date, phone="".join(ch for ch in phone if ch.isdigit()),
        social_handle=social_handle.strip(), aliases=aliases.strip(), reason=reason,
        person=person, created_by=actor, updated_by=actor)
    if nik:
        try:
            entry.nik = parse_nik(nik).nik
        except NikError as exc:
            raise ValidationError({"nik": str(exc)}) from exc
        entry.nik_index = crypto.blind_index("nik", entry.nik)
    elif person is not None and person.nik:
        entry.nik, entry.nik_index = person.nik, person.nik_index
    entry.full_clean()
    entry.save()
    watchlist_keys_refresh(entry)
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=entry,
                        region_code=region_code, detail={"kind": str(kind),
                                                         "source": source_entity})
    return entry


@transaction.atomic
def watchlist_entry_retire(*, actor: User | None, entry: WatchlistEntry, reason: str,
                           manual: bool = False) -> None:
    """Take an entry off the screening (never deleted): the reason is kept and shown.
    ``manual``: an officer's decision on the watchlist page or API (their access to the
    entry is checked and a reason is required), not a source record's own follow-up."""
    reason = reason.strip()
    if manual:
        access.require(actor, CHANGE, entry)
        if not reason:
            raise ValidationError({"reason": _("Alasan wajib diisi.")})
    if entry.retired_at is not None:
        return
    entry.retired_at = timezone.now()
    entry.retired_reason = reason[:300]
    entry.updated_by = actor
    entry.save(update_fields=["retired_at", "retired_reason", "updated_by", "updated_at"])
    WatchlistMatchKey.objects.filter(entry=entry).delete()
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=entry,
                        region_code=entry.region_code,
                        detail={"fields": ["retired_at"], "reason": entry.retired_reason})


#: What an officer may correct on an entry (its kind and source stay: they are facts of the
#: source record).
WATCHLIST_FIELDS = ("name", "aliases", "birth_date", "nik", "phone", "social_handle", "reason")


def _audit_value(key: str, value: Any) -> Any:
    """A value as the audit log keeps it: NIK masked, dates as ISO text."""
    if key == "nik":
        return mask_nik(value) if value else ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _entry_nik(entry: WatchlistEntry, nik: str) -> None:
    if not nik:
        entry.nik, entry.nik_index = "", ""
        return
    try:
        entry.nik = parse_nik(nik).nik
    except NikError as exc:
        raise ValidationError({"nik": str(exc)}) from exc
    entry.nik_index = crypto.blind_index("nik", entry.nik)


@transaction.atomic
def watchlist_entry_correct(*, actor: User, entry: WatchlistEntry,
                            **changes: Any) -> WatchlistEntry:
    """Correct an active entry's name, aliases, birth date, NIK, phone, social media account
    or reason. The audit row keeps each changed field before and after (NIK masked)."""
    access.require(actor, CHANGE, entry)
    if entry.retired_at is not None:
        raise ValidationError(_("Entri yang sudah dipensiunkan tidak dapat dikoreksi."))
    unknown = set(changes) - set(WATCHLIST_FIELDS)
    if unknown:
        raise ValueError(f"Unknown watchlist fields {sorted(unknown)}")
    before = {key: getattr(entry, key) for key in changes}
    for key, value in changes.items():
        if key == "nik":
            _entry_nik(entry, str(value or "").strip())
        elif key == "phone":
            entry.phone = "".join(ch for ch in str(value or "") if ch.isdigit())
        elif key == "birth_date":
            entry.birth_date = value or None
        else:
            setattr(entry, key, str(value or "").strip())
    entry.search_name = search_name_for(entry.name)
    entry.updated_by = actor
    entry.full_clean()
    after = {key: getattr(entry, key) for key in changes}
    changed = audit.changed_fields(before, after)
    if not changed:
        return entry
    entry.save()
    watchlist_keys_refresh(entry)
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=entry,
                        region_code=entry.region_code, detail={
                            "fields": changed,
                            "before": {key: _audit_value(key, before[key]) for key in changed},
                            "after": {key: _audit_value(key, after[key]) for key in changed}})
    return entry


def _merged_aliases(survivor: WatchlistEntry, others: Iterable[WatchlistEntry]) -> str:
    """The survivor's aliases plus every other name and alias it does not already have."""
    seen = {search_name_for(survivor.name)}
    names: list[str] = []
    for raw in [survivor.aliases, *[f"{o.name};{o.aliases}" for o in others]]:
        for name in (part.strip() for part in raw.replace(",", ";").split(";")):
            if name and search_name_for(name) not in seen:
                seen.add(search_name_for(name))
                names.append(name)
    joined = "; ".join(names)
    return joined if len(joined) <= 300 else joined[:300].rsplit(";", 1)[0]


def _mergeable(actor: User, survivor: WatchlistEntry,
               others: Sequence[WatchlistEntry]) -> list[WatchlistEntry]:
    """The other entries, once each is checked: the actor may change it, it is still active
    and of the survivor's kind."""
    access.require(actor, CHANGE, survivor)
    if survivor.retired_at is not None:
        raise ValidationError(_("Entri yang bertahan harus masih aktif."))
    merged = [other for other in others if other.pk != survivor.pk]
    if not merged:
        raise ValidationError(_("Pilih minimal satu entri lain untuk digabungkan."))
    for other in merged:
        access.require(actor, CHANGE, other)
        if other.retired_at is not None:
            raise ValidationError(_("Entri %(name)s sudah dipensiunkan.") % {"name": other.name})
        if other.kind != survivor.kind:
            raise ValidationError(_("Entri %(name)s berjenis lain (%(kind)s): hanya entri "
                                    "sejenis yang digabungkan.") % {
                "name": other.name, "kind": other.get_kind_display()})
    return merged


def _fill_gaps(survivor: WatchlistEntry, other: WatchlistEntry) -> None:
    """What the survivor lacks and `other` has: birth date, NIK, phone, handle, person."""
    if survivor.birth_date is None and other.birth_date is not None:
        survivor.birth_date = other.birth_date
    if not survivor.nik_index and other.nik_index:
        survivor.nik, survivor.nik_index = other.nik, other.nik_index
    for key in ("phone", "social_handle"):
        if not getattr(survivor, key) and getattr(other, key):
            setattr(survivor, key, getattr(other, key))
    if survivor.person_id is None and other.person_id is not None:
        survivor.person_id = other.person_id


@transaction.atomic
def watchlist_entry_merge(*, actor: User, survivor: WatchlistEntry,
                          others: Sequence[WatchlistEntry]) -> list[WatchlistEntry]:
    """Merge duplicates into ``survivor``: it takes their names as aliases and the birth
    date, NIK, phone, account and registry person it lacks; each other entry is retired with
    "merged into <survivor>" and points at it (``merged_into``), so its source record and the
    screening hits recorded under it lead to the survivor. Returns the merged entries."""
    merged = _mergeable(actor, survivor, others)
    before = {key: getattr(survivor, key) for key in ("aliases", "birth_date", "phone",
                                                      "social_handle", "person_id")}
    survivor.aliases = _merged_aliases(survivor, merged)
    for other in merged:
        _fill_gaps(survivor, other)
    survivor.updated_by = actor
    survivor.full_clean()
    survivor.save()
    watchlist_keys_refresh(survivor)
    now = timezone.now()
    for other in merged:
        other.merged_into = survivor
        other.retired_at = now
        other.retired_reason = f"digabung ke {survivor.name}"[:300]
        other.updated_by = actor
        other.save(update_fields=["merged_into", "retired_at", "retired_reason", "updated_by",
                                  "updated_at"])
        WatchlistMatchKey.objects.filter(entry=other).delete()
        audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=other,
                            region_code=other.region_code,
                            detail={"fields": ["merged_into", "retired_at"],
                                    "merged_into": str(survivor.pk)})
    after = {key: getattr(survivor, key) for key in before}
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=survivor,
                        region_code=survivor.region_code,
                        detail={"fields": audit.changed_fields(before, after),
                                "merged": [str(other.pk) for other in merged]})
    return merged


def watchlist_entry_viewed(*, actor: User, entry: WatchlistEntry, context: str = "page") -> None:
    """Reading an entry shows a person (a name, perhaps a NIK): audited."""
    audit.record_object(actor=actor, action=AuditAction.VIEW, obj=entry,
                        region_code=entry.region_code, detail={"context": context})
