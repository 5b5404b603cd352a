"""The person registry: one person, one record, keyed by NIK where known."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.common.models import StrFormatModel
from lindung.core.fields import EncryptedTextField
from lindung.core.models import BaseModel
from lindung.core.models import OptionallyRegionScopedModel
from lindung.core.models import RegionScopedModel
from lindung.people.choices import DuplicateStatus
from lindung.people.choices import FamilyRelation
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.people.choices import Sex
from lindung.people.choices import WatchlistKind
from lindung.regions.nik import mask_nik

if TYPE_CHECKING:
    from lindung.accounts.models import User


def _unindexed_actor() -> models.ForeignKey[User | None, User | None]:
    """`BaseModel.created_by`/`updated_by` without their index, on the registry's high-volume
    tables: nothing looks people or households up by who wrote them, and the two indexes
    cost every bulk insert (census imports). The foreign keys themselves stay."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+", editable=False,
                             db_index=False)


class Household(RegionScopedModel):
    """A household (rumah tangga) as recorded in a village census."""

    created_by = _unindexed_actor()
    updated_by = _unindexed_actor()
    village = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("desa/kelurahan"), db_index=False)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    family_card_number = EncryptedTextField(_("nomor KK"), blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["region_code", "created_at"]
        # A plain index: no LIKE-prefix ("_like") twin on PostgreSQL, never queried so.
        indexes = [models.Index(fields=["village"], name="household_village")]

    def __str__(self) -> str:
        head = self.members.filter(household_relation=HouseholdRelation.HEAD).first()
        return str(_("Rumah tangga {name}")).format(name=head.name if head else "?")


class PersonQuerySet(models.QuerySet["Person"]):
    def with_nik_index(self, index: str) -> PersonQuerySet:
        return self.filter(nik_index=index)


class Person(OptionallyRegionScopedModel):
    created_by = _unindexed_actor()
    updated_by = _unindexed_actor()
    nik = EncryptedTextField(_("NIK"), blank=True)
    # Keyed hash of the NIK for exact look-up (the NIK itself is encrypted).
    nik_index = models.CharField(max_length=40, blank=True, editable=False)
    # Region prefix of the NIK (district of first registration), kept for scope fallback.
    nik_region_code = models.CharField(max_length=8, blank=True, editable=False)
    name = models.CharField(_("nama (KTP)"), max_length=200)
    passport_name = models.CharField(_("nama (paspor)"), max_length=200, blank=True)
    search_name = models.CharField(max_length=200, editable=False)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    village = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("desa/kelurahan"),
                                db_index=False)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    passport_number = EncryptedTextField(_("nomor paspor"), blank=True)
    passport_index = models.CharField(max_length=40, blank=True, editable=False)
    migration_status = models.CharField(_("status migrasi"), max_length=16,
                                        choices=MigrationStatus.choices,
                                        default=MigrationStatus.NONE)
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="members")
    household_relation = models.CharField(_("hubungan dalam rumah tangga"), max_length=16,
                                          choices=HouseholdRelation.choices, blank=True)
    # Demo and benchmark records are synthetic and marked so wherever shown.
    synthetic = models.BooleanField(default=False)
    #: The post (embarkation point, LTSA centre) of the officer who registered the person:
    #: they stay visible there whatever their address (registration is not residence).
    registered_at_site = models.ForeignKey("directory.Site", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+",
                                           editable=False, db_index=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["search_name"]
        constraints = [
            models.UniqueConstraint(fields=["nik_index"], condition=~Q(nik_index=""),
                                    name="person_unique_nik"),
        ]
        # Plain indexes rather than db_index=True, which adds a LIKE-prefix ("_like") twin
        # on PostgreSQL for character columns: hashes, names and villages are never
        # prefix-searched (names are searched with contains). Every index costs each insert.
        # nik_index keeps its own index besides the partial unique one: an equality with a
        # parameter (SQLite) or a long IN list (PostgreSQL) cannot use a partial index.
        # region_code keeps db_index (and its "_like" twin): scopes are prefix queries.
        indexes = [
            models.Index(fields=["nik_index"], name="person_nik_index"),
            models.Index(fields=["passport_index"], name="person_passport_index"),
            models.Index(fields=["search_name"], name="person_search_name"),
            models.Index(fields=["village"], name="person_village"),
            models.Index(fields=["registered_at_site"], name="person_registered_at_site",
                         condition=Q(registered_at_site__isnull=False)),
        ]

    str_format = "{name}"

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik) if self.nik else ""

    @property
    def masked_passport(self) -> str:
        value = str(self.passport_number or "")
        if not value:
            return ""
        return value[:1] + "•" * max(len(value) - 3, 0) + value[-2:]

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class FamilyLink(BaseModel):
    """`person` is <relation> `relative` (e.g. person is parent of relative)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family_links")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("hubungan"), max_length=16, choices=FamilyRelation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "relation"],
                                    name="familylink_unique"),
            models.CheckConstraint(condition=~Q(person=models.F("relative")),
                                   name="familylink_not_self"),
        ]

    str_format = "{person_id} {relation} {relative_id}"


class WatchlistEntry(BaseModel):
    """A name the early-warning screening looks for. Entries come from public reports,
    cases and prevented departures (`source_entity` + `source_id` say which record); they
    are retired, never deleted, when the source no longer supports them."""

    kind = models.CharField(_("jenis"), max_length=24, choices=WatchlistKind.choices,
                            db_index=True)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="watchlist_entries")
    name = models.CharField(_("nama"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    aliases = models.CharField(_("nama lain"), max_length=300, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    nik = EncryptedTextField(_("NIK"), blank=True)
    nik_index = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    phone = models.CharField(_("telepon"), max_length=32, blank=True, db_index=True)
    social_handle = models.CharField(_("akun media sosial"), max_length=100, blank=True)
    region_code = models.CharField(max_length=16, blank=True, db_index=True)
    source_entity = models.CharField(max_length=64)
    source_id = models.CharField(max_length=64)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_reason = models.CharField(max_length=300, blank=True)
    #: A duplicate retired by a merge points at the entry that survived it (its hits and
    #: source records now belong there).
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["source_entity", "source_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


# ---------------------------------------------------------------------------------------------
# Matching: stored blocking keys, their frequencies, de-duplication decisions (people/matching.py)


class MatchKey(StrFormatModel):
    """One blocking key (lindung.matching.keys) of the record the concrete model names, for
    candidate retrieval."""

    key = models.CharField(max_length=64)

    class Meta:
        abstract = True

    str_format = "{key}"


class PersonMatchKey(MatchKey):
    """A blocking key of a person. Derived from the name and birth date, rewritten whenever
    they change, never edited."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["key", "person"], name="person_match_key_person")]


