"""`lindung keys_rotate`: after a new root secret is set (`LINDUNG_SECRET_KEY`, the old one in
`LINDUNG_SECRET_KEY_FALLBACKS`), rewrite what was written under the old one: every
encrypted field (identity numbers, contacts, TOTP secrets), every sealed file under the
media folder, and every blind index (recomputed under the new root: core/reindex.py; run
with the app servers and the worker stopped). Safe to run again; afterwards the fallback
can be removed for these purposes (see docs/security.md, "Key compromise" for what else
must be done)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.db import transaction

from lindung.common import sealed
from lindung.core import crypto
from lindung.core import reindex
from lindung.core.fields import EncryptedTextField


def rotate_fields(batch: int = 1000) -> int:
    """Re-encrypt every EncryptedTextField value under the current key; values rewritten."""
    rewritten = 0
    quote = connection.ops.quote_name
    for model in apps.get_models():
        columns = [f.column for f in model._meta.concrete_fields
                   if isinstance(f, EncryptedTextField)]
        if not columns:
            continue
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        select = (f"SELECT {pk}, {', '.join(quote(c) for c in columns)} "  # noqa: S608
                  f"FROM {table}")
        with connection.cursor() as cursor:
            cursor.execute(select)
            rows = cursor.fetchall()
        for start in range(0, len(rows), batch):
            with transaction.atomic(), connection.cursor() as cursor:
                for row in rows[start:start + batch]:
                    values = [crypto.reencrypt(v) if v else v for v in row[1:]]
                    assignments = ", ".join(f"{quote(c)} = %s" for c in columns)
                    cursor.execute(f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                                   [*values, row[0]])
                    rewritten += sum(1 for v in row[1:] if v)
    return rewritten


def rotate_sealed_files(root: Path) -> int:
    """Re-seal every sealed file under `root` with the current key; files rewritten."""
    rewritten = 0
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            with path.open("rb") as handle:
                if not sealed.is_sealed(handle.read(len(sealed.MAGIC))):
                    continue
            fresh = sealed.seal(sealed.unseal(path.read_bytes()))
            temporary = path.with_name(path.name + ".rotating")
            temporary.write_bytes(fresh)
            temporary.replace(path)
            rewritten += 1
    return rewritten


class Command(BaseCommand):
    help = ("Rewrite encrypted fields, sealed files and blind indexes under the current root "
            "secret (stop the app servers and the worker first).")

    def handle(self, *args: Any, **options: Any) -> None:
        fields = rotate_fields()
        files = rotate_sealed_files(Path(settings.MEDIA_ROOT))
        self.stdout.write(f"re-encrypted {fields} field values and {files} sealed files")
        self.stdout.write(str(reindex.reindex()))
