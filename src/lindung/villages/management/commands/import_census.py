"""`lindung import_census FILE --village CODE`: import a census sheet with a progress bar.

Runs the same resumable import as the web page (chunks committed with their progress). If
it is interrupted, `--resume IMPORT_ID` continues where the last committed chunk ended.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.core.management.base import OutputWrapper
from django.utils.translation import gettext

from lindung.accounts.models import User
from lindung.villages.census_import.columns import FIELDS_BY_NAME
from lindung.villages.choices import ImportStatus
from lindung.villages.models import CensusImport
from lindung.villages.models import ProgrammeVillage
from lindung.villages.services import imports


class ProgressBar:
    def __init__(self, stream: OutputWrapper, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.started = time.perf_counter()
        self.first: int | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.first is None:
            self.first = done
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        rate = (done - self.first) / elapsed
        self.stream.write(f"\r[{'#' * filled}{'-' * (self.width - filled)}] {fraction:6.1%} "
                          f"{done:,}/{total:,} baris  {rate:,.0f} baris/detik ", ending="")
        self.stream.flush()
        if done >= total:
            self.stream.write("")


class Command(BaseCommand):
    # The operator's help (manage.py help), in English like every command's and its
    # arguments': code-facing text for whoever runs the service, who reads the operations
    # docs in English; what the command reports about the import goes through the catalogue.
    help = "Import a census of PMI households from an XLSX, XLS, ODS or CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="XLSX, XLS, ODS or CSV file")
        parser.add_argument("--village", help="Kemendagri code of the programme village")
        parser.add_argument("--sheet", default="", help="sheet name (default: first with rows)")
        parser.add_argument("--census-date", type=date.fromisoformat, default=None)
        parser.add_argument("--user", default="", help="username the import is recorded for")
        parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                            help="override the detected mapping, e.g. --map 3=nik (0-based)")
        parser.add_argument("--resume", default="", metavar="IMPORT_ID",
                            help="continue an interrupted import")
        parser.add_argument("--chunk", type=int, default=0,
                            help="rows per committed chunk (default: up to 5,000)")
        parser.add_argument("--errors-out", default="", help="write the error report here")
        parser.add_argument("--synthetic", action="store_true",
                            help="mark the imported records as synthetic (demo, benchmark)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = self._actor(options["user"])
        if options["resume"]:
            census_import = CensusImport.objects.filter(pk=options["resume"]).first()
            if census_import is None:
                raise CommandError(gettext("Impor %(id)s tidak ada") % {"id": options["resume"]})
        else:
            census_import = self._create(actor, options)
        self.stdout.write(f"Impor {census_import.pk}: {census_import.total_rows:,} baris, "
                          f"kolom: " + ", ".join(
                              f"{census_import.headers[int(c)]}→{f}"
                              for c, f in sorted(census_import.mapping.items(),
                                                 key=lambda i: int(i[0]))))
        if census_import.status == ImportStatus.DONE:
            self.stdout.write(gettext("Impor ini sudah selesai"))
            return
        try:
            imports.census_import_start(actor=actor, census_import=census_import, enqueue=False)
        except ValidationError as exc:
            if not options["resume"]:
                raise CommandError(" ".join(exc.messages)) from exc
        progress = None if options["no_progress"] else ProgressBar(self.stdout)
        started = time.perf_counter()
        try:
            result = imports.census_import_run(census_import=census_import, progress=progress,
                                               chunk_rows=options["chunk"], force=True)
        except Exception as exc:
            raise CommandError(f"Impor berhenti: {exc}. Lanjutkan dengan --resume "
                               f"{census_import.pk}") from exc
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(
            f"Selesai dalam {elapsed:.1f} detik: {result.people_created:,} orang baru, "
            f"{result.people_matched:,} sudah ada, {result.households_created:,} rumah tangga "
            f"baru, {result.stays_created:,} data luar negeri, {result.children_created:,} "
            f"anak, {result.error_rows:,} baris salah, {result.blank_rows:,} baris kosong."))
        if result.error_rows and options["errors_out"]:
            Path(options["errors_out"]).write_bytes(
                imports.census_import_error_report(actor=actor, census_import=result))
            self.stdout.write(f"Laporan baris salah: {options['errors_out']}")

    def _actor(self, username: str) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(gettext("Pengguna %(username)s tidak ada")
                               % {"username": username})
        return user

    def _create(self, actor: User | None, options: dict[str, Any]) -> CensusImport:
        if not options["file"] or not options["village"]:
            raise CommandError(gettext("FILE dan --village wajib"))
        village = ProgrammeVillage.objects.filter(region_code=options["village"]).first()
        if village is None:
            raise CommandError(gettext("%(village)s bukan desa Desmigratif")
                               % {"village": options["village"]})
        try:
            census_import = imports.census_import_from_path(
                actor=actor, programme_village=village, path=options["file"],
                census_date=options["census_date"], sheet_name=options["sheet"],
                synthetic=options["synthetic"])
            if options["map"]:
                mapping = dict(census_import.mapping)
                for item in options["map"]:
                    column, _, field = item.partition("=")
                    if field not in FIELDS_BY_NAME:
                        raise CommandError(gettext("Bidang tidak dikenal: %(field)s")
                                           % {"field": field})
                    mapping = {c: f for c, f in mapping.items() if f != field}
                    mapping[column] = field
                imports.census_import_set_mapping(actor=actor, census_import=census_import,
                                                  mapping=mapping)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        return census_import

