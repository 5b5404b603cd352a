"""Programme villages and their officers."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import Role
from lindung.regions.choices import RegionLevel
from lindung.regions.models import Region
from lindung.villages.choices import VillageStatus
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models.programme import FIRST_COHORT
from lindung.villages.models.programme import LAST_COHORT
from lindung.villages.services.common import create
from lindung.villages.services.common import invalid
from lindung.villages.services.common import require
from lindung.villages.services.common import update

NTT = "53"


def regency_code_of(village_code: str) -> str:
    return ".".join(village_code.split(".")[:2])


@transaction.atomic
def programme_village_create(*, actor: User | None, village: Region, cohort_year: int,
                             special_ntt: bool = False,
                             status: str = VillageStatus.ACTIVE, post_address: str = "",
                             note: str = "", synthetic: bool = False) -> ProgrammeVillage:
    if village.level != RegionLevel.VILLAGE:
        raise invalid("village", _("Pilih wilayah tingkat desa/kelurahan"))
    if not FIRST_COHORT <= cohort_year <= LAST_COHORT:
        raise invalid("cohort_year", _("Tahun angkatan harus %(first_cohort)s–%(last_cohort)s")
                                         % {"first_cohort": FIRST_COHORT,
                                            "last_cohort": LAST_COHORT})
    if special_ntt and not village.code.startswith(NTT + "."):
        raise invalid("special_ntt", _("Program Khusus NTT hanya untuk desa di NTT (kode 53)"))
    regency = Region.objects.get(code=regency_code_of(village.code))
    programme_village = ProgrammeVillage(
        village=village, region_code=village.code, regency=regency, cohort_year=cohort_year,
        special_ntt=special_ntt, status=status, post_address=post_address, note=note,
        synthetic=synthetic)
    require(actor, CREATE, programme_village)
    if ProgrammeVillage.objects.filter(village=village).exists():
        raise invalid("village", _("Desa %(name)s sudah menjadi desa Desmigratif")
                                     % {"name": village.name})
    return create(programme_village, actor=actor,
                  detail={"cohort_year": cohort_year, "special_ntt": special_ntt})


@transaction.atomic
def programme_village_update(*, actor: User, programme_village: ProgrammeVillage,
                             **changes: Any) -> ProgrammeVillage:
    require(actor, CHANGE, programme_village)
    if changes.get("special_ntt") and not programme_village.region_code.startswith(NTT + "."):
        raise invalid("special_ntt", _("Program Khusus NTT hanya untuk desa di NTT (kode 53)"))
    return update(programme_village, actor=actor, changes=changes,
                  allowed={"cohort_year", "special_ntt", "status", "post_address", "note"})


def officer_may_serve(officer: User, programme_village: ProgrammeVillage) -> bool:
    """A village officer whose scope covers the village (a village or a district scope)."""
    return (officer.is_active and officer.role == Role.VILLAGE_OFFICER
            and bool(officer.scope_code)
            and access.code_in_scope(officer.scope_code, programme_village.region_code))


@transaction.atomic
def programme_village_officer_add(*, actor: User | None, programme_village: ProgrammeVillage,
                                  officer: User) -> None:
    require(actor, CHANGE, programme_village)
    if not officer_may_serve(officer, programme_village):
        raise invalid("officer",
                      _("%(username)s bukan petugas desa aktif dengan wilayah kerja yang "
                        "mencakup desa ini") % {"username": officer.username})
    programme_village.officers.add(officer)
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=programme_village,
                        region_code=programme_village.region_code,
                        detail={"fields": ["officers"], "added": officer.username})


@transaction.atomic
def programme_village_officer_remove(*, actor: User, programme_village: ProgrammeVillage,
                                     officer: User) -> None:
    require(actor, CHANGE, programme_village)
    programme_village.officers.remove(officer)
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=programme_village,
                        region_code=programme_village.region_code,
                        detail={"fields": ["officers"], "removed": officer.username})
