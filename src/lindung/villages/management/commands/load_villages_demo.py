"""`lindung load_villages_demo`: synthetic Desmigratif villages in NTT (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser
from django.utils.translation import gettext

from lindung.villages.demo import villages_demo_load


class Command(BaseCommand):
    # The operator's help (manage.py help), in English like every command's (see
    # import_census); what it reports goes through the catalogue.
    help = ("Create sample (synthetic) Desmigratif villages in NTT with a census, businesses, "
            "children, a cooperative, loans and remittances.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--villages", type=int, default=6, help="how many villages")
        parser.add_argument("--households", type=int, default=40,
                            help="households per village (about 4 people each)")
        parser.add_argument("--seed", type=int, default=2019,
                            help="random seed (the same seed makes the same villages)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = villages_demo_load(count=options["villages"],
                                    households=options["households"], seed=options["seed"])
        self.stdout.write(gettext("Desa contoh dibuat: %(villages)s (%(people)s orang, "
                                  "%(loans)s pinjaman, %(remittances)s remitansi; semua "
                                  "sintetis)")
                          % {"villages": result.villages, "people": result.people,
                             "loans": result.loans, "remittances": result.remittances})
        if result.skipped:
            self.stdout.write(gettext("Sudah ada, dilewati: %(villages)s")
                              % {"villages": ", ".join(result.skipped)})
