"""Protection of identity numbers at rest: Fernet encryption and keyed blind indexes."""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from cryptography.fernet import MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from lindung.common import keys
from lindung.common.models import KeyState


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    """LINDUNG_FIELD_KEYS when given (newest first); else keys derived from the root secret
    and from the roots being rotated out (common.keys): values written under an old key are
    read, new ones are written under the first key, `lindung keys_rotate` rewrites them."""
    configured = list(settings.FIELD_ENCRYPTION_KEYS)
    derived = [base64.urlsafe_b64encode(key).decode() for key in keys.keys("field-encryption")]
    return MultiFernet([Fernet(key) for key in (configured or derived)])


INDEX_PURPOSE = "blind-index"


class IndexKeyError(ImproperlyConfigured):
    pass


def index_state() -> tuple[str, bool] | None:
    """(fingerprint, re-indexing) of the root the blind indexes are under; None when the
    database was never re-indexed (they are under the oldest root configured)."""
    row = KeyState.objects.filter(purpose=INDEX_PURPOSE).values_list(
        "fingerprint", "reindexing").first()
    return (row[0], row[1]) if row else None


def index_key_for(state: tuple[str, bool] | None) -> bytes:
    if state is None:
        return keys.oldest_key(INDEX_PURPOSE)
    fingerprint, reindexing = state
    if reindexing:
        raise IndexKeyError("The blind indexes are being recomputed under a new root secret: "
                            "run `lindung keys_rotate` to the end before starting Lindung")
    for candidate in keys.keys(INDEX_PURPOSE):
        if keys.fingerprint(candidate) == fingerprint:
            return candidate
    raise IndexKeyError("The root secret the blind indexes are kept under is not configured: "
                        "put it back in LINDUNG_SECRET_KEY_FALLBACKS and run `lindung "
                        "keys_rotate` (docs/security.md, the key-compromise drill)")


def _index_key() -> bytes:
    # Under the root `common.models.KeyState` names (the oldest configured until the first
    # re-index by `keys_rotate`): see docs/security.md, the key-compromise drill.
    try:
        return _index_key_stored()
    except (DatabaseError, RuntimeError):
        # No database here (a pure computation, the test runner's collection): the oldest
        # root, not remembered; with a database the state decides.
        return index_key_for(None)


@lru_cache(maxsize=1)
def _index_key_stored() -> bytes:
    return index_key_for(index_state())


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def reencrypt(token: str) -> str:
    """The same value encrypted under the current key (MultiFernet.rotate)."""
    return _fernet().rotate(token.encode()).decode()


def blind_index(kind: str, value: str) -> str:
    """A keyed hash of an identity number, for exact look-up without storing it in clear."""
    return blind_index_under(_index_key(), kind, value)


def blind_index_under(key: bytes, kind: str, value: str) -> str:
    digest = hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def reset_caches() -> None:
    _fernet.cache_clear()
    _index_key_stored.cache_clear()
