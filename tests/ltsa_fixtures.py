"""Fixtures of the LTSA tests: a centre with an officer at each desk, agencies in every
licence state, job orders valid, expired and full, fee schedules (synthetic), applicants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from lindung.accounts.models import User
from lindung.accounts.services import staff_create
from lindung.core.roles import Role
from lindung.directory.models import Desk, Site, SiteKind
from lindung.ltsa import services
from lindung.ltsa.models import (
    Application,
    ChecklistItem,
    CostComponent,
    Country,
    Currency,
    FeeSchedule,
    ItemStatus,
    JobOrder,
    LicenceStatus,
    Occupation,
    Payer,
    PlacementAgency,
)
from lindung.ltsa.reference import reference_load
from lindung.ltsa.services import ComponentInput
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.models import Region
from tests.conftest import NTT_VILLAGE, PASSWORD, World

TODAY = date(2026, 3, 2)


@dataclass
class LtsaWorld:
    world: World
    today: date
    centre: Site
    other_centre: Site
    desks: dict[str, User]
    licensed: PlacementAgency
    expired: PlacementAgency
    suspended: PlacementAgency
    revoked: PlacementAgency
    job: JobOrder
    job_factory: JobOrder
    job_expired: JobOrder
    job_full: JobOrder
    job_unlicensed: JobOrder
    schedule_domestic: FeeSchedule
    schedule_factory: FeeSchedule
    applicant: Person
    minor: Person

    def client_for(self, name: str) -> Client:
        client = Client()
        client.force_login(self.desks[name] if name in self.desks else self.world.users[name])
        return client

    def register(self, person: Person | None = None, job: JobOrder | None = None,
                 departure: date | None = None) -> tuple[Application, str]:
        return services.application_register(
            actor=self.desks["civil_registry"], centre=self.centre,
            person=person or self.applicant, job_order=job or self.job,
            planned_departure=departure or self.today + timedelta(days=60),
            marital_status="single", today=self.today)

    def verify_all(self, application: Application, *, except_desks: tuple[str, ...] = ()
                   ) -> None:
        for item in ChecklistItem.objects.filter(application=application).order_by("position"):
            if item.desk in except_desks or item.status == ItemStatus.VERIFIED:
                continue
            services.checklist_item_verify(
                actor=self.desks[item.desk], item=item,
                expires_on=self.today + timedelta(days=800), today=self.today)


def _officer(name: str, desk: str, centre: Site, world: World) -> User:
    return staff_create(actor=None, username=name, password=PASSWORD, role=Role.DESK_OFFICER,
                        agency=world.agency, scope_region=Region.objects.get(code="53.01"),
                        site=centre, desk=desk)


def _agency(name: str, number: str, issued: date, until: date,
            status: str = LicenceStatus.ACTIVE) -> PlacementAgency:
    agency = services.placement_agency_create(
        actor=None, name=name, head_office_region=Region.objects.get(code="53.71"),
        address="Jl. Contoh 1, Kupang", phone="0380123456", synthetic=True)
    services.licence_add(actor=None, agency=agency, number=number, issued_on=issued,
                         valid_until=until, status=status)
    return agency


def _job(number: str, agency: PlacementAgency, occupation: str, *, country: str = Country.MY,
         quota: int = 10, filled: int = 0, start: date, end: date) -> JobOrder:
    return services.job_order_create(
        actor=None, permit_number=number, agency=agency,
        employer_name=f"Employer of {number}", destination_country=country,
        occupation=Occupation.objects.get(code=occupation), quota=quota, filled=filled,
        salary_amount=Decimal("1800"), salary_currency=Currency.MYR, contract_months=24,
        valid_from=start, valid_until=end,
        recruitment_regions=[Region.objects.get(code="53")], synthetic=True)



@pytest.fixture
def ltsa(world: World) -> LtsaWorld:
    reference_load()
    today = TODAY
    centre = Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA-PPPMI Kabupaten Kupang",
                                 region_id="53.01", region_code="53.01",
                                 email="ltsa.kupang@example.org")
    other = Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA-PPPMI Kota Kupang",
                               region_id="53.71", region_code="53.71")
    desks = {desk.value: _officer(f"desk_{desk.value}", desk.value, centre, world)
             for desk in Desk}
    licensed = _agency("PT Sinar Harapan Jaya", "KEP.123/PPTKIS/2023", today - timedelta(
        days=400), today + timedelta(days=700))
    expired = _agency("PT Bintang Timur Abadi", "KEP.77/PPTKIS/2019", date(2019, 1, 1),
                      today - timedelta(days=30))
    suspended = _agency("PT Mega Karya Mandiri", "KEP.88/PPTKIS/2022",
                        today - timedelta(days=300), today + timedelta(days=300),
                        LicenceStatus.SUSPENDED)
    revoked = _agency("PT Cahaya Lautan Biru", "KEP.99/PPTKIS/2021",
                      today - timedelta(days=300), today + timedelta(days=300),
                      LicenceStatus.REVOKED)
    start, end = today - timedelta(days=30), today + timedelta(days=180)
    job = _job("SIP2MI/2026/0001", licensed, "household_worker", start=start, end=end)
    job_factory = _job("SIP2MI/2026/0002", licensed, "factory_operator", country=Country.TW,
                       start=start, end=end)
    job_expired = _job("SIP2MI/2025/0100", licensed, "household_worker",
                       start=today - timedelta(days=200), end=today - timedelta(days=1))
    job_full = _job("SIP2MI/2026/0003", licensed, "cook", quota=2, filled=2, start=start,
                    end=end)
    job_unlicensed = _job("SIP2MI/2026/0004", expired, "gardener", start=start, end=end)
    domestic = services.fee_schedule_create(
        actor=None, destination_country=Country.MY,
        occupation=Occupation.objects.get(code="household_worker"), currency=Currency.IDR,
        effective_from=date(2025, 1, 1), effective_to=None,
        legal_basis="Contoh (sintetis) untuk pengujian", synthetic=True, components=[
            ComponentInput(CostComponent.DEPARTURE_TICKET, Payer.EMPLOYER, Decimal("4500000"),
                           Currency.IDR),
            ComponentInput(CostComponent.LOCAL_TRANSPORT, Payer.WORKER, Decimal("250000"),
                           Currency.IDR),
        ])
    factory = services.fee_schedule_create(
        actor=None, destination_country=Country.TW,
        occupation=Occupation.objects.get(code="factory_operator"), currency=Currency.IDR,
        effective_from=date(2025, 1, 1), effective_to=None,
        legal_basis="Contoh (sintetis) untuk pengujian", synthetic=True, components=[
            ComponentInput(CostComponent.PASSPORT, Payer.WORKER, Decimal("350000"),
                           Currency.IDR),
            ComponentInput(CostComponent.HEALTH_CHECK, Payer.WORKER, Decimal("1000000"),
                           Currency.IDR),
            ComponentInput(CostComponent.AGENCY_SERVICE, Payer.EMPLOYER, Decimal("5000000"),
                           Currency.IDR),
        ])
    village = Region.objects.get(code=NTT_VILLAGE)
    applicant = person_create(actor=None, name="Yohana Bria Seran", sex="F",
                              birth_date=date(1998, 4, 12), village=village,
                              birth_place="Kupang")
    minor = person_create(actor=None, name="Agustinus Lake", sex="M",
                          birth_date=today - timedelta(days=365 * 17), village=village)
    return LtsaWorld(world=world, today=today, centre=centre, other_centre=other, desks=desks,
                     licensed=licensed, expired=expired, suspended=suspended, revoked=revoked,
                     job=job, job_factory=job_factory, job_expired=job_expired,
                     job_full=job_full, job_unlicensed=job_unlicensed,
                     schedule_domestic=domestic, schedule_factory=factory,
                     applicant=applicant, minor=minor)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Make the services' and views' "today" the fixtures' TODAY."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY
