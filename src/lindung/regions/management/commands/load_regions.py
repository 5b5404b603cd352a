from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from lindung.regions.services import regions_load


class Command(BaseCommand):
    help = "Load the shipped Kemendagri region tree (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = regions_load()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"regions: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged in {elapsed:.1f}s")
