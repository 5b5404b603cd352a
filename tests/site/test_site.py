"""The site layer: the landing and staff home pages and the demo data."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from lindung.accounts.models import User
from lindung.people.models import Person
from lindung.site.demo import DEMO_ACCOUNTS
from lindung.site.demo import demo_accounts_create
from lindung.site.demo import demo_people_create
from tests.conftest import World


def test_it_serves_the_landing_page_to_anyone(db: None) -> None:
    response = Client().get(reverse("site:landing"))
    assert response.status_code == 200
    assert reverse("site:landing") == "/"


def test_it_greets_staff_with_the_people_in_their_scope(world: World) -> None:
    page = world.client_for("coord_ntt").get(reverse("site:staff_home"))
    assert page.status_code == 200
    assert reverse("site:staff_home") == "/staff/"
    assert page.context["can_people"] is True
    assert page.context["people_total"] == 1  # the NTT person, not the Jawa Barat one
    # The analyst lands on the statistics (issue 15); the overview shows no people.
    village = world.client_for("analyst").get(reverse("site:staff_home") + "?overview=1")
    assert village.context["can_people"] is False


def test_it_creates_the_demo_accounts_and_people_once(regions: None) -> None:
    made = demo_accounts_create()
    assert [spec.username for spec, _ in made] == [spec.username for spec in DEMO_ACCOUNTS]
    assert [bool(token) for _, token in made] == [spec.username == "mesin.imigrasi"
                                                  for spec in DEMO_ACCOUNTS]
    assert demo_accounts_create() == []
    assert User.objects.filter(username__in=[s.username for s in DEMO_ACCOUNTS]).count() == 7
    assert demo_people_create(count=30) == 30
    assert Person.objects.filter(synthetic=True).count() == 30
    assert demo_people_create(count=30) == 0
