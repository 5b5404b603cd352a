"""Protection of identity numbers at rest: Fernet encryption and keyed blind indexes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derive(purpose: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"lindung", info=purpose)
    return hkdf.derive(settings.SECRET_KEY.encode())


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys = list(settings.FIELD_ENCRYPTION_KEYS)
    if not keys:
        keys = [base64.urlsafe_b64encode(_derive(b"field-encryption")).decode()]
    return MultiFernet([Fernet(key) for key in keys])


@lru_cache(maxsize=1)
def _index_key() -> bytes:
    return _derive(b"blind-index")


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def blind_index(kind: str, value: str) -> str:
    """A keyed hash of an identity number, for exact look-up without storing it in clear."""
    digest = hmac.new(_index_key(), f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def reset_caches() -> None:
    _fernet.cache_clear()
    _index_key.cache_clear()
