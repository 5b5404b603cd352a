"""Attack: erase or rewrite one's trail in the audit log from the application's connection.

On SQLite the log refuses UPDATE and DELETE from any statement, raw SQL included (only the
test runner's flush between tests is let through). On PostgreSQL the application runs as a
role made by `lindung db_app_role`: it reads and appends, and can neither change, delete,
truncate the log nor drop or disable the trigger that guards it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.db import connection
from django.db import transaction

from lindung.core import audit
from lindung.core.audit_guard import allow_test_flush
from lindung.core.audit_guard import app_role_statements
from lindung.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(db: None) -> AuditEvent:
    return audit.record(actor=None, action="view", entity="people.person", object_id="x")


@pytest.fixture
def strict() -> Iterator[None]:
    allow_test_flush(False)
    try:
        yield
    finally:
        allow_test_flush(True)


@pytest.mark.parametrize("sql", [
    "DELETE FROM core_auditevent",
    "UPDATE core_auditevent SET actor_label = 'someone else'",
])
def test_raw_sql_cannot_change_the_log(trail: AuditEvent, strict: None, sql: str) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.filter(pk=trail.pk, actor_label="public").exists()


def test_the_orm_refuses_too(trail: AuditEvent) -> None:
    with pytest.raises(Exception, match=r"append-only|append only"):
        AuditEvent.objects.filter(pk=trail.pk).delete()
    assert AuditEvent.objects.filter(pk=trail.pk).exists()


def _dsn(**overrides: str) -> str:
    settings = connection.settings_dict
    parts = {"host": settings.get("HOST") or "127.0.0.1", "port": str(settings.get("PORT") or 5432),
             "dbname": settings["NAME"], "user": settings.get("USER") or "postgres"}
    parts.update(overrides)
    return " ".join(f"{key}={value}" for key, value in parts.items())


def test_the_application_role_cannot_touch_the_log_on_postgresql(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("roles are a PostgreSQL matter; SQLite is covered above")
    role = f"lindung_app_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn(), autocommit=True) as owner:
        owner.execute(f'CREATE ROLE "{role}" LOGIN')
        try:
            for sql in app_role_statements(role):
                owner.execute(sql)
            with psycopg.connect(_dsn(user=role), autocommit=True) as app:
                app.execute("SELECT count(*) FROM core_auditevent").fetchone()
                app.execute("INSERT INTO core_auditevent SELECT * FROM core_auditevent "
                            "WHERE false")
                app.execute("UPDATE people_person SET name = name WHERE false")
                for attack in (
                    "UPDATE core_auditevent SET actor_label = 'x' WHERE false",
                    "DELETE FROM core_auditevent WHERE false",
                    "TRUNCATE core_auditevent",
                    "DROP TRIGGER core_auditevent_no_update ON core_auditevent",
                    "ALTER TABLE core_auditevent DISABLE TRIGGER ALL",
                    "DROP TABLE core_auditevent",
                ):
                    with pytest.raises(psycopg.errors.InsufficientPrivilege):
                        app.execute(attack)
        finally:
            owner.execute(f'DROP OWNED BY "{role}"')
            owner.execute(f'DROP ROLE "{role}"')


def test_what_lindung_does_by_itself_is_not_called_public(db: None) -> None:
    event = audit.record(actor=audit.SYSTEM, action="create", entity="coordination.flag")
    assert event.actor_label == "system" and event.actor_id is None
    assert event.at.minute or event.at.second or event.at.microsecond  # exact, not the hour
    anonymous = audit.record(actor=None, action="create", entity="reports.publicreport")
    assert anonymous.actor_label == "public" and anonymous.at.minute == 0


def test_the_command_prints_the_grants(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("db_app_role", "lindung_app", "--print")
    out = capsys.readouterr().out
    assert 'GRANT SELECT, INSERT ON "public"."core_auditevent" TO "lindung_app";' in out
    assert "REVOKE UPDATE, DELETE, TRUNCATE" in out
    with pytest.raises(Exception, match="letters"):
        call_command("db_app_role", 'x"; DROP TABLE y; --', "--print")
