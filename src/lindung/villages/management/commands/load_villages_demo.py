"""`lindung load_villages_demo`: synthetic Desmigratif villages in NTT (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lindung.villages.demo import villages_demo_load


class Command(BaseCommand):
    help = ("Buat desa Desmigratif contoh (sintetis) di NTT dengan sensus, usaha, anak, "
            "koperasi, pinjaman dan remitansi / Create synthetic Desmigratif demo villages.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--villages", type=int, default=6)
        parser.add_argument("--households", type=int, default=40,
                            help="households per village (about 4 people each)")
        parser.add_argument("--seed", type=int, default=2019)

    def handle(self, *args: Any, **options: Any) -> None:
        result = villages_demo_load(count=options["villages"],
                                    households=options["households"], seed=options["seed"])
        self.stdout.write(f"Desa contoh dibuat / demo villages created: {result.villages} "
                          f"({result.people} orang, {result.loans} pinjaman, "
                          f"{result.remittances} remitansi; semua sintetis)")
        if result.skipped:
            self.stdout.write(f"Sudah ada, dilewati / already present: "
                              f"{', '.join(result.skipped)}")
