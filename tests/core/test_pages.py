"""The shared steps of staff pages and API calls (core/pages.py) and of service writes
(core/audit.save_recorded): who may, what is written, what is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.test.signals import template_rendered

from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.core.pages import caller_and_record
from lindung.core.pages import list_page
from lindung.directory.choices import AgencyKind
from lindung.directory.models import Agency
from lindung.people.models import Person
from tests.conftest import World


def _request(user: Any) -> Any:
    request = RequestFactory().get("/people/")
    request.user = user
    return request


def test_a_call_on_a_record_gets_the_caller_and_the_record_in_their_area(world: World) -> None:
    coordinator = world.users["coord_ntt"]
    user, person = caller_and_record(_request(coordinator), Person.objects.all(),
                                     pk=world.ntt_person.pk)
    assert user == coordinator and person == world.ntt_person


def test_a_record_outside_the_callers_area_is_not_found(world: World) -> None:
    with pytest.raises(Http404):
        caller_and_record(_request(world.users["coord_jabar"]), Person.objects.all(),
                          pk=world.ntt_person.pk)


def test_a_role_without_the_capability_is_refused_and_so_is_nobody(world: World) -> None:
    with pytest.raises(PermissionDenied):
        caller_and_record(_request(world.users["analyst"]), Person.objects.all(),
                          pk=world.ntt_person.pk)
    with pytest.raises(PermissionDenied):
        caller_and_record(_request(AnonymousUser()), Person.objects.all(),
                          pk=world.ntt_person.pk)


def _list_context(user: Any) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    def keep(sender: Any, template: Any, context: Any, **kwargs: Any) -> None:
        seen.update(context.flatten())

    template_rendered.connect(keep)
    try:
        response = list_page(_request(user), user, "pager.html", Person.objects.order_by("id"),
                             Person, per_page=1, context={"extra": "kept"})
    finally:
        template_rendered.disconnect(keep)
    assert response.status_code == 200
    return seen


def test_a_list_page_pages_its_rows_and_offers_new_only_to_who_may_create(world: World) -> None:
    coordinator = _list_context(world.users["coord_ntt"])
    assert coordinator["can_create"] is True and coordinator["extra"] == "kept"
    assert coordinator["page"].paginator.count == Person.objects.count()
    assert len(coordinator["page"].object_list) == 1
    assert _list_context(world.users["analyst"])["can_create"] is False


def test_a_saved_record_is_audited_in_its_region(world: World) -> None:
    agency = Agency(code="bp3mi-ntt", name="BP3MI NTT", kind=AgencyKind.MANPOWER)
    audit.save_recorded(agency, actor=world.users["admin"], action=AuditAction.CREATE,
                        region_code="53", detail={"code": "bp3mi-ntt"})
    event = AuditEvent.objects.get(entity="directory.agency", object_id=str(agency.pk))
    assert Agency.objects.filter(code="bp3mi-ntt").exists()
    assert event.action == AuditAction.CREATE and event.region_code == "53"
    assert event.detail == {"code": "bp3mi-ntt"}


def test_a_part_is_audited_as_a_change_of_its_record(world: World) -> None:
    part = Agency(code="part-of-person", name="Part", kind=AgencyKind.MANPOWER)
    audit.save_recorded(part, of=world.ntt_person, actor=world.users["coord_ntt"],
                        action=AuditAction.UPDATE, detail={"fields": ["agencies"]})
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, entity="people.person")
    assert event.object_id == str(world.ntt_person.pk)
    assert event.region_code == world.ntt_person.region_code


def test_an_invalid_record_is_refused_and_neither_saved_nor_audited(world: World) -> None:
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        audit.save_recorded(Agency(code="", name="", kind=AgencyKind.MANPOWER),
                            actor=world.users["admin"], action=AuditAction.CREATE)
    assert {"code", "name"} <= set(refused.value.message_dict)
    assert not Agency.objects.filter(name="").exists()
    assert AuditEvent.objects.count() == before
