"""Search before create on the census forms: a household head or member like a registered
person is shown with the reasons before anything is saved; the officer picks that person or
confirms someone new; a person outside the officer's scope is counted, never shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lindung.people.models import DuplicatePair
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.regions.models import Region
from lindung.villages.models import CensusHousehold
from tests.conftest import JABAR_VILLAGE
from tests.conftest import NTT_VILLAGE
from tests.fixtures.villages import Villages


def _head(**fields: str) -> dict[str, str]:
    return {"household-census_date": timezone.localdate().isoformat(),
            "head-name": "Markus Ndun", "head-relation": "head", "head-sex": "M",
            "head-birth_date": "1979-06-02", **fields}


def _registered(name: str = "Markus Ndun", village: str = NTT_VILLAGE) -> Person:
    return person_create(actor=None, name=name, sex="M", birth_date=date(1979, 6, 2),
                         village=Region.objects.get(code=village))


def test_a_head_like_a_registered_person_is_shown_then_chosen(villages: Villages) -> None:
    registered = _registered("Markus Ndoen")
    client = villages.client_for("village_officer")
    url = reverse("villages:household_create", args=[villages.ntt.pk])
    people = Person.objects.count()
    shown = client.post(url, _head())
    page = shown.content.decode()
    assert shown.status_code == 200
    assert "Orang ini mungkin sudah terdaftar" in page
    assert f'name="head-existing" value="{registered.pk}"' in page
    assert 'form="household-form"' in page and 'name="confirm_new"' in page
    assert "<li>" in page  # the reasons, field by field
    assert not CensusHousehold.objects.exists() and Person.objects.count() == people
    # The officer picks the registered person: no new person, they head the household.
    chosen = client.post(url, _head(**{"head-existing": str(registered.pk)}))
    assert chosen.status_code == 302
    registered.refresh_from_db()
    household = CensusHousehold.objects.get()
    assert registered.household_id == household.household_id
    assert registered.household_relation == "head"
    assert registered.name == "Markus Ndoen"  # the registry record is not overwritten
    assert Person.objects.count() == people


def test_a_member_confirmed_as_someone_new_is_created(villages: Villages) -> None:
    client = villages.client_for("village_officer")
    created = client.post(reverse("villages:household_create", args=[villages.ntt.pk]),
                          _head())
    assert created.status_code == 302  # nobody alike yet: saved at once
    household = CensusHousehold.objects.get()
    url = reverse("villages:member_add", args=[household.pk])
    member = {"member-name": "Markus Ndun", "member-relation": "child", "member-sex": "M",
              "member-birth_date": "1979-06-02"}
    shown = client.post(url, member)
    assert shown.status_code == 200 and 'name="member-existing"' in shown.content.decode()
    assert Person.objects.filter(name="Markus Ndun").count() == 1
    confirmed = client.post(url, {**member, "confirm_new": "1"})
    assert confirmed.status_code == 302
    assert Person.objects.filter(name="Markus Ndun").count() == 2


def test_people_outside_the_scope_are_neither_shown_nor_counted(villages: Villages) -> None:
    """Issue 18 item 14: a likely match outside the officer's village is not announced,
    not even as a number; saving queues the pair for someone who may see both."""
    elsewhere = _registered(village=JABAR_VILLAGE)
    client = villages.client_for("village_officer")
    url = reverse("villages:household_create", args=[villages.ntt.pk])
    # Choosing that person by id is refused, and nothing is saved.
    forged: Any = client.post(url, _head(**{"head-existing": str(elsewhere.pk)}))
    assert forged.status_code == 400
    assert "tidak ditemukan di registri" in forged.content.decode()
    assert "di luar wilayah kerja Anda" not in forged.content.decode()
    assert not CensusHousehold.objects.exists()
    saved = client.post(url, _head())
    assert saved.status_code == 302  # nobody alike that the officer may see
    household = CensusHousehold.objects.get()
    pair = DuplicatePair.objects.get()
    assert elsewhere.pk in (pair.person_a_id, pair.person_b_id)
    assert household.household.members.filter(
        pk__in=[pair.person_a_id, pair.person_b_id]).exists()


def test_it_keeps_the_not_same_answer_on_the_household_and_member_forms(
        villages: Villages, django_capture_on_commit_callbacks: Any) -> None:
    """Issue 17: "someone new" on a census form records the likely matches shown as decided
    "not the same person", as the person form and the API do; the review queue keeps them
    out."""
    registered = _registered("Markus Ndoen")
    client = villages.client_for("village_officer")
    url = reverse("villages:household_create", args=[villages.ntt.pk])
    shown = client.post(url, _head())
    assert f'name="not_same" value="{registered.pk}"' in shown.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(url, _head(confirm_new="1", not_same=str(registered.pk)))
    assert created.status_code == 302
    head = CensusHousehold.objects.get().household.members.get()
    assert head.pk != registered.pk
    pair = DuplicatePair.objects.get()
    assert {pair.person_a_id, pair.person_b_id} == {head.pk, registered.pk}
    assert pair.status == "not_same" and pair.decided_by == villages.world.users["village_officer"]
    # A member confirmed as someone new likewise.
    household = CensusHousehold.objects.get()
    member_url = reverse("villages:member_add", args=[household.pk])
    member = {"member-name": "Markus Ndun", "member-relation": "child", "member-sex": "M",
              "member-birth_date": "1979-06-02"}
    shown = client.post(member_url, member)
    assert 'name="not_same"' in shown.content.decode()
    others = [str(registered.pk), str(head.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(member_url, {**member, "confirm_new": "1", "not_same": others})
    assert confirmed.status_code == 302
    newcomer = household.household.members.get(household_relation="child")
    decided = DuplicatePair.objects.filter(status="not_same").filter(
        Q(person_a_id=newcomer.pk) | Q(person_b_id=newcomer.pk))
    assert {pair.person_a_id if pair.person_b_id == newcomer.pk else pair.person_b_id
            for pair in decided} == {registered.pk, head.pk}
