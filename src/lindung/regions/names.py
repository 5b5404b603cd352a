"""Normalise Indonesian region names and resolve them to official Kemendagri codes.

Names arrive spelt in many ways: "Kab. Sukabumi", "KABUPATEN SUKABUMI", "Kabupetan Sikka",
"Prov. Jatim", "Kab. SDB". :func:`normalize_region_name` reduces a name to a canonical form,
and :func:`resolve_region` (or :class:`RegionIndex`, to resolve many names against the same
rows) finds the one region it stands for, or ``None`` when there is no single answer.

Pure Python, no Django: the rows come from the caller (``regions.csv.gz`` or the database).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from typing import Literal

__all__ = [
    "LEVELS",
    "REGION_ALIASES",
    "RegionIndex",
    "level_of_code",
    "lookup_alias",
    "normalize_region_name",
    "resolve_region",
]

Level = Literal["province", "regency", "district", "village"]
LEVELS: tuple[Level, ...] = ("province", "regency", "district", "village")
_LEVEL_BY_PARTS: dict[int, Level] = {1: "province", 2: "regency", 3: "district", 4: "village"}

#: Leading words that name the kind of region, and what they normalise to.
#: "Kabupetan" is a misspelling found in the seed document.
_KIND_WORDS: dict[str, Literal["kabupaten", "kota", "provinsi"]] = {
    "kab": "kabupaten",
    "kabupaten": "kabupaten",
    "kabupetan": "kabupaten",
    "kabupaen": "kabupaten",
    "kot": "kota",
    "kota": "kota",
    "prov": "provinsi",
    "propinsi": "provinsi",
    "provinsi": "provinsi",
}

#: Abbreviated words inside names ("Kep. Seribu", "Tg. Jabung Timur").
_WORD_EXPANSIONS = {"kep": "kepulauan", "kepl": "kepulauan", "tg": "tanjung"}

_APOSTROPHES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")

#: Abbreviations and misspellings mapped to the official code. Keys are in normalised form
#: (see :func:`normalize_region_name`) and carry no "kabupaten"/"kota" prefix: "Kab. Loteng"
#: is looked up as "loteng". Province keys are normalised province names.
#: Every entry is checked against ``regions.csv.gz`` by ``tests/regions/test_region_names.py``.
REGION_ALIASES: dict[str, str] = {
    # Provinces: common abbreviations (those used in the seed are marked).
    "nad": "11",  # Nanggroe Aceh Darussalam
    "nanggroe aceh darussalam": "11",
    "sumut": "12",
    "sumbar": "13",
    "sumsel": "16",
    "babel": "19",
    "bangka belitung": "19",
    "kepri": "21",  # seed: "Prov. Kepri", embarkation "KEPRI"
    "dki": "31",
    "dki jakarta": "31",  # seed: embarkation "DKI JAKARTA"
    "jakarta": "31",
    "jabar": "32",
    "jateng": "33",
    "diy": "34",
    "diy yogyakarta": "34",  # seed: "Prov DIY Yogyakarta"
    "di yogyakarta": "34",
    "yogyakarta": "34",
    "jatim": "35",  # seed: "Prov. Jatim"
    "ntb": "52",  # seed: "Prov. NTB"
    "ntt": "53",  # seed: "Prov. NTT", "Program Khusus NTT"
    "kalbar": "61",  # seed: "Prov. Kalbar"
    "kalteng": "62",
    "kalsel": "63",  # seed: "Prov. Kalsel"
    "kaltim": "64",
    "kaltara": "65",
    "sulut": "71",
    "sulteng": "72",
    "sulsel": "73",  # seed: "Prov. Sulsel"
    "sultra": "74",
    "sulbar": "76",
    "malut": "82",
    "pabar": "92",
    "pbd": "96",
    # Regencies in Nusa Tenggara Barat.
    "lobar": "52.01",  # seed: "Kab. Lobar" = Kabupaten Lombok Barat
    "loteng": "52.02",  # seed: "Kab. Loteng" = Kabupaten Lombok Tengah
    "lotim": "52.03",  # seed: "Kab. Lotim" = Kabupaten Lombok Timur
    "klu": "52.08",  # Kabupaten Lombok Utara
    "ksb": "52.07",  # Kabupaten Sumbawa Barat
    # Regencies in Nusa Tenggara Timur.
    "tts": "53.02",  # Kabupaten Timor Tengah Selatan
    "ttu": "53.03",  # Kabupaten Timor Tengah Utara
    "nagakeo": "53.16",  # seed misspelling of Kabupaten Nagekeo
    "sdb": "53.18",  # seed: "Kab. SDB" = Kabupaten Sumba Barat Daya
    "sbd": "53.18",
    "matim": "53.19",  # Kabupaten Manggarai Timur
    # Other regencies.
    "tanjab timur": "15.07",  # Kabupaten Tanjung Jabung Timur
    "tanjabtim": "15.07",
}

RegionRow = tuple[str, str, str]  # (code, level, name)


def _fold(text: str) -> str:
    """Lowercase, drop accents and apostrophes, turn any other punctuation into spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


