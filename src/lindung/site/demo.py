"""Demo accounts and synthetic demo data. Everything made here is marked synthetic."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from lindung.accounts.demo import DEMO_PASSWORD
from lindung.accounts.models import User
from lindung.accounts.roles import Role
from lindung.accounts.services import api_token_create, staff_create
from lindung.directory.models import Agency, AgencyKind, Desk, Site, SiteKind
from lindung.matching.synthetic import generate_registry
from lindung.people.models import MigrationStatus, Person
from lindung.people.services import person_create
from lindung.regions.models import Region, RegionLevel


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    scope: str | None
    agency_kind: str
    site: tuple[str, str] | None = None  # (kind, name contains)
    desk: str = ""
    description: str = ""


DEMO_ACCOUNTS = [
    DemoAccount("admin", Role.ADMIN, None, AgencyKind.MIGRANT_WORKER_AUTHORITY,
                description="national administrator (sets up two-factor at first login)"),
    DemoAccount("analis", Role.ANALYST, None, AgencyKind.MIGRANT_WORKER_AUTHORITY,
                description="national analyst: statistics, no person records"),
    DemoAccount("koordinator.ntt", Role.COORDINATOR, "53", AgencyKind.MANPOWER,
                description="Disnaker coordinator, Provinsi Nusa Tenggara Timur"),
    DemoAccount("satgas.kupang", Role.TASKFORCE_OFFICER, "53.71", AgencyKind.IMMIGRATION,
                site=(SiteKind.EMBARKATION_POINT, "Kupang"),
                description="task-force officer at the Kupang embarkation point"),
    DemoAccount("loket.kupang", Role.DESK_OFFICER, "53.01", AgencyKind.CIVIL_REGISTRY,
                site=(SiteKind.LTSA_CENTRE, "Kupang"), desk=Desk.CIVIL_REGISTRY,
                description="civil-registry desk, LTSA Kabupaten Kupang"),
    DemoAccount("desa.oenesu", Role.VILLAGE_OFFICER, "53.01.05.1001", AgencyKind.VILLAGE,
                description="Desmigratif officer, Desa Oenesu, Kab. Kupang"),
    DemoAccount("mesin.imigrasi", Role.MACHINE_CLIENT, None, AgencyKind.IMMIGRATION,
                description="machine client (API token printed below)"),
]


def _agency(kind: str) -> Agency | None:
    return Agency.objects.filter(kind=kind).order_by("name").first()


def _site(spec: tuple[str, str] | None) -> Site | None:
    if spec is None:
        return None
    return Site.objects.filter(kind=spec[0], name__icontains=spec[1]).order_by("name").first()


@transaction.atomic
def demo_accounts_create() -> list[tuple[DemoAccount, str]]:
    """Create the demo accounts that do not exist yet; return (account, api token or "")."""
    made: list[tuple[DemoAccount, str]] = []
    for spec in DEMO_ACCOUNTS:
        if User.objects.filter(username=spec.username).exists():
            continue
        user = staff_create(
            actor=None, username=spec.username, password=DEMO_PASSWORD, role=spec.role,
            agency=_agency(spec.agency_kind),
            scope_region=Region.objects.get(code=spec.scope) if spec.scope else None,
            site=_site(spec.site), desk=spec.desk, first_name=spec.description[:150])
        token = ""
        if spec.role == Role.MACHINE_CLIENT:
            token = api_token_create(actor=None, user=user, name="demo checkpoint")
        made.append((spec, token))
    return made


def demo_people_create(*, count: int = 1500, seed: int = 2019) -> int:
    """Synthetic people living in NTT villages (the seed's focus), with duplicates and
    spelling variants for the matching engine to find."""
    if Person.objects.filter(synthetic=True).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not security
    villages = list(Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith="53.")
                    .values_list("code", flat=True)[:4000])
    village_objs = {r.code: r for r in Region.objects.filter(code__in=villages)}
    statuses = [MigrationStatus.NONE, MigrationStatus.PROSPECTIVE, MigrationStatus.REGISTERED,
                MigrationStatus.ABROAD, MigrationStatus.RETURNED]
    made = 0
    seen_niks: set[str] = set()
    with transaction.atomic():
        for record in generate_registry(count, seed=seed, duplicate_rate=0.08):
            nik = record.nik or ""
            if nik in seen_niks:
                nik = ""
            if nik:
                seen_niks.add(nik)
            person_create(
                actor=None, name=record.name, nik=nik, sex=record.sex or "",
                birth_date=record.birth_date, birth_place=record.birth_place or "",
                village=village_objs[rng.choice(villages)] if villages else None,
                passport_number=record.passport or "",
                migration_status=rng.choice(statuses), synthetic=True)
            made += 1
    return made
