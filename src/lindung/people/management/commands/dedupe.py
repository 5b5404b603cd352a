"""`lindung dedupe`: de-duplicate the whole registry into the review queue, with progress."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

from lindung.matching.retrieval import DEDUPE_BUDGET
from lindung.people.dedupe import dedupe_run
from lindung.people.dedupe import default_processes
from lindung.people.management.commands._progress import ProgressBar


class Command(BaseCommand):
    help = ("Find likely duplicate people in the whole registry and put them in the review "
            "queue (decisions already made are kept).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--processes", type=int, default=0,
                            help=f"worker processes (default {default_processes()})")
        parser.add_argument("--budget", type=int, default=DEDUPE_BUDGET,
                            help="records compared per record at most")
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        bar = None if options["quiet"] else ProgressBar(self.stderr)
        summary = dedupe_run(processes=options["processes"] or None, budget=options["budget"],
                             report=bar)
        if bar is not None:
            bar.close()
        self.stdout.write(
            f"{summary.people:,} people, {summary.pairs:,} pairs to review "
            f"({summary.new_pairs:,} new, {summary.removed_pairs:,} no longer found), "
            f"{summary.seconds:.1f} s with {summary.processes} process(es)")
