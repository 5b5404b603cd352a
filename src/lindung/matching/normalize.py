"""Normalise Indonesian personal names into canonical tokens for matching.

The output is a matching form, not a display form: lowercase ASCII tokens separated by one
space. The pipeline, in order:

1. Unicode fold: NFKD, accents and other non-ASCII characters dropped ("Hélène" -> "helene").
2. Lowercase; everything but letters, dots and apostrophes separates tokens (hyphens, commas,
   digits, slashes...). Apostrophes join ("Ma'ruf" -> "maruf").
3. Titles and degrees are removed wherever they stand. Before the name, repeatedly: titles
   ("H.", "Hj.", "Haji", "Drs.", "Dr.", "Ir.", "Prof.", "K.H.", "Ust.", "Ny.", "Bpk.", "Alm."
   ...) and degrees ("S.Pd. Bambang", "Amd. Sumiati"; without a dot only a degree with at most
   one vowel, not starting with one, or an "Amd..."; "St." first stays "Siti"). After the
   first name token: academic degrees ("S.Pd.", "S.E.", "SH", "S.Kom", "M.M.", "A.Md.",
   "Amd.Keb", "Ph.D" ...), whether written with or without dots, glued or split ("S. Pd."),
   and the academic or religious titles that are no name ("Hj.", "Drs.", "Ir.", "Dr.",
   "Prof."; a single "H." there is an initial). A few degrees that are also plausible name
   tokens ("MA", "BA", "Ama") count only when written with a dot. If nothing would be left
   (a name that is only "Haji"), the titles are kept.
4. Old spelling to the current one (EYD), token by token:

   * always: ``oe -> u`` (Soewandi 1947), ``dj -> j``, ``tj -> c``, ``ch -> kh`` (``k`` before
     ``r``/``l``: "Christina" -> "kristina"), ``hj -> hy`` (never occurs in current spelling);
   * ``nj -> ny``, ``sj -> sy`` at the start of a token, or anywhere in a token that shows
     another sure sign of old spelling (``oe``, ``dj``, ``tj``);
   * ``j -> y`` only in a token that shows such a sure sign ("Tjahjo" -> "cahyo",
     "Soejono" -> "suyono", "Djaja" -> "jaya"), plus a short lexicon of names whose ``j`` can
     only be old spelling ("Jusuf" -> "yusuf", "Jahja" -> "yahya", "Johannes" -> "yohannes").

   Why not ``j -> y`` everywhere: after 1972 the old ``dj`` became ``j``, so a bare ``j`` is
   far more often a current-spelling "Joko", "Jaya", "Juwita" than an old-spelling "Jusuf".
   Rewriting it would merge names that are different. The remaining ambiguity ("Wahju" vs
   "Wahyu", "Junus" is in the lexicon but "Jani" is not) is resolved where it is cheap and
   safe: the spelling and phonetic keys (:mod:`lindung.matching.keys`) merge ``j`` and ``y``
   for scoring and blocking, so recall does not depend on guessing here.
5. Muhammad: "Muhammad", "Muhamad", "Mohammad", "Mohamad", "Mohamed", "Muhammed",
   "Mochammad", "Moh.", "Mohd.", "Muh.", "Mhd." become ``muhammad`` anywhere; "M." and "Md."
   only as the first token ("Md." later in a name is usually the Balinese "Made").
   A few other abbreviations expand: "Abd." -> ``abdul``, "Yoh." -> ``yohanes``, and "St." as
   the first token -> ``siti``.
6. Patronyms: "bin", "binti", "bt.", "bte", "bn.", "ibn", "bint" become the marker token
   ``bin`` (see :func:`split_patronym`). The Batak "br."/"boru" before a clan name is dropped,
   the clan name stays.

Everything is deterministic and precompiled; per-token work is memoised, so the cost is a few
microseconds per name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

__all__ = [
    "PATRONYM_MARKER",
    "name_tokens",
    "normalize_name",
    "split_patronym",
]

#: The token that separates a person's own name from the father's name.
PATRONYM_MARKER: Final = "bin"

# Titles removed at the start of a name. Keys are the token with dots removed.
_TITLES: Final = frozenset(
    {
        *("h", "hj", "hji", "haji", "hajah", "hajjah", "hajji"),
        *("kh", "kyai", "kiai", "tgh", "ust", "ustad", "ustadz", "ustaz", "ustadzah", "ustazah"),
        *("dr", "drs", "dra", "drg", "ir", "prof"),
        *("bpk", "bapak", "pak", "ibu", "bu", "ny", "nyonya", "nn", "nona", "tn", "tuan"),
        *("sdr", "sdri", "sdra", "saudara", "saudari"),
        *("alm", "almh", "almarhum", "almarhumah", "raden", "rr", "rd"),
    }
)

# Degrees removed after the first name token, with or without dots.
_DEGREES: Final = frozenset(
    {
        # Bachelor (S1) and applied bachelor degrees.
        *("spd", "spdi", "spdsd", "se", "sei", "sh", "shi", "skom", "ssos", "sag", "sthi"),
        *("st", "ssi", "skep", "sked", "sfarm", "sip", "spsi", "shum", "skes", "str"),
        *("strkeb", "strkes", "skm", "skp", "sgz", "ssn", "sst", "stp", "spt", "sikom"),
        *("sfil", "sds", "ssy", "sak", "sth", "spdk", "sksos", "sgz", "spi"),
        # Master and doctorate.
        *("mm", "mpd", "mpdi", "msi", "mkom", "mh", "mhum", "mag", "mkes", "mt", "msc", "mba"),
        *("mph", "mkn", "map", "msm", "mhi", "mei", "mth", "mak", "phd", "mmr"),
        # Diploma (D3) and professional titles.
        *("amd", "amdkep", "amdkeb", "amdkes", "amdfarm", "amdak", "amdgz", "amdkom", "amdpar"),
        *("amdtek", "amdrad", "amk", "amkeb", "amkep", "amapd", "ns", "bsc", "lc", "dipl"),
        *("dea", "cpa", "apt", "spog", "sppd", "spb", "spm", "sprad", "spkk", "spjp", "spak"),
    }
)

# Degrees that are also plausible name tokens: removed only when written with a dot.
_DOTTED_DEGREES: Final = frozenset({"ma", "ba", "ama", "ak", "sp", "sa", "ag", "bc"})

_PATRONYM_CONNECTORS: Final = frozenset({"bin", "binti", "bt", "bte", "bn", "ibn", "bint", "binte"})
_CLAN_MARKERS: Final = frozenset({"br", "boru"})

_MUHAMMAD: Final = "muhammad"
_MUHAMMAD_RE: Final = re.compile(r"^m[ou](?:h|ch|kh)am{1,2}[ae][dt]$")
_MUHAMMAD_ABBREVIATIONS: Final = frozenset(
    {"moh", "mohd", "muh", "muhd", "mhd", "moch", "much", "mch", "mochd", "mokh", "mukh", "mhmd"}
)
_LEADING_ONLY: Final = {"m": _MUHAMMAD, "md": _MUHAMMAD, "st": "siti"}
_ABBREVIATIONS: Final = {"abd": "abdul", "yoh": "yohanes", "ign": "ignatius"}

# Names whose 'j' can only be old spelling for 'y' (Arabic and biblical names).
_OLD_J_NAMES: Final = {
    "jusuf": "yusuf",
    "jusup": "yusup",
    "jahja": "yahya",
    "jahya": "yahya",
    "jakub": "yakub",
    "jacub": "yakub",
    "jaqub": "yakub",
    "jasin": "yasin",
    "junus": "yunus",
    "jazid": "yazid",
    "jasir": "yasir",
    "johanes": "yohanes",
    "johannes": "yohannes",
    "josef": "yosef",
    "jakobus": "yakobus",
    "jeremias": "yeremias",
}

_SEPARATORS_RE: Final = re.compile(r"[^a-z.']+")
_CH_RE: Final = re.compile(r"ch(?=[rl])")
_OLD_SIGNS: Final = ("oe", "dj", "tj")
_DJ_PLACEHOLDER: Final = "\x01"


@lru_cache(maxsize=200_000)
def _modernise(token: str) -> str:
    """Old to current spelling for one token (no dots, no apostrophes)."""
    if token in _OLD_J_NAMES:
        return _OLD_J_NAMES[token]
    old = any(sign in token for sign in _OLD_SIGNS) or token.startswith(("nj", "sj"))
    out = token.replace("oe", "u").replace("dj", _DJ_PLACEHOLDER).replace("tj", "c")
    if old:
        out = out.replace("nj", "ny").replace("sj", "sy").replace("j", "y")
    out = out.replace(_DJ_PLACEHOLDER, "j").replace("hj", "hy")
    if "ch" in out:
        out = _CH_RE.sub("k", out).replace("ch", "kh")
    return _OLD_J_NAMES.get(out, out)


@lru_cache(maxsize=200_000)
def _canonical(token: str) -> str:
    """Canonical form of one token, independent of its position."""
    if token in _MUHAMMAD_ABBREVIATIONS:
        return _MUHAMMAD
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token]
    out = _modernise(token)
    if out in _MUHAMMAD_ABBREVIATIONS or _MUHAMMAD_RE.match(out):
        return _MUHAMMAD
    return _ABBREVIATIONS.get(out, out)


def _fold(raw: str) -> str:
    if raw.isascii():
        return raw.lower()
    folded = unicodedata.normalize("NFKD", raw)
    # Typographic apostrophes fold to nothing; keep them as joiners.
    folded = folded.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return folded.encode("ascii", "ignore").decode("ascii").lower()


# A unit is (letters without dots, written with a dot).
_Unit = tuple[str, bool]


def _units(text: str) -> list[_Unit]:
    """Split folded text into units; a dotted chunk that is not a title splits at its dots."""
    units: list[_Unit] = []
    for chunk in _SEPARATORS_RE.split(text):
        if not chunk:
            continue
        if "'" in chunk:
            chunk = chunk.replace("'", "")
        if "." not in chunk:
            if chunk:
                units.append((chunk, False))
            continue
        compact = chunk.replace(".", "")
        if not compact:
            continue
        if compact in _DEGREES or compact in _TITLES or compact in _DOTTED_DEGREES:
            units.append((compact, True))
            continue
        for piece in chunk.split("."):
            if piece:
                units.append((piece, True))
    return units


def _match_run(units: Sequence[_Unit], start: int, vocabulary: frozenset[str]) -> int:
    """How many units from ``start`` spell one entry of ``vocabulary`` (0 if none).

    A run of two or three short units counts only when every unit but the last was written
    with a dot ("S. Pd.", "K. H."), so that initials in a name are not glued together.
    """
    text, dotted = units[start]
    if text in vocabulary:
        return 1
    if vocabulary is _DEGREES and dotted and text in _DOTTED_DEGREES:
        return 1
    if not dotted or len(text) > 3:
        return 0
    compact = text
    for extra in (1, 2):
        index = start + extra
        if index >= len(units):
            return 0
        piece, piece_dotted = units[index]
        if len(piece) > 4:
            return 0
        compact += piece
        if compact in vocabulary or (vocabulary is _DEGREES and compact in _DOTTED_DEGREES):
            return extra + 1
        if not piece_dotted:
            return 0
    return 0


# Titles also removed after the name ("Siti Aminah Hj.", "Bambang, Ir."): academic and
# religious ones that are not plausible name tokens. A single "H." stays: after a name it is
# usually an initial.
_TRAILING_TITLES: Final = frozenset(
    {"hj", "hjh", "hji", "hajah", "hajjah", "drs", "dra", "drg", "dr", "ir", "prof"}
)
# Degrees accepted before the name without a dot: no vowel but one, not starting with a
# vowel ("SPd Bambang", "SKom Rina"), or an "Amd..." diploma. "St." first is "Siti".
_LEADING_DEGREE_EXCLUDED: Final = frozenset({"st"})


def _leading_degree(units: Sequence[_Unit], start: int) -> int:
    """How many units from ``start`` spell a degree written before the name (0 if none)."""
    text, dotted = units[start]
    if text in _LEADING_DEGREE_EXCLUDED:
        return 0
    consumed = _match_run(units, start, _DEGREES)
    if not consumed:
        return 0
    if dotted or consumed > 1 or text.startswith("amd"):
        return consumed
    vowels = sum(1 for letter in text if letter in "aeiou")
    return consumed if vowels <= 1 and text[0] not in "aeiou" else 0


def _skip_titles(units: Sequence[_Unit], start: int) -> int:
    """Skip the titles and degrees written before a name ("Hj.", "Drs.", "S.Pd.", "Amd.")."""
    while start < len(units):
        consumed = _match_run(units, start, _TITLES) or _leading_degree(units, start)
        if not consumed:
            break
        start += consumed
    return start


def _strip_titles(units: list[_Unit]) -> list[_Unit]:
    """Drop titles and degrees wherever they stand: before the name (also after "bin"), and
    degrees and the academic or religious titles after the first name token."""
    start = _skip_titles(units, 0)
    if start >= len(units):
        return units
    kept: list[_Unit] = [units[start]]
    index = start + 1
    while index < len(units):
        text = units[index][0]
        if text in _PATRONYM_CONNECTORS:
            kept.append(units[index])
            after = _skip_titles(units, index + 1)
            index = after if after < len(units) else index + 1
            continue
        consumed = _match_run(units, index, _DEGREES) or _match_run(
            units, index, _TRAILING_TITLES
        )
        if consumed:
            index += consumed
            continue
        kept.append(units[index])
        index += 1
    return kept


def name_tokens(raw: str) -> list[str]:
    """Canonical tokens of a name, father's part included after the ``bin`` marker.

    >>> name_tokens("Hj. Siti Aminah, S.Pd.")
    ['siti', 'aminah']
    >>> name_tokens("Moh. Jusuf bin Abd. Rachman")
    ['muhammad', 'yusuf', 'bin', 'abdul', 'rakhman']
    """
    units = _strip_titles(_units(_fold(raw)))
    tokens: list[str] = []
    for text, _dotted in units:
        if not tokens:
            leading = _LEADING_ONLY.get(text)
            if leading is not None and len(units) > 1:
                tokens.append(leading)
                continue
        else:
            if text in _PATRONYM_CONNECTORS:
                if PATRONYM_MARKER not in tokens:
                    tokens.append(PATRONYM_MARKER)
                continue
            if text in _CLAN_MARKERS:
                continue
        tokens.append(_canonical(text))
    if len(tokens) > 1 and tokens[-1] == PATRONYM_MARKER:
        tokens.pop()
    return tokens


def normalize_name(raw: str) -> str:
    """The matching form of a name: canonical tokens joined by single spaces.

    >>> normalize_name("Moh. Yusuf") == normalize_name("Muhammad Jusuf") == "muhammad yusuf"
    True
    >>> normalize_name("SOEKARNO")
    'sukarno'
    """
    return " ".join(name_tokens(raw))


def split_patronym(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split tokens at the ``bin`` marker into (own name, father's name).

    >>> split_patronym(["ahmad", "bin", "yusuf"])
    (['ahmad'], ['yusuf'])
    >>> split_patronym(["ahmad", "yusuf"])
    (['ahmad', 'yusuf'], [])
    """
    try:
        cut = list(tokens).index(PATRONYM_MARKER, 1)
    except ValueError:
        return list(tokens), []
    own = list(tokens[:cut])
    father = [token for token in tokens[cut + 1 :] if token != PATRONYM_MARKER]
    return own, father
