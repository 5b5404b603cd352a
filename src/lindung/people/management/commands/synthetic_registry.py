"""`lindung synthetic_registry --people N`: a synthetic registry of any size (demos, benchmarks)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from lindung.people.synthetic_registry import RealDataPresent
from lindung.people.synthetic_registry import synthetic_registry_load


class Command(BaseCommand):
    help = ("Replace the registry with N synthetic people (spelling variants, known duplicates, "
            "homonyms, people with one name). Refuses if the registry holds real people.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--duplicates", type=float, default=0.10,
                            help="share of records that are another record of an earlier person")
        parser.add_argument("--homonyms", type=float, default=0.02,
                            help="share of records that are another person of the same name")
        parser.add_argument("--processes", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["people"] < 1:
            raise CommandError("--people harus lebih dari 0 / --people must be at least 1")
        if not 0 <= options["duplicates"] < 1 or not 0 <= options["homonyms"] < 1:
            raise CommandError("--duplicates dan --homonyms antara 0 dan 1 / "
                               "--duplicates and --homonyms must be between 0 and 1")
        try:
            result = synthetic_registry_load(
                options["people"], seed=options["seed"], duplicate_rate=options["duplicates"],
                homonym_rate=options["homonyms"], processes=options["processes"],
                log=self.stderr.write)
        except RealDataPresent as error:
            raise CommandError(
                _("Registri berisi orang yang bukan sintetis; data sintetis tidak dimuat.")
            ) from error
        self.stdout.write(f"{result.people:,} synthetic people loaded in {result.seconds:.1f} s "
                          f"({result.nik_share:.0%} with a NIK)")
