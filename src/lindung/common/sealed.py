"""Uploaded files with personal data, kept sealed and only as long as needed.

A census sheet (NIK, family-card numbers, names) or a passenger manifest waiting for the
worker is stored encrypted with AES-256-GCM under a key of its own purpose
(`common.keys`, "uploads"; a root being rotated out still opens what it sealed), under a
random name (the name the officer gave the file may itself name people), and deleted as
soon as its work is done or, when a report still needs it, after
`settings.UPLOAD_RETENTION_DAYS` (`discard_expired`, run daily by the apps' tasks). Nothing
of it is on disk in clear, ever.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Model
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from lindung.common import keys

MAGIC = b"LINDUNG-SEALED-1\n"
PURPOSE = "uploads"
_NONCE = 12


class SealedError(ValueError):
    """The stored file cannot be opened (another instance's key, or damaged)."""


def seal(data: bytes) -> bytes:
    nonce = os.urandom(_NONCE)
    return MAGIC + nonce + AESGCM(keys.key(PURPOSE)).encrypt(nonce, data, MAGIC)


def is_sealed(blob: bytes) -> bool:
    return blob.startswith(MAGIC)


def unseal(blob: bytes) -> bytes:
    if not is_sealed(blob):
        raise SealedError("not a sealed file")
    nonce, body = blob[len(MAGIC):len(MAGIC) + _NONCE], blob[len(MAGIC) + _NONCE:]
    for key in keys.keys(PURPOSE):
        try:
            return AESGCM(key).decrypt(nonce, body, MAGIC)
        except InvalidTag:
            continue
    raise SealedError("no key opens this file")


def store(field: FieldFile, data: bytes) -> None:
    """Seal `data` into the model's file field under a random name (the row is not saved)."""
    field.save(f"{uuid.uuid4().hex}.sealed", ContentFile(seal(data)), save=False)


def load(field: FieldFile) -> bytes:
    with field.open("rb") as handle:
        return unseal(handle.read())


def load_any(field: FieldFile) -> bytes:
    """The file's content: unsealed, or as stored when it was stored before sealing."""
    with field.open("rb") as handle:
        blob = handle.read()
    return unseal(blob) if is_sealed(blob) else blob


def discard(field: FieldFile) -> None:
    """Delete the stored file, if any (the row keeps an empty field; not saved)."""
    if field:
        field.delete(save=False)


def retention() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "UPLOAD_RETENTION_DAYS", 7)))


def discard_expired(queryset: QuerySet[Any], *, field: str = "file",
                    changed: str = "updated_at") -> list[Model]:
    """Delete the files of the rows of `queryset` last changed before the retention period;
    the rows whose file was deleted are returned (their field already saved empty)."""
    before = timezone.now() - retention()
    done = []
    for row in queryset.exclude(**{field: ""}).filter(**{f"{changed}__lt": before}):
        discard(getattr(row, field))
        type(row).objects.filter(pk=row.pk).update(**{field: ""})
        done.append(row)
    return done
