"""Backups: the database and the media files, encrypted, with the key material kept apart.

A backup is a directory ``lindung-<UTC time>/`` holding

- ``database.pgdump.enc`` (``pg_dump --format=custom`` of a snapshot, on PostgreSQL) or
  ``database.sqlite3.enc`` (SQLite's online backup API),
- ``media.tar.enc`` (the media folder: attachments and the encrypted manifests),
- ``manifest.json``: when, which database engine, the migrations applied, the rows of every
  table *in the same snapshot as the dump*, the SHA-256 of each file and the fingerprint
  of the backup key (never the key).

The files are encrypted with AES-256-GCM in 1 MiB chunks (each chunk authenticated with its
index and whether it is the last, so that chunks cannot be dropped, reordered or cut). The
key is ``LINDUNG_BACKUP_KEY`` (32 bytes, URL-safe base64) or, when unset, one derived from
the secret key for this purpose alone. Either way it is not in the backup: keep the secret
key (and the backup key) apart from the backups, as docs/deployment.md says.

:func:`backup_restore` refuses a backup whose key fingerprint or checksums do not match, or
a database that is not empty, and proves the restore by counting the rows again.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from lindung.common import keys

CHUNK = 1024 * 1024
MAGIC = b"LDGBAK1\n"
FORMAT = 1
#: Tables whose content is rebuilt, not restored: the shared cache of one database.
SKIP_COUNTS = {"lindung_cache"}


class BackupError(Exception):
    pass


def backup_key() -> bytes:
    configured = os.environ.get("LINDUNG_BACKUP_KEY", "")
    if configured:
        key = base64.urlsafe_b64decode(configured + "=" * (-len(configured) % 4))
        if len(key) != 32:
            raise BackupError("LINDUNG_BACKUP_KEY must be 32 bytes in URL-safe base64")
        return key
    return keys.key("backup")


def backup_keys() -> list[bytes]:
    """Every key a backup may have been written with: the configured one, else the derived
    one under the current root and those being rotated out (common.keys)."""
    return [backup_key()] if os.environ.get("LINDUNG_BACKUP_KEY") else keys.keys("backup")


def key_fingerprint(key: bytes) -> str:
    return hmac.new(key, b"lindung-backup-fingerprint", hashlib.sha256).hexdigest()[:16]


def _encrypt_stream(source: IO[bytes], target: IO[bytes], key: bytes) -> None:
    aead = AESGCM(key)
    target.write(MAGIC)
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = secrets.token_bytes(12)
        sealed = aead.encrypt(nonce, chunk, struct.pack(">Q?", index, last))
        target.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        if last:
            return
        chunk, index = following, index + 1


def _decrypt_stream(source: IO[bytes], target: IO[bytes], key: bytes) -> None:
    aead = AESGCM(key)
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("not a Lindung backup file")
    index = 0
    while True:
        head = source.read(4)
        if len(head) < 4:
            raise BackupError("backup file cut short")
        (size,) = struct.unpack(">I", head)
        nonce, sealed = source.read(12), source.read(size)
        for last in (False, True):
            try:
                plain = aead.decrypt(nonce, sealed, struct.pack(">Q?", index, last))
            except Exception:  # noqa: S112 - the other "last" flag is tried next
                continue
            target.write(plain)
            if last:
                if source.read(1):
                    raise BackupError("data after the last chunk")
                return
            break
        else:
            raise BackupError("backup file does not decrypt (wrong key, or altered)")
        index += 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _tables(cursor: Any) -> list[str]:
    return sorted(name for name in connection.introspection.table_names(cursor)
                  if name not in SKIP_COUNTS)


def _counts(cursor: Any, quote: Any) -> dict[str, int]:
    counts = {}
    for table in _tables(cursor):
        cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 - known names
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("app", "name") \
            .values_list("app", "name"):
        latest[app] = name
    return latest


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update({"PGHOST": str(db.get("HOST") or ""), "PGPORT": str(db.get("PORT") or ""),
                "PGUSER": str(db.get("USER") or ""), "PGDATABASE": str(db["NAME"])})
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return {key: value for key, value in env.items() if value != ""}


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install PostgreSQL's client (postgresql-client)")
    return found


def _dump_postgres(plain: Path) -> dict[str, int]:
    """pg_dump of an exported snapshot; the rows counted in that same snapshot."""
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                 f"--snapshot={snapshot}", f"--exclude-table-data={next(iter(SKIP_COUNTS))}",
                 "--file", str(plain)],
                env=_pg_env(), capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()[-500:]}")
            counts = _counts(cursor, connection.ops.quote_name)
        finally:
            cursor.execute("COMMIT")
    return counts


def _dump_sqlite(plain: Path) -> dict[str, int]:
    connection.ensure_connection()
    source = connection.connection
    target = sqlite3.connect(str(plain))
    try:
        source.backup(target)
        cursor = target.cursor()
        counts = {}
        names = [row[0] for row in cursor.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        for table in sorted(set(names) - SKIP_COUNTS):
            counts[table] = int(cursor.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # noqa: S608
    finally:
        target.close()
    return counts


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict[str, Any]


def backup_create(*, dest: Path, keep: int = 0) -> BackupResult:
    """Write a backup under ``dest`` (created when missing); keep the newest ``keep``."""
    key = backup_key()
    dest.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = dest / f"lindung-{stamp}"
    work = Path(tempfile.mkdtemp(prefix=".partial-", dir=dest))
    try:
        vendor = connection.vendor
        plain = work / "database.plain"
        if vendor == "postgresql":
            counts, name = _dump_postgres(plain), "database.pgdump.enc"
        elif vendor == "sqlite":
            counts, name = _dump_sqlite(plain), "database.sqlite3.enc"
        else:
            raise BackupError(f"no backup for the {vendor} database engine")
        files = {}
        with plain.open("rb") as source, (work / name).open("wb") as target:
            _encrypt_stream(source, target, key)
        plain.unlink()
        files[name] = _sha256(work / name)
        media = Path(settings.MEDIA_ROOT)
        tar_plain = work / "media.tar"
        with tarfile.open(tar_plain, "w") as archive:
            if media.exists():
                archive.add(str(media), arcname="media")
        with tar_plain.open("rb") as source, (work / "media.tar.enc").open("wb") as target:
            _encrypt_stream(source, target, key)
        tar_plain.unlink()
        files["media.tar.enc"] = _sha256(work / "media.tar.enc")
        manifest = {"format": FORMAT, "created_at": dt.datetime.now(dt.UTC).isoformat(),
                    "vendor": vendor, "migrations": _migrations(), "counts": counts,
                    "files": files, "key_fingerprint": key_fingerprint(key)}
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if keep > 0:
        for old in sorted(dest.glob("lindung-*"))[:-keep]:
            shutil.rmtree(old, ignore_errors=True)
    return BackupResult(final, manifest)


def _database_empty() -> bool:
    with connection.cursor() as cursor:
        return not _tables(cursor)


def counts_now() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _counts(cursor, connection.ops.quote_name)


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    media_files: int


def _decrypted(path: Path, key: bytes, into: Path) -> Path:
    with path.open("rb") as source, into.open("wb") as target:
        _decrypt_stream(source, target, key)
    return into


def _restore_media(path: Path, key: bytes, work: Path) -> int:
    tar_plain = _decrypted(path, key, work / "media.tar")
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    restored = 0
    with tarfile.open(tar_plain) as archive:
        for member in archive.getmembers():
            name = Path(member.name)
            if name.parts[:1] != ("media",) or member.issym() or member.islnk() \
                    or ".." in name.parts:
                raise BackupError(f"unexpected entry in the media archive: {member.name}")
            if member.isdir():
                continue
            relative = Path(*name.parts[1:])
            target = media / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            extracted = archive.extractfile(member)
            if extracted is None:
                continue
            with extracted, target.open("wb") as handle:
                shutil.copyfileobj(extracted, handle)
            restored += 1
    return restored


def _verified_manifest(path: Path) -> tuple[dict[str, Any], bytes]:
    """The backup's manifest and this instance's key for it, once the format, the key and
    every file's checksum are checked."""
    manifest_path = path / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{path} is not a backup (no manifest.json)")
    manifest: dict[str, Any] = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')}")
    key = next((k for k in backup_keys() if key_fingerprint(k) == manifest["key_fingerprint"]),
               b"")
    if not key:
        raise BackupError("this instance's backup key is not the one of the backup "
                          "(LINDUNG_SECRET_KEY / LINDUNG_BACKUP_KEY)")
    for name, digest in manifest["files"].items():
        if _sha256(path / name) != digest:
            raise BackupError(f"{name} does not match its checksum")
    return manifest, key


