from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from lindung.core.models import AuditAction, AuditEvent
from lindung.people.models import Person
from lindung.people.selectors import person_search
from lindung.people.services import person_create, person_update
from lindung.regions.models import Region
from tests.conftest import JABAR_VILLAGE, NTT_VILLAGE, World


def test_it_derives_birth_date_sex_and_scope_from_the_nik(world: World) -> None:
    person = world.ntt_person
    assert person.birth_date == date(1999, 6, 5)
    assert person.sex == "F"
    assert person.region_code == NTT_VILLAGE
    assert person.nik_region_code == "53.01.05"


def test_it_stores_identity_numbers_encrypted(world: World) -> None:
    person_update(actor=world.users["coord_ntt"], person=world.ntt_person,
                  passport_number="c 1234567")
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik, passport_number FROM people_person WHERE id = %s",
                       [world.ntt_person.pk.hex if connection.vendor == "sqlite"
                        else world.ntt_person.pk])
        nik, passport = cursor.fetchone()
    assert "5301054506990003" not in nik and "C1234567" not in passport
    assert Person.objects.get(pk=world.ntt_person.pk).passport_number == "C1234567"


def test_it_refuses_a_second_person_with_the_same_nik(world: World) -> None:
    with pytest.raises(ValidationError) as err:
        person_create(actor=world.users["coord_ntt"], name="Maria Ndun",
                      nik="5301 0545 0699 0003")
    assert "sudah terdaftar" in str(err.value) and "already registered" in str(err.value)
    assert Person.objects.count() == 2


def test_it_refuses_a_birth_date_that_contradicts_the_nik(world: World) -> None:
    with pytest.raises(ValidationError) as err:
        person_create(actor=None, name="Yohanes Benu", nik="5301050101900001",
                      birth_date=date(1991, 1, 1))
    assert "birth_date" in err.value.message_dict


def test_it_refuses_to_create_outside_the_officers_scope(world: World) -> None:
    with pytest.raises(PermissionDenied):
        person_create(actor=world.users["village_officer"], name="Asep Sunandar",
                      village=Region.objects.get(code=JABAR_VILLAGE))
    assert not Person.objects.filter(name="Asep Sunandar").exists()


def test_it_finds_people_by_nik_passport_and_name_within_scope(world: World) -> None:
    coord = world.users["coord_ntt"]
    person_update(actor=coord, person=world.ntt_person, passport_number="C1234567")
    assert list(person_search(user=coord, query="5301.0545.0699.0003")) == [world.ntt_person]
    assert list(person_search(user=coord, query="c1234567")) == [world.ntt_person]
    assert list(person_search(user=coord, query="MARIA goreti")) == [world.ntt_person]
    assert list(person_search(user=coord, query="Siti Aminah")) == []  # out of scope
    assert list(person_search(user=world.users["admin"], query="siti aminah")) == [
        world.jabar_person]


def test_it_audits_updates_with_field_names_only(world: World) -> None:
    person_update(actor=world.users["coord_ntt"], person=world.ntt_person, phone="081234567890")
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE).get()
    assert event.detail == {"fields": ["phone"]}


def test_it_shows_nik_errors_in_both_languages_on_the_form(world: World) -> None:
    client = world.client_for("coord_ntt")
    response = client.post(reverse("people:create"), {
        "name": "Yohanes Benu", "nik": "99041106099700x4", "migration_status": "none"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "NIK" in text and "/" in text
    assert not Person.objects.filter(name="Yohanes Benu").exists()


def test_it_registers_a_person_through_the_form(world: World) -> None:
    client = world.client_for("village_officer")
    response = client.post(reverse("people:create"), {
        "name": "Yohanes Benu", "nik": "", "sex": "M", "birth_date": "1990-01-01",
        "village": NTT_VILLAGE, "migration_status": "prospective"})
    assert response.status_code == 302
    person = Person.objects.get(name="Yohanes Benu")
    assert person.region_code == NTT_VILLAGE and person.created_by == world.users[
        "village_officer"]


def test_it_refuses_a_village_outside_the_tree(world: World) -> None:
    client = world.client_for("coord_ntt")
    response = client.post(reverse("people:create"), {
        "name": "Yohanes Benu", "village": "99.99.99.9999", "migration_status": "none"})
    assert response.status_code == 400
    assert not Person.objects.filter(name="Yohanes Benu").exists()


def test_it_creates_people_over_the_api_with_clear_errors(world: World) -> None:
    client = world.client_for("coord_ntt")
    bad = client.post("/api/v1/people/", {"name": "", "nik": "123"},
                      content_type="application/json")
    assert bad.status_code == 422
    assert any("name" in e["field"] for e in bad.json()["detail"])
    bad_nik = client.post("/api/v1/people/", {"name": "Yohanes", "nik": "123"},
                          content_type="application/json")
    assert bad_nik.status_code == 422
    assert "16" in bad_nik.json()["detail"][0]["message"]
    good = client.post("/api/v1/people/", {"name": "Yohanes Benu", "village_code": NTT_VILLAGE},
                       content_type="application/json")
    assert good.status_code == 201, good.content
    assert good.json()["region_code"] == NTT_VILLAGE


def test_the_api_shows_likely_people_before_it_creates(world: World) -> None:
    client = world.client_for("coord_ntt")
    payload = {"name": "Maria Goretti Ndun", "nik": "5301054506990003",
               "village_code": NTT_VILLAGE}
    before = Person.objects.count()
    likely = client.post("/api/v1/people/", payload, content_type="application/json")
    assert likely.status_code == 409, likely.content
    body = likely.json()
    assert [c["id"] for c in body["candidates"]] == [str(world.ntt_person.pk)]
    assert body["candidates"][0]["decision"] == "match"
    assert {r["field"] for r in body["candidates"][0]["reasons"]} >= {"nik", "name"}
    assert "confirm_new" in body["detail"] and Person.objects.count() == before
    # Outside the coordinator's province: counted, never named.
    elsewhere = client.post("/api/v1/people/", {"name": "Siti Aminah",
                                                "birth_date": "1997-09-06"},
                            content_type="application/json")
    assert elsewhere.status_code == 409
    assert elsewhere.json()["candidates"] == [] and elsewhere.json()["hidden_candidates"] == 1
    confirmed = client.post("/api/v1/people/", {**payload, "nik": "", "confirm_new": True},
                            content_type="application/json")
    assert confirmed.status_code == 201 and Person.objects.count() == before + 1


def test_it_links_family_members_within_scope(world: World) -> None:
    from lindung.people.models import FamilyLink

    child = person_create(actor=None, name="Yakobus Ndun", village=world.ntt_person.village)
    client = world.client_for("village_officer")
    url = reverse("people:family_link_add", args=[world.ntt_person.pk])
    response = client.post(url, {"relation": "parent", "relative": "Yakobus Ndun"})
    assert response.status_code == 302
    link = FamilyLink.objects.get()
    assert (link.person, link.relative, link.relation) == (world.ntt_person, child, "parent")
    # The Jawa Barat person is out of the officer's scope: not found, nothing linked.
    bad = client.post(url, {"relation": "sibling", "relative": "Siti Aminah"})
    assert bad.status_code == 400
    assert FamilyLink.objects.count() == 1
    # Linking twice is refused with a clear error and stores nothing new.
    again = client.post(url, {"relation": "parent", "relative": "Yakobus Ndun"})
    assert again.status_code == 400 and FamilyLink.objects.count() == 1
