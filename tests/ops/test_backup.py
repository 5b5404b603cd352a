"""lindung backup / lindung restore: a consistent, encrypted backup without the keys, that
restores into a new database (through the real command) with every table's rows, refuses a
wrong key, an altered file and a database that is not empty."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from lindung.accounts.models import User
from lindung.ops.backup import BackupError
from lindung.ops.backup import backup_create
from lindung.ops.backup import backup_restore
from tests.conftest import World

LINDUNG = str(Path(sys.executable).parent / "lindung")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    env.pop("DATABASE_URL", None)
    (tmp_path / "restored-var").mkdir(exist_ok=True)
    env.update({"LINDUNG_SECRET_KEY": settings.SECRET_KEY,
                "LINDUNG_VAR_DIR": str(tmp_path / "restored-var"),
                "LINDUNG_MEDIA_ROOT": str(tmp_path / "restored-media"),
                "LINDUNG_FIELD_KEYS": ",".join(settings.FIELD_ENCRYPTION_KEYS)})
    if not env["LINDUNG_FIELD_KEYS"]:
        env.pop("LINDUNG_FIELD_KEYS")
    env.update(extra)
    return env


@pytest.fixture
def fresh_database(tmp_path: Path) -> object:
    """Where the restore goes: a new SQLite file, or a new PostgreSQL database."""
    if connection.vendor == "sqlite":
        yield {}
        return
    params = connection.settings_dict
    name = f"lindung_restore_{uuid.uuid4().hex[:8]}"
    admin = (f"postgresql://{params['USER']}@{params['HOST']}:{params['PORT']}/postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {"DATABASE_URL": f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{name}",
           "name": name, "admin": admin}
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _count_users(tmp_path: Path, target: dict[str, str]) -> int:
    if "DATABASE_URL" in target:
        url = target["DATABASE_URL"].replace("postgres://", "postgresql://")
        with psycopg.connect(url) as conn:
            row = conn.execute("SELECT count(*) FROM accounts_user").fetchone()
            assert row is not None
            return int(row[0])
    db = sqlite3.connect(tmp_path / "restored-var" / "lindung.sqlite3")
    try:
        return int(db.execute("SELECT count(*) FROM accounts_user").fetchone()[0])
    finally:
        db.close()


def test_a_backup_restores_into_a_new_database_with_every_row(
        transactional_db: None, world: World, tmp_path: Path,
        fresh_database: dict[str, str]) -> None:
    media = tmp_path / "media"
    (media / "screening").mkdir(parents=True)
    (media / "screening" / "m.json.enc").write_bytes(b"gAAAA-encrypted-manifest")
    with override_settings(MEDIA_ROOT=media):
        result = backup_create(dest=tmp_path / "backups")
    manifest = result.manifest
    assert manifest["counts"]["accounts_user"] == User.objects.count() > 0
    assert manifest["vendor"] == connection.vendor
    assert set(manifest["files"]) == {"media.tar.enc", "database.pgdump.enc"
                                      if connection.vendor == "postgresql"
                                      else "database.sqlite3.enc"}
    # Encrypted: no name, no secret in any file of the backup.
    for path in result.path.iterdir():
        data = path.read_bytes()
        assert b"Maria Goreti" not in data and settings.SECRET_KEY.encode() not in data
        assert b"encrypted-manifest" not in data or path.name == "manifest.json"
    # The real command, into a new database with the same keys.
    target = {key: value for key, value in fresh_database.items() if key == "DATABASE_URL"}
    env = _env(tmp_path, **target)
    done = subprocess.run([LINDUNG, "restore", str(result.path)], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "every table's rows match the backup" in done.stdout
    assert _count_users(tmp_path, fresh_database) == User.objects.count()
    assert (tmp_path / "restored-media" / "screening" / "m.json.enc").read_bytes() == \
        b"gAAAA-encrypted-manifest"
    # A second restore into the now full database is refused, and changes nothing.
    again = subprocess.run([LINDUNG, "restore", str(result.path)], env=env,
                           capture_output=True, text=True, check=False)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_a_restore_with_another_key_is_refused(transactional_db: None, world: World,
                                               tmp_path: Path,
                                               fresh_database: dict[str, str]) -> None:
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        result = backup_create(dest=tmp_path / "backups")
    target = {key: value for key, value in fresh_database.items() if key == "DATABASE_URL"}
    env = _env(tmp_path, LINDUNG_SECRET_KEY="another-" + settings.SECRET_KEY, **target)
    done = subprocess.run([LINDUNG, "restore", str(result.path)], env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "backup key" in done.stderr


def test_an_altered_backup_or_a_full_database_is_refused(transactional_db: None, world: World,
                                                         tmp_path: Path) -> None:
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        result = backup_create(dest=tmp_path / "backups", keep=1)
        backup_create(dest=tmp_path / "backups", keep=1)
    # --keep 1: the older backup is gone.
    assert not result.path.exists()
    newest = sorted((tmp_path / "backups").glob("lindung-*"))
    assert len(newest) == 1
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(path=newest[0])
    media = newest[0] / "media.tar.enc"
    data = bytearray(media.read_bytes())
    data[-1] ^= 1
    media.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="checksum"):
        backup_restore(path=newest[0])
    with pytest.raises(BackupError, match="not a backup"):
        backup_restore(path=tmp_path)
