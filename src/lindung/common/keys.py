"""One key per purpose, derived from the instance's root secret, and rotation of the root.

Every secret the system uses beyond Django's own signing is derived here with HKDF-SHA256
from the root (`SECRET_KEY`), one key per named purpose: a key leaked or misused for one
purpose says nothing about another. Rotation: the new root goes into `LINDUNG_SECRET_KEY`
and the old one into `LINDUNG_SECRET_KEY_FALLBACKS`; `keys(purpose)` then answers the new
key first and the old ones after it, for data written under them (field encryption reads
every key; look-ups try every key), until `lindung keys_rotate` has rewritten what can be
rewritten and the fallback is removed (docs/security.md, "Key compromise"). The blind
indexes are under one root at a time, the one `common.models.KeyState` names (the oldest
configured before any re-index): `keys_rotate` recomputes them under the current root.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

#: The purposes keys are derived for; a new use adds its name here (and to the docs).
PURPOSES = frozenset({
    "field-encryption",   # Fernet keys of identity numbers and TOTP secrets at rest
    "blind-index",        # exact look-up of identity numbers without storing them
    "receipt-lookup",     # finding a report from its receipt code
    "client-address",     # rate-limit keys of public visitors (the address is never kept)
    "sender-handle",      # the thread of an SMS/WhatsApp sender without their number
    "backup",             # encryption of backups when LINDUNG_BACKUP_KEY is not set
    "uploads",            # uploaded files with personal data while kept (common/sealed.py)
})


def roots() -> list[bytes]:
    """The root secrets, newest first: the current one, then those being rotated out."""
    fallbacks = getattr(settings, "SECRET_KEY_FALLBACKS", []) or []
    return [str(secret).encode() for secret in (settings.SECRET_KEY, *fallbacks) if secret]


def derive(root: bytes, purpose: str) -> bytes:
    if purpose not in PURPOSES:
        raise ValueError(f"Unknown key purpose {purpose!r}")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"lindung",
                info=purpose.encode()).derive(root)


def key(purpose: str) -> bytes:
    """The current key for `purpose`."""
    return derive(roots()[0], purpose)


def oldest_key(purpose: str) -> bytes:
    """The key for `purpose` under the oldest root still configured (the blind indexes of a
    database never re-indexed: look-ups keep working while a new root is introduced)."""
    return derive(roots()[-1], purpose)


def fingerprint(derived: bytes) -> str:
    """A short public name of a derived key (which root a stored value is under), from which
    the key cannot be worked back."""
    return hmac.new(derived, b"lindung:key-fingerprint", hashlib.sha256).hexdigest()[:16]


def keys(purpose: str) -> list[bytes]:
    """Every key for `purpose`, the current one first."""
    return [derive(root, purpose) for root in roots()]


def digest(purpose: str, value: str, *, length: int = 64) -> str:
    """A keyed HMAC-SHA256 of `value` (hex, `length` characters) under the current key."""
    return hmac.new(key(purpose), value.encode(), hashlib.sha256).hexdigest()[:length]


def digests(purpose: str, value: str, *, length: int = 64) -> list[str]:
    """The digest of `value` under every key, the current one first (for look-ups while a
    root is being rotated out)."""
    return [hmac.new(k, value.encode(), hashlib.sha256).hexdigest()[:length]
            for k in keys(purpose)]
