"""Each role lands on its work (issue 15): the task-force officer on the open reports and
alerts of their post, the desk officer on their desk queue, the village officer on their
village and coordinator, the analyst on statistics, the admin on users."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from lindung.accounts.services import staff_create
from lindung.core.roles import Role
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.regions.models import Region
from lindung.regions.services import regions_load
from lindung.villages.services.programme import programme_village_create
from lindung.villages.services.programme import programme_village_officer_add
from tests.conftest import JABAR_VILLAGE
from tests.conftest import NTT_VILLAGE
from tests.conftest import PASSWORD
from tests.conftest import World
from tests.fixtures.reports import submit


def _login(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_it_lands_the_task_force_officer_on_the_open_reports_and_alerts_of_the_post(
        world: World) -> None:

    regions_load(only=("53.04.12",))
    point = Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Pelabuhan Tenau",
                                region_id="53.71", region_code="53.71")
    officer = staff_create(actor=None, username="satgas_tenau", password=PASSWORD,
                           role=Role.TASKFORCE_OFFICER, agency=world.agency, site=point,
                           scope_region=Region.objects.get(code="53.71"))
    kupang = submit(region=Region.objects.get(code=NTT_VILLAGE)).report
    belu = submit(region=Region.objects.get(code="53.04.12.1001")).report
    jabar = submit(region=Region.objects.get(code=JABAR_VILLAGE)).report
    response = _login(officer).get(reverse("site:staff_home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Laporan terbuka di wilayah kerja pos Anda" in page
    assert kupang.reference in page and belu.reference in page
    assert jabar.reference not in page
    assert "Nusa Tenggara Timur" in page  # the area of work, by name
    assert "Peringatan terbuka di pos Anda" in page
    assert response.context["post"].reports_total == 2


def test_it_lands_the_desk_officer_on_the_desk_queue(world: World) -> None:
    client = world.client_for("desk_kupang")
    response = client.get(reverse("site:staff_home"))
    assert response.status_code == 302 and response["Location"] == reverse("ltsa:queue")
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("site:staff_home") + "?overview=1").status_code == 200


def test_it_lands_the_analyst_on_statistics(world: World) -> None:
    response = world.client_for("analyst").get(reverse("site:staff_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("prevention:statistics")


def test_it_tells_a_village_officer_without_a_village_who_to_ask(world: World) -> None:
    page = world.client_for("village_officer").get(reverse("site:staff_home"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "belum disiapkan" in text and "Oenesu" in text
    assert "Koordinator Anda" in text and "coord_ntt" in text
    assert "coord_jabar" not in text


def test_it_lands_the_village_officer_on_their_village(world: World) -> None:
    village = programme_village_create(actor=None, village=Region.objects.get(code=NTT_VILLAGE),
                                       cohort_year=2019)
    programme_village_officer_add(actor=None, programme_village=village,
                                  officer=world.users["village_officer"])
    text = world.client_for("village_officer").get(reverse("site:staff_home")).content.decode()
    assert reverse("villages:detail", args=[village.pk]) in text
    assert "belum disiapkan" not in text
    assert "coord_ntt" in text  # who their coordinator is


def test_it_lands_the_admin_on_users(world: World) -> None:
    from lindung.site.selectors import admin_users_url

    response = world.client_for("admin").get(reverse("site:staff_home"))
    assert response.status_code == 200
    url = admin_users_url()
    assert response.context["users_url"] == url
    if url:  # the user administration pages (accounts app) are installed
        assert url in response.content.decode()


def test_it_keeps_the_overview_for_coordinators(world: World) -> None:
    from lindung.site.selectors import admin_users_url

    response = world.client_for("coord_ntt").get(reverse("site:staff_home"))
    assert response.status_code == 200 and response.context["post"] is None
    assert response.context["users_url"] == admin_users_url()  # the officers they administer
    officer = world.client_for("taskforce_kupang").get(reverse("site:staff_home"))
    assert officer.context["users_url"] == ""
