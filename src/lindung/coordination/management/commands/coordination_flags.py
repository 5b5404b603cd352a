"""Flag overdue and off-track plan actions and meeting follow-ups now (the daily Huey task
does the same): `manage.py coordination_flags [--date YYYY-MM-DD]`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from lindung.coordination.services.flags import flags_refresh


class Command(BaseCommand):
    help = "Raise and resolve flags on overdue and off-track actions and follow-ups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=date.fromisoformat, default=None,
                            help="the day to judge against (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        run = flags_refresh(today=options["date"])
        self.stdout.write(f"raised {run.raised}, resolved {run.resolved}, "
                          f"messages queued {run.messages}")
