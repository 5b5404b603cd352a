"""Spelling keys, phonetic keys and blocking keys for Indonesian name tokens.

Two encodings of one token, both deterministic and memoised:

:func:`spelling_key`
    Merges the spellings of the *same* sound that Indonesian records use interchangeably, and
    keeps vowels. Used by the scorer: "Fatimah" = "Fatima", "Yusuf" = "Jusuf" = "Yusup",
    "Syamsul" = "Samsul", "Rachmat" = "Rakhmat" = "Rahmat" = "Rahmad", "Hendry" = "Hendri",
    but "Rina" != "Rini".

:func:`phonetic_token`
    The spelling key with every vowel run after the first letter collapsed to one vowel class
    (``a``), then double letters collapsed again. Coarser, used only for blocking: it also
    absorbs Javanese o/a ("Sutrisno"/"Sutrisna"), e/i ("Dewi"/"Dewy") and most one-vowel typos.

The merges, applied in order:

* ``oe -> u``; an "Abd..." prefix is made canonical ("Abdurrahman" = "Abdul Rahman" written
  together, "Abdulaziz" = "Abdul Aziz");
* ``dj -> j``, ``tj -> c``; then ``j -> y`` everywhere (old ``j`` was ``y``; current ``j``
  comes from old ``dj``, so merging both is the one safe way to compare across spellings),
  which also merges ``nj``/``ny``;
* ``sy``/``sj`` -> ``s`` ("Syarif" = "Sarif"), a leading ``ts -> s``;
* ``ch`` -> ``k`` before ``r``/``l`` ("Christina" = "Kristina"), otherwise ``ch``/``kh`` -> ``h``
  ("Chairul" = "Khairul" = "Hairul", "Achmad" = "Ahmad");
* aspirated ``h`` after a consonant is dropped ("Thomas" = "Tomas", "Ramadhan" = "Ramadan",
  "Shinta" = "Sinta", "Bhakti" = "Bakti");
* ``ph``, ``f``, ``v`` -> ``p`` (Sundanese "Arip" = "Arif", "Nopi" = "Novi", "Yusup" = "Yusuf");
  ``z``, ``dz`` -> ``s`` ("Aziz" = "Azis"); ``q``/``ck`` -> ``k``; ``x`` -> ``ks``; ``ie``/``ou``
  -> ``i``/``u``;
* double letters collapse ("Muhammad" = "Muhamad", "Yohannes" = "Yohanes");
* at the end: ``y -> i`` ("Rudy" = "Rudi"), ``h`` after a vowel dropped ("Aisyah" = "Aisya"),
  ``d -> t`` and ``b -> p`` (Javanese final devoicing: "Ahmad" = "Ahmat", "Yakub" = "Yakup").

Blocking (:func:`blocking_keys`) is documented on the function.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from itertools import combinations
from itertools import pairwise
from typing import Final

from lindung.matching.common_tokens import COMMON_TOKENS
from lindung.matching.normalize import PATRONYM_MARKER
from lindung.matching.normalize import name_tokens

__all__ = [
    "JOINABLE_TOKENS",
    "MAX_KEY_TOKEN_LENGTH",
    "STOP_KEY_LIMIT",
    "blocking_keys",
    "phonetic_token",
    "record_keys",
    "spelling_key",
    "unique_key",
]

#: Phonetic tokens are cut to this length inside keys, so every key stays <= 64 characters.
MAX_KEY_TOKEN_LENGTH: Final = 20
#: At most this many distinct tokens of a name make keys (pairs grow quadratically).
MAX_KEY_TOKENS: Final = 6
#: Shortest phonetic token that gets one-typo (deletion) keys: shorter ones are too generic.
MIN_DELETION_LENGTH: Final = 4
#: Suggested query-time limit: ignore a key shared by more records than this.
STOP_KEY_LIMIT: Final = 2000
#: Tokens often written glued to the next one ("Nur Hayati" / "Nurhayati").
JOINABLE_TOKENS: Final = frozenset(
    {"nur", "nurul", "abdul", "sri", "dwi", "tri", "eka", "al", "el"}
)

_VOWELS: Final = frozenset("aeiou")
_ABD_RE: Final = re.compile(r"^abd[ua]([lr]?)")
_CH_BEFORE_LIQUID_RE: Final = re.compile(r"ch(?=[rl])")
_ASPIRATED_RE: Final = re.compile(r"([bcdfgjklmnpqrstvwxyz])h")
_DOUBLE_RE: Final = re.compile(r"(.)\1+")
_VOWEL_RUN_RE: Final = re.compile(r"[aeiou]+")
_NON_LETTER_RE: Final = re.compile(r"[^a-z]+")
_LETTER_MAP: Final = str.maketrans({"f": "p", "v": "p", "z": "s", "q": "k"})


def _canonical_abd(token: str) -> str:
    """Make "Abd..." names comparable whether written as one token or two."""
    match = _ABD_RE.match(token)
    if match is None:
        return token
    rest = token[match.end() :]
    if len(rest) < 3:
        # "abdul", "abduh", "abdur": a name of its own, not a prefix.
        return token
    liquid = match.group(1)
    if rest[0] in _VOWELS and liquid:
        # "abdurahman" -> "abdul" + "rahman"; "abdulaziz" -> "abdul" + "laziz" (same as
        # "abdul" + "aziz" once double letters collapse).
        rest = liquid + rest
    return "abdul" + rest


@lru_cache(maxsize=200_000)
def spelling_key(token: str) -> str:
    """Spelling-insensitive form of one name token, vowels kept (see the module docstring).

    >>> spelling_key("fatimah") == spelling_key("fatima")
    True
    >>> spelling_key("tjahjo") == spelling_key("cahyo")
    True
    """
    text = _NON_LETTER_RE.sub("", token.lower())
    if not text:
        return ""
    text = _consonants(_old_spelling(text))
    text = text.replace("ie", "i").replace("ou", "u")
    text = _DOUBLE_RE.sub(r"\1", text)
    if len(text) > 2:
        text = _final_letter(text)
    return text


def _old_spelling(text: str) -> str:
    """The spelling reform (oe, dj, tj, j, sj/sy) and the canonical "Abd..." prefix."""
    text = text.replace("oe", "u")
    if text.startswith("abd"):
        text = _canonical_abd(text)
    text = text.replace("dj", "j").replace("tj", "c").replace("j", "y")
    text = text.replace("sy", "s")
    if text.startswith("ts"):
        text = text[1:]
    return text


def _consonants(text: str) -> str:
    """ch/kh, aspirated h, dz, ck, x and f/v/z/q written alike."""
    if "ch" in text:
        text = _CH_BEFORE_LIQUID_RE.sub("k", text).replace("ch", "h")
    text = text.replace("kh", "h").replace("dz", "s")
    if "h" in text:
        text = _ASPIRATED_RE.sub(r"\1", text)
    return text.replace("ck", "k").replace("x", "ks").translate(_LETTER_MAP)


def _final_letter(text: str) -> str:
    """The last letter of a token longer than two: y -> i, h after a vowel dropped, final
    devoicing d -> t and b -> p."""
    last = text[-1]
    if last == "y":
        return text[:-1] + "i"
    if last == "h" and text[-2] in _VOWELS:
        return text[:-1]
    if last == "d":
        return text[:-1] + "t"
    if last == "b":
        return text[:-1] + "p"
    return text


@lru_cache(maxsize=200_000)
def phonetic_token(token: str) -> str:
    """Coarse phonetic key of one name token, for blocking.

    The spelling key with every vowel run after the first letter replaced by ``a``.

    >>> phonetic_token("soekarno") == phonetic_token("sukarna")
    True
    >>> phonetic_token("djoko") == phonetic_token("yoko") != phonetic_token("budi")
    True
    """
    key = spelling_key(token)
    if len(key) < 2:
        return key
    return _DOUBLE_RE.sub(r"\1", key[0] + _VOWEL_RUN_RE.sub("a", key[1:]))


@lru_cache(maxsize=1)
def _common_phonetic() -> frozenset[str]:
    return frozenset(phonetic_token(token) for token in COMMON_TOKENS)


def unique_key(token: str) -> str:
    """The ``u:`` blocking key of one name token (whose count is the token's frequency)."""
    return "u:" + phonetic_token(token)[:MAX_KEY_TOKEN_LENGTH]


def _year_buckets(year: int) -> tuple[str, str]:
    """Two staggered two-year buckets: years y and y+1 always share one of them."""
    return f"a{year // 2}", f"b{(year + 1) // 2}"


def blocking_keys(
    tokens: Sequence[str], birth_year: int | None, *, birth_date: date | None = None
) -> set[str]:
    """Blocking keys of one person; a true match shares at least one with high probability.

    ``tokens`` are normalised name tokens (:func:`~lindung.matching.normalize.name_tokens`;
    the ``bin`` marker is skipped, the father's tokens count). ``birth_date``, when known,
    adds the most selective keys; ``birth_year`` is taken from it when not given.

    Every token is reduced to its :func:`phonetic_token`; single letters (initials) are
    skipped, as are more than :data:`MAX_KEY_TOKENS` tokens. A token is *common* when its
    phonetic key is that of one of the built-in very common tokens
    (:data:`~lindung.matching.weights.COMMON_TOKENS`). Only the built-in list decides, never
    observed frequencies, so stored keys do not change when the registry grows. A common
    token never makes a key on its own. Keys (``bucket`` is one of two staggered two-year
    buckets of the birth year, ``a{y//2}`` and ``b{(y+1)//2}``: years y and y+1 always
    share one):

    ``u:{token}`` and ``t:{token}:{bucket}``
        every uncommon token, without and with the birth year: survive a typo in, or the
        loss of, any other token, a token swap, a birth year off by one, and (``u:``) a
        wrong or missing birth date. Tokens often glued to the next ("nur", "abdul",
        "sri"...) also make these keys for the glued pair, so "Nur Hayati" meets "Nurhayati".
    ``p:{token1}:{token2}`` and ``p:{token1}:{token2}:{bucket}``
        every sorted pair of distinct tokens without year; when both tokens are common
        ("Siti Rahayu") also with the year buckets, a smaller block to fall back on.
    ``m:{token}:{mmdd}`` / ``d:{token}:{mmdd}:{bucket}``
        with a full birth date, every uncommon token with the day and month, and every
        common token with the day, month and year buckets. Both survive a year off by one.
        Small blocks; they catch two-token names where the one uncommon token has a typo
        ("Siti Rahyau") and names made only of common tokens ("Sri Wahyuni" with a typo, or
        a one-token "Setiawan").
    ``x:{token}`` and ``x:{token minus one letter}``
        when a name has exactly one uncommon token (of 4 letters or more), that token and
        each of its one-letter deletions, without year: any one typo (substitution,
        insertion, deletion, transposition) leaves the two records sharing one of them, even
        without a birth date (the "symmetric deletion" trick of spelling correctors).
    ``i:{initial}:{mmdd}:{bucket}``
        the first letter of every token with the day, month and year buckets: the net under
        typos in one-token names ("Kurniawan" / "Kurniawn"), which no token key survives.

    Blocks are uneven by nature: a fairly common token missing from the built-in list
    makes a large ``u:`` block, and dates that stand in for an unknown one (1 January,
    31 December) make large date blocks. The keys are designed so that the smaller keys
    still carry recall when the largest are dropped: the database layer should ignore, at
    query time, every key whose block is larger than it can score
    (:data:`STOP_KEY_LIMIT`).

    What is missed: a typo in the only uncommon token *together with* a wrong birth date,
    a one-token name made of a common token without a birth date, and names whose every
    token changed beyond its phonetic key. Keys are at most 64 characters.

    >>> sorted(blocking_keys(["yohanes", "manafe"], 1990))[:3]
    ['p:manapa:yahanas', 't:manapa:a995', 't:manapa:b995']
    """
    common = _common_phonetic()
    if birth_date is not None and birth_year is None:
        birth_year = birth_date.year
    words = [token for token in tokens if token != PATRONYM_MARKER and len(token) > 1]
    phonetic = _phonetic_words(words)
    singles = _with_joined(phonetic, words)
    buckets = _year_buckets(birth_year) if birth_year is not None else ()
    keys: set[str] = set()
    for key in singles:
        if key not in common:
            keys.add(f"u:{key}")
            keys.update(f"t:{key}:{bucket}" for bucket in buckets)
    uncommon = [key for key in phonetic if key not in common]
    if len(uncommon) == 1 and len(uncommon[0]) >= MIN_DELETION_LENGTH:
        # The only uncommon token carries the name: make it survive one typo.
        key = uncommon[0]
        keys.add(f"x:{key}")
        keys.update(f"x:{key[:i]}{key[i + 1 :]}" for i in range(len(key)))
    for first, second in combinations(sorted(phonetic), 2):
        keys.add(f"p:{first}:{second}")
        if first in common and second in common:
            keys.update(f"p:{first}:{second}:{bucket}" for bucket in buckets)
    if birth_date is not None:
        keys |= _date_keys(phonetic, singles, birth_date, common)
    return keys


def _phonetic_words(words: Sequence[str]) -> list[str]:
    """The distinct phonetic tokens of the words (cut to :data:`MAX_KEY_TOKEN_LENGTH`), at
    most :data:`MAX_KEY_TOKENS`."""
    phonetic: list[str] = []
    for word in words:
        key = phonetic_token(word)[:MAX_KEY_TOKEN_LENGTH]
        if len(key) > 1 and key not in phonetic:
            phonetic.append(key)
        if len(phonetic) == MAX_KEY_TOKENS:
            break
    return phonetic


def _with_joined(phonetic: list[str], words: Sequence[str]) -> list[str]:
    """The phonetic tokens, and those of a joinable token glued to the next ("nur hayati"
    also as "nurhayati")."""
    singles = list(phonetic)
    for first, second in pairwise(words):
        if first in JOINABLE_TOKENS:
            joined = phonetic_token(first + second)[:MAX_KEY_TOKEN_LENGTH]
            if joined not in singles:
                singles.append(joined)
    return singles


def _date_keys(
    phonetic: list[str], singles: list[str], birth_date: date, common: frozenset[str]
) -> set[str]:
    """The keys of a full birth date: ``m:`` / ``d:`` per token, ``i:`` per initial."""
    keys: set[str] = set()
    day_month = f"{birth_date.month:02d}{birth_date.day:02d}"
    dated = [f"{day_month}:{bucket}" for bucket in _year_buckets(birth_date.year)]
    for key in singles:
        if key in common:
            keys.update(f"d:{key}:{suffix}" for suffix in dated)
        else:
            keys.add(f"m:{key}:{day_month}")
    for initial in {key[0] for key in phonetic}:
        keys.update(f"i:{initial}:{suffix}" for suffix in dated)
    return keys


def record_keys(name: str, birth_date: date | None) -> set[str]:
    """Blocking keys of a raw name and birth date (normalises the name first)."""
    return blocking_keys(
        name_tokens(name),
        birth_date.year if birth_date is not None else None,
        birth_date=birth_date,
    )
