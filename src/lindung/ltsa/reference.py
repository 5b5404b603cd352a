"""Reference data shipped with the LTSA module, each fact with its source.

* :data:`OCCUPATIONS`: occupations job orders recruit for (names only, no amounts).
* :data:`ZERO_COST_OCCUPATIONS` and :data:`PERBAN_9_2020_COMPONENTS`: the ten occupations
  whose workers may not be charged placement costs, and the cost components they are freed
  from, by Peraturan BP2MI 9/2020 tentang Pembebasan Biaya Penempatan Pekerja Migran
  Indonesia. Sources: Kompas.com, "BP2MI Terbitkan Aturan Pembebasan Biaya Penempatan
  Pekerja Migran", 17 Aug 2020 (the ten occupations and the eleven components); BP2MI press
  conference of 15 Jan 2021 reported by pripos.id (set 15 June 2020, a six-month transition
  to 15 Jan 2021 extended by six months to 15 July 2021: the date the rule takes effect here).
* Permen P2MI 17/2025 tentang Biaya Penempatan Pekerja Migran Indonesia revises the rules;
  its text is not shipped here, so no rule is derived from it: an administrator enters its
  schedules with their effective dates, and closes the Perban 9/2020 rules with
  ``effective_to`` if and when the new regulation says so.

No fee amounts are shipped: amounts differ by destination and change by decree, and only
cited amounts may be entered. The demo's amounts are synthetic and marked "contoh".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from lindung.ltsa import public_cache
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Sector
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import ZeroCostRule

PERBAN_9_2020 = ("Peraturan BP2MI Nomor 9 Tahun 2020 tentang Pembebasan Biaya Penempatan "
                 "Pekerja Migran Indonesia")
PERBAN_9_2020_SOURCE = (
    "Kompas.com, 'BP2MI Terbitkan Aturan Pembebasan Biaya Penempatan Pekerja Migran', "
    "17 Agustus 2020 (10 jabatan, 11 komponen biaya); konferensi pers BP2MI 15 Januari 2021 "
    "(pripos.id): masa transisi diperpanjang sampai 15 Juli 2021")
#: The day the exemption takes effect after the extended transition.
PERBAN_9_2020_EFFECTIVE = date(2021, 7, 15)
PERMEN_P2MI_17_2025 = ("Peraturan Menteri P2MI Nomor 17 Tahun 2025 tentang Biaya Penempatan "
                       "Pekerja Migran Indonesia")
UU_18_2017_ART_30 = ("UU 18/2017 pasal 30 ayat (1): Pekerja Migran Indonesia tidak dapat "
                     "dibebani biaya penempatan")

PERBAN_9_2020_COMPONENTS: tuple[str, ...] = (
    CostComponent.DEPARTURE_TICKET, CostComponent.RETURN_TICKET, CostComponent.WORK_VISA,
    CostComponent.CONTRACT_LEGALISATION, CostComponent.TRAINING,
    CostComponent.COMPETENCE_CERTIFICATE, CostComponent.AGENCY_SERVICE, CostComponent.PASSPORT,
    CostComponent.POLICE_CERTIFICATE, CostComponent.SOCIAL_SECURITY, CostComponent.HEALTH_CHECK,
)


@dataclass(frozen=True)
class OccupationRow:
    code: str
    name: str
    name_en: str
    sector: Sector


#: The ten occupations of Perban BP2MI 9/2020, in the regulation's order.
ZERO_COST_OCCUPATIONS: tuple[OccupationRow, ...] = (
    OccupationRow("household_worker", "Pengurus rumah tangga", "Household worker",
                  Sector.DOMESTIC),
    OccupationRow("baby_carer", "Pengasuh bayi", "Baby carer", Sector.DOMESTIC),
    OccupationRow("elderly_carer", "Pengasuh lanjut usia", "Elderly carer", Sector.DOMESTIC),
    OccupationRow("cook", "Juru masak", "Cook", Sector.DOMESTIC),
    OccupationRow("family_driver", "Sopir keluarga", "Family driver", Sector.DOMESTIC),
    OccupationRow("gardener", "Perawat taman", "Gardener", Sector.DOMESTIC),
    OccupationRow("child_carer", "Pengasuh anak", "Child carer", Sector.DOMESTIC),
    OccupationRow("cleaner", "Petugas kebersihan", "Cleaner", Sector.SERVICES),
    OccupationRow("farm_worker", "Pekerja ladang/perkebunan", "Farm or plantation worker",
                  Sector.AGRICULTURE),
    OccupationRow("fishing_crew", "Awak kapal perikanan migran", "Migrant fishing-vessel crew",
                  Sector.FISHERIES),
)

#: Further occupations (formal sector) that job orders commonly recruit for.
OTHER_OCCUPATIONS: tuple[OccupationRow, ...] = (
    OccupationRow("factory_operator", "Operator produksi pabrik", "Factory production operator",
                  Sector.MANUFACTURING),
    OccupationRow("welder", "Juru las", "Welder", Sector.MANUFACTURING),
    OccupationRow("construction_worker", "Pekerja konstruksi", "Construction worker",
                  Sector.CONSTRUCTION),
    OccupationRow("institutional_careworker", "Perawat lansia di panti (careworker)",
                  "Institutional careworker", Sector.CARE),
    OccupationRow("nurse", "Perawat (nurse)", "Nurse", Sector.CARE),
    OccupationRow("hospitality_staff", "Staf hotel dan restoran", "Hotel and restaurant staff",
                  Sector.HOSPITALITY),
)

OCCUPATIONS = ZERO_COST_OCCUPATIONS + OTHER_OCCUPATIONS


@transaction.atomic
def reference_load() -> dict[str, int]:
    """Load occupations and the Perban 9/2020 zero-cost rules. Idempotent."""
    counts = {"occupations": 0, "zero_cost_rules": 0}
    for row in OCCUPATIONS:
        _, created = Occupation.objects.update_or_create(
            code=row.code, defaults={"name": row.name, "name_en": row.name_en,
                                     "sector": row.sector})
        counts["occupations"] += int(created)
    for row in ZERO_COST_OCCUPATIONS:
        occupation = Occupation.objects.get(code=row.code)
        _, created = ZeroCostRule.objects.update_or_create(
            occupation=occupation, legal_basis=PERBAN_9_2020,
            defaults={"source": PERBAN_9_2020_SOURCE,
                      "effective_from": PERBAN_9_2020_EFFECTIVE,
                      "components": [str(c) for c in PERBAN_9_2020_COMPONENTS]})
        counts["zero_cost_rules"] += int(created)
    public_cache.bump(fees=True)  # the fee pages show the occupations and the rules
    return counts
