"""The landing page, the most visited page, is served from the public pages' cache to
anonymous visitors; a write of its data (``load_reference`` bumps the version) shows at
once, and staff always get a page drawn for them (issue 19)."""

from __future__ import annotations

from datetime import date

from django.test import Client

from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa import public_cache
from lindung.stats.models import SourcedFigure
from tests.conftest import World


def test_the_landing_page_is_cached_for_visitors_until_its_data_changes(world: World) -> None:
    visitor = Client()
    assert "Pelabuhan Uji Cache" not in visitor.get("/").content.decode()
    Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Pelabuhan Uji Cache",
                        region_id="53.71", region_code="53.71")
    assert "Pelabuhan Uji Cache" not in visitor.get("/").content.decode()  # the cached page
    staff = world.client_for("coord_ntt").get("/")
    assert "Pelabuhan Uji Cache" in staff.content.decode()  # logged in: drawn for them
    public_cache.bump()  # what load_reference does after writing sites and figures
    assert "Pelabuhan Uji Cache" in visitor.get("/").content.decode()


def test_the_landing_figures_read_in_the_visitors_language(world: World) -> None:
    """The seed's headline figures carry their label in both languages (stats/data/
    figures.csv): an English visitor reads the English one, in a page cached apart."""
    SourcedFigure.objects.create(
        key="satgas-embarkation-points", label="Lokasi embarkasi dan debarkasi satgas",
        label_en="Task force embarkation and debarkation points", value=21, unit="lokasi",
        period_start=date(2019, 1, 1), period_end=date(2019, 12, 31), source="paparan 2019",
        quote="21 lokasi")
    public_cache.bump()
    indonesian = Client().get("/").content.decode()
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = english_client.get("/").content.decode()
    assert "Lokasi embarkasi dan debarkasi satgas" in indonesian
    assert "Task force embarkation and debarkation points" not in indonesian
    assert "Task force embarkation and debarkation points" in english
    assert "Lokasi embarkasi dan debarkasi satgas" not in english
