"""Very common Indonesian name tokens and the rough share of people whose name holds them.

Data of its own module so that both the blocking keys (``keys``) and the weights
(``weights``, which imports ``keys``) read it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["COMMON_TOKENS"]

_VERY: Final = 0.05
_HIGH: Final = 0.025
_MID: Final = 0.012

#: Very common Indonesian name tokens (normalised form) and the rough share of people whose
#: name contains them. Estimates from name lists, good to a factor of two, which is all a
#: weight needs (a factor of two moves a weight by 0.7 nats).
COMMON_TOKENS: Final[Mapping[str, float]] = {
    **dict.fromkeys(("muhammad", "siti", "nur", "sri"), _VERY),
    **dict.fromkeys(
        (
            *("ahmad", "abdul", "dewi", "putri", "agus", "budi", "nurul", "dian", "eka"),
            *("dwi", "tri", "ayu", "wati", "andi", "maria", "wayan", "made", "putu"),
            *("nyoman", "ketut", "kadek", "komang", "gede", "ni", "luh", "al"),
        ),
        _HIGH,
    ),
    **dict.fromkeys(
        (
            *("rina", "rini", "indah", "fitri", "rahayu", "lestari", "wahyuni", "wulandari"),
            *("kurniawan", "setiawan", "hidayat", "saputra", "saputri", "pratama", "sari"),
            *("puspita", "yanti", "yuli", "ani", "ratna", "rizki", "fajar", "hendra", "joko"),
            *("eko", "bambang", "slamet", "heru", "teguh", "ida", "yulia", "yohanes", "ali"),
            *("hasan", "rahman", "rahmat", "aminah", "fatimah", "aisyah", "nurhayati"),
            *("susanti", "santoso", "wijaya", "kusuma", "handayani", "ningsih", "asep"),
            *("ujang", "dedi", "iwan", "yusuf", "ibrahim", "ismail", "lalu", "baiq", "hadi"),
            *("adi", "endang", "wahyu", "ade", "yosef", "agustina", "fransiskus", "anita"),
            *("novita", "maya", "dani", "ari", "arif", "rudi", "yudi", "sutrisno", "sumarni"),
            *("abdullah", "hidayah", "syamsul", "umar", "daeng", "ambo", "siregar", "yakobus"),
        ),
        _MID,
    ),
}
