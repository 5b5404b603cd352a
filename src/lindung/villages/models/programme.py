"""Programme villages: a Kemendagri village taken into the Desmigratif programme in a cohort."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RegionScopedModel
from lindung.villages.choices import VillageStatus

FIRST_COHORT = 2016
LAST_COHORT = 2100


class ProgrammeVillage(RegionScopedModel):
    """A village (desa/kelurahan) in the Desmigratif programme. `region_code` is the
    village's code; `regency` is derived from it (the cohorts are counted in regencies)."""

    village = models.OneToOneField("regions.Region", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("desa/kelurahan"))
    regency = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                                editable=False, verbose_name=_("kabupaten/kota"))
    cohort_year = models.PositiveSmallIntegerField(_("tahun angkatan"))
    special_ntt = models.BooleanField(_("Program Khusus NTT"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=VillageStatus.choices,
                              default=VillageStatus.ACTIVE)
    officers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                      related_name="desmigratif_villages",
                                      verbose_name=_("petugas desa"))
    post_address = models.CharField(_("alamat Pos/Rumah Desmigratif"), max_length=300,
                                    blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["region_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort_year__gte=FIRST_COHORT) & Q(cohort_year__lte=LAST_COHORT),
                name="programmevillage_cohort_range"),
        ]

    str_format = "{village}"

    @property
    def name(self) -> str:
        return str(self.village.name)
