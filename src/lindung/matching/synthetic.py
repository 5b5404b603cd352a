"""Deterministic synthetic Indonesian people, variants and homonyms, to measure matching.

Everything takes a seeded :class:`random.Random`, so a seed always gives the same people.
Nothing here is real data: names are drawn independently from pools per culture
(Javanese, Sundanese, Batak, Bugis, NTT, Sasak, and Muslim names across regions), with one-name
people, bin/binti forms and titles; birth dates 1965-2008; NIKs that are well formed and agree
with sex and birth date, with real Kemendagri province and regency codes; passports letter +
7 digits.

* :func:`make_person`: one new person.
* :func:`make_variant`: another record of the same person, with the variation seen in
  Indonesian records (old spelling, Muhammad variants, titles, swapped or dropped tokens, a
  typo, a birth year off by one, missing NIK, a bin/binti part...).
* :func:`make_homonym`: a different person with the same name.
* :func:`labelled_pairs`: pairs with the truth, for precision and recall.
* :func:`generate_registry`: a stream of records with duplicates, ``true_id`` as cluster id.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import timedelta
from typing import Final
from typing import Literal

from lindung.matching.normalize import name_tokens
from lindung.matching.score import Candidate
from lindung.matching.score import Query

__all__ = [
    "CULTURES",
    "VARIATIONS",
    "LabelledPair",
    "SyntheticPerson",
    "generate_registry",
    "labelled_pairs",
    "make_homonym",
    "make_person",
    "make_variant",
    "nik_for",
]

Sex = Literal["M", "F"]
Culture = Literal["javanese", "sundanese", "batak", "bugis", "ntt", "sasak", "muslim"]
CULTURES: Final[tuple[Culture, ...]] = (
    "javanese",
    "sundanese",
    "batak",
    "bugis",
    "ntt",
    "sasak",
    "muslim",
)
_CULTURE_WEIGHTS: Final = (30, 15, 8, 8, 14, 10, 15)


def _pool(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Pools: (male first, female first, second/family names) per culture.
_FIRST_M: Final[dict[Culture, tuple[str, ...]]] = {
    "javanese": _pool(
        "Agus Budi Joko Bambang Slamet Eko Heru Teguh Wahyu Sugeng Puji Tri Dwi Bayu Dimas "
        "Aris Yudi Hadi Arif Rudi Edi Andri Fajar Anton Didik Sigit Bagus Hendro Sri Nanang"
    ),
    "sundanese": _pool(
        "Asep Ujang Dadang Cecep Iwan Dedi Endang Ade Jajang Usep Aep Yayan Dede Tatang "
        "Nandang Dodi Encep Ikin Engkus Mamat Ruslan Rahmat Deden Agus Yana Ayi Oman"
    ),
    "batak": _pool(
        "Togar Sahat Hotman Parlindungan Mangasi Maruli Bonar Poltak Daniel Jhon Robert "
        "Fernando Hendra Benny Roy Edward Martin Marihot Jonathan Hisar Tigor Binsar Partogi "
        "Bernard Pardamean Sabar Samuel Yosua Hotasi"
    ),
    "bugis": _pool(
        "Baso Beddu Sudirman Hasanuddin Syamsuddin Arif Amir Rusdi Ridwan Zainal Syahrir Ambo "
        "Haeruddin Sappe Lukman Akbar Asri Irwan Hamzah Jufri Basri Nasrullah Rahmat Darwis "
        "Syarifuddin Kaharuddin Muhtar Hasbi"
    ),
    "ntt": _pool(
        "Yohanes Yosef Fransiskus Agustinus Petrus Paulus Yakobus Markus Aloysius Kornelis "
        "Anselmus Bernadus Dominggus Emanuel Frederik Lukas Matias Stefanus Wilhelmus "
        "Yeremias Oktovianus Simon Marthen Yunus Daniel Gabriel Hendrik Melkianus Yohanis "
        "Adrianus Kristoforus Viktor Arnoldus Siprianus Yustinus Benediktus Vinsensius"
    ),
    "sasak": _pool(
        "Zaenal Sahnan Muhlis Rusdi Junaidi Suhaimi Sahabudin Hasbullah Mastur Ahyar Rosidi "
        "Zulkarnaen Marzuki Saprudin Sahril Hamdan Fathurrahman Ihsan Muksin Supardi Hairul "
        "Sapri Mahsun Sukri Munawir Harun Usman"
    ),
    "muslim": _pool(
        "Muhammad Ahmad Abdul Hasan Husein Ali Umar Usman Ibrahim Ismail Yusuf Yahya Yakub "
        "Rahman Hakim Aziz Karim Hidayat Abdullah Abdurrahman Syarif Syamsul Zulkifli Arifin "
        "Ridwan Rizki Fauzi Hamid Haris Iskandar Taufik Ilham Anwar Faisal Khoirul Sholeh "
        "Mustofa Syaiful Imam"
    ),
}
_FIRST_F: Final[dict[Culture, tuple[str, ...]]] = {
    "javanese": _pool(
        "Sri Dewi Tri Dwi Eka Endang Puji Ratna Retno Indah Rini Wulan Yuni Siti Ani Dyah "
        "Ika Novi Fitri Rina Sari Tutik Umi Sumarni Sulastri Tuminah Sukarti Painem Sutini"
    ),
    "sundanese": _pool(
        "Euis Neneng Iis Imas Eneng Yayah Cucu Enok Nining Titin Lilis Eti Enung Nunung "
        "Cicih Siti Tati Yani Rina Nani Elis Kokom Popon Ani Dewi Rosita Ratna Nia Dian"
    ),
    "batak": _pool(
        "Tiur Rosmawati Lamria Hotmaida Rumondang Sinta Romauli Debora Friska Melva Rugun "
        "Nurhayati Tiurma Lasma Nelly Ruth Dame Sondang Lusiana Evi Marta Rosdiana Minar "
        "Masniari Tetty Riris Hotnida"
    ),
    "bugis": _pool(
        "Sitti Hasnah Becce Nurhayati Hasmawati Rosmiati Haslinda Suriani Nurmiati Darmawati "
        "Hasniah Rahmawati Nurlela Megawati Kasmawati Marhaeni Nursiah Rukiah Jumriah"
    ),
    "ntt": _pool(
        "Maria Yohana Yuliana Marselina Agnes Katarina Elisabeth Theresia Veronika Margaretha "
        "Adelina Anastasia Florentina Yosefina Regina Susana Martha Yustina Sisilia Bernadeta "
        "Imelda Natalia Lusia Antonia Kristina Helena Dorkas Ester Sarlota Mariana Aplonia "
        "Selfiana Orpa"
    ),
    "sasak": _pool(
        "Nurhasanah Hairani Saharia Sumiati Masniah Mahnun Zuhriah Fatmawati Nurhidayah "
        "Rohani Sahnun Halimah Maesarah Marni Rukmini Hartini Nurul Juniati Sri Erna Mardiah"
    ),
    "muslim": _pool(
        "Siti Nur Nurul Fatimah Aminah Aisyah Khadijah Zainab Maryam Halimah Maimunah Latifah "
        "Masitoh Mutmainah Qomariyah Rohmah Nurhayati Umi Annisa Zahra Salma Hafsah Rabiah "
        "Nadia Fitri"
    ),
}
_SECOND_M: Final[dict[Culture, tuple[str, ...]]] = {
    "javanese": _pool(
        "Santoso Susilo Widodo Prasetyo Nugroho Hartono Suyono Mulyono Sumarno Supriyadi "
        "Setiawan Kurniawan Haryanto Wibowo Raharjo Cahyono Yulianto Subagyo Darmawan Triyono "
        "Suparman Suwarno Sutarno Margono Purnomo Sutrisno Wahyudi Saputro Pamungkas Kuncoro "
        "Wicaksono Sulistyo Budiman Suharto Sukarno Tukiman Paijo Wagiman Sugiyono Karyono"
    ),
    "sundanese": _pool(
        "Saepudin Sutisna Suryana Permana Hidayat Sopian Mulyana Sukmana Kurnia Nugraha "
        "Sunarya Rustandi Sudrajat Supriatna Suherman Hermawan Setiadi Ramdani Firmansyah "
        "Kusnadi Hendrayana Gunawan Hamdani Nurdin Mulyadi Ruhiyat Maulana Sobari Suhendar"
    ),
    "bugis": _pool(
        "Tahir Latif Rauf Hamid Amin Saleh Mustari Mappe Nompo Sanusi Baharuddin Nurdin "
        "Sultan Palallo Paturusi Pananrangi Mallombasi Amiruddin Syamsuddin Hasanuddin"
    ),
    "sasak": _pool(
        "Zaenal Sahnan Muhlis Rusdi Junaidi Suhaimi Hasbullah Mastur Ahyar Rosidi Marzuki "
        "Saprudin Hamdan Ihsan Muksin Supardi Sapri Mahsun Sukri Munawir Harun Usman Maulana"
    ),
    "muslim": _pool(
        "Hidayat Hidayatullah Rahman Hakim Arifin Ridwan Fauzi Hamid Mahmud Syafii Maulana "
        "Ramadhan Firdaus Hasyim Zakaria Ilyas Idris Munir Nasir Rasyid Baihaqi Yusuf "
        "Iskandar Anshori Mubarok Fadli"
    ),
}
_SECOND_F: Final[dict[Culture, tuple[str, ...]]] = {
    "javanese": _pool(
        "Rahayu Lestari Wahyuni Astuti Wulandari Handayani Kartini Sumiati Purwanti Susanti "
        "Setyowati Ningsih Rahmawati Kusumawati Puspitasari Utami Mulyani Suryani Sulastri "
        "Yuliani Pratiwi Anggraini Maryati Wijayanti Haryati Widiastuti"
    ),
    "sundanese": _pool(
        "Suryani Rosmiati Kurniasih Nurjanah Maryam Rahmawati Mulyati Sumiati Komalasari "
        "Herawati Yuningsih Kartika Setiawati Rohaeti Nurhasanah Sukaesih Juariah Hayati "
        "Rostika Fitriani Yulianti Lestari Hasanah Aisah Saadah"
    ),
    "bugis": _pool(
        "Hasnah Rahma Nurhayati Aminah Salmah Kasmawati Marhaeni Sanawiah Nursiah Rukiah "
        "Jumriah Hadijah Mardiah"
    ),
    "sasak": _pool(
        "Nurhasanah Hairani Saharia Sumiati Masniah Mahnun Zuhriah Fatmawati Nurhidayah "
        "Rohani Halimah Maesarah Hartini Juniati Mardiah"
    ),
    "muslim": _pool(
        "Aminah Fatimah Aisyah Khadijah Zainab Maryam Hasanah Rohmah Hidayah Azizah Masruroh "
        "Jamilah Khoiriyah Nurjanah Muawanah Zubaidah Sholihah Ulfa Rahmawati Rahmah"
    ),
}
_FAMILY: Final[dict[Culture, tuple[str, ...]]] = {
    "batak": _pool(
        "Simanjuntak Siregar Nasution Lubis Harahap Situmorang Sitorus Hutapea Panjaitan "
        "Sinaga Simatupang Pardede Manurung Tampubolon Hutagalung Silalahi Sihombing "
        "Nainggolan Pasaribu Marpaung Sembiring Ginting Tarigan Hutabarat Sitompul Siahaan "
        "Napitupulu Lumbantobing Purba Damanik Saragih Simbolon Gultom Samosir Sianturi"
    ),
    "ntt": _pool(
        "Ndun Manafe Benu Tefa Nope Boimau Sabu Lado Tallo Ratu Bire Lay Pello Bani Kase "
        "Nenobais Taneo Lakapu Amalo Fanggidae Messakh Seran Bria Nahak Klau Mau Atok Bere "
        "Tae Neno Asa Kolo Laka Naitboho Tanesib Sinlae Fernandez Pareira Wea Lewa Goa Wolo "
        "Nuwa Bhoki Dhae Lena Koten Kelen Tukan Hurint Sanga Ngongo Meko Making Parera "
        "Dacosta Tapatab Selan Lopo Banunaek Sonbai Tamonob Fallo Hale Dethan Mooy Pah"
    ),
}
_ONE_NAME_RATE: Final[dict[Culture, float]] = {
    "javanese": 0.25,
    "sundanese": 0.12,
    "batak": 0.03,
    "bugis": 0.12,
    "ntt": 0.04,
    "sasak": 0.25,
    "muslim": 0.10,
}
_NOBLE: Final[dict[Culture, tuple[str, str]]] = {
    "bugis": ("Andi", "Andi"),
    "sasak": ("Lalu", "Baiq"),
}
_MUSLIM_CULTURES: Final = frozenset({"javanese", "sundanese", "bugis", "sasak", "muslim"})

# (regency code, birth place as usually written) per culture.
_REGIONS: Final[dict[Culture, tuple[tuple[str, str], ...]]] = {
    "javanese": (
        ("3301", "Cilacap"),
        ("3302", "Purwokerto"),
        ("3310", "Klaten"),
        ("3312", "Wonogiri"),
        ("3324", "Kendal"),
        ("3374", "Semarang"),
        ("3502", "Ponorogo"),
        ("3504", "Tulungagung"),
        ("3505", "Blitar"),
        ("3507", "Malang"),
        ("3509", "Jember"),
        ("3510", "Banyuwangi"),
        ("3578", "Surabaya"),
    ),
    "sundanese": (
        ("3202", "Sukabumi"),
        ("3203", "Cianjur"),
        ("3204", "Bandung"),
        ("3205", "Garut"),
        ("3206", "Tasikmalaya"),
        ("3209", "Cirebon"),
        ("3212", "Indramayu"),
        ("3273", "Bandung"),
    ),
    "batak": (
        ("1202", "Tarutung"),
        ("1212", "Balige"),
        ("1271", "Medan"),
        ("1272", "Pematangsiantar"),
        ("1273", "Sibolga"),
        ("1217", "Pangururan"),
    ),
    "bugis": (
        ("7302", "Bulukumba"),
        ("7306", "Sungguminasa"),
        ("7308", "Watampone"),
        ("7311", "Barru"),
        ("7371", "Makassar"),
        ("7372", "Parepare"),
    ),
    "ntt": (
        ("5301", "Kupang"),
        ("5302", "Soe"),
        ("5303", "Kefamenanu"),
        ("5304", "Atambua"),
        ("5306", "Larantuka"),
        ("5307", "Maumere"),
        ("5308", "Ende"),
        ("5310", "Ruteng"),
        ("5311", "Waingapu"),
        ("5314", "Ba'a"),
        ("5371", "Kupang"),
    ),
    "sasak": (
        ("5201", "Gerung"),
        ("5202", "Praya"),
        ("5203", "Selong"),
        ("5208", "Tanjung"),
        ("5271", "Mataram"),
    ),
    "muslim": (
        ("3507", "Malang"),
        ("3205", "Garut"),
        ("5203", "Selong"),
        ("7371", "Makassar"),
        ("3321", "Demak"),
        ("3517", "Jombang"),
    ),
}

_FIRST_BIRTH: Final = date(1965, 1, 1)
_LAST_BIRTH: Final = date(2008, 12, 31)
_PREFIX_TITLES_M: Final = ("H.", "Drs.", "Ir.", "Haji")
_PREFIX_TITLES_F: Final = ("Hj.", "Dra.", "Hajjah", "Ny.")
_SUFFIX_DEGREES: Final = (", S.Pd.", " S.E.", ", S.H.", ", S.Kom", " A.Md.", ", Amd.Keb", " S.Sos.")
#: Degrees and titles written before the name ("S.Pd. Bambang", "Amd. Sumiati") or a title
#: after it ("Siti Aminah Hj."), as some registration forms produce them.
_PREFIX_DEGREES: Final = ("S.Pd.", "Amd.", "S.E.", "A.Md.Keb.", "S.Kom.", "SPd", "Amd")
_SUFFIX_TITLES_M: Final = (" Drs.", ", Ir.", " H.Drs.")
_SUFFIX_TITLES_F: Final = (" Hj.", ", Dra.", " Hj")
_TITLE_STRINGS: Final = frozenset(
    title.strip(", ").upper()
    for title in (
        *_PREFIX_TITLES_M,
        *_PREFIX_TITLES_F,
        *_SUFFIX_DEGREES,
        *_PREFIX_DEGREES,
        *_SUFFIX_TITLES_M,
        *_SUFFIX_TITLES_F,
    )
)
_MUHAMMAD_SPELLINGS: Final = (
    "Muhamad",
    "Mohammad",
    "Mohamad",
    "Mohamed",
    "Muhammed",
    "Moh.",
    "Mohd.",
    "Muh.",
    "Mochammad",
    "Mhd.",
)
_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class SyntheticPerson:
    """One synthetic record; records with the same ``true_id`` are the same person."""

    record_id: str
    true_id: str
    name: str
    birth_date: date | None
    birth_place: str | None
    sex: Sex
    nik: str | None
    passport: str | None
    culture: Culture
    variations: tuple[str, ...] = ()

    def to_query(self) -> Query:
        return Query(
            self.name, self.birth_date, self.birth_place, self.nik, self.passport, self.sex
        )

    def to_candidate(self) -> Candidate:
        return Candidate(
            self.record_id,
            self.name,
            self.birth_date,
            self.birth_place,
            self.nik,
            self.passport,
            self.sex,
        )


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two records and the truth: ``kind`` is variant, homonym, near or random."""

    left: SyntheticPerson
    right: SyntheticPerson
    same: bool
    kind: str