def _restore_database(path: Path, key: bytes, work: Path) -> None:
    if connection.vendor == "postgresql":
        dump = _decrypted(path / "database.pgdump.enc", key, work / "database.pgdump")
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
             "--single-transaction", "--dbname", str(connection.settings_dict["NAME"]),
             str(dump)],
            env=_pg_env(), capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()[-500:]}")
        return
    connection.close()
    target = Path(str(connection.settings_dict["NAME"]))
    _decrypted(path / "database.sqlite3.enc", key, work / "database.sqlite3")
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(work / "database.sqlite3", target)


def backup_restore(*, path: Path) -> RestoreResult:
    """Restore a backup into this instance's empty database and media folder."""
    manifest, key = _verified_manifest(path)
    vendor = connection.vendor
    if vendor != manifest["vendor"]:
        raise BackupError(f"a {manifest['vendor']} backup cannot go into {vendor}")
    if not _database_empty():
        raise BackupError("the database is not empty: restore into a new database")
    work = Path(tempfile.mkdtemp(prefix="lindung-restore-"))
    try:
        _restore_database(path, key, work)
        media_files = _restore_media(path / "media.tar.enc", key, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    connection.close()
    found = counts_now()
    expected = manifest["counts"]
    wrong = {table: (expected.get(table), found.get(table))
             for table in set(expected) | set(found) if expected.get(table) != found.get(table)}
    if wrong:
        raise BackupError(f"restored rows differ from the backup: {dict(sorted(wrong.items()))}")
    return RestoreResult(tables=len(found), rows=sum(found.values()), media_files=media_files)


def iter_backups(dest: Path) -> Iterator[Path]:
    yield from sorted(dest.glob("lindung-*"))
