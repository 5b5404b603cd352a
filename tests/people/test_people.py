from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import translation

from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.people.models import DuplicatePair
from lindung.people.models import Person
from lindung.people.selectors import person_search
from lindung.people.services import person_create
from lindung.people.services import person_update
from lindung.regions.models import Region
from tests.conftest import JABAR_VILLAGE
from tests.conftest import NTT_VILLAGE
from tests.conftest import World


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
    assert "sudah terdaftar" in str(err.value)
    assert Person.objects.count() == 2
    with translation.override("en"), pytest.raises(ValidationError) as err:
        person_create(actor=world.users["coord_ntt"], name="Maria Ndun",
                      nik="5301 0545 0699 0003")
    assert "already registered" in str(err.value)


def test_a_nik_held_outside_the_scope_is_not_an_oracle(world: World) -> None:
    """Issue 18 item 14: the NIK of someone in Jawa Barat, typed by an NTT coordinator,
    is refused without naming or placing its holder, the try is audited as a read of that
    person, and after ten such answers in a day the officer gets no more."""
    officer = world.users["coord_ntt"]
    village = Region.objects.get(code=NTT_VILLAGE)
    with pytest.raises(ValidationError) as err:
        person_create(actor=officer, name="Siapa Saja", nik="3204 1146 0997 0004",
                          village=village)
    message = str(err.value)
    assert "tidak dapat didaftarkan dari wilayah kerja Anda" in message
    assert world.jabar_person.name not in message and "32.04" not in message
    assert AuditEvent.objects.filter(actor=officer, object_id=str(world.jabar_person.pk),
                                     detail__context="nik_conflict").exists()
    for _ in range(9):
        with pytest.raises(ValidationError):
            person_create(actor=officer, name="Siapa Saja", nik="3204 1146 0997 0004",
                          village=village)
    with pytest.raises(ValidationError) as err:
        person_create(actor=officer, name="Siapa Saja", nik="3204 1146 0997 0004",
                          village=village)
    assert "Terlalu banyak" in str(err.value)
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
    # Outside the coordinator's province: not even counted; registering queues the likely
    # duplicate for review by someone who may see both (issue 18 item 14).
    elsewhere = client.post("/api/v1/people/", {"name": "Siti Aminah",
                                                "birth_date": "1997-09-06",
                                                "village_code": NTT_VILLAGE},
                            content_type="application/json")
    assert elsewhere.status_code == 201, elsewhere.content
    assert "hidden_candidates" not in elsewhere.json()
    queued = DuplicatePair.objects.get()
    assert {queued.person_a_id, queued.person_b_id} == {world.jabar_person.pk,
                                                       UUID(elsewhere.json()["id"])}
    assert queued.region_code == ""  # seen only by national staff, who see both
    before += 1
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


def test_relatives_outside_the_scope_are_not_named(world: World) -> None:
    """Issue 18 item 14: a link made nationally to someone in Jawa Barat shows the village
    officer in NTT the relation, not the relative's name or page."""
    from lindung.people.models import FamilyLink

    FamilyLink.objects.create(person=world.ntt_person, relative=world.jabar_person,
                              relation="sibling")
    url = reverse("people:detail", args=[world.ntt_person.pk])
    officer = world.client_for("village_officer").get(url).content.decode()
    assert world.jabar_person.name not in officer
    assert str(world.jabar_person.pk) not in officer
    assert "di luar wilayah kerja Anda" in officer
    national = world.client_for("admin").get(url).content.decode()
    assert world.jabar_person.name in national


@pytest.mark.parametrize(("nik", "code"), [
    ("5399014506990003", "53.99"),      # no such regency in NTT
    ("5371994506990003", "53.71.99"),   # Kota Kupang has no district 99
])
def test_a_nik_with_an_unknown_region_code_is_kept_with_a_warning(world: World, nik: str,
                                                                   code: str) -> None:
    """Issue 18 item 15: the number is accepted (the person may hold exactly that card),
    and every page and API answer about the person says which code is unknown."""
    person = person_create(actor=world.users["coord_ntt"], name="Kode Aneh", nik=nik,
                           village=Region.objects.get(code=NTT_VILLAGE))
    page = world.client_for("coord_ntt").get(reverse("people:detail", args=[person.pk]))
    assert f"{code} dalam NIK tidak ada dalam daftar wilayah" in page.content.decode()
    english = world.client_for("coord_ntt")
    english.cookies["django_language"] = "en"  # the language the officer chose
    body = english.get(f"/api/v1/people/{person.pk}").json()
    assert code in body["nik_warning"] and "not in the Kemendagri" in body["nik_warning"]
    known = world.client_for("coord_ntt").get(f"/api/v1/people/{world.ntt_person.pk}").json()
    assert known["nik_warning"] == ""