def _random_id(rng: random.Random, prefix: str) -> str:
    return f"{prefix}{rng.getrandbits(48):012x}"


def _random_birth_date(rng: random.Random) -> date:
    return _FIRST_BIRTH + timedelta(days=rng.randrange((_LAST_BIRTH - _FIRST_BIRTH).days + 1))


def nik_for(regency: str, birth_date: date, sex: Sex, rng: random.Random) -> str:
    """A well-formed NIK: regency (4 digits), district, DDMMYY (+40 for women), serial."""
    district = rng.randint(1, 30)
    day = birth_date.day + (40 if sex == "F" else 0)
    serial = rng.randint(1, 9999)
    return (
        f"{regency}{district:02d}{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        f"{serial:04d}"
    )


def _passport(rng: random.Random) -> str:
    return f"{rng.choice('ABCEX')}{rng.randrange(10_000_000):07d}"


def _make_name(culture: Culture, sex: Sex, rng: random.Random) -> str:
    first = (_FIRST_M if sex == "M" else _FIRST_F)[culture]
    second = (_SECOND_M if sex == "M" else _SECOND_F).get(culture, first)
    family = _FAMILY.get(culture)
    if rng.random() < _ONE_NAME_RATE[culture]:
        return rng.choice(second if family is None else first)
    tokens = [rng.choice(first)]
    if culture in _MUSLIM_CULTURES and rng.random() < 0.15:
        prefix = rng.choice(("Muhammad", "Ahmad", "Abdul") if sex == "M" else ("Siti", "Nur"))
        if prefix.lower() != tokens[0].lower():
            tokens.insert(0, prefix)
    if rng.random() < 0.2:
        extra = rng.choice(first if family is not None else second)
        if extra not in tokens:
            tokens.append(extra)
    if family is not None:
        if culture == "batak" and sex == "F" and rng.random() < 0.3:
            tokens.append("br.")
        tokens.append(rng.choice(family))
    else:
        last = rng.choice(second)
        if last not in tokens:
            tokens.append(last)
    noble = _NOBLE.get(culture)
    if noble is not None and rng.random() < 0.2:
        tokens.insert(0, noble[0] if sex == "M" else noble[1])
    return " ".join(tokens)


