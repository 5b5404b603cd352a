"""Pillar 2 (Usaha Produktif): business groups using the village's potential, with their
members, equipment, instructors, trainings with attendance, and turnover per period."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RegionScopedModel
from lindung.villages.choices import BusinessMemberRole
from lindung.villages.choices import BusinessStatus
from lindung.villages.choices import EquipmentSource
from lindung.villages.choices import TrainingTopic
from lindung.villages.choices import VillagePotential


class BusinessGroup(RegionScopedModel):
    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="business_groups")
    name = models.CharField(_("nama kelompok usaha"), max_length=200)
    product = models.CharField(_("produk/jasa"), max_length=200)
    potential = models.CharField(_("potensi desa yang dipakai"), max_length=12,
                                 choices=VillagePotential.choices)
    potential_note = models.CharField(_("keterangan potensi"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BusinessStatus.choices,
                              default=BusinessStatus.ACTIVE)
    founded_on = models.DateField(_("mulai usaha"), null=True, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["region_code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme_village", "name"],
                                    name="businessgroup_unique_name"),
        ]

    str_format = "{name}"


class BusinessMember(RegionScopedModel):
    group = models.ForeignKey(BusinessGroup, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="business_memberships", verbose_name=_("anggota"))
    role = models.CharField(_("peran"), max_length=10, choices=BusinessMemberRole.choices,
                            default=BusinessMemberRole.MEMBER)
    is_returned_pmi = models.BooleanField(_("purna PMI"), default=False)
    joined_on = models.DateField(_("bergabung"))
    left_on = models.DateField(_("keluar"), null=True, blank=True)

    class Meta:
        ordering = ["group", "joined_on"]
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], condition=Q(left_on__isnull=True),
                                    name="businessmember_one_active"),
            models.CheckConstraint(condition=Q(left_on__isnull=True)
                                   | Q(left_on__gte=F("joined_on")),
                                   name="businessmember_left_after_joined"),
        ]

    str_format = "{person_id} in {group_id}"


class EquipmentReceipt(RegionScopedModel):
    group = models.ForeignKey(BusinessGroup, on_delete=models.CASCADE, related_name="equipment")
    item = models.CharField(_("peralatan"), max_length=200)
    quantity = models.PositiveIntegerField(_("jumlah"), default=1)
    value = models.BigIntegerField(_("nilai (Rp)"), default=0)
    source = models.CharField(_("sumber"), max_length=12, choices=EquipmentSource.choices)
    received_on = models.DateField(_("diterima"))

    class Meta:
        ordering = ["-received_on"]
        constraints = [models.CheckConstraint(condition=Q(value__gte=0),
                                              name="equipment_value_not_negative")]

    str_format = "{item}"


class Instructor(RegionScopedModel):
    """A trainer the village works with (not a registry person: a name and an expertise)."""

    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="instructors")
    name = models.CharField(_("nama instruktur"), max_length=200)
    expertise = models.CharField(_("keahlian"), max_length=200)
    organisation = models.CharField(_("lembaga"), max_length=200, blank=True)
    certified = models.BooleanField(_("bersertifikat kompetensi"), default=False)

    class Meta:
        ordering = ["name"]

    str_format = "{name}"


class Training(RegionScopedModel):
    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="trainings")
    group = models.ForeignKey(BusinessGroup, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="trainings", verbose_name=_("kelompok usaha"))
    title = models.CharField(_("judul pelatihan"), max_length=200)
    topic = models.CharField(_("topik"), max_length=20, choices=TrainingTopic.choices)
    held_on = models.DateField(_("tanggal"))
    hours = models.PositiveSmallIntegerField(_("jam pelajaran"), default=1)
    instructors = models.ManyToManyField(Instructor, blank=True, related_name="trainings",
                                         verbose_name=_("instruktur"))

    class Meta:
        ordering = ["-held_on"]

    str_format = "{title}"


class TrainingAttendance(RegionScopedModel):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("hadir"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["training", "person"],
                                               name="trainingattendance_unique")]

    str_format = "{person_id} at {training_id}"


class TurnoverReport(RegionScopedModel):
    """Turnover (omzet) a business group reported for one month (`period` = its first day)."""

    group = models.ForeignKey(BusinessGroup, on_delete=models.CASCADE, related_name="turnover")
    period = models.DateField(_("bulan"))
    turnover = models.BigIntegerField(_("omzet (Rp)"))
    profit = models.BigIntegerField(_("laba (Rp)"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["group", "period"], name="turnover_unique_period"),
            models.CheckConstraint(condition=Q(turnover__gte=0),
                                   name="turnover_not_negative"),
        ]

    str_format = "{group_id} {period:%Y-%m}"
