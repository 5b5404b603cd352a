from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser

from lindung.ops.backup import BackupError
from lindung.ops.backup import backup_restore


class Command(BaseCommand):
    help = ("Restore a backup (lindung backup) into this instance's new, empty database and "
            "its media folder, then check every table's rows against the backup.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a lindung-<time>/ backup folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(path=options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {result.tables} tables, {result.rows} rows, "
                          f"{result.media_files} media files; every table's rows match the "
                          "backup.")
