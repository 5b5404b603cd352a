from __future__ import annotations

import pytest
from django.db import DatabaseError
from django.db import connection
from django.db import transaction
from django.urls import reverse

from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.directory.models import Agency
from tests.conftest import World


def test_it_records_each_view_of_a_person(world: World) -> None:
    client = world.client_for("coord_ntt")
    client.get(reverse("people:detail", args=[world.ntt_person.pk]))
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).get()
    assert event.actor == world.users["coord_ntt"]
    assert event.actor_role == "coordinator"
    assert event.entity == "people.person"
    assert event.object_id == str(world.ntt_person.pk)
    assert event.region_code == world.ntt_person.region_code


def test_it_keeps_personal_data_out_of_the_log(world: World) -> None:
    for event in AuditEvent.objects.all():
        text = str(event.detail) + event.object_id
        assert "5301054506990003" not in text
        assert "Maria" not in text


def test_it_refuses_to_change_or_delete_audit_rows_in_the_orm(world: World) -> None:
    event = AuditEvent.objects.first()
    assert event is not None
    event.action = AuditAction.DELETE
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_it_refuses_updates_in_the_database_itself(world: World) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'view'")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="DELETE trigger on PostgreSQL")
def test_it_refuses_deletes_in_postgresql(world: World) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")


def test_it_applies_a_services_changes_and_keeps_what_they_were() -> None:
    agency = Agency(code="x", name=" Lama ", short_name="L")
    before = audit.apply_changes(agency, {"name": " Baru ", "short_name": "B"},
                                 ("name", "short_name"), clean=lambda _k, v: v.strip())
    assert before == {"name": " Lama ", "short_name": "L"}
    assert (agency.name, agency.short_name) == ("Baru", "B")
    assert audit.changed_fields(before, {"name": "Baru", "short_name": "L"}) == ["name"]


def test_it_refuses_a_field_the_service_does_not_change_before_setting_any() -> None:
    agency = Agency(code="x", name="Lama")
    with pytest.raises(ValueError, match="Unknown Agency fields \\['code'\\]"):
        audit.apply_changes(agency, {"name": "Baru", "code": "y"}, ("name",))
    assert agency.name == "Lama"