def _split_kind(name: str) -> tuple[str | None, list[str]]:
    """Return (kind, remaining words) of a name; kind is kabupaten, kota, provinsi or None."""
    words = [_WORD_EXPANSIONS.get(word, word) for word in _fold(name).split()]
    kind: str | None = None
    if len(words) > 1 and words[0] in _KIND_WORDS:
        kind = _KIND_WORDS[words[0]]
        words = words[1:]
        # "Kota Administrasi Jakarta Pusat" -> "kota jakarta pusat".
        if kind != "provinsi" and len(words) > 1 and words[0] in ("administrasi", "adm"):
            words = words[1:]
    return kind, words


def normalize_region_name(s: str) -> str:
    """Canonical form of a region name for comparisons.

    Lowercase, accents and apostrophes removed, other punctuation turned into spaces,
    spaces collapsed. A leading "Kab."/"Kab"/"Kabupaten"/"Kabupetan" becomes "kabupaten",
    "Kot."/"Kota" becomes "kota", and "Prov."/"Prov"/"Provinsi"/"Propinsi" is removed
    (province names in the reference data have no prefix). "Kep." becomes "kepulauan" and
    "Tg." "tanjung". A kind word alone ("Kota") is kept as a name.

    >>> normalize_region_name("Kab. Sumba Barat-Daya")
    'kabupaten sumba barat daya'
    >>> normalize_region_name("PROV.  JAWA TIMUR")
    'jawa timur'
    """
    kind, words = _split_kind(s)
    if kind in ("kabupaten", "kota"):
        words = [kind, *words]
    return " ".join(words)


def level_of_code(code: str) -> Level:
    """Level of a dotted Kemendagri code: "32" province ... "32.04.11.2001" village."""
    parts = code.count(".") + 1
    if parts not in _LEVEL_BY_PARTS:
        raise ValueError(f"not a region code: {code!r}")
    return _LEVEL_BY_PARTS[parts]


def _regency_kind(code: str) -> str:
    return "kota" if int(code.split(".")[1]) >= 71 else "kabupaten"


def _compact(normalised: str) -> str:
    return normalised.replace(" ", "")


def _alias_candidates(
    aliases: dict[str, str], kind: str | None, words: list[str], levels: Sequence[str]
) -> Iterator[str]:
    """Alias codes for a split name that agree with its kind word and the wanted levels."""
    keys = [" ".join(words)]
    if kind in ("kabupaten", "kota"):
        keys.insert(0, f"{kind} {keys[0]}")
    for key in keys:
        code = aliases.get(key)
        if code is None:
            continue
        level = level_of_code(code)
        if level not in levels:
            continue
        if kind == "provinsi" and level != "province":
            continue
        if kind in ("kabupaten", "kota") and (level != "regency" or _regency_kind(code) != kind):
            continue
        yield code


