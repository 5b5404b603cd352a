"""Pillar 1 (Pusat Layanan Migrasi): the household census of PMI families and the village
service log. People and households themselves live in the person registry
(`lindung.people`); these models add what the census knows about them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.common.countries import country_name
from lindung.core.models import RegionScopedModel
from lindung.villages.choices import CardKind
from lindung.villages.choices import CardStatus
from lindung.villages.choices import SchoolStatus
from lindung.villages.choices import ServiceKind

if TYPE_CHECKING:
    from lindung.accounts.models import User


def _unindexed_actor() -> models.ForeignKey[User | None, User | None]:
    """`BaseModel.created_by`/`updated_by` without their index (:class:`UnindexedActorModel`)."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+", editable=False,
                             db_index=False)


class UnindexedActorModel(RegionScopedModel):
    """A record on a table a census import fills in bulk: `created_by`/`updated_by` without
    their index (nothing looks these rows up by who wrote them, and each index costs every
    insert; the foreign keys themselves stay)."""

    created_by = _unindexed_actor()
    updated_by = _unindexed_actor()

    class Meta:
        abstract = True


class CensusImportedModel(UnindexedActorModel):
    """A census record a sheet can bring: the import that wrote it (none when typed in), and
    whether it is synthetic demo data."""

    source_import = models.ForeignKey("villages.CensusImport", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    synthetic = models.BooleanField(default=False)

    class Meta:
        abstract = True


class CensusHousehold(CensusImportedModel):
    """A household (rumah tangga PMI) in a programme village's census. `household_key` is
    its natural key inside the village: the blind index of the family card number (KK), the
    census sheet's own household number, or the head of household's identity."""

    household = models.OneToOneField("people.Household", on_delete=models.PROTECT,
                                     related_name="census")
    # Indexed by the unique (programme_village, household_key), which it leads.
    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="households", db_index=False)
    household_key = models.CharField(max_length=120, editable=False)
    family_card_last4 = models.CharField(_("4 angka terakhir KK"), max_length=4, blank=True)
    census_date = models.DateField(_("tanggal pendataan"))

    class Meta:
        ordering = ["region_code", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme_village", "household_key"],
                                    name="censushousehold_unique_key"),
        ]

    str_format = "{household}"


class StayAbroad(CensusImportedModel):
    """A household member's stay abroad as a migrant worker; `returned_on` closes it."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="stays_abroad", verbose_name=_("anggota"))
    census_household = models.ForeignKey(CensusHousehold, null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="stays")
    country = models.CharField(_("negara tujuan"), max_length=2)
    occupation = models.CharField(_("pekerjaan"), max_length=100, blank=True)
    employer = models.CharField(_("majikan/pemberi kerja"), max_length=200, blank=True)
    placement_agency_name = models.CharField(_("perusahaan penempatan (P3MI)"), max_length=200,
                                             blank=True)
    departed_on = models.DateField(_("berangkat sejak"), null=True, blank=True)
    procedural = models.BooleanField(_("berangkat secara prosedural"), null=True, blank=True)
    returned_on = models.DateField(_("tanggal pulang"), null=True, blank=True)
    return_note = models.CharField(_("catatan kepulangan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-departed_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(returned_on__isnull=True),
                                    name="stayabroad_one_open_stay"),
            models.CheckConstraint(
                condition=(Q(returned_on__isnull=True) | Q(departed_on__isnull=True)
                           | Q(returned_on__gte=F("departed_on"))),
                name="stayabroad_return_after_departure"),
        ]
        indexes = [models.Index(fields=["region_code", "departed_on"])]

    str_format = "{person_id} {country} {departed_on}"

    @property
    def is_open(self) -> bool:
        return self.returned_on is None

    @property
    def country_name(self) -> str:
        return country_name(self.country)


class ChildProfile(CensusImportedModel):
    """A child of a PMI family: school status, and enrolment in community parenting
    (pillar 3) from `enrolled_on` until `left_on`."""

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT,
                                  related_name="child_profile", verbose_name=_("anak"))
    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="children")
    school_status = models.CharField(_("status sekolah"), max_length=16,
                                     choices=SchoolStatus.choices, default=SchoolStatus.UNKNOWN)
    school_name = models.CharField(_("nama sekolah"), max_length=200, blank=True)
    enrolled_on = models.DateField(_("ikut community parenting sejak"), null=True, blank=True)
    left_on = models.DateField(_("berhenti ikut pada"), null=True, blank=True)

    class Meta:
        ordering = ["region_code", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(left_on__isnull=True) | Q(enrolled_on__isnull=False)
                           & Q(left_on__gte=F("enrolled_on"))),
                name="childprofile_left_after_enrolled"),
        ]

    str_format = "{person}"

    @property
    def enrolled(self) -> bool:
        return self.enrolled_on is not None and self.left_on is None


# From each status, where a card may go next (follow-up from need to card received).
CARD_TRANSITIONS: dict[str, set[str]] = {
    CardStatus.NEEDED: {CardStatus.APPLIED, CardStatus.RECEIVED, CardStatus.NOT_NEEDED},
    CardStatus.APPLIED: {CardStatus.RECEIVED, CardStatus.REJECTED, CardStatus.NEEDED},
    CardStatus.REJECTED: {CardStatus.APPLIED, CardStatus.NEEDED},
    CardStatus.RECEIVED: set(),
    CardStatus.NOT_NEEDED: {CardStatus.NEEDED},
}


class ChildCard(UnindexedActorModel):
    """A child's KIS or KIP card, followed from need to card received."""

    # Indexed by the unique (child, kind), which it leads.
    child = models.ForeignKey(ChildProfile, on_delete=models.CASCADE, related_name="cards",
                              db_index=False)
    kind = models.CharField(_("kartu"), max_length=3, choices=CardKind.choices)
    status = models.CharField(_("status"), max_length=12, choices=CardStatus.choices)
    needed_on = models.DateField(_("dicatat perlu pada"), null=True, blank=True)
    applied_on = models.DateField(_("diajukan pada"), null=True, blank=True)
    received_on = models.DateField(_("diterima pada"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["child", "kind"], name="childcard_unique_kind"),
        ]

    str_format = "{kind} {status}"


class ServiceLogEntry(RegionScopedModel):
    """One service given by the village (UU 18/2017 art. 42 duties). Links to an LTSA
    application or a job order are stored as ids (those records live in `lindung.ltsa`)."""

    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="service_log")
    kind = models.CharField(_("layanan"), max_length=24, choices=ServiceKind.choices)
    served_on = models.DateField(_("tanggal"))
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("warga yang dilayani"))
    census_household = models.ForeignKey(CensusHousehold, null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="services")
    stay = models.ForeignKey(StayAbroad, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="services")
    cpmi_verified = models.BooleanField(_("CPMI terverifikasi"), null=True, blank=True)
    ltsa_application_id = models.UUIDField(_("ID permohonan LTSA"), null=True, blank=True,
                                           db_index=True)
    job_order_id = models.UUIDField(_("ID job order"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-served_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cpmi_verified__isnull=True) | Q(kind="cpmi_verification"),
                name="servicelog_verified_only_for_cpmi"),
        ]

    str_format = "{kind} {served_on}"
