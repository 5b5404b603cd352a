"""Protection of identity numbers at rest: Fernet encryption and keyed blind indexes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

from lindung.common import keys


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    """LINDUNG_FIELD_KEYS when given (newest first); else keys derived from the root secret
    and from the roots being rotated out (common.keys): values written under an old key are
    read, new ones are written under the first key, `lindung keys_rotate` rewrites them."""
    configured = list(settings.FIELD_ENCRYPTION_KEYS)
    derived = [base64.urlsafe_b64encode(key).decode() for key in keys.keys("field-encryption")]
    return MultiFernet([Fernet(key) for key in (configured or derived)])


@lru_cache(maxsize=1)
def _index_key() -> bytes:
    # Under the oldest root configured: indexes are not rewritten by `keys_rotate` yet, so a
    # root being rotated out stays in LINDUNG_SECRET_KEY_FALLBACKS (docs/security.md).
    return keys.oldest_key("blind-index")


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def reencrypt(token: str) -> str:
    """The same value encrypted under the current key (MultiFernet.rotate)."""
    return _fernet().rotate(token.encode()).decode()


def blind_index(kind: str, value: str) -> str:
    """A keyed hash of an identity number, for exact look-up without storing it in clear."""
    digest = hmac.new(_index_key(), f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def reset_caches() -> None:
    _fernet.cache_clear()
    _index_key.cache_clear()
