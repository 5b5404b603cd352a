from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from lindung.ops.backup import BackupError
from lindung.ops.backup import backup_create


class Command(BaseCommand):
    help = ("Back up the database (a consistent snapshot) and the media files, encrypted; "
            "the key material is not in the backup (docs/deployment.md).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dest", required=True, type=Path,
                            help="folder that receives lindung-<time>/")
        parser.add_argument("--keep", type=int, default=0,
                            help="keep only the newest N backups in --dest (0: keep all)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_create(dest=options["dest"], keep=options["keep"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = result.manifest["counts"]
        self.stdout.write(f"Backup written: {result.path}")
        self.stdout.write(f"  {len(counts)} tables, {sum(counts.values())} rows, "
                          f"key fingerprint {result.manifest['key_fingerprint']}")
