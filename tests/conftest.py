"""Shared fixtures. Personas, after healthchecks: each staff role with a scope, and records
inside and outside those scopes."""

from __future__ import annotations

import csv
import gzip
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyotp
import pytest
from django.db.models.signals import post_save
from django.test import Client
from django.utils import timezone
from hypothesis import settings as hypothesis_settings

from lindung.accounts.models import User
from lindung.accounts.services import staff_create
from lindung.core.audit_guard import allow_test_flush
from lindung.core.roles import Role
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.regions.services import read_region_rows
from lindung.regions.services import regions_load

# Subtrees loaded for tests (with their ancestors): Kupang Barat in Kab. Kupang (NTT), Kota Kupang,
# Kab. Bandung (Jawa Barat), Kab. Malang (Jawa Timur).
TEST_REGION_PREFIXES = ("53.01.05", "53.71.01", "32.04.11", "35.07.01")
NTT_VILLAGE = "53.01.05.1001"
JABAR_VILLAGE = "32.04.11.2001"
PASSWORD = "correct-horse-battery-9"

# Each app's fixtures, available to every test without importing them (tests/<app>/ mirrors
# src/lindung/<app>/; the classes a test names, such as LtsaWorld, are imported from there).
pytest_plugins = [
    "tests.fixtures.coordination",
    "tests.fixtures.ltsa",
    "tests.fixtures.reports",
    "tests.fixtures.villages",
]

os.environ.setdefault("PLAYWRIGHT_BROWSERS_PATH", "0")
# The test runner empties the database between transactional tests; on SQLite the audit
# log's delete trigger lets only that through (lindung.core.audit_guard).
allow_test_flush(True)
# No per-example deadline: machines here are noisy, and a slow example is not a failure.
hypothesis_settings.register_profile("lindung", deadline=None)
hypothesis_settings.load_profile("lindung")


def _enrol_two_factor(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    if created and instance.two_factor_required and not instance.totp_secret:
        User.objects.filter(pk=instance.pk).update(totp_secret=pyotp.random_base32(),
                                                   totp_confirmed_at=timezone.now())
        instance.refresh_from_db(fields=["totp_secret", "totp_confirmed_at"])


@pytest.fixture(autouse=True)
def enrolled_two_factor(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every role that must use two-factor has to enrol before working (the middleware and
    the API refuse it otherwise). Accounts made by fixtures are enrolled on creation, as a
    real officer is after their first login; tests of enrolment itself are marked
    `unenrolled` and get accounts as created."""
    if request.node.get_closest_marker("unenrolled"):
        yield
        return
    post_save.connect(_enrol_two_factor, sender=User, dispatch_uid="tests-enrol-two-factor")
    try:
        yield
    finally:
        post_save.disconnect(sender=User, dispatch_uid="tests-enrol-two-factor")


def totp_code(user: User) -> str:
    """A TOTP code for `user` not used yet: the current step, else the next one (the server
    accepts one step either side and never the same step twice)."""
    user.refresh_from_db(fields=["totp_last_step", "totp_secret"])
    totp = pyotp.TOTP(user.totp_secret)
    step = totp.timecode(timezone.now())
    if user.totp_last_step is not None and user.totp_last_step >= step:
        step = user.totp_last_step + 1
    return str(totp.generate_otp(step))


@pytest.fixture(scope="session")
def test_regions_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The region file cut down to the test subtrees and their ancestors, once per test
    process: loading it in each test then reads 52 rows, not the 91,600 of the whole tree
    (half a second a test, most of the setup of the API fuzzing's 75 operations)."""
    path = tmp_path_factory.mktemp("regions") / "regions.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "parent_code", "level", "name"])
        writer.writerows(row for row in read_region_rows()
                         if any(row[0] == prefix or row[0].startswith(prefix + ".")
                                or prefix.startswith(row[0] + ".")
                                for prefix in TEST_REGION_PREFIXES))
    return path


@pytest.fixture
def regions(db: None, test_regions_file: Path) -> None:
    regions_load(path=test_regions_file, only=TEST_REGION_PREFIXES)


@dataclass
class World:
    agency: Agency
    embarkation: Site
    users: dict[str, User]
    ntt_person: Person
    jabar_person: Person

    def client_for(self, name: str) -> Client:
        client = Client()
        client.force_login(self.users[name])
        return client


@pytest.fixture
def world(regions: None) -> World:
    manpower = Agency.objects.create(code="disnaker-ntt", name="Disnaker Provinsi NTT",
                                     kind=AgencyKind.MANPOWER, taskforce_member=True)
    # The persona's point has its area of work configured to Kota Kupang (a point's default
    # is its province), so that a record in Kab. Kupang stays "outside" for the permission
    # tests written before areas; tests/core/test_post_access.py covers the default.
    port = Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Kupang",
                               region_id="53.71", region_code="53.71", area_codes=["53.71"])

    def make(name: str, role: Role, scope: str | None, **extra: object) -> User:
        return staff_create(actor=None, username=name, password=PASSWORD, role=role,
                            agency=manpower,
                            scope_region=Region.objects.get(code=scope) if scope else None,
                            **extra)

    users = {
        "admin": make("admin", Role.ADMIN, None),
        "analyst": make("analyst", Role.ANALYST, None),
        "coord_ntt": make("coord_ntt", Role.COORDINATOR, "53"),
        "coord_jabar": make("coord_jabar", Role.COORDINATOR, "32"),
        "taskforce_kupang": make("taskforce_kupang", Role.TASKFORCE_OFFICER, "53.71",
                                 site=port),
        "desk_kupang": make("desk_kupang", Role.DESK_OFFICER, "53.01",
                            desk=Desk.CIVIL_REGISTRY),
        "village_officer": make("village_officer", Role.VILLAGE_OFFICER, NTT_VILLAGE),
        "machine": make("machine", Role.MACHINE_CLIENT, None),
    }
    ntt = person_create(actor=None, name="Maria Goreti Ndun", nik="5301054506990003",
                        village=Region.objects.get(code=NTT_VILLAGE),
                        birth_place="Kupang", migration_status="prospective")
    jabar = person_create(actor=None, name="Siti Aminah", nik="3204114609970004",
                          village=Region.objects.get(code=JABAR_VILLAGE),
                          birth_date=date(1997, 9, 6))
    return World(agency=manpower, embarkation=port, users=users, ntt_person=ntt,
                 jabar_person=jabar)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media")}}}
    return tmp_path / "media"
