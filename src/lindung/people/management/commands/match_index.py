"""`lindung match_index`: (re)build the stored blocking keys and recount their frequencies."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from lindung.people.management.commands._progress import ProgressBar
from lindung.people.matching import key_frequencies_refresh
from lindung.people.matching import person_keys_backfill
from lindung.people.matching import person_keys_bulk_refresh
from lindung.people.matching import watchlist_keys_sync
from lindung.people.models import Person


class Command(BaseCommand):
    help = ("Index people without blocking keys (or all with --rebuild) and the watchlist, "
            "then recount key frequencies.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true",
                            help="rewrite every person's keys (after a change of the key rules)")

    def handle(self, *args: Any, **options: Any) -> None:
        bar = ProgressBar(self.stderr)
        if options["rebuild"]:
            ids = list(Person.objects.values_list("pk", flat=True))
            for start in range(0, len(ids), 10_000):
                person_keys_bulk_refresh(ids[start:start + 10_000])
                bar("keys", min(start + 10_000, len(ids)), len(ids))
            indexed = len(ids)
        else:
            indexed = person_keys_backfill(lambda done, total: bar("keys", done, total))
        bar.close()
        entries = watchlist_keys_sync()
        keys = key_frequencies_refresh()
        self.stdout.write(f"{indexed:,} people indexed, {entries:,} watchlist entries indexed, "
                          f"{keys:,} distinct keys counted")
