"""Load the seed's reference data: agencies, sites (directory) and sourced figures (stats)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from lindung.directory.seed import RegionsMissingError
from lindung.directory.seed import reference_load
from lindung.ltsa import public_cache
from lindung.regions.models import Region
from lindung.stats.seed import SEED_FIGURES
from lindung.stats.seed import figures_load


class Command(BaseCommand):
    help = "Load the seed's agencies, sites and sourced figures (idempotent; needs regions)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Region.objects.exists():
            raise CommandError(_("Pohon wilayah belum dimuat. Jalankan `manage.py "
                                 "load_regions` terlebih dahulu."))
        try:
            counts = reference_load()
            figures_created = figures_load()
        except RegionsMissingError as exc:
            raise CommandError(str(exc)) from exc
        # The landing page shows these sites and figures from the public pages' cache.
        public_cache.bump()
        self.stdout.write(_(
            "instansi: %(agencies)d (%(agencies_created)d baru, %(agencies_updated)d diubah); "
            "lokasi: %(sites)d (%(sites_created)d baru, %(sites_updated)d diubah)"
        ) % counts)
        by_kind = ", ".join(f"{key.removeprefix('sites_')} {value}"
                            for key, value in sorted(counts.items())
                            if key.startswith("sites_") and key.removeprefix("sites_")
                            not in ("created", "updated", "unchanged"))
        self.stdout.write(_("lokasi per jenis: %(kinds)s") % {"kinds": by_kind})
        self.stdout.write(_("angka bersumber: %(total)d (%(created)d baru)")
                          % {"total": len(SEED_FIGURES), "created": figures_created})
