"""Synthetic demo data for the LTSA module: placement agencies in every licence state, job
orders, illustrative fee schedules (marked synthetic, "contoh"), desk officers at one LTSA
centre, and a few applications at different stages. Idempotent.

Every agency name starts with "PT Contoh" and every number with "CONTOH", so no real
company can be mistaken for one of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lindung.accounts.demo import DEMO_PASSWORD
from lindung.accounts.models import User
from lindung.accounts.services import staff_create
from lindung.core.roles import Role
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa import services
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Country
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import LicenceStatus
from lindung.ltsa.choices import Payer
from lindung.ltsa.choices import RejectionReason
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistItem
from lindung.ltsa.models import FeeSchedule
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import Occupation
from lindung.ltsa.models import PlacementAgency
from lindung.ltsa.reference import reference_load
from lindung.ltsa.services import ComponentInput
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.choices import RegionLevel
from lindung.regions.models import Region

SYNTHETIC_BASIS = "Contoh (data sintetis untuk demo) - bukan angka resmi"
DEMO_CENTRE_WORDS = "Kupang"


@dataclass(frozen=True)
class AgencySpec:
    name: str
    licence: str
    state: str  # licensed / expired / suspended / revoked
    head_office: str  # region code (used when loaded)
    branches: tuple[str, ...] = ()


AGENCIES: tuple[AgencySpec, ...] = (
    AgencySpec("PT Contoh Karya Nusantara Sejahtera", "CONTOH-SIP3MI-001/2024", "licensed",
               "31.71", ("53.71", "53.01")),
    AgencySpec("PT Contoh Bina Tenaga Mandiri", "CONTOH-SIP3MI-002/2023", "licensed", "31.74",
               ("35.07", "32.04")),
    AgencySpec("PT Contoh Cahaya Timur Lestari", "CONTOH-SIP3MI-003/2024", "licensed", "53.71",
               ("53.01",)),
    AgencySpec("PT Contoh Duta Samudra Abadi", "CONTOH-SIP3MI-004/2025", "licensed", "35.78"),
    AgencySpec("PT Contoh Mitra Kerja Utama", "CONTOH-SIP3MI-005/2022", "licensed", "32.73"),
    AgencySpec("PT Contoh Bintang Selatan Jaya", "CONTOH-SIP3MI-006/2018", "expired", "31.75"),
    AgencySpec("PT Contoh Mega Sarana Perkasa", "CONTOH-SIP3MI-007/2021", "suspended", "36.71"),
    AgencySpec("PT Contoh Lautan Biru Sentosa", "CONTOH-SIP3MI-008/2020", "revoked", "33.74"),
)

#: (permit, agency index, country, occupation, quota, filled, salary, currency, months,
#:  starts days from today, ends days from today)
JOB_ORDERS: tuple[tuple[str, int, str, str, int, int, str, str, int, int, int], ...] = (
    ("CONTOH-SIP2MI-2026-0001", 0, Country.MY, "household_worker", 20, 4, "1700", Currency.MYR,
     24, -40, 200),
    ("CONTOH-SIP2MI-2026-0002", 0, Country.MY, "farm_worker", 50, 12, "1600", Currency.MYR, 24,
     -20, 300),
    ("CONTOH-SIP2MI-2026-0003", 1, Country.TW, "factory_operator", 30, 9, "28590",
     Currency.TWD, 36, -60, 240),
    ("CONTOH-SIP2MI-2026-0004", 1, Country.HK, "household_worker", 15, 3, "5100", Currency.HKD,
     24, -10, 150),
    ("CONTOH-SIP2MI-2026-0005", 2, Country.SG, "elderly_carer", 10, 2, "750", Currency.SGD, 24,
     -30, 180),
    ("CONTOH-SIP2MI-2026-0006", 2, Country.TW, "fishing_crew", 12, 12, "28590", Currency.TWD,
     24, -30, 120),
    ("CONTOH-SIP2MI-2026-0007", 3, Country.KR, "factory_operator", 40, 5, "2100000",
     Currency.KRW, 36, -15, 330),
    ("CONTOH-SIP2MI-2026-0008", 3, Country.JP, "institutional_careworker", 8, 1, "180000",
     Currency.JPY, 36, -5, 360),
    ("CONTOH-SIP2MI-2026-0009", 4, Country.SA, "cook", 6, 0, "1500", Currency.SAR, 24, -10, 90),
    ("CONTOH-SIP2MI-2025-0010", 4, Country.MY, "construction_worker", 25, 10, "1800",
     Currency.MYR, 24, -400, -35),
    ("CONTOH-SIP2MI-2026-0011", 5, Country.MY, "gardener", 5, 0, "1500", Currency.MYR, 24,
     -20, 100),
    ("CONTOH-SIP2MI-2026-0012", 6, Country.HK, "child_carer", 5, 0, "5100", Currency.HKD, 24,
     -20, 100),
)

_ALL_EMPLOYER = (CostComponent.DEPARTURE_TICKET, CostComponent.RETURN_TICKET,
                 CostComponent.WORK_VISA, CostComponent.AGENCY_SERVICE, CostComponent.TRAINING)


def _schedule_rows(worker: dict[str, str], employer: dict[str, str]) -> list[ComponentInput]:
    return ([ComponentInput(c, Payer.WORKER, Decimal(a), Currency.IDR)
             for c, a in worker.items()]
            + [ComponentInput(c, Payer.EMPLOYER, Decimal(a), Currency.IDR)
               for c, a in employer.items()])


#: Illustrative schedules (all synthetic, in IDR): (country, occupation, from, to, worker
#: components, employer components).
SCHEDULES: tuple[tuple[str, str, date, date | None, dict[str, str], dict[str, str]], ...] = (
    (Country.MY, "household_worker", date(2019, 1, 1), date(2021, 7, 14),
     {"passport": "355000", "health_check": "1200000", "training": "3500000",
      "agency_service": "2000000"},
     {"departure_ticket": "1500000", "work_visa": "900000"}),
    (Country.MY, "household_worker", date(2021, 7, 15), None,
     {"local_transport": "300000", "accommodation": "450000"},
     {"departure_ticket": "1500000", "return_ticket": "1500000", "work_visa": "900000",
      "passport": "355000", "health_check": "1200000", "training": "3500000",
      "agency_service": "2000000"}),
    (Country.HK, "household_worker", date(2021, 7, 15), None,
     {"local_transport": "300000"},
     {"departure_ticket": "3200000", "work_visa": "1100000", "training": "4000000",
      "agency_service": "6500000", "health_check": "1200000", "passport": "355000"}),
    (Country.TW, "factory_operator", date(2024, 1, 1), None,
     {"passport": "355000", "health_check": "1250000", "police_certificate": "30000",
      "local_transport": "300000", "accommodation": "450000"},
     {"departure_ticket": "4500000", "work_visa": "1300000", "agency_service": "7500000",
      "training": "2500000"}),
    (Country.KR, "factory_operator", date(2024, 1, 1), None,
     {"passport": "355000", "health_check": "1000000", "police_certificate": "30000",
      "competence_certificate": "300000"},
     {"departure_ticket": "5000000", "work_visa": "1000000"}),
    (Country.JP, "institutional_careworker", date(2024, 1, 1), None,
     {"passport": "355000", "health_check": "1500000", "police_certificate": "30000"},
     {"departure_ticket": "6000000", "work_visa": "1200000", "training": "8000000"}),
    (Country.SG, "elderly_carer", date(2021, 7, 15), None,
     {"local_transport": "300000"},
     {"departure_ticket": "2500000", "work_visa": "800000", "agency_service": "5000000"}),
)


def _region(code: str) -> Region | None:
    return Region.objects.filter(code=code).first()


def _licence_dates(state: str, today: date) -> tuple[date, date, str]:
    if state == "expired":
        return today - timedelta(days=5 * 365), today - timedelta(days=60), LicenceStatus.ACTIVE
    status = {"suspended": LicenceStatus.SUSPENDED, "revoked": LicenceStatus.REVOKED}.get(
        state, LicenceStatus.ACTIVE)
    return today - timedelta(days=500), today + timedelta(days=3 * 365), status


def agencies_create(today: date) -> list[PlacementAgency]:
    made: list[PlacementAgency] = []
    for spec in AGENCIES:
        agency = PlacementAgency.objects.filter(name=spec.name).first()
        if agency is None:
            agency = services.placement_agency_create(
                actor=None, name=spec.name, head_office_region=_region(spec.head_office),
                address="Jl. Contoh No. 1 (alamat sintetis)", phone="021000000",
                email="kontak@contoh.invalid", synthetic=True)
            issued, until, status = _licence_dates(spec.state, today)
            licence = services.licence_add(actor=None, agency=agency, number=spec.licence,
                                           issued_on=issued, valid_until=until)
            if status != LicenceStatus.ACTIVE:
                services.licence_status_change(
                    actor=None, licence=licence, status=status, on=today - timedelta(days=20),
                    reason="Contoh: keputusan sintetis untuk demo")
            for code in spec.branches:
                region = _region(code)
                if region is not None:
                    services.office_add(actor=None, agency=agency, kind="branch", region=region,
                                        address="Jl. Cabang Contoh (sintetis)",
                                        contact_name="Petugas cabang (sintetis)",
                                        phone="0380000000")
        made.append(agency)
    return made


def job_orders_create(agencies: list[PlacementAgency], today: date) -> int:
    made = 0
    ntt = _region("53")
    for (permit, index, country, occupation, quota, filled, salary, currency, months, start,
         end) in JOB_ORDERS:
        if JobOrder.objects.filter(permit_number=permit).exists():
            continue
        services.job_order_create(
            actor=None, permit_number=permit, agency=agencies[index],
            employer_name=f"Employer {permit[-4:]} (synthetic)", destination_country=country,
            occupation=Occupation.objects.get(code=occupation), quota=quota, filled=filled,
            salary_amount=Decimal(salary), salary_currency=currency, contract_months=months,
            valid_from=today + timedelta(days=start), valid_until=today + timedelta(days=end),
            recruitment_regions=[ntt] if ntt is not None and index in (0, 2) else [],
            synthetic=True)
        made += 1
    return made


def schedules_create() -> int:
    made = 0
    for country, occupation, start, end, worker, employer in SCHEDULES:
        occ = Occupation.objects.get(code=occupation)
        if FeeSchedule.objects.filter(destination_country=country, occupation=occ,
                                      effective_from=start).exists():
            continue
        # The 2019 schedule predates the Perban 9/2020 exemption: checked as of its start.
        services.fee_schedule_create(
            actor=None, destination_country=country, occupation=occ, currency=Currency.IDR,
            effective_from=start, effective_to=end, legal_basis=SYNTHETIC_BASIS,
            components=_schedule_rows(worker, employer), synthetic=True,
            note="Angka ilustrasi" if start.year > 2020 else "Sebelum Perban 9/2020 (ilustrasi)")
        made += 1
    return made


def desk_officers_create(centre: Site) -> dict[str, User]:
    officers: dict[str, User] = {}
    scope = _region(centre.region_code)
    for desk in Desk:
        username = f"loket.{desk.value.replace('_', '-')}"
        existing = User.objects.filter(site=centre, desk=desk.value,
                                       role=Role.DESK_OFFICER).order_by("username").first()
        user = existing or User.objects.filter(username=username).first()
        if user is None:
            user = staff_create(actor=None, username=username, password=DEMO_PASSWORD,
                                role=Role.DESK_OFFICER, agency=None, scope_region=scope,
                                site=centre, desk=desk.value,
                                first_name=f"Petugas loket {desk.label} (demo)"[:150])
        officers[desk.value] = user
    return officers


def applications_create(centre: Site, officers: dict[str, User], today: date) -> int:
    if Application.objects.filter(synthetic=True).exists():
        return 0
    rng = random.Random(2019)  # noqa: S311 - picks demo villages, not secrets
    villages = list(Region.objects.filter(level=RegionLevel.VILLAGE,
                                          code__startswith=centre.region_code + ".")[:50])
    names = ["Yuliana Nenobais", "Maria Seran Bere", "Fransiska Tefa", "Agustina Ndolu",
             "Yohanes Benu", "Katarina Leki"]
    jobs = list(JobOrder.objects.filter(permit_number__in=[
        "CONTOH-SIP2MI-2026-0001", "CONTOH-SIP2MI-2026-0003", "CONTOH-SIP2MI-2026-0005",
        "CONTOH-SIP2MI-2026-0004"]).order_by("permit_number"))
    made = 0
    for index, name in enumerate(names[:4]):
        person = Person.objects.filter(name=name, synthetic=True).first() or person_create(
            actor=None, name=name, sex="M" if name.startswith("Yohanes") else "F",
            birth_date=date(1995 + index, 1 + index, 10 + index),
            village=rng.choice(villages) if villages else None, synthetic=True,
            migration_status="prospective")
        application, _ = services.application_register(
            actor=officers[Desk.CIVIL_REGISTRY], centre=centre, person=person,
            job_order=jobs[index % len(jobs)], planned_departure=today + timedelta(days=45),
            marital_status="single", synthetic=True)
        items = list(ChecklistItem.objects.filter(application=application).order_by("position"))
        # 0: ready to depart; 1: half way; 2: one rejection; 3: just registered.
        decide = {0: len(items), 1: len(items) // 2, 2: 4, 3: 0}[index]
        for number, item in enumerate(items[:decide]):
            officer = officers[item.desk]
            if index == 2 and number == 3:
                services.checklist_item_reject(actor=officer, item=item,
                                               reason=RejectionReason.EXPIRED,
                                               note="Contoh penolakan (sintetis)")
            else:
                services.checklist_item_verify(actor=officer, item=item,
                                               expires_on=today + timedelta(days=730))
        if index == 1:
            services.payment_record(
                actor=officers[Desk.EMPLOYMENT], application=application,
                component=CostComponent.AGENCY_SERVICE, amount=Decimal("2500000"),
                currency=Currency.IDR, paid_to="PT Contoh Bina Tenaga Mandiri",
                paid_on=today)
        made += 1
    return made


@transaction.atomic
def ltsa_demo_load() -> dict[str, int]:
    today = timezone.localdate()
    counts = reference_load()
    agencies = agencies_create(today)
    counts["agencies"] = len(agencies)
    counts["job_orders_created"] = job_orders_create(agencies, today)
    counts["fee_schedules_created"] = schedules_create()
    centre = (Site.objects.filter(kind=SiteKind.LTSA_CENTRE, name__icontains=DEMO_CENTRE_WORDS,
                                  region_code__startswith="53.01").first()
              or Site.objects.filter(kind=SiteKind.LTSA_CENTRE).order_by("name").first())
    if centre is None:
        counts["applications_created"] = 0
        return counts
    officers = desk_officers_create(centre)
    counts["applications_created"] = applications_create(centre, officers, today)
    return counts