def _levels_for(kind: str | None, level: str | None) -> Sequence[str]:
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}, expected one of {LEVELS}")
        return (level,)
    if kind == "provinsi":
        return ("province",)
    if kind in ("kabupaten", "kota"):
        return ("regency",)
    return LEVELS


def lookup_alias(name: str, level: str | None = None) -> str | None:
    """Code that :data:`REGION_ALIASES` gives ``name``, without looking at any rows.

    Handles the prefix the way :meth:`RegionIndex.resolve` does: "Kab. Loteng" finds the
    alias "loteng" (a kabupaten), "Kota Loteng" and "Kab. Jatim" find nothing, and
    "Prov. Jatim" finds "35". ``level`` restricts the answer to that level.
    """
    kind, words = _split_kind(name)
    if not words:
        return None
    return next(_alias_candidates(REGION_ALIASES, kind, words, _levels_for(kind, level)), None)


class RegionIndex:
    """Pre-normalised region rows, for resolving many names against the same data."""

    def __init__(self, rows: Iterable[RegionRow], aliases: dict[str, str] | None = None) -> None:
        self.aliases = REGION_ALIASES if aliases is None else aliases
        self._levels: dict[str, str] = {}
        # (level, key) -> codes, for the exact, compact and prefix-free comparisons.
        self._exact: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._compact: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._bare: dict[tuple[str, str], list[str]] = defaultdict(list)
        for code, level, name in rows:
            self._levels[code] = level
            normalised = normalize_region_name(name)
            self._exact[level, normalised].append(code)
            self._compact[level, _compact(normalised)].append(code)
            if level == "regency":
                _, words = _split_kind(name)
                self._bare[level, "".join(words)].append(code)

    def __contains__(self, code: object) -> bool:
        return code in self._levels

    @staticmethod
    def _find(
        table: dict[tuple[str, str], list[str]], key: str, levels: Sequence[str]
    ) -> list[str]:
        found: list[str] = []
        for level in levels:
            found.extend(table.get((level, key), ()))
        return found

    def _alias(self, kind: str | None, words: list[str], levels: Sequence[str]) -> str | None:
        for code in _alias_candidates(self.aliases, kind, words, levels):
            if code in self._levels:
                return code
        return None

    def resolve(self, name: str, level: str | None = None) -> str | None:
        """Code of the single region called ``name``, or ``None`` (unknown or ambiguous).

        Tried in order, the first that finds anything decides:

        1. the exact normalised name; if several regions share it, only an alias can
           still decide, otherwise the answer is ``None``;
        2. :data:`REGION_ALIASES` (abbreviations and misspellings);
        3. the normalised name without spaces ("Tanjung Balai" = "Tanjungbalai");
        4. for regencies, the name without "Kabupaten"/"Kota" and without spaces
           ("Surakarta" = "Kota Surakarta", "Tg. Balai" = "Kota Tanjungbalai"), when only
           one regency has it ("Bandung" is both a kabupaten and a kota: ``None``).

        ``level`` restricts the search to province, regency, district or village. Without
        it, a "Prov." prefix means a province and "Kab."/"Kota" a regency.
        """
        kind, words = _split_kind(name)
        levels = _levels_for(kind, level)
        if not words:
            return None
        normalised = normalize_region_name(name)

        exact = self._find(self._exact, normalised, levels)
        if len(exact) == 1:
            return exact[0]
        alias = self._alias(kind, words, levels)
        if alias is not None or exact:
            return alias
        compact = self._find(self._compact, _compact(normalised), levels)
        if compact:
            return compact[0] if len(compact) == 1 else None
        if kind is None and "regency" in levels:
            bare = self._find(self._bare, "".join(words), ("regency",))
            if len(bare) == 1:
                return bare[0]
        return None


def resolve_region(name: str, rows: Iterable[RegionRow], level: str | None = None) -> str | None:
    """Code of the unique region in ``rows`` (code, level, name) called ``name``, or None.

    Convenience wrapper around :class:`RegionIndex`; build the index once instead when
    resolving many names.
    """
    if level is not None:
        rows = (row for row in rows if row[1] == level)
    return RegionIndex(rows).resolve(name, level)
