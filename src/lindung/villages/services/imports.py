"""Census imports: upload, column mapping, the run (resumable, chunk by chunk), the error
report. The run is the same whether a Huey task or the `import_census` command calls it.

Crash safety: each chunk's people, households, stays, children, row errors AND the import's
progress (`next_row`, counters) are committed in one transaction. A run killed half-way
leaves the import at the last committed chunk; running it again continues there. Even a
fresh import of the same file creates nothing twice: the writer matches natural keys.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection
from django.db import transaction
from django.db.models import F
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.common import sealed
from lindung.common import sheets
from lindung.common import stored_text
from lindung.common.lease import lease
from lindung.common.lease import lease_held
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.choices import JobStatus
from lindung.core.models import BackgroundJob
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.regions.selectors import nik_region_warning_kept
from lindung.villages.census_import import columns
from lindung.villages.census_import import reader
from lindung.villages.census_import.report import build_error_report
from lindung.villages.census_import.validate import Context
from lindung.villages.census_import.validate import Validation
from lindung.villages.census_import.validate import Validator
from lindung.villages.census_import.values import text
from lindung.villages.census_import.writer import ChunkWriter
from lindung.villages.census_import.writer import chunk_audit
from lindung.villages.choices import ImportStatus
from lindung.villages.models import CensusImport
from lindung.villages.models import CensusImportError
from lindung.villages.models import ProgrammeVillage
from lindung.villages.services.common import invalid
from lindung.villages.services.common import require

log = logging.getLogger("lindung.villages.imports")

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024  # the file and the rest of its form
# Rows per committed chunk: at most 5,000 (fewer, larger transactions are faster), at least
# 20 steps of progress for a sheet of 10,000 rows or more.
CHUNK_ROWS = 5000
MIN_CHUNK_ROWS = 500
STALE_AFTER = timedelta(minutes=3)
# An upload still "reading" this long after it was queued (or last re-queued), with no
# worker holding its reading lease, lost its worker: it is queued again.
READ_STALL_AFTER = timedelta(minutes=2)
JOB_KIND = "villages.census_import"

Progress = Callable[[int, int], None]


@dataclass
class LoadedSheet:
    headers: list[Any]
    rows: list[list[Any]]
    first_data_sheet_row: int


# The command line creates and runs an import in one process: the rows it read when the
# file was uploaded are kept for the run (one entry, dropped when the run starts), so a
# large sheet is parsed once. The web upload does not keep them (its worker is elsewhere).
_READ_AHEAD: dict[str, reader.Sheet] = {}


def _load(census_import: CensusImport) -> LoadedSheet:
    sheet = _READ_AHEAD.pop(str(census_import.pk), None)
    if sheet is None or sheet.sheet_name != census_import.sheet_name:
        data = _stored(census_import)
        sheet = reader.read_sheet(data, file_name=census_import.file_name,
                                  sheet_name=census_import.sheet_name)
    header_index = census_import.header_row - 1
    headers = list(sheet.rows[header_index]) if sheet.rows else []
    return LoadedSheet(headers=headers, rows=sheet.rows[header_index + 1:],
                       first_data_sheet_row=header_index + 2)


@transaction.atomic
def census_import_create(*, actor: User | None, programme_village: ProgrammeVillage,
                         file_name: str, data: bytes, census_date: date | None = None,
                         sheet_name: str = "", synthetic: bool = False,
                         keep_rows: bool = False, queue_read: bool = False) -> CensusImport:
    """Store the uploaded sheet; reading it (header row, column mapping, rows counted within
    the census limits) is `census_import_inspect`: queued for the worker with `queue_read`
    (every web and API upload: no request reads a whole sheet), else done now (the command
    line, the demo)."""
    census_import = CensusImport(programme_village=programme_village,
                                 region_code=programme_village.region_code,
                                 file_name=file_name[:200],
                                 census_date=census_date or timezone.localdate(),
                                 sheet_name=sheet_name[:100], status=ImportStatus.READING,
                                 heartbeat_at=timezone.now(),
                                 synthetic=synthetic, created_by=actor, updated_by=actor)
    require(actor, CREATE, census_import)
    _check_upload(census_import, file_name, data)
    sheet = None if queue_read else _read_now(data, file_name=file_name, sheet_name=sheet_name)
    census_import.file_sha256 = hashlib.sha256(data).hexdigest()
    sealed.store(census_import.file, data)
    census_import.full_clean(exclude=["file"])
    census_import.save()
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=census_import,
                        region_code=census_import.region_code,
                        detail={"bytes": len(data), "queued": queue_read})
    if sheet is not None:
        _apply(census_import, sheet)
        if keep_rows:
            _READ_AHEAD.clear()
            _READ_AHEAD[str(census_import.pk)] = sheet
        return census_import
    if queue_read:
        _queue_inspect(census_import)
    return census_import


def _check_upload(census_import: CensusImport, file_name: str, data: bytes) -> None:
    """Refuse a file of a kind the census reader does not read, over the size limit, or a
    census date in the future."""
    if not reader.is_supported(file_name):
        raise ValidationError({"file": str(sheets.unsupported())})
    if len(data) > MAX_UPLOAD_BYTES:
        raise invalid("file", _("Berkas lebih dari 50 MB"))
    if census_import.census_date > timezone.localdate():
        raise invalid("census_date", _("Tanggal pendataan belum terjadi"))


def _read_now(data: bytes, *, file_name: str, sheet_name: str) -> reader.Sheet:
    """Read the uploaded sheet in this process (the command line, the demo)."""
    try:
        with _collector_paused(sqlite_cache=False):
            sheet = reader.read_sheet(data, file_name=file_name, sheet_name=sheet_name)
    except reader.SheetError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    if not sheet.rows:
        raise invalid("file", _("Lembar kosong"))
    return sheet


def _queue_inspect(census_import: CensusImport) -> None:
    """Have the worker read the sheet once the upload is committed."""
    import_id = str(census_import.pk)

    def enqueue() -> None:
        from lindung.villages.tasks import census_import_inspect_task

        census_import_inspect_task(import_id)

    transaction.on_commit(enqueue)


def census_import_inspect(census_import: CensusImport) -> CensusImport:
    """In the worker: read the stored sheet (streamed, within the census limits), find its
    header row, propose a column mapping and count its rows. A sheet over a limit, broken or
    empty fails the import with the reason (in Indonesian and English: whoever reads it
    later may read either)."""
    with lease(_read_lease(census_import.pk), seconds=60) as mine:
        census_import.refresh_from_db()
        if not mine or census_import.status != ImportStatus.READING:
            return census_import  # another worker is reading it, or it has been read
        data = _stored(census_import)
        try:
            with _collector_paused(sqlite_cache=False):
                sheet = reader.read_sheet(data, file_name=census_import.file_name,
                                          sheet_name=census_import.sheet_name)
        except reader.SheetError as exc:
            _refuse(census_import, exc.kept())
        else:
            if sheet.rows:
                _apply(census_import, sheet)
            else:
                _refuse(census_import, gettext_noop("Lembar kosong"))
    census_import.refresh_from_db()
    return census_import


def _read_lease(import_id: object) -> str:
    return f"census-read:{import_id}"


def census_import_read_again(census_import: CensusImport) -> bool:
    """Queue the reading of an upload again when its worker died: still "reading"
    `READ_STALL_AFTER` after it was queued, and no worker holds its reading lease (renewed
    while a worker reads). Safe to call at any time and from anywhere (the import page,
    the periodic sweep): one caller wins the re-queue, and reading writes no rows, only the
    mapping it proposes, so reading twice changes nothing."""
    if census_import.status != ImportStatus.READING or lease_held(
            _read_lease(census_import.pk)):
        return False
    queued_at = census_import.heartbeat_at or census_import.created_at
    if timezone.now() - queued_at <= READ_STALL_AFTER:
        return False
    claimed = CensusImport.objects.filter(
        pk=census_import.pk, status=ImportStatus.READING,
        heartbeat_at=census_import.heartbeat_at).update(heartbeat_at=timezone.now())
    if not claimed:
        return False  # re-queued by someone else meanwhile, or read
    import_id = str(census_import.pk)
    log.warning("census import %s queued again for reading", import_id,
                extra={"event": "work.resumed", "kind": "villages.census_import.read",
                       "object_id": import_id})

    def enqueue() -> None:
        from lindung.villages.tasks import census_import_inspect_task

        census_import_inspect_task(import_id)

    transaction.on_commit(enqueue)
    return True


def census_imports_reading_stalled() -> list[CensusImport]:
    """The uploads whose reading lost its worker (see `census_import_read_again`)."""
    cutoff = timezone.now() - READ_STALL_AFTER
    waiting = CensusImport.objects.filter(status=ImportStatus.READING).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff))
    return [census_import for census_import in waiting
            if not lease_held(_read_lease(census_import.pk))]


def census_imports_read_again() -> int:
    """The periodic sweep: every upload whose reading lost its worker is queued again."""
    return sum(census_import_read_again(census_import)
               for census_import in census_imports_reading_stalled())


def _apply(census_import: CensusImport, sheet: reader.Sheet) -> None:
    header_index = columns.detect_header_row(sheet.rows)
    headers = [("" if cell is None else str(cell)) for cell in sheet.rows[header_index]]
    census_import.sheet_name = sheet.sheet_name
    census_import.header_row = header_index + 1
    census_import.headers = headers
    census_import.mapping = columns.auto_mapping(headers)
    census_import.total_rows = len(sheet.rows) - header_index - 1
    census_import.status = ImportStatus.UPLOADED
    census_import.save(update_fields=["sheet_name", "header_row", "headers", "mapping",
                                      "total_rows", "status", "updated_at"])
    audit.record_object(actor=census_import.created_by, action=AuditAction.UPDATE,
                        obj=census_import, region_code=census_import.region_code,
                        detail={"fields": ["status"], "status": ImportStatus.UPLOADED,
                                "rows": census_import.total_rows,
                                "mapped": sorted(census_import.mapping.values())})


def _stored(census_import: CensusImport) -> bytes:
    """The uploaded sheet (sealed since issue 18 #9; an earlier upload as it was stored)."""
    if not census_import.file:
        raise invalid(None, _("Berkas asli sudah dihapus (disimpan %(value)s hari); unggah lagi "
                              "bila perlu") % {"value": sealed.retention().days})
    with census_import.file.open("rb") as handle:
        blob = handle.read()
    return sealed.unseal(blob) if sealed.is_sealed(blob) else blob


def census_import_files_expire() -> int:
    """Delete the uploaded sheets kept past the retention period (their error report can no
    longer be made); an import never started is failed with the reason. Not the sheets of a
    running import."""
    expired = sealed.discard_expired(CensusImport.objects.exclude(
        status__in=[ImportStatus.READING, ImportStatus.QUEUED, ImportStatus.RUNNING]))
    CensusImport.objects.filter(pk__in=[row.pk for row in expired],
                                status=ImportStatus.UPLOADED).update(
        status=ImportStatus.FAILED, headers=[],
        message=stored_text.keep(gettext_noop("Berkas dihapus setelah %(days)s hari tanpa impor"),
                                 days=sealed.retention().days))
    return len(expired)


def _refuse(census_import: CensusImport, message: str) -> None:
    census_import.status = ImportStatus.FAILED
    census_import.message = message[:500]
    sealed.discard(census_import.file)  # nothing will read it
    census_import.save(update_fields=["status", "message", "file", "updated_at"])
    audit.record_object(actor=census_import.created_by, action=AuditAction.UPDATE,
                        obj=census_import, region_code=census_import.region_code,
                        detail={"fields": ["status"], "status": ImportStatus.FAILED,
                                "refused": True})


def census_import_samples(census_import: CensusImport, count: int = 3) -> list[list[str]]:
    """The first few data rows, as text, to help the officer check the mapping (only the
    top of the sheet is parsed)."""
    data = _stored(census_import)
    head = reader.read_head(data, file_name=census_import.file_name,
                            sheet_name=census_import.sheet_name,
                            rows=census_import.header_row + 50)
    samples: list[list[str]] = []
    for row in head.rows[census_import.header_row:]:
        if any(text(cell) for cell in row):
            samples.append([text(cell) for cell in row])
        if len(samples) >= count:
            break
    return samples


@transaction.atomic
def census_import_set_mapping(*, actor: User | None, census_import: CensusImport,
                              mapping: dict[str, str]) -> CensusImport:
    require(actor, CREATE, census_import)
    if census_import.status != ImportStatus.UPLOADED:
        raise invalid(None, _("Pemetaan kolom hanya bisa diubah sebelum impor dimulai"))
    problems = columns.mapping_problems(mapping, len(census_import.headers))
    if problems:
        raise invalid("mapping", "; ".join(problems))
    census_import.mapping = mapping
    census_import.updated_by = actor
    census_import.save(update_fields=["mapping", "updated_by", "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=census_import,
                        region_code=census_import.region_code,
                        detail={"fields": ["mapping"], "mapped": sorted(mapping.values())})
    return census_import


def _is_stale(census_import: CensusImport) -> bool:
    beat = census_import.heartbeat_at or census_import.started_at
    return beat is None or timezone.now() - beat > STALE_AFTER


def can_resume(census_import: CensusImport) -> bool:
    if not census_import.headers or not census_import.file:  # refused, or the file is gone
        return False
    return census_import.status == ImportStatus.FAILED or (
        census_import.status in (ImportStatus.RUNNING, ImportStatus.QUEUED)
        and _is_stale(census_import))


@transaction.atomic
def census_import_start(*, actor: User | None, census_import: CensusImport,
                        enqueue: bool = True) -> CensusImport:
    """Queue the import (or queue it again after a failure or a crash)."""
    require(actor, CREATE, census_import)
    census_import = CensusImport.objects.select_for_update().get(pk=census_import.pk)
    if census_import.status == ImportStatus.UPLOADED:
        problems = columns.mapping_problems(census_import.mapping, len(census_import.headers))
        if problems:
            raise invalid("mapping", "; ".join(problems))
    elif not can_resume(census_import):
        raise invalid(None, _("Impor ini sedang berjalan atau sudah selesai"))
    job = census_import.job
    if job is None:
        job = BackgroundJob.objects.create(
            kind=JOB_KIND, total=census_import.total_rows, region_code=census_import.region_code,
            params={"census_import": str(census_import.pk)}, created_by=actor, updated_by=actor,
            message=census_import.file_name[:300])
    census_import.job = job
    census_import.status = ImportStatus.QUEUED
    census_import.heartbeat_at = timezone.now()
    census_import.save(update_fields=["job", "status", "heartbeat_at", "updated_at"])
    BackgroundJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=census_import,
                        region_code=census_import.region_code,
                        detail={"fields": ["status"], "status": ImportStatus.QUEUED,
                                "resume_from": census_import.next_row})
    if enqueue:
        from lindung.villages.tasks import census_import_task

        import_id = str(census_import.pk)
        transaction.on_commit(lambda: census_import_task(import_id))
    return census_import


def _context(census_import: CensusImport, actor: User | None, first_row: int) -> Context:
    villages = ProgrammeVillage.objects.all()
    if actor is not None:
        scope = access.scope_code(actor)
        villages = villages.filter(access.scope_q(scope, "region_code"))
    return Context(
        default_village_id=census_import.programme_village_id,
        default_village_code=census_import.region_code,
        villages=dict(villages.values_list("region_code", "id")),
        census_date=census_import.census_date, today=timezone.localdate(),
        first_data_sheet_row=first_row, nik_region_warning=nik_region_warning_kept)


def _claim(census_import: CensusImport, force: bool) -> bool:
    """Mark the import running, unless another worker is running it right now."""
    now = timezone.now()
    claimable = CensusImport.objects.filter(pk=census_import.pk)
    if not force:
        claimable = claimable.filter(status=ImportStatus.QUEUED)
    claimed = claimable.exclude(status=ImportStatus.DONE).update(
        status=ImportStatus.RUNNING, heartbeat_at=now, runs=F("runs") + 1,
        started_at=census_import.started_at or now, message="")
    return claimed == 1


def chunk_size(total_rows: int) -> int:
    return max(MIN_CHUNK_ROWS, min(CHUNK_ROWS, total_rows // 20))


def census_import_run(*, census_import: CensusImport, progress: Progress | None = None,
                      chunk_rows: int = 0, force: bool = False) -> CensusImport:
    """Check the sheet and write it chunk by chunk from `next_row`, each chunk committed
    with its row errors and the import's progress."""
    if not _claim(census_import, force):
        census_import.refresh_from_db()
        return census_import
    census_import.refresh_from_db()
    actor = census_import.created_by
    job_id = census_import.job_id
    if job_id:
        BackgroundJob.objects.filter(pk=job_id).update(
            status=JobStatus.RUNNING, started_at=timezone.now(), total=census_import.total_rows)
    try:
        with _collector_paused():
            sheet = _load(census_import)
            validator = Validator(census_import.mapping,
                                  _context(census_import, actor, sheet.first_data_sheet_row))
            _write(census_import, sheet, validator, actor, progress,
                   chunk_rows or chunk_size(len(sheet.rows)))
    except Exception as exc:
        log.exception("census import %s failed", census_import.pk)
        _fail(census_import, exc)
        raise
    census_import = _finish(census_import, actor)
    if census_import.people_created:
        # The new people's matching keys (13 a person: more rows than the people themselves),
        # written after the import in a background task.
        from lindung.villages.tasks import census_import_match_keys_task

        census_import_match_keys_task()
    return census_import


@contextmanager
def _collector_paused(sqlite_cache: bool = True) -> Iterator[None]:
    """The run allocates millions of short-lived, acyclic objects; Python's cyclic garbage
    collector would walk them all again and again (a third of the run's time at 100,000
    rows). Reference counting still frees them; the collector runs once at the end."""
    enabled = gc.isenabled()
    gc.disable()
    if sqlite_cache:
        _sqlite_cache(IMPORT_CACHE_KIB)
    try:
        yield
    finally:
        if sqlite_cache:
            _sqlite_cache(DEFAULT_CACHE_KIB)
        if enabled:
            gc.enable()


# SQLite's default page cache (2 MB) is far smaller than the indexes a large import touches
# (random NIK hashes land anywhere in the B-trees): a bigger cache for the run halves its
# time at 100,000 rows. Per connection, restored afterwards; PostgreSQL has shared_buffers
# instead.
IMPORT_CACHE_KIB = 256 * 1024
DEFAULT_CACHE_KIB = 2000


def _sqlite_cache(kib: int) -> None:
    """Also: no automatic WAL checkpoint in the middle of the run (each one copies and syncs
    the pages again); one checkpoint at the end instead."""
    if connection.vendor == "sqlite":
        importing = kib != DEFAULT_CACHE_KIB
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
            if not connection.in_atomic_block:  # checkpoints only outside a transaction
                cursor.execute(f"PRAGMA wal_autocheckpoint = {0 if importing else 1000}")
                if not importing:
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _checked(validator: Validator, rows: list[list[Any]], start: int,
             chunk_rows: int) -> Iterator[Validation]:
    """The chunks from data row `start` on, each checked when asked for. The rows above
    `start` (written by an earlier run) are checked again first: they decide the households
    and first occurrences of the rows below."""
    if start:
        validator.block(rows[:start])
    for begin in range(start, len(rows), chunk_rows):
        yield validator.block(rows[begin:begin + chunk_rows])


def _write(census_import: CensusImport, sheet: LoadedSheet, validator: Validator,
           actor: User | None, progress: Progress | None, chunk_rows: int) -> None:
    total = len(sheet.rows)
    start = census_import.next_row
    # The run itself is audited (who, from which row); its actor labels go on the rows the
    # writer adds to the audit log in bulk.
    started = audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=census_import,
                                  region_code=census_import.region_code,
                                  detail={"fields": ["status"], "status": ImportStatus.RUNNING,
                                          "resume_from": start})
    writer = ChunkWriter(census_import=census_import, actor=actor,
                         synthetic=census_import.synthetic, actor_event=started)
    if progress:
        progress(start, total)
    for chunk in _checked(validator, sheet.rows, start, chunk_rows):
        _write_chunk(census_import, writer, chunk, actor)
        if progress:
            progress(chunk.offset + len(chunk.rows), total)


def _write_chunk(census_import: CensusImport, writer: ChunkWriter, chunk: Validation,
                 actor: User | None) -> None:
    """One chunk, its row errors and the import's progress, in one transaction."""
    start, end = chunk.offset, chunk.offset + len(chunk.rows)
    with transaction.atomic():
        result = writer.write([row for row in chunk.rows if row is not None])
        # by row, each row's errors in the order found
        chunk_errors = sorted(chunk.errors, key=attrgetter("index"))
        chunk_errors.extend(result.errors)
        CensusImportError.objects.bulk_create(
            CensusImportError(census_import=census_import, row_number=e.sheet_row,
                              field=e.field, message=e.message[:400],
                              context_row=chunk.context_rows.get(e.index))
            for e in chunk_errors)
        CensusImportError.objects.bulk_create(
            CensusImportError(census_import=census_import, row_number=w.sheet_row,
                              field=w.field, message=w.message[:400], warning=True)
            for w in chunk.warnings)
        error_rows = len({e.index for e in chunk_errors})
        blank = len(chunk.blank)
        now = timezone.now()
        CensusImport.objects.filter(pk=census_import.pk).update(
            next_row=end, heartbeat_at=now,
            valid_rows=F("valid_rows") + (end - start - error_rows - blank),
            error_rows=F("error_rows") + error_rows, blank_rows=F("blank_rows") + blank,
            people_created=F("people_created") + result.people_created,
            people_matched=F("people_matched") + result.people_matched,
            households_created=F("households_created") + result.households_created,
            stays_created=F("stays_created") + result.stays_created,
            children_created=F("children_created") + result.children_created)
        if census_import.job_id:
            BackgroundJob.objects.filter(pk=census_import.job_id).update(
                done=end, updated_at=now)
        chunk_audit(actor=actor, census_import=census_import, first_row=start, last_row=end,
                    result=result)


def _finish(census_import: CensusImport, actor: User | None) -> CensusImport:
    with transaction.atomic():
        census_import.refresh_from_db()
        census_import.status = ImportStatus.DONE
        census_import.finished_at = timezone.now()
        if not census_import.error_rows:  # no error report to make: the sheet goes now
            sealed.discard(census_import.file)
        census_import.save(update_fields=["status", "finished_at", "file", "updated_at"])
        if census_import.job_id:
            BackgroundJob.objects.filter(pk=census_import.job_id).update(
                status=JobStatus.DONE, done=census_import.total_rows,
                finished_at=census_import.finished_at,
                result={"people_created": census_import.people_created,
                        "people_matched": census_import.people_matched,
                        "error_rows": census_import.error_rows})
        audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=census_import,
                            region_code=census_import.region_code,
                            detail={"fields": ["status"], "status": ImportStatus.DONE,
                                    "error_rows": census_import.error_rows})
    return census_import


def _fail(census_import: CensusImport, exc: Exception) -> None:
    message = stored_text.keep(
        gettext_noop("Impor berhenti karena kesalahan (%(error)s); jalankan lagi untuk "
                     "melanjutkan"), error=type(exc).__name__)
    CensusImport.objects.filter(pk=census_import.pk).update(status=ImportStatus.FAILED,
                                                            message=message[:500])
    if census_import.job_id:
        BackgroundJob.objects.filter(pk=census_import.job_id).update(
            status=JobStatus.FAILED, message=message[:300], finished_at=timezone.now())


def census_import_error_report(*, actor: User | None, census_import: CensusImport) -> bytes:
    """The rows that were not imported, with their errors (XLSX). Audited as an export."""
    require(actor, VIEW, census_import)
    sheet = _load(census_import)
    errors = list(census_import.errors.filter(warning=False)
                  .values_list("row_number", "message", "context_row"))
    data = build_error_report(headers=sheet.headers, rows=sheet.rows,
                              first_data_sheet_row=sheet.first_data_sheet_row, errors=errors)
    audit.record_object(actor=actor, action=AuditAction.EXPORT, obj=census_import,
                        region_code=census_import.region_code,
                        detail={"report": "row_errors", "rows": census_import.error_rows})
    return data


def census_import_from_path(*, actor: User | None, programme_village: ProgrammeVillage,
                            path: str, census_date: date | None = None, sheet_name: str = "",
                            synthetic: bool = False) -> CensusImport:
    """For the command line and the benchmark: create an import from a file on disk."""
    file_path = Path(path)
    return census_import_create(actor=actor, programme_village=programme_village,
                                file_name=file_path.name, data=file_path.read_bytes(),
                                census_date=census_date, sheet_name=sheet_name,
                                synthetic=synthetic, keep_rows=True)


def uploaded_bytes(upload: UploadedFile) -> bytes:
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise invalid("file", _("Berkas lebih dari 50 MB"))
    return b"".join(upload.chunks())
