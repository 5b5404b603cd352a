"""An officer's "not the same person" is honoured by every de-duplication check (issue 17):
answered on a search before create (form, API, LTSA registration) or on a pair of the
review queue, the pair never returns to the queue, and the rejected person does not compete
with the others for who the person is."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from django.urls import reverse

from lindung.core.models import AuditEvent
from lindung.people.dedupe import dedupe_person
from lindung.people.dedupe import dedupe_run
from lindung.people.models import DuplicateDecision
from lindung.people.models import DuplicatePair
from lindung.people.models import Person
from lindung.people.services import person_create
from lindung.people.services import person_update
from lindung.regions.models import Region
from tests.conftest import NTT_VILLAGE
from tests.conftest import World

BORN = date(1990, 4, 12)


def _pair(first: Person, second: Person) -> DuplicatePair | None:
    a, b = sorted((first.pk, second.pk), key=lambda pk: pk.hex)
    return DuplicatePair.objects.filter(person_a_id=a, person_b_id=b).first()


def _open_queue(world: World) -> set[frozenset[UUID]]:
    page = world.client_for("admin").get(reverse("people:dedupe_queue"))
    assert page.status_code == 200
    return {frozenset((card["pair"].person_a_id, card["pair"].person_b_id))
            for card in page.context["cards"]}


def test_it_keeps_a_not_same_answered_on_the_person_form(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    with django_capture_on_commit_callbacks(execute=True):
        known = person_create(actor=None, name="Yohanes Manafe", birth_date=BORN,
                              birth_place="Kupang", village=ntt)
    client = world.client_for("village_officer")
    fields = {"name": "Johanes Manafe", "sex": "M", "birth_date": "1990-04-12",
              "birth_place": "Kupang", "village": NTT_VILLAGE, "migration_status": "none"}
    shown = client.post(reverse("people:create"), fields)
    assert shown.status_code == 200
    assert f'name="not_same" value="{known.pk}"' in shown.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(reverse("people:create"),
                              {**fields, "confirm_new": "1", "not_same": [str(known.pk)]})
    assert created.status_code == 302
    newcomer = Person.objects.get(name="Johanes Manafe")
    pair = _pair(known, newcomer)
    # The incremental check ran after the commit and kept the officer's answer.
    assert pair is not None and pair.status == "not_same" and pair.score >= 0.9
    assert pair.decided_by == world.users["village_officer"]
    decision = DuplicateDecision.objects.get(pair=pair)
    assert (decision.previous, decision.status) == ("open", "not_same")
    assert AuditEvent.objects.filter(entity="people.duplicatepair", object_id=str(pair.pk),
                                     detail__context="search-before-create").exists()
    assert frozenset((known.pk, newcomer.pk)) not in _open_queue(world)
    # A later change, and a batch run, keep it out of the queue too.
    with django_capture_on_commit_callbacks(execute=True):
        person_update(actor=world.users["admin"], person=newcomer, birth_place="Kab. Kupang")
    dedupe_run()
    assert DuplicatePair.objects.get(pk=pair.pk).status == "not_same"
    assert frozenset((known.pk, newcomer.pk)) not in _open_queue(world)


def test_it_keeps_a_not_same_sent_over_the_api_for_people_the_client_may_see(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = world.client_for("coord_ntt")
    payload = {"name": "Maria Goretti Ndun", "birth_place": "Kupang",
               "village_code": NTT_VILLAGE}
    likely = client.post("/api/v1/people/", payload, content_type="application/json")
    assert likely.status_code == 409
    shown = [candidate["id"] for candidate in likely.json()["candidates"]]
    assert shown == [str(world.ntt_person.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/people/", {
            **payload, "confirm_new": True,
            # The Jawa Barat person is outside the coordinator's scope: ignored.
            "not_same": [*shown, str(world.jabar_person.pk)]},
            content_type="application/json")
    assert created.status_code == 201, created.content
    newcomer = Person.objects.get(pk=created.json()["id"])
    assert _pair(world.ntt_person, newcomer).status == "not_same"  # type: ignore[union-attr]
    assert _pair(world.jabar_person, newcomer) is None
    assert dedupe_person(newcomer.pk).new_pairs == 0
    assert _pair(world.ntt_person, newcomer).status == "not_same"  # type: ignore[union-attr]


def test_it_keeps_a_pair_rejected_in_the_review_queue_out_of_it(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    with django_capture_on_commit_callbacks(execute=True):
        first = person_create(actor=None, name="Kornelis Boimau", birth_date=BORN,
                              birth_place="Soe", village=ntt)
        second = person_create(actor=None, name="Kornelis Boimau", birth_date=BORN,
                               birth_place="Soe", village=ntt)
    pair = _pair(first, second)
    assert pair is not None and pair.status == "open" and pair.decision == "match"
    assert frozenset((first.pk, second.pk)) in _open_queue(world)
    answer = world.client_for("admin").post(
        reverse("people:dedupe_decide", args=[pair.pk]), {"status": "not_same"})
    assert answer.status_code == 302
    # The incremental check of either person (after a change) and the batch run keep it.
    with django_capture_on_commit_callbacks(execute=True):
        person_update(actor=world.users["admin"], person=second, name="Kornelis Boimauw")
    assert dedupe_person(first.pk).pairs == 1
    dedupe_run()
    assert DuplicatePair.objects.get(pk=pair.pk).status == "not_same"
    assert frozenset((first.pk, second.pk)) not in _open_queue(world)


def test_a_rejected_person_does_not_compete_for_who_a_newcomer_is(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    ntt = Region.objects.get(code=NTT_VILLAGE)
    # Two registry people alike in name, birth date and place, told apart by their NIKs.
    one = person_create(actor=None, name="Yosef Nope", birth_date=BORN, birth_place="Kupang",
                        village=ntt, nik="5371011204900001")
    two = person_create(actor=None, name="Yosef Nope", birth_date=BORN, birth_place="Kupang",
                        village=ntt, nik="5371021204900002")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = person_create(actor=world.users["coord_ntt"], name="Yosef Nope",
                                 birth_date=BORN, birth_place="Kupang", village=ntt,
                                 not_same=[str(two.pk)])
    # Without the answer both would be "possible" (each fits alike); with it, the one left
    # is a clear match.
    assert _pair(newcomer, two).status == "not_same"  # type: ignore[union-attr]
    assert _pair(newcomer, one).decision == "match"  # type: ignore[union-attr]
    dedupe_run()
    assert _pair(newcomer, one).decision == "match"  # type: ignore[union-attr]
    assert _pair(newcomer, two).status == "not_same"  # type: ignore[union-attr]
