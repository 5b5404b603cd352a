"""Demo accounts and synthetic demo data. Everything made here is marked synthetic.

What marks demo data: the ``synthetic`` flag that every person-level and domain model
carries (people, households, reports, manifests, prevented departures, LTSA files,
Desmigratif records). `lindung demo` refuses a database holding any record whose flag is
off (:func:`real_records`): demo accounts and their well-known password must never be
created beside real data."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction

from lindung.accounts.demo import DEMO_PASSWORD
from lindung.accounts.models import User
from lindung.accounts.services import api_token_create
from lindung.accounts.services import staff_create
from lindung.core.roles import Role
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.matching.synthetic import generate_registry
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.choices import RegionLevel
from lindung.regions.models import Region
from lindung.reports.models import PublicReport
from lindung.reports.services import report_submit


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
    # The Kupang point's area of work is its province (NTT), the default of a point.
    DemoAccount("satgas.kupang", Role.TASKFORCE_OFFICER, "53.71", AgencyKind.IMMIGRATION,
                site=(SiteKind.EMBARKATION_POINT, "Kupang"),
                description="task-force officer at the Kupang embarkation point (area: NTT)"),
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
            token = api_token_create(actor=None, user=user, name="demo checkpoint",
                                     write=True, modules=["screening", "prevention", "regions"])
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


# Open reports the task-force officer at Kupang works on the first day: located in Kab.
# Kupang and in Atambua (Kab. Belu), inside the point's area (NTT), and one in Jawa Barat
# outside it. (region prefix, category, description)
DEMO_REPORTS = [
    ("53.01.", "broker", "Calo menawarkan kerja di perkebunan sawit Malaysia tanpa dokumen "
                         "(laporan contoh, sintetis)."),
    ("53.04.", "nonprocedural_departure", "Tiga pemuda akan berangkat lewat jalur tikus di "
                                          "perbatasan Atambua (laporan contoh, sintetis)."),
    ("32.", "fake_job", "Lowongan kerja palsu di media sosial (laporan contoh, sintetis)."),
]


def demo_reports_create() -> int:
    """Synthetic open reports for the task force (once)."""

    if PublicReport.objects.filter(synthetic=True).exists():
        return 0
    made = 0
    for prefix, category, description in DEMO_REPORTS:
        village = (Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=prefix)
                   .order_by("code").first())
        if village is None:
            continue
        report_submit(actor=None, channel="web", category=category, description=description,
                      region=village, recruiter_name="Pak Yohanis (contoh)", synthetic=True)
        made += 1
    return made


def real_records() -> list[tuple[str, int]]:
    """The records not marked synthetic, per model ("people.person", count): a database
    holding any of them is not a demo database. Tables that do not exist yet count 0."""
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    found: list[tuple[str, int]] = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or meta.db_table not in tables:
            continue
        if "synthetic" not in {f.name for f in meta.concrete_fields}:
            continue
        count = model._default_manager.filter(synthetic=False).count()
        if count:
            found.append((meta.label_lower, count))
    return found