def make_person(
    rng: random.Random, *, culture: Culture | None = None, true_id: str | None = None
) -> SyntheticPerson:
    """One new synthetic person (85% with a NIK, 40% with a passport, 5% with a title)."""
    culture = culture or rng.choices(CULTURES, weights=_CULTURE_WEIGHTS)[0]
    sex: Sex = "M" if rng.random() < 0.5 else "F"
    name = _make_name(culture, sex, rng)
    if rng.random() < 0.05:
        name = _add_title(name, sex, rng)
    birth_date = _random_birth_date(rng)
    regency, place = rng.choice(_REGIONS[culture])
    identifier = true_id or _random_id(rng, "T")
    return SyntheticPerson(
        record_id=_random_id(rng, "R"),
        true_id=identifier,
        name=name,
        birth_date=birth_date,
        birth_place=place,
        sex=sex,
        nik=nik_for(regency, birth_date, sex, rng) if rng.random() < 0.85 else None,
        passport=_passport(rng) if rng.random() < 0.4 else None,
        culture=culture,
    )


# ---------------------------------------------------------------------------------------------
# Variation


def _old_spelling_token(token: str) -> str:
    """Current spelling to the pre-1972 one (and ``u`` to the pre-1947 ``oe``)."""
    if token.endswith(".") or len(token) < 2:
        return token
    lower = token.lower()
    out = (
        lower.replace("ny", "\x02")
        .replace("sy", "\x03")
        .replace("kh", "\x04")
        .replace("j", "\x05")
        .replace("c", "\x06")
        .replace("y", "j")
        .replace("u", "oe")
        .replace("\x02", "nj")
        .replace("\x03", "sj")
        .replace("\x04", "ch")
        .replace("\x05", "dj")
        .replace("\x06", "tj")
    )
    return out.upper() if token.isupper() else out.capitalize()


