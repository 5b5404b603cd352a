from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lindung.ltsa.reference import reference_load


class Command(BaseCommand):
    help = ("Load the LTSA reference data: occupations and the zero-cost occupations of "
            "Perban BP2MI 9/2020, with their citation. Idempotent.")

    def handle(self, *args: Any, **options: Any) -> None:
        for key, value in reference_load().items():
            self.stdout.write(f"{key} created: {value}")
