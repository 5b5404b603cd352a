"""Receipt codes for reporters: random, 80 bits, easy to read aloud over the phone.

A code is 16 characters of Crockford's base32 (no I, L, O or U, so nothing is mistaken for
1 or 0), shown in four groups: ``K7QM-4TZP-9XRA-2HWD``. It is shown once and stored only as

* a keyed digest (HMAC-SHA256 with a key derived from the server secret) that finds the row
  through a unique index, useless without the key, and
* an Argon2id hash that verifies it, slow by design.

Reading a code back forgives what people do on the phone: lower case, spaces, missing
hyphens, "O" for zero and "I"/"L" for one.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError

from lindung.common import keys

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 x 5 bits = 80 bits
GROUP = 4
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})

# Argon2id, the library's defaults (RFC 9106 second recommendation: t=3, m=64 MiB, p=4).
_HASHER = PasswordHasher()


class ReceiptFormatError(ValueError):
    """The text cannot be a receipt code (wrong length or characters)."""


def receipt_generate() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return receipt_format(raw)


def receipt_format(raw: str) -> str:
    return "-".join(raw[i:i + GROUP] for i in range(0, len(raw), GROUP))


def receipt_normalise(text: str) -> str:
    """The 16 canonical characters, or ReceiptFormatError."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t\r\n.").translate(_CONFUSABLE)
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        raise ReceiptFormatError(text)
    return cleaned


def receipt_lookup_digest(code: str) -> str:
    """The indexed look-up key of a (normalised or formatted) code, under the current key
    (`common.keys`, purpose "receipt-lookup")."""
    return keys.digest("receipt-lookup", receipt_normalise(code))


def receipt_lookup_digests(code: str) -> list[str]:
    """The look-up keys of a code under every key still accepted (the current one first),
    so that receipts issued before a rotation of the root secret still open their report."""
    return keys.digests("receipt-lookup", receipt_normalise(code))


def receipt_hash(code: str) -> str:
    return _HASHER.hash(receipt_normalise(code))


def receipt_verify(code: str, stored_hash: str) -> bool:
    try:
        return bool(_HASHER.verify(stored_hash, receipt_normalise(code)))
    except (VerificationError, InvalidHashError, ReceiptFormatError):
        return False