class MatchKeyFrequency(StrFormatModel):
    """How many people share a blocking key: refreshed wholesale by the de-duplication job
    (and `lindung match_index`), read to look up the smallest blocks first and to skip the
    largest (stop keys)."""

    key = models.CharField(primary_key=True, max_length=64)
    people = models.PositiveIntegerField()

    str_format = "{key} {people}"


class WatchlistMatchKey(MatchKey):
    """A blocking key of a watchlist entry (its name and aliases)."""

    entry = models.ForeignKey(WatchlistEntry, on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["key", "entry"], name="watchlist_match_key_entry")]


class DuplicatePair(BaseModel):
    """Two registry records the de-duplication found alike, with the score and its reasons.
    A decision never changes either record: "same" links them into one identity cluster
    (PersonIdentity). `person_a` has the lower id. `region_code` is the longest region both
    records share, so a pair is seen only by staff who may see both people."""

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(max_length=16, blank=True, db_index=True)
    score = models.FloatField()
    decision = models.CharField(max_length=16)
    reasons = models.JSONField(default=list)
    status = models.CharField(_("keputusan"), max_length=16, choices=DuplicateStatus.choices,
                              default=DuplicateStatus.OPEN)
    decided_by = models.ForeignKey("accounts.User", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_unique"),
            models.CheckConstraint(condition=~Q(person_a=models.F("person_b")),
                                   name="duplicate_pair_not_self"),
        ]
        indexes = [models.Index(fields=["status", "-score"], name="duplicate_pair_queue")]

    str_format = "{person_a_id} ~ {person_b_id} {status}"


class DuplicateDecision(BaseModel):
    """The history of decisions on a pair (who and when: created_by/created_at). Undoing a
    decision adds a row with the status "open"; nothing is deleted."""

    pair = models.ForeignKey(DuplicatePair, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(max_length=16, choices=DuplicateStatus.choices)
    previous = models.CharField(max_length=16, choices=DuplicateStatus.choices)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{pair_id} {previous} -> {status}"


class PersonIdentity(StrFormatModel):
    """Membership of a person in an identity cluster: the records decided "same", linked,
    never merged. `cluster` is the lowest person id of the cluster. People with no "same"
    decision have no row."""

    person = models.OneToOneField(Person, primary_key=True, on_delete=models.CASCADE,
                                  related_name="identity")
    cluster = models.UUIDField(db_index=True)

    str_format = "{person_id} in {cluster}"
