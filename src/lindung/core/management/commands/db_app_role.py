"""`lindung db_app_role ROLE`: make ROLE the application's database role on PostgreSQL (read
and write every table, only read and append to the audit log). Run as the owner after each
`migrate`; `--print` shows the statements instead (docs/deployment.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.db import connection

from lindung.core.audit_guard import app_role_statements


class Command(BaseCommand):
    help = "Grant an application role its privileges (PostgreSQL): the audit log insert-only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role")
        parser.add_argument("--print", action="store_true", dest="print_only",
                            help="print the statements instead of running them")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            statements = app_role_statements(options["role"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["print_only"]:
            for sql in statements:
                self.stdout.write(sql + ";")
            return
        if connection.vendor != "postgresql":
            raise CommandError("Roles are a PostgreSQL matter; on SQLite the log is guarded "
                               "by triggers (lindung.core.audit_guard).")
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        self.stdout.write(f"{options['role']}: {len(statements)} statements applied")
