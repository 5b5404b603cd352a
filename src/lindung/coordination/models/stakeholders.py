"""The stakeholder directory: what `lindung.directory.models.Agency` lacks for coordination
(category and mandate, services, contacts), formal agreements between stakeholders, and
referral pathways (who takes which kind of case where)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import AgreementKind
from lindung.coordination.choices import ServiceKind
from lindung.coordination.choices import StakeholderCategory
from lindung.core.models import OptionallyRegionScopedModel


class StakeholderProfile(OptionallyRegionScopedModel):
    """The coordination facts of one agency. `region_code` is the agency's region ("" for
    national and international stakeholders): it decides who may change the record."""

    agency = models.OneToOneField("directory.Agency", on_delete=models.CASCADE,
                                  related_name="stakeholder_profile",
                                  verbose_name=_("instansi"))
    category = models.CharField(_("kategori pemangku kepentingan"), max_length=32,
                                choices=StakeholderCategory.choices)
    mandate = models.TextField(_("mandat dan peran dalam RAN PP TPPO"), max_length=2000,
                               blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["agency__name"]

    str_format = "{agency}"


class StakeholderService(OptionallyRegionScopedModel):
    """A service a stakeholder offers (shelter, legal aid, consular help...)."""

    agency = models.ForeignKey("directory.Agency", on_delete=models.CASCADE,
                               related_name="coordination_services")
    service = models.CharField(_("layanan"), max_length=24, choices=ServiceKind.choices)
    note = models.CharField(_("keterangan (mis. hanya perempuan dan anak)"), max_length=300,
                            blank=True)

    class Meta:
        ordering = ["service"]
        constraints = [models.UniqueConstraint(fields=["agency", "service"],
                                               name="coordination_service_unique")]

    str_format = "{agency_id} {service}"


class StakeholderContact(OptionallyRegionScopedModel):
    """A contact person (or desk) at a stakeholder. Contacts that receive alerts get the
    flags of overdue and off-track actions their agency is responsible for."""

    agency = models.ForeignKey("directory.Agency", on_delete=models.CASCADE,
                               related_name="coordination_contacts")
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan / unit"), max_length=150, blank=True)
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    receives_alerts = models.BooleanField(_("menerima peringatan tindak lanjut"), default=True)

    class Meta:
        ordering = ["name"]

    str_format = "{name}"


class Agreement(OptionallyRegionScopedModel):
    """A formal agreement between stakeholders: an MoU, a referral agreement..."""

    kind = models.CharField(_("jenis"), max_length=16, choices=AgreementKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    number = models.CharField(_("nomor"), max_length=100, blank=True)
    parties = models.ManyToManyField("directory.Agency", related_name="coordination_agreements",
                                     verbose_name=_("para pihak"))
    scope = models.TextField(_("ruang lingkup"), max_length=3000)
    services = models.JSONField(_("layanan yang dicakup"), default=list, blank=True)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah berlaku"))
    signed_on = models.DateField(_("tanggal ditandatangani"))
    valid_from = models.DateField(_("berlaku sejak"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="coordination_agreement_dates"),
        ]

    str_format = "{title}"

    def in_force(self, on: date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class ReferralPathway(OptionallyRegionScopedModel):
    """Which stakeholder takes which kind of case (a referral service code) in which region
    of Indonesia ("" = anywhere) or for which country abroad ("" = any)."""

    receiver = models.ForeignKey("directory.Agency", on_delete=models.CASCADE,
                                 related_name="coordination_pathways",
                                 verbose_name=_("penerima rujukan"))
    case_kind = models.CharField(_("jenis kasus / layanan"), max_length=24,
                                 choices=ServiceKind.choices)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah"))
    country = models.CharField(_("negara (kode ISO, kosong = semua)"), max_length=2,
                               blank=True)
    priority = models.PositiveSmallIntegerField(_("prioritas (1 = pertama)"), default=5)
    agreement = models.ForeignKey(Agreement, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="pathways", verbose_name=_("dasar perjanjian"))
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["case_kind", "priority", "region_code"]
        indexes = [models.Index(fields=["case_kind", "active"], name="coordination_pathway_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(priority__gte=1) & Q(priority__lte=9),
                                   name="coordination_pathway_priority"),
        ]

    str_format = "{case_kind} -> {receiver_id}"
