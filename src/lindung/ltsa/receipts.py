"""Receipt codes: how an applicant follows an application without an account.

A code is 24 characters of Crockford base32 (120 random bits), shown once, grouped as
XXXX-XXXX-XXXX-XXXX-XXXX-XXXX. Only its first four characters (the look-up key, 20 bits) and
an Argon2id hash of the whole code are stored; the remaining 100 bits are never stored in a
form that can be read back.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from argon2.exceptions import VerifyMismatchError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
CODE_LENGTH = 24
LOOKUP_LENGTH = 4
_HASHER = PasswordHasher()
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def receipt_code_new() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def receipt_code_clean(code: str) -> str:
    """Upper case, without separators, with look-alike letters mapped (O -> 0, I/L -> 1)."""
    text = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_CONFUSABLE)
    return text if len(text) == CODE_LENGTH and all(ch in ALPHABET for ch in text) else ""


def receipt_lookup(code: str) -> str:
    return receipt_code_clean(code)[:LOOKUP_LENGTH]


def receipt_hash(code: str) -> str:
    return _HASHER.hash(receipt_code_clean(code))


def receipt_matches(code: str, stored_hash: str) -> bool:
    clean = receipt_code_clean(code)
    if not clean or not stored_hash:
        return False
    try:
        return bool(_HASHER.verify(stored_hash, clean))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
