"""The forbidden and not-found pages: never bare; styled (the base template and its menu),
in both languages, saying what was refused, why, and who can grant access. The API keeps
answering JSON."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lindung.regions.models import Region
from tests.conftest import JABAR_VILLAGE
from tests.conftest import World


def _english(client: Client) -> None:
    client.cookies["django_language"] = "en"


def test_it_explains_a_refusal_by_role_with_the_menu_and_who_can_grant(world: World) -> None:
    client = world.client_for("analyst")  # an analyst may not register people
    response = client.get(reverse("people:create"))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'aria-label="Menu utama"' in page and "Beranda" in page  # the base template
    assert "Akses ditolak" in page
    assert "Analis nasional" in page  # why: the role
    assert "Siapa yang dapat memberi akses" in page
    assert "(admin)" in page  # the national administrator, from the users table


def test_it_names_the_coordinator_of_the_officer(world: World) -> None:
    response = world.client_for("village_officer").get(reverse("screening:home"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Koordinator Anda" in page and "coord_ntt" in page
    assert "coord_jabar" not in page


def test_it_says_why_in_english(world: World) -> None:
    client = world.client_for("analyst")
    _english(client)
    page = client.get(reverse("people:create")).content.decode()
    assert "Access denied" in page
    assert "Who can grant access" in page
    assert "National analyst" in page  # the role, translated
    assert 'lang="en"' in page


def test_it_explains_the_area_when_a_write_is_refused(world: World) -> None:
    from django.core.exceptions import PermissionDenied

    from lindung.core import access
    from lindung.people.services import person_create

    with pytest.raises(PermissionDenied) as exc:
        person_create(actor=world.users["village_officer"], name="Ani",
                      village=Region.objects.get(code=JABAR_VILLAGE))
    assert isinstance(exc.value, access.Denied)
    assert str(exc.value.why) == "Data ini di luar wilayah kerja Anda."


def test_it_answers_a_record_outside_the_area_with_a_styled_not_found(world: World) -> None:
    client = world.client_for("coord_jabar")
    response = client.get(reverse("people:detail", args=[world.ntt_person.pk]))
    assert response.status_code == 404
    page = response.content.decode()
    assert 'aria-label="Menu utama"' in page and "Tidak ditemukan" in page
    assert "di luar wilayah kerja Anda" in page
    assert "Siapa yang dapat memberi akses" in page
    _english(client)
    page = client.get(reverse("people:detail", args=[world.ntt_person.pk])).content.decode()
    assert "Not found" in page and "outside your area" in page


def test_it_answers_an_unknown_page_with_a_styled_not_found(db: None) -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'aria-label="Menu utama"' in page and "Tidak ditemukan" in page
    assert "Siapa yang dapat" not in page  # the public is not told who the staff are


def test_it_tells_a_machine_client_to_use_the_api(world: World) -> None:
    response = world.client_for("machine").get(reverse("site:staff_home"))
    assert response.status_code == 403
    assert "hanya memakai API" in response.content.decode()


def test_it_keeps_api_errors_json(world: World) -> None:
    client = world.client_for("analyst")
    denied = client.get(f"/api/v1/people/{world.ntt_person.pk}")
    assert denied.status_code == 403
    assert denied["Content-Type"].startswith("application/json")
    assert denied.json()["detail"] == "Akses ditolak"
    assert "Analis nasional" in denied.json()["reason"]
    missing = client.get("/api/v1/no-such-endpoint")
    assert missing.status_code == 404 and missing["Content-Type"].startswith(
        "application/json")
    outside = world.client_for("coord_jabar").get(f"/api/v1/people/{world.ntt_person.pk}")
    assert outside.status_code == 404 and outside.json()["detail"] == "Tidak ditemukan"
    english = world.client_for("coord_jabar")
    _english(english)
    assert english.get(f"/api/v1/people/{world.ntt_person.pk}").json()["detail"] == (
        "Not found")


def test_it_explains_a_form_sent_without_its_token(db: None) -> None:
    response = Client(enforce_csrf_checks=True).post("/reports/new/", {"category": "broker"})
    assert response.status_code == 403
    page = response.content.decode()
    assert 'aria-label="Menu utama"' in page and "kedaluwarsa" in page
    assert "Siapa yang dapat memberi akses" not in page  # not a question of rights
