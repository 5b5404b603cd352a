"""Agencies (instansi), sites (LTSA centres, embarkation points, missions, village posts)."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.db.models import Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.db.models.functions import NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lindung.core.models import BaseModel
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import AgencyLevel
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.choices import SiteStatus
from lindung.regions.models import Region


def _english() -> bool:
    return (get_language() or "id").startswith("en")


def shown_name_of(path: str) -> Combinable:
    """Inside a query: the name of the agency or site at `path` ("centre", "to_agency") in
    the reader's language, like their `shown_name` (the name when no English is kept)."""
    if not _english():
        return F(f"{path}__name")
    return Coalesce(NullIf(F(f"{path}__name_en"), Value("")), F(f"{path}__name"))


class Agency(BaseModel):
    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    #: The name in English (reference data: directory/data/agencies.csv), shown to a reader
    #: who chose English; empty: the name is shown as it is.
    name_en = models.CharField(_("nama dalam bahasa Inggris"), max_length=200, blank=True)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=32, choices=AgencyKind.choices)
    level = models.CharField(_("tingkat"), max_length=16, choices=AgencyLevel.choices,
                             default=AgencyLevel.NATIONAL)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    country = models.CharField(_("negara"), max_length=2, default="ID")
    taskforce_member = models.BooleanField(_("anggota satgas"), default=False)
    desk = models.CharField(_("loket LTSA"), max_length=32, choices=Desk.choices, blank=True)
    phone = models.CharField(_("telepon"), max_length=64, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    website = models.URLField(_("situs"), blank=True)
    # Where this record comes from: the seed document (with the words it uses) or a law.
    source = models.CharField(_("sumber"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        """The short name (an Indonesian abbreviation: Polri, KBRI Kuala Lumpur), or for an
        English reader the English name where there is one."""
        if _english() and self.name_en:
            return self.name_en
        return self.short_name or self.name

    @property
    def shown_name(self) -> str:
        """The full name in the reader's language (the name when no English is kept)."""
        return self.name_en if _english() and self.name_en else self.name


class Site(BaseModel):
    kind = models.CharField(_("jenis"), max_length=24, choices=SiteKind.choices, db_index=True)
    name = models.CharField(_("nama"), max_length=200)
    #: The name in English (reference data: directory/data, directory/seed.py), shown to a
    #: reader who chose English; empty: the name is shown as it is.
    name_en = models.CharField(_("nama dalam bahasa Inggris"), max_length=200, blank=True)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    # Copy of region.code for scope filtering by prefix without a join.
    region_code = models.CharField(max_length=16, blank=True, db_index=True)
    country = models.CharField(_("negara"), max_length=2, default="ID")
    city = models.CharField(_("kota"), max_length=100, blank=True)
    opened_year = models.PositiveSmallIntegerField(_("tahun dibuka"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=SiteStatus.choices,
                              default=SiteStatus.OPERATIONAL)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="sites")
    phone = models.CharField(_("telepon"), max_length=64, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    # The words of the source (e.g. "Kab. SDB") and the source itself.
    source_label = models.CharField(_("nama di sumber"), max_length=120, blank=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    #: The area of work of the officers posted here, as region codes (e.g. ["53"], or
    #: several provinces for a transit port like Nunukan). Empty: the default of the kind
    #: (:meth:`area_prefixes`).
    area_codes = models.JSONField(_("wilayah kerja"), default=list, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="site_unique_kind_name"),
        ]

    str_format = "{shown_name}"

    @property
    def shown_name(self) -> str:
        """The name in the reader's language (the name when no English is kept)."""
        return self.name_en if _english() and self.name_en else self.name

    def area_prefixes(self) -> tuple[str, ...]:
        """The region prefixes of this post's area of work: `area_codes` when set, else the
        province of an embarkation point (passengers come from the whole province), the
        region of an LTSA centre or a village post; nothing for a mission abroad."""
        if self.area_codes:
            return tuple(str(code) for code in self.area_codes)
        if not self.region_code:
            return ()
        if self.kind == SiteKind.EMBARKATION_POINT:
            return (self.region_code.split(".")[0],)
        if self.kind in (SiteKind.LTSA_CENTRE, SiteKind.VILLAGE_POST):
            return (self.region_code,)
        return ()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        codes = self.area_codes
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ValidationError({"area_codes": _("Wilayah kerja harus berupa daftar kode "
                                                   "wilayah.")})
        missing = sorted(set(codes) - set(Region.objects.filter(code__in=codes)
                                          .values_list("code", flat=True)))
        if missing:
            raise ValidationError({"area_codes": _("Kode wilayah tidak dikenal: %(codes)s")
                                   % {"codes": ", ".join(missing)}})
