"""The demo command: synthetic, marked, idempotent."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.models import Application
from lindung.ltsa.models import FeeSchedule
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import PlacementAgency
from lindung.ltsa.models import ZeroCostRule
from lindung.ltsa.reference import ZERO_COST_OCCUPATIONS
from tests.conftest import World


def test_it_loads_synthetic_demo_data_twice_without_duplicates(world: World) -> None:
    Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA-PPPMI Kabupaten Kupang",
                        region_id="53.01", region_code="53.01")
    out = StringIO()
    call_command("load_ltsa_demo", stdout=out)
    assert "applications_created: 4" in out.getvalue()
    counts = (PlacementAgency.objects.count(), JobOrder.objects.count(),
              FeeSchedule.objects.count(), Application.objects.count())
    call_command("load_ltsa_demo", stdout=StringIO())
    assert counts == (PlacementAgency.objects.count(), JobOrder.objects.count(),
                      FeeSchedule.objects.count(), Application.objects.count())
    assert not PlacementAgency.objects.filter(synthetic=False).exists()
    assert all(name.startswith("PT Contoh") for name in
               PlacementAgency.objects.values_list("name", flat=True))
    assert not FeeSchedule.objects.filter(synthetic=False).exists()
    assert Application.objects.filter(status=ApplicationStatus.READY).count() == 1
    assert ZeroCostRule.objects.count() == len(ZERO_COST_OCCUPATIONS) == 10
