"""Guards of the append-only audit log beyond the ORM.

SQLite: a trigger refuses DELETE on `core_auditevent` unless the connection answers
`lindung_audit_delete_allowed()` with 1. Lindung registers that function on its own
connections and answers 0, except while the test database is emptied between tests
(`allow_test_flush`); any other program opening the file (the sqlite3 shell, a script) has
no such function and its DELETE fails. UPDATE is refused outright (migration 0002).

PostgreSQL: the application runs as a role that may only SELECT and INSERT on the log
(`app_role_statements`, the `db_app_role` command), while migrations run as the owner; the
owner's trigger refuses UPDATE and DELETE, and only the owner could drop it.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.signals import connection_created

_DELETE_ALLOWED = False

AUDIT_TABLE = "core_auditevent"


def allow_test_flush(allowed: bool) -> None:
    """Let the test runner empty the log between tests (SQLite); never used in the app."""
    global _DELETE_ALLOWED
    _DELETE_ALLOWED = allowed


def _delete_allowed() -> int:
    return 1 if _DELETE_ALLOWED else 0


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("lindung_audit_delete_allowed", 0,
                                              _delete_allowed)


def install() -> None:
    connection_created.connect(register_sqlite_function,
                               dispatch_uid="lindung-audit-sqlite-guard")


def app_role_statements(role: str, *, schema: str = "public") -> list[str]:
    """GRANTs that make `role` an application role: read and write every table of the
    schema, except the audit log, which it may only read and append to. Run by the owner
    (the migrating role) after each `migrate`."""
    if not role.replace("_", "").isalnum():
        raise ValueError("role names are letters, digits and underscores")
    return [
        f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"',
        f'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "{schema}"."{AUDIT_TABLE}" '
        f'FROM "{role}"',
        f'GRANT SELECT, INSERT ON "{schema}"."{AUDIT_TABLE}" TO "{role}"',
    ]
