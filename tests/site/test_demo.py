"""The demo gives every account what its role needs, and refuses a database holding real
(non-synthetic) records."""

from __future__ import annotations

import pytest
from django.core.management import CommandError
from django.core.management import call_command

from lindung.accounts.models import User
from lindung.core import access
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.regions.services import regions_load
from lindung.reports.models import PublicReport
from lindung.site.demo import demo_accounts_create
from lindung.site.demo import demo_reports_create
from lindung.site.demo import real_records
from lindung.villages.demo import demo_villages


@pytest.fixture
def demo_world(regions: None) -> None:
    regions_load(only=("53.04.12",))
    Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Kupang", region_id="53.71",
                        region_code="53.71")
    Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA Kabupaten Kupang",
                        region_id="53.01", region_code="53.01")
    demo_accounts_create()


def test_it_refuses_a_database_with_real_records(regions: None) -> None:
    assert real_records() == []
    person_create(actor=None, name="Orang Nyata", village=Region.objects.get(
        code="53.01.05.1001"))
    assert real_records() == [("people.person", 1)]
    with pytest.raises(CommandError) as exc:
        call_command("demo", "--no-serve")
    message = str(exc.value)
    assert "data nyata" in message and "people.person 1" in message
    assert not User.objects.filter(username="admin").exists()  # nothing was set up


def test_it_counts_only_records_not_marked_synthetic(regions: None) -> None:
    person_create(actor=None, name="Orang Contoh", synthetic=True,
                  village=Region.objects.get(code="53.01.05.1001"))
    assert real_records() == []


def test_it_gives_the_kupang_point_the_reports_of_kab_kupang_and_belu(demo_world: None) -> None:
    assert demo_reports_create() == 3
    assert demo_reports_create() == 0
    officer = User.objects.get(username="satgas.kupang")
    assert access.area_of(officer).prefixes == ("53.71", "53")
    seen = access.visible(officer, PublicReport.objects.all())
    assert sorted(r.region_code[:5] for r in seen) == ["53.01", "53.04"]
    assert all(r.synthetic for r in PublicReport.objects.all())
    assert real_records() == []


def test_it_puts_the_village_officers_village_in_the_programme(demo_world: None) -> None:
    chosen = [v.code for v in demo_villages(2)]
    assert chosen[0] == "53.01.05.1001"  # desa.oenesu's village comes first
    assert len(chosen) == 2 and len(set(chosen)) == 2


def test_it_posts_the_desk_officer_at_the_centre(demo_world: None) -> None:
    desk = User.objects.get(username="loket.kupang")
    assert desk.site is not None and desk.site.kind == SiteKind.LTSA_CENTRE
    assert desk.desk == "civil_registry"
