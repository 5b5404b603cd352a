from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lindung.ltsa.demo import ltsa_demo_load


class Command(BaseCommand):
    help = ("Load the LTSA reference data (occupations, Perban 9/2020 zero-cost rules) and "
            "synthetic demo data: P3MI, job orders, illustrative fee schedules, desk officers "
            "and a few applications. Idempotent.")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = ltsa_demo_load()
        for key, value in counts.items():
            self.stdout.write(f"{key}: {value}")
        self.stdout.write(self.style.SUCCESS("LTSA demo data ready (all marked synthetic)."))