def _old_spelling(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    tokens = person.name.split()
    changed = [_old_spelling_token(token) for token in tokens]
    if changed == tokens:
        return None
    return replace(person, name=" ".join(changed))


def _muhammad_variant(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    tokens = person.name.split()
    for index, token in enumerate(tokens):
        if token.lower() == "muhammad":
            choices = (*_MUHAMMAD_SPELLINGS, "M.") if index == 0 else _MUHAMMAD_SPELLINGS
            tokens[index] = rng.choice(choices)
            return replace(person, name=" ".join(tokens))
    return None


def _add_title(name: str, sex: Sex, rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.35:
        return f"{rng.choice(_PREFIX_TITLES_M if sex == 'M' else _PREFIX_TITLES_F)} {name}"
    if draw < 0.6:
        return f"{rng.choice(_PREFIX_DEGREES)} {name}"
    if draw < 0.75:
        return f"{name}{rng.choice(_SUFFIX_TITLES_M if sex == 'M' else _SUFFIX_TITLES_F)}"
    return f"{name}{rng.choice(_SUFFIX_DEGREES)}"


def _toggle_title(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    """Drop the titles and degrees a record has, or add one if it has none."""
    tokens = person.name.split()
    kept = [token for token in tokens if token.upper() not in _TITLE_STRINGS]
    if len(kept) < len(tokens):
        return replace(person, name=" ".join(kept).rstrip(","))
    return replace(person, name=_add_title(person.name, person.sex, rng))


def _own_tokens(name: str) -> list[str]:
    """Name tokens before any bin/binti, titles and degrees left out."""
    tokens = [token for token in name.split() if token.rstrip(",").upper() not in _TITLE_STRINGS]
    for marker in ("bin", "binti"):
        if marker in tokens:
            return tokens[: tokens.index(marker)]
    return tokens


def _swap_tokens(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    tokens = person.name.split()
    own = _own_tokens(person.name)
    if len(own) < 2:
        return None
    first, second = rng.sample(own, 2)
    i, j = tokens.index(first), tokens.index(second)
    tokens[i], tokens[j] = tokens[j], tokens[i]
    return replace(person, name=" ".join(tokens))


def _drop_token(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    own = [t for t in _own_tokens(person.name) if t.lower() not in ("br.", "br")]
    if len(own) < 2:
        return None
    tokens = person.name.split()
    del tokens[tokens.index(rng.choice(own))]
    return replace(person, name=" ".join(tokens).rstrip(","))


def _typo(
    person: SyntheticPerson, rng: random.Random, only: frozenset[int] | None = None
) -> SyntheticPerson | None:
    tokens = person.name.split()
    candidates = [
        i
        for i, t in enumerate(tokens)
        if len(t) >= 4
        and t.isalpha()
        and t.upper() not in _TITLE_STRINGS
        and (only is None or i in only)
    ]
    if not candidates:
        return None
    index = rng.choice(candidates)
    chars = list(tokens[index])
    # Typists rarely get the first letter wrong: 8% of typos, not 1 in len(token).
    position = 0 if rng.random() < 0.08 else rng.randrange(1, len(chars))
    kind = rng.choice(("substitute", "transpose", "delete"))
    if kind == "substitute":
        chars[position] = rng.choice(_LETTERS.replace(chars[position].lower(), ""))
    elif (
        kind == "transpose" and position < len(chars) - 1 and chars[position] != chars[position + 1]
    ):
        chars[position], chars[position + 1] = chars[position + 1], chars[position]
    else:
        del chars[position]
    tokens[index] = "".join(chars)
    return replace(person, name=" ".join(tokens))


def _year_off_by_one(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    if person.birth_date is None:
        return None
    born = person.birth_date
    year = born.year + rng.choice((-1, 1))
    day = 28 if (born.month, born.day) == (2, 29) else born.day
    return replace(person, birth_date=date(year, born.month, day))


def _drop_birth_date(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    if person.birth_date is None:
        return None
    return replace(person, birth_date=None)


def _drop_nik(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    if person.nik is None:
        return None
    return replace(person, nik=None)


def _add_patronym(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    if " bin " in person.name or " binti " in person.name:
        return None
    culture: Culture = person.culture if person.culture in _MUSLIM_CULTURES else "muslim"
    father = rng.choice(_FIRST_M[culture])
    marker = "bin" if person.sex == "M" else rng.choice(("binti", "binti", "bt."))
    return replace(person, name=f"{person.name} {marker} {father}")


def _add_token(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    """One name against two, the other way round: the record gains a token the first lacks:
    the family name (Batak, NTT), the one name written twice ("Sumiati Sumiati", a one-name
    person in a form with two name fields) or another given name."""
    own = _own_tokens(person.name)
    if not own:
        return None
    family = _FAMILY.get(person.culture)
    tokens = person.name.split()
    position = tokens.index(own[-1]) + 1
    if len(own) == 1 and rng.random() < 0.5:
        extra = own[0]
    elif family is not None:
        extra = rng.choice(family)
    else:
        pool = (_SECOND_M if person.sex == "M" else _SECOND_F).get(person.culture)
        pool = pool or (_FIRST_M if person.sex == "M" else _FIRST_F)[person.culture]
        extra = rng.choice(pool)
    if extra.lower() in (token.lower() for token in own) and extra != own[0]:
        return None
    tokens.insert(position, extra)
    return replace(person, name=" ".join(tokens))


def _combined(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson | None:
    """An old spelling with a typo on top of it in the same token ("Yoesf" for "Yosef")."""
    tokens = person.name.split()
    changed = [_old_spelling_token(token) for token in tokens]
    respelled = frozenset(i for i, (a, b) in enumerate(zip(tokens, changed, strict=True)) if a != b)
    if not respelled:
        return None
    return _typo(replace(person, name=" ".join(changed)), rng, respelled)


_Variation = Callable[[SyntheticPerson, random.Random], SyntheticPerson | None]
#: Variation name -> (function, relative frequency).
VARIATIONS: Final[dict[str, tuple[_Variation, int]]] = {
    "old_spelling": (_old_spelling, 12),
    "muhammad": (_muhammad_variant, 6),
    "title": (_toggle_title, 10),
    "swap": (_swap_tokens, 8),
    "drop_token": (_drop_token, 12),
    "typo": (_typo, 18),
    "year_off_by_one": (_year_off_by_one, 10),
    "nik_missing": (_drop_nik, 12),
    "birth_date_missing": (_drop_birth_date, 3),
    "patronym": (_add_patronym, 8),
    "add_token": (_add_token, 8),
    "combined": (_combined, 5),
}


def _cosmetic(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson:
    """Changes every system makes without meaning to: case, place written as a regency."""
    name = person.name.upper() if rng.random() < 0.3 else person.name
    place = person.birth_place
    if place is not None and rng.random() < 0.2:
        place = rng.choice((f"Kab. {place}", place.upper(), f"Kota {place}"))
    return replace(person, name=name, birth_place=place)


def make_variant(
    person: SyntheticPerson, rng: random.Random, *, kinds: tuple[str, ...] | None = None
) -> SyntheticPerson:
    """Another record of the same person: one to three variations (or exactly ``kinds``).

    The record keeps ``true_id`` and gets a new ``record_id``; ``variations`` names what
    changed. A variation that does not apply (no Muhammad to respell) is replaced by another.
    """
    names = list(VARIATIONS)
    if kinds is None:
        count = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
        weights = [VARIATIONS[name][1] for name in names]
        wanted: list[str] = []
        while len(wanted) < count:
            pick = rng.choices(names, weights=weights)[0]
            if pick not in wanted:
                wanted.append(pick)
    else:
        wanted = list(kinds)
    variant = person
    applied: list[str] = []
    fallbacks = ["typo", "title", "nik_missing", "old_spelling", "year_off_by_one"]
    for kind in wanted:
        changed = VARIATIONS[kind][0](variant, rng)
        if changed is None and kinds is None:
            for fallback in fallbacks:
                if fallback not in applied and fallback not in wanted:
                    changed = VARIATIONS[fallback][0](variant, rng)
                    if changed is not None:
                        kind = fallback
                        break
        if changed is not None:
            variant = changed
            applied.append(kind)
    variant = _cosmetic(variant, rng)
    return replace(variant, record_id=_random_id(rng, "R"), variations=tuple(applied))


def make_homonym(
    person: SyntheticPerson, rng: random.Random, *, same_birth: bool = False
) -> SyntheticPerson:
    """A different person with the same name: other birth date, place, NIK and passport.

    ``same_birth``: an *ambiguous* homonym, born the same day in the same place (another NIK
    and passport, when any): only a NIK or a passport can tell the two apart."""
    born = person.birth_date or _random_birth_date(rng)
    if same_birth:
        regency = next(
            (code for code, place in _REGIONS[person.culture] if place == person.birth_place),
            _REGIONS[person.culture][0][0],
        )
        return replace(
            person,
            record_id=_random_id(rng, "R"),
            true_id=_random_id(rng, "T"),
            birth_date=born,
            nik=nik_for(regency, born, person.sex, rng) if rng.random() < 0.85 else None,
            passport=_passport(rng) if rng.random() < 0.4 else None,
            variations=("ambiguous_homonym",),
        )
    birth_date = _random_birth_date(rng)
    while birth_date == born:
        birth_date = _random_birth_date(rng)
    places = [region for region in _REGIONS[person.culture] if region[1] != person.birth_place]
    regency, place = rng.choice(places or _REGIONS[person.culture])
    return replace(
        person,
        record_id=_random_id(rng, "R"),
        true_id=_random_id(rng, "T"),
        birth_date=birth_date,
        birth_place=place,
        nik=nik_for(regency, birth_date, person.sex, rng) if rng.random() < 0.85 else None,
        passport=_passport(rng) if rng.random() < 0.4 else None,
        variations=("homonym",),
    )


def _near_miss(person: SyntheticPerson, rng: random.Random) -> SyntheticPerson:
    """A different person from the same culture sharing at least one name token if possible."""
    for _ in range(20):
        other = make_person(rng, culture=person.culture)
        if set(name_tokens(other.name)) & set(name_tokens(person.name)):
            break
    if rng.random() < 0.3:
        other = replace(other, birth_date=person.birth_date)
    return replace(other, variations=("near",))


def labelled_pairs(n: int, rng: random.Random) -> list[LabelledPair]:
    """``n`` labelled pairs: 50% variants, 20% homonyms, 15% near misses, 15% random pairs.

    Near misses share a name token where possible and, 30% of the time, the birth date.
    """
    pairs: list[LabelledPair] = []
    for _ in range(n):
        person = make_person(rng)
        draw = rng.random()
        if draw < 0.5:
            pairs.append(LabelledPair(person, make_variant(person, rng), True, "variant"))
        elif draw < 0.7:
            pairs.append(LabelledPair(person, make_homonym(person, rng), False, "homonym"))
        elif draw < 0.85:
            pairs.append(LabelledPair(person, _near_miss(person, rng), False, "near"))
        else:
            pairs.append(LabelledPair(person, make_person(rng), False, "random"))
    return pairs


def generate_registry(
    n: int,
    seed: int,
    duplicate_rate: float = 0.1,
    homonym_rate: float = 0.0,
    ambiguous_rate: float = 0.0,
) -> Iterator[SyntheticPerson]:
    """``n`` records; a share ``duplicate_rate`` are variants of earlier people (same
    ``true_id``), ``homonym_rate`` are new people named like an earlier one, and
    ``ambiguous_rate`` new people named like an earlier one *and* born the same day in the
    same place (:func:`make_homonym` with ``same_birth``)."""
    rng = random.Random(seed)  # noqa: S311 (synthetic test data, not security)
    earlier: list[SyntheticPerson] = []
    for _ in range(n):
        draw = rng.random()
        if earlier and draw < duplicate_rate:
            yield make_variant(rng.choice(earlier), rng)
            continue
        if earlier and draw < duplicate_rate + homonym_rate:
            person = make_homonym(rng.choice(earlier), rng)
        elif earlier and draw < duplicate_rate + homonym_rate + ambiguous_rate:
            person = make_homonym(rng.choice(earlier), rng, same_birth=True)
        else:
            person = make_person(rng)
        earlier.append(person)
        yield person
