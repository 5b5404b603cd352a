"""Fixtures and helpers for the reports and prevention tests."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core import signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lindung.accounts.models import User
from lindung.accounts.services import staff_create
from lindung.core.roles import Role
from lindung.directory.models import Agency, AgencyKind, AgencyLevel, Site, SiteKind
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.reports import forms as report_forms
from lindung.reports.models import PublicReport
from lindung.reports.services import Submitted, report_submit
from tests import images
from tests.conftest import NTT_VILLAGE, PASSWORD, World

__all__ = ["NTT_VILLAGE", "PASSWORD"]

WEBHOOK_SECRET = "test-webhook-secret-0123456789"
# Namosain, Kota Kupang: inside the task-force officer's scope (53.71).
KUPANG_VILLAGE = "53.71.01.1001"

# Smallest valid files of each kind, by their first bytes.
PNG_BYTES = images.plain_png()
JPEG_WITH_EXIF = images.jpeg_with_gps()
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@dataclass
class Taskforce:
    world: World
    police: Agency
    shelter: Agency
    mission_agency: Agency
    mission: Site
    police_officer: User
    shelter_officer: User

    def client_for(self, name: str) -> Client:
        users = {"police_officer": self.police_officer, "shelter_officer": self.shelter_officer}
        if name in users:
            client = Client()
            client.force_login(users[name])
            return client
        return self.world.client_for(name)

    @property
    def officer(self) -> User:
        return self.world.users["taskforce_kupang"]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def clear_cache(db: None) -> None:
    cache.clear()


@pytest.fixture
def taskforce(world: World, media: Path, clear_cache: None) -> Taskforce:
    police = Agency.objects.create(code="polda-ntt", name="Kepolisian Daerah NTT",
                                   short_name="Polda NTT", kind=AgencyKind.POLICE,
                                   taskforce_member=True, email="polda@example.test")
    shelter = Agency.objects.create(code="rpt-kupang", name="Rumah Perlindungan Trauma Kupang",
                                    kind=AgencyKind.SHELTER)
    mission_agency = Agency.objects.create(code="kbri-kl", name="KBRI Kuala Lumpur",
                                           kind=AgencyKind.MISSION,
                                           level=AgencyLevel.INTERNATIONAL, country="MY")
    mission = Site.objects.create(kind=SiteKind.MISSION, name="KBRI Kuala Lumpur",
                                  country="MY", agency=mission_agency)
    police_officer = staff_create(actor=None, username="polisi_ntt", password=PASSWORD,
                                  role=Role.TASKFORCE_OFFICER, agency=police,
                                  scope_region=Region.objects.get(code="53"))
    # A shelter worker anywhere in the country: sees referrals to the shelter only.
    shelter_officer = staff_create(actor=None, username="shelter", password=PASSWORD,
                                   role=Role.DESK_OFFICER, agency=shelter,
                                   scope_region=Region.objects.get(code="35"))
    return Taskforce(world=world, police=police, shelter=shelter,
                     mission_agency=mission_agency, mission=mission,
                     police_officer=police_officer, shelter_officer=shelter_officer)


def started_token(seconds_ago: int = 60) -> str:
    return signing.TimestampSigner(salt=report_forms._SIGNER_SALT).sign(
        str(int(time.time()) - seconds_ago))


def public_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": "broker",
        "description": "Ada calo menawarkan kerja di Malaysia tanpa dokumen.",
        "region": KUPANG_VILLAGE,
        "place_text": "Dusun 2",
        "incident_date": "2026-01-10",
        "destination_country": "MY",
        "recruiter_name": "Pak Yohanis",
        "recruiter_phone": "0812 3456 7890",
        "recruiter_social": "@yohanis.kerja",
        "people_at_risk": "Tiga pemuda desa",
        "people_at_risk_count": "3",
        "missing_person_name": "",
        "contact": "",
        "website": "",
        "started": started_token(),
    }
    data.update(overrides)
    return data


def png_upload(name: str = "foto.png", content: bytes = PNG_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def submit(*, actor: User | None = None, region: Region | None = None,
           **overrides: Any) -> Submitted:
    fields: dict[str, Any] = {"channel": "web", "category": "broker",
                              "description": "Calo di desa", "recruiter_name": "Pak Yohanis",
                              "recruiter_phone": "081234567890"}
    fields.update(overrides)
    if region is None:
        region = Region.objects.get(code=KUPANG_VILLAGE)
    return report_submit(actor=actor, region=region, **fields)


def signed_headers(body: bytes, *, secret: str = WEBHOOK_SECRET,
                   timestamp: int | None = None) -> dict[str, str]:
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    mac = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"HTTP_X_LINDUNG_TIMESTAMP": stamp, "HTTP_X_LINDUNG_SIGNATURE": "sha256=" + mac}


def webhook_body(**overrides: Any) -> bytes:
    payload: dict[str, Any] = {"channel": "sms", "message_id": "msg-1",
                               "sender": "+62 812-1111-2222",
                               "text": "Ada calo di pelabuhan Tenau", "region_code": "53.71"}
    payload.update(overrides)
    return json.dumps(payload).encode()


def make_person(name: str, nik: str = "", village: str = NTT_VILLAGE,
                birth_date: date | None = None) -> Person:
    return person_create(actor=None, name=name, nik=nik,
                         village=Region.objects.get(code=village), birth_date=birth_date)


def report_row_values(report: PublicReport) -> list[str]:
    """Every stored column value of a report, as text (for "no IP/user agent" checks)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{PublicReport._meta.db_table}" WHERE id = %s',  # noqa: S608
                       [report.pk.hex if connection.vendor == "sqlite" else report.pk])
        row = cursor.fetchone()
    return [str(value) for value in row]


def upload_bytes(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def big_file(size: int) -> io.BytesIO:
    return io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * (size - 8))
