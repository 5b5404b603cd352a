"""Fixtures for the coordination tests: stakeholders around the personas' world (the
Disnaker of NTT is everyone's agency), a five-year NTT plan with a goal, prevented
departures recorded through the prevention module, and small file payloads."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from lindung.accounts.models import User
from lindung.accounts.services import staff_create
from lindung.coordination import services
from lindung.coordination.choices import ServiceKind, StakeholderCategory
from lindung.coordination.models import Goal, PlanPeriod
from lindung.core.roles import Role
from lindung.directory.models import Agency, AgencyKind, AgencyLevel
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.models import Region
from tests import images
from tests.conftest import NTT_VILLAGE, PASSWORD, World

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = images.plain_png()
THIS_YEAR = timezone.localdate().year


@dataclass
class Coord:
    world: World
    disnaker: Agency
    police: Agency
    shelter: Agency
    mission: Agency
    iom: Agency
    police_officer: User
    plan: PlanPeriod
    goal: Goal

    def client_for(self, name: str) -> Client:
        if name == "police_officer":
            client = Client()
            client.force_login(self.police_officer)
            return client
        return self.world.client_for(name)

    def user(self, name: str) -> User:
        return self.police_officer if name == "police_officer" else self.world.users[name]



@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"


@pytest.fixture
def coord(world: World, media: Path) -> Coord:
    admin = world.users["admin"]
    disnaker = world.agency
    police = services.stakeholder_create(
        actor=admin, name="Kepolisian Daerah Nusa Tenggara Timur", short_name="Polda NTT",
        kind=AgencyKind.POLICE, level=AgencyLevel.PROVINCE,
        category=StakeholderCategory.GOVERNMENT, region=Region.objects.get(code="53"),
        services=[ServiceKind.INVESTIGATION], email="polda.ntt@example.org")
    shelter = services.stakeholder_create(
        actor=admin, name="Rumah Aman Perempuan Kupang", kind=AgencyKind.SHELTER,
        level=AgencyLevel.REGENCY, category=StakeholderCategory.SHELTER,
        region=Region.objects.get(code="53.71"),
        services=[ServiceKind.SHELTER, ServiceKind.HEALTH])
    mission = services.stakeholder_create(
        actor=admin, name="KBRI Kuala Lumpur (uji)", kind=AgencyKind.MISSION,
        level=AgencyLevel.INTERNATIONAL, category=StakeholderCategory.MISSION, country="MY",
        services=[ServiceKind.CONSULAR, ServiceKind.SHELTER, ServiceKind.REPATRIATION])
    iom = services.stakeholder_create(
        actor=admin, name="IOM Indonesia (uji)", kind=AgencyKind.INTERNATIONAL,
        level=AgencyLevel.INTERNATIONAL,
        category=StakeholderCategory.INTERNATIONAL_ORGANISATION, country="CH",
        services=[ServiceKind.REPATRIATION, ServiceKind.REINTEGRATION])
    police_officer = staff_create(actor=None, username="police_officer", password=PASSWORD,
                                  role=Role.TASKFORCE_OFFICER, agency=police,
                                  scope_region=Region.objects.get(code="32"))
    plan = services.plan_create(actor=world.users["coord_ntt"],
                                name="RAD PP TPPO Provinsi NTT", start_year=THIS_YEAR - 1,
                                end_year=THIS_YEAR + 3, region=Region.objects.get(code="53"))
    goal = services.goal_create(actor=world.users["coord_ntt"], plan=plan, code="1",
                                title="Pencegahan keberangkatan non-prosedural")
    return Coord(world=world, disnaker=disnaker, police=police, shelter=shelter,
                 mission=mission, iom=iom, police_officer=police_officer, plan=plan,
                 goal=goal)


_NIK_SERIAL = iter(range(100, 10000))


def make_person(name: str, village: str = NTT_VILLAGE) -> Person:
    return person_create(actor=None, name=name, village=Region.objects.get(code=village),
                         birth_date=date(1995, 5, 5))


def prevent(world: World, on: date, people: int = 1, *, agency: Agency | None = None,
            site: Any = None) -> Any:
    """Record a prevented departure through the prevention module's own service."""
    from lindung.prevention.services import prevented_departure_record

    persons = [make_person(f"Orang Dicegah {next(_NIK_SERIAL)}") for _ in range(people)]
    return prevented_departure_record(
        actor=None, site=site or world.embarkation, date=on, people=persons,
        destination_country="MY", reason="no_documents", acting_agency=agency or world.agency,
        outcome="returned_home")


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["a", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
