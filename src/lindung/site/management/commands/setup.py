from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate the database and load the reference data (regions, seed). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("load_regions", stdout=self.stdout)
        call_command("load_reference", stdout=self.stdout)
        call_command("load_ltsa_reference", stdout=self.stdout)
