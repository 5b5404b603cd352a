"""The landing page, the most visited page, is served from the public pages' cache to
anonymous visitors; a write of its data (``load_reference`` bumps the version) shows at
once, and staff always get a page drawn for them (issue 19)."""

from __future__ import annotations

from django.test import Client

from lindung.directory.models import Site, SiteKind
from lindung.ltsa import public_cache
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
