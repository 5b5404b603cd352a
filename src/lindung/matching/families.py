"""Family and clan names: a token that several unrelated given names share in one lineage.

Batak marga, NTT, Maluku, Minahasa and Papuan family names. When one record of a person has
the family name and another lacks it ("Yohanes Manafe" on the passport, "Yohanes" on an old
KTP), the missing token is a family name left out, which costs little; a different given
name left out costs more (see :mod:`lindung.matching.names`). A list, not a rule: common
Indonesian family names are a finite set, and a name missing here is only treated as an
ordinary given name.
"""

from __future__ import annotations

from typing import Final

from lindung.matching.keys import spelling_key

__all__ = ["FAMILY_NAMES", "is_family_name"]

_BATAK: Final = (
    "simanjuntak siregar nasution lubis harahap situmorang sitorus hutapea panjaitan sinaga "
    "simatupang pardede manurung tampubolon hutagalung silalahi sihombing nainggolan pasaribu "
    "marpaung sembiring ginting tarigan hutabarat sitompul siahaan napitupulu lumbantobing "
    "purba damanik saragih simbolon gultom samosir sianturi sitanggang sihotang silaban "
    "sirait simamora simorangkir sinambela sitohang tambunan tobing aritonang batubara "
    "butarbutar daulay hasibuan hutauruk lumbangaol lumbanraja malau manik munthe nababan "
    "naibaho nadeak pakpahan pane pangaribuan parapat pohan rajagukguk rangkuti ritonga "
    "sagala sidabutar sijabat simangunsong simarmata sinurat sipayung siringoringo "
    "situngkir surbakti sebayang karosekali perangin-angin peranginangin bangun barus "
    "brahmana depari"
)
_NTT: Final = (
    "ndun manafe benu tefa nope boimau sabu lado tallo ratu bire lay pello bani kase nenobais "
    "taneo lakapu amalo fanggidae messakh seran bria nahak klau mau atok bere tae neno asa "
    "kolo laka naitboho tanesib sinlae fernandez pareira wea lewa goa wolo nuwa bhoki dhae "
    "lena koten kelen tukan hurint sanga ngongo meko making parera dacosta tapatab selan lopo "
    "banunaek sonbai tamonob fallo hale dethan mooy pah ataupah baun bessie djami dima "
    "haning kana kapitan lenggu leo liu lona manu mesakh nalle nitbani riwu rohi sabaat "
    "sinaga snae tanaem tuan wadu"
)
_EAST: Final = (
    "lumenta pangemanan sondakh rondonuwu tumbelaka supit wenas mandagi lengkong runtuwene "
    "pattinama latuconsina pattiasina pattipeilohy tuhumury wattimena sahetapy manuputty "
    "leiwakabessy latumahina rumbiak wanma kambu mandacan awom yoku rumere"
)

#: Spelling keys of known family names.
FAMILY_NAMES: Final = frozenset(spelling_key(name) for name in f"{_BATAK} {_NTT} {_EAST}".split())


def is_family_name(key: str) -> bool:
    """Whether a spelling key (:func:`~lindung.matching.keys.spelling_key`) is a family name."""
    return key in FAMILY_NAMES
