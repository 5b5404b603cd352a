"""Reference data from the seed document: agencies, embarkation points, LTSA centres, missions.

The seed is a briefing given in Kupang on 15 October 2019 ("Rencana Aksi Nasional Pencegahan
dan Penanganan TPPO", Ali Tsabith Kholidi; ``seeds/000_ae536a28216210a3.txt``). It names
places as it pleases ("Kab. SDB", "TG. BALAI", "Kabupetan Sikka"); :data:`SEED_PLACES` maps
every one of them to an official Kemendagri code, and
``tests/directory/test_seed_reference.py`` checks the mapping against the shipped region
tree. Every record keeps where it comes from in ``source`` and, for sites, the seed's own
words in ``source_label``.

Where the seed is inconsistent (13 vs 14 LTSA in 2017, Sukabumi and Cirebon listed twice,
"9 anggota" naming seven agencies) the data says so instead of fixing it silently; the full
list is :data:`lindung.stats.seed.SEED_ISSUES`.

Load with :func:`reference_load` (``manage.py load_reference``), after the region tree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from lindung.directory.models import (
    Agency,
    AgencyKind,
    AgencyLevel,
    Desk,
    Site,
    SiteKind,
    SiteStatus,
)
from lindung.regions.models import Region

__all__ = [
    "AGENCIES",
    "EMBARKATION_POINTS",
    "LTSA_LISTS",
    "MISSIONS",
    "SEED_NAME_TO_REGION",
    "SEED_PLACES",
    "SEED_REF",
    "LtsaCentre",
    "RegionsMissingError",
    "SeedPlace",
    "ltsa_centres",
    "reference_load",
    "require_regions",
]

#: Short citation stored in ``source`` fields.
SEED_REF = "Paparan RAN PP TPPO, Ali Tsabith Kholidi, Kupang, 15 Oktober 2019"


# --- seed words -> official regions -------------------------------------------------------


@dataclass(frozen=True)
class SeedPlace:
    """A place name as the seed writes it, and the official region it stands for."""

    words: str  # exactly as in the seed
    code: str  # dotted Kemendagri code
    official: str  # the region's name in regions.csv.gz (checked by the tests)
    note: str = ""  # why, where the choice is not obvious


SEED_PLACES: tuple[SeedPlace, ...] = (
    # "21 lokasi EMBAKARSI & DEBARKASI". Four are provinces, the rest cities: the port or
    # airport sits in the kota, not in the kabupaten of the same name.
    SeedPlace("DKI JAKARTA", "31", "Daerah Khusus Ibukota Jakarta"),
    SeedPlace("BANTEN", "36", "Banten"),
    SeedPlace("BANDUNG", "32.73", "Kota Bandung",
              "Kota, not Kabupaten Bandung 32.04: Husein Sastranegara airport is in the kota."),
    SeedPlace("SEMARANG", "33.74", "Kota Semarang",
              "Kota, not Kabupaten Semarang 33.22: Tanjung Emas port and Ahmad Yani airport."),
    SeedPlace("SURAKARTA", "33.72", "Kota Surakarta"),
    SeedPlace("JAWA TIMUR", "35", "Jawa Timur"),
    SeedPlace("BELAWAN", "12.71", "Kota Medan",
              "Belawan is a port, not a regency: district Medan Belawan (12.71.08), Kota Medan."),
    SeedPlace("TG. BALAI", "12.74", "Kota Tanjungbalai",
              "Listed between Belawan and Dumai (Sumut/Riau side): Kota Tanjungbalai, Sumatera "
              "Utara. Tanjung Balai Karimun (Kab. Karimun 21.02, Kepri) is the other reading."),
    SeedPlace("DUMAI", "14.72", "Kota Dumai"),
    SeedPlace("TG JABUNG TIMUR", "15.07", "Kabupaten Tanjung Jabung Timur"),
    SeedPlace("BATAM", "21.71", "Kota Batam"),
    SeedPlace("KEPRI", "21", "Kepulauan Riau",
              "The province, listed next to Batam, which lies inside it."),
    SeedPlace("PONTIANAK", "61.71", "Kota Pontianak"),
    SeedPlace("NUNUKAN", "65.03", "Kabupaten Nunukan"),
    SeedPlace("BANJARMASIN", "63.71", "Kota Banjarmasin"),
    SeedPlace("PAREPARE", "73.72", "Kota Parepare"),
    SeedPlace("MANADO", "71.71", "Kota Manado"),
    SeedPlace("PALU", "72.71", "Kota Palu"),
    SeedPlace("KUPANG", "53.71", "Kota Kupang",
              "Kota, not Kabupaten Kupang 53.01: Tenau port and El Tari airport."),
    SeedPlace("MATARAM", "52.71", "Kota Mataram"),
    SeedPlace("DENPASAR", "51.71", "Kota Denpasar"),
    # LTSA 2015
    SeedPlace("Kab Gianyar", "51.04", "Kabupaten Gianyar"),
    SeedPlace("Prov. Jatim", "35", "Jawa Timur"),
    SeedPlace("Prov. NTB", "52", "Nusa Tenggara Barat"),
    # LTSA 2016
    SeedPlace("Prov. Kalbar", "61", "Kalimantan Barat"),
    SeedPlace("Kab. Kupang", "53.01", "Kabupaten Kupang"),
    SeedPlace("Kab. SDB", "53.18", "Kabupaten Sumba Barat Daya", "SDB = Sumba Barat Daya."),
    SeedPlace("Prov. NTT", "53", "Nusa Tenggara Timur"),
    SeedPlace("Prov. Kepri", "21", "Kepulauan Riau"),
    SeedPlace("Kab. Nunukan", "65.03", "Kabupaten Nunukan"),
    # LTSA 2017 (the heading says 13, the list has 14)
    SeedPlace("Kab. Cilacap", "33.01", "Kabupaten Cilacap"),
    SeedPlace("Kab. Brebes", "33.29", "Kabupaten Brebes"),
    SeedPlace("Kab. Pati", "33.18", "Kabupaten Pati"),
    SeedPlace("Kab. Kendal", "33.24", "Kabupaten Kendal"),
    SeedPlace("Kab. Tulungagung", "35.04", "Kabupaten Tulungagung"),
    SeedPlace("Kab. Sambas", "61.01", "Kabupaten Sambas"),
    SeedPlace("Kab. Loteng", "52.02", "Kabupaten Lombok Tengah", "Loteng = Lombok Tengah."),
    SeedPlace("Kab. Lobar", "52.01", "Kabupaten Lombok Barat", "Lobar = Lombok Barat."),
    SeedPlace("Kab. Lotim", "52.03", "Kabupaten Lombok Timur", "Lotim = Lombok Timur."),
    SeedPlace("Kab. Sumbawa", "52.04", "Kabupaten Sumbawa"),
    SeedPlace("Kab. Karawang", "32.15", "Kabupaten Karawang"),
    SeedPlace("Kab. Sukabumi", "32.02", "Kabupaten Sukabumi"),
    SeedPlace("Kab. Cirebon", "32.09", "Kabupaten Cirebon"),
    SeedPlace("Kota Batam", "21.71", "Kota Batam"),
    # LTSA 2018
    SeedPlace("Kab. Banyumas", "33.02", "Kabupaten Banyumas"),
    SeedPlace("Kab. Grobogan", "33.15", "Kabupaten Grobogan"),
    SeedPlace("Kab. Wonosobo", "33.07", "Kabupaten Wonosobo"),
    SeedPlace("Kab. Ponorogo", "35.02", "Kabupaten Ponorogo"),
    SeedPlace("Kab. Banyuwangi", "35.10", "Kabupaten Banyuwangi"),
    SeedPlace("Kab. Bima", "52.06", "Kabupaten Bima"),
    SeedPlace("Kab. Sikka", "53.07", "Kabupaten Sikka"),
    SeedPlace("Kab. Indramayu", "32.12", "Kabupaten Indramayu"),
    SeedPlace("Kab. Subang", "32.13", "Kabupaten Subang"),
    # LTSA "2019 on Progress" (Kab. Sukabumi and Kab. Cirebon repeat 2017)
    SeedPlace("Prov. Sulsel", "73", "Sulawesi Selatan"),
    SeedPlace("Prov. Jambi", "15", "Jambi"),
    SeedPlace("Prov. Kalsel", "63", "Kalimantan Selatan"),
    SeedPlace("Prov. Bengkulu", "17", "Bengkulu"),
    SeedPlace("Kab. Batang", "33.25", "Kabupaten Batang"),
    SeedPlace("Kab. Kebumen", "33.05", "Kabupaten Kebumen"),
    SeedPlace("Kab. Pamekasan", "35.28", "Kabupaten Pamekasan"),
    SeedPlace("Kab. Malang", "35.07", "Kabupaten Malang"),
    # Desmigratif 2017 chart (provinces without a prefix)
    SeedPlace("Sumatera Utara", "12", "Sumatera Utara"),
    SeedPlace("Jambi", "15", "Jambi"),
    SeedPlace("Lampung", "18", "Lampung"),
    SeedPlace("Kalimantan Barat", "61", "Kalimantan Barat"),
    SeedPlace("Banten", "36", "Banten"),
    SeedPlace("Jawa Barat", "32", "Jawa Barat"),
    SeedPlace("Jawa Tengah", "33", "Jawa Tengah"),
    SeedPlace("Jawa Timur", "35", "Jawa Timur"),
    SeedPlace("NTB", "52", "Nusa Tenggara Barat"),
    SeedPlace("NTT", "53", "Nusa Tenggara Timur"),
    # Desmigratif 2018 chart ("Prov NTB" appears twice: the second, 10, is NTT; see
    # lindung.stats.seed, which stores it against 53)
    SeedPlace("Prov Sumatera Utara", "12", "Sumatera Utara"),
    SeedPlace("Prov Lampung", "18", "Lampung"),
    SeedPlace("Prov Kalimantan Barat", "61", "Kalimantan Barat"),
    SeedPlace("Prov Sulawesi Selatan", "73", "Sulawesi Selatan"),
    SeedPlace("Prov Jawa Barat", "32", "Jawa Barat"),
    SeedPlace("Prov Jawa Tengah", "33", "Jawa Tengah"),
    SeedPlace("Prov Jawa Timur", "35", "Jawa Timur"),
    SeedPlace("Prov DIY Yogyakarta", "34", "Daerah Istimewa Yogyakarta"),
    SeedPlace("Prov NTB", "52", "Nusa Tenggara Barat"),
    # Desmigratif special NTT programme, 2017 and 2018
    SeedPlace("Kota Kupang", "53.71", "Kota Kupang"),
    SeedPlace("Kabupaten Kupang", "53.01", "Kabupaten Kupang"),
    SeedPlace("Kabupaten Timor Tengah Utara", "53.03", "Kabupaten Timor Tengah Utara"),
    SeedPlace("Kabupaten Timor Tengah Selatan", "53.02", "Kabupaten Timor Tengah Selatan"),
    SeedPlace("Kabupaten Belu", "53.04", "Kabupaten Belu"),
    SeedPlace("Kabupetan Sikka", "53.07", "Kabupaten Sikka", "Misspelt 'Kabupetan'."),
    SeedPlace("Kabupaten Sikka", "53.07", "Kabupaten Sikka"),
    SeedPlace("Kabupaten Sumba Barat Daya", "53.18", "Kabupaten Sumba Barat Daya"),
    SeedPlace("Kabupaten Alor", "53.05", "Kabupaten Alor"),
    SeedPlace("Kabupaten Ende", "53.08", "Kabupaten Ende"),
    SeedPlace("Kabupaten Flores Timur", "53.06", "Kabupaten Flores Timur"),
    SeedPlace("Kabupaten Ngada", "53.09", "Kabupaten Ngada"),
    SeedPlace("Kabupaten Nagakeo", "53.16", "Kabupaten Nagekeo", "Misspelling of Nagekeo."),
    SeedPlace("Kabupetan Manggarai Timur", "53.19", "Kabupaten Manggarai Timur",
              "Misspelt 'Kabupetan'."),
    SeedPlace("Kabupaten Lembata", "53.13", "Kabupaten Lembata"),
)

#: Seed words -> official region code, for every place name in the seed.
SEED_NAME_TO_REGION: dict[str, str] = {place.words: place.code for place in SEED_PLACES}


class RegionsMissingError(LookupError):
    """The region tree (or part of it that the seed needs) is not loaded."""


def require_regions(codes: set[str]) -> dict[str, Region]:
    """The regions with these codes; raise :class:`RegionsMissingError` if any is missing."""
    found = {region.code: region for region in Region.objects.filter(code__in=codes)}
    missing = sorted(codes - found.keys())
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise RegionsMissingError(
            _("Pohon wilayah belum dimuat (%(count)d kode tidak ada: %(codes)s). "
              "Jalankan `manage.py load_regions` terlebih dahulu.")
            % {"count": len(missing), "codes": shown}
        )
    return found


# --- embarkation / debarkation points -----------------------------------------------------

#: The 21 points in the seed's order: (seed words, display name, remark for the record).
EMBARKATION_POINTS: tuple[tuple[str, str, str], ...] = (
    ("DKI JAKARTA", "DKI Jakarta", "provinsi"),
    ("BANTEN", "Banten", "provinsi"),
    ("BANDUNG", "Bandung", "Kota Bandung (bandara), bukan Kabupaten Bandung"),
    ("SEMARANG", "Semarang", "Kota Semarang (pelabuhan, bandara), bukan Kabupaten Semarang"),
    ("SURAKARTA", "Surakarta", ""),
    ("JAWA TIMUR", "Jawa Timur", "provinsi"),
    ("BELAWAN", "Belawan", "pelabuhan di Kecamatan Medan Belawan, Kota Medan"),
    ("TG. BALAI", "Tanjung Balai",
     "ditafsirkan sebagai Kota Tanjungbalai (Sumatera Utara; urutan Belawan-Tg. Balai-Dumai), "
     "bukan Tanjung Balai Karimun (Kab. Karimun, Kepri)"),
    ("DUMAI", "Dumai", ""),
    ("TG JABUNG TIMUR", "Tanjung Jabung Timur", ""),
    ("BATAM", "Batam", ""),
    ("KEPRI", "Kepulauan Riau", "provinsi; Batam yang tercantum terpisah berada di dalamnya"),
    ("PONTIANAK", "Pontianak", ""),
    ("NUNUKAN", "Nunukan", ""),
    ("BANJARMASIN", "Banjarmasin", ""),
    ("PAREPARE", "Parepare", ""),
    ("MANADO", "Manado", ""),
    ("PALU", "Palu", ""),
    ("KUPANG", "Kupang", "Kota Kupang (Tenau, El Tari), bukan Kabupaten Kupang"),
    ("MATARAM", "Mataram", ""),
    ("DENPASAR", "Denpasar", ""),
)


# --- LTSA-PPPMI centres -------------------------------------------------------------------

#: The seed's LTSA lists, by year, with the heading the seed gives each list. 2019 is
#: "on Progress". The lists hold 3 + 6 + 14 + 9 + 10 = 42 entries (the stated total) but
#: only 40 places: Kab. Sukabumi and Kab. Cirebon are in 2017 and again in 2019.
LTSA_LISTS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (2015, "Tahun 2015 (3 LTSA)", ("Kab Gianyar", "Prov. Jatim", "Prov. NTB")),
    (2016, "Tahun 2016 (6 LTSA)", ("Prov. Kalbar", "Kab. Kupang", "Kab. SDB", "Prov. NTT",
                                   "Prov. Kepri", "Kab. Nunukan")),
    (2017, "Tahun 2017 (13 LTSA)", ("Kab. Cilacap", "Kab. Brebes", "Kab. Pati", "Kab. Kendal",
                                    "Kab. Tulungagung", "Kab. Sambas", "Kab. Loteng",
                                    "Kab. Lobar", "Kab. Lotim", "Kab. Sumbawa", "Kab. Karawang",
                                    "Kab. Sukabumi", "Kab. Cirebon", "Kota Batam")),
    (2018, "Tahun 2018 (9 LTSA)", ("Kab. Banyumas", "Kab. Grobogan", "Kab. Wonosobo",
                                   "Kab. Ponorogo", "Kab. Banyuwangi", "Kab. Bima", "Kab. Sikka",
                                   "Kab. Indramayu", "Kab. Subang")),
    (2019, "2019 on Progress", ("Prov. Sulsel", "Prov. Jambi", "Prov. Kalsel", "Prov. Bengkulu",
                                "Kab. Batang", "Kab. Kebumen", "Kab. Pamekasan", "Kab. Malang",
                                "Kab. Sukabumi", "Kab. Cirebon")),
)
LTSA_IN_PROGRESS_YEAR = 2019


@dataclass(frozen=True)
class LtsaCentre:
    """One LTSA centre, however many times the seed lists it."""

    code: str
    name: str
    words: str
    opened_year: int
    status: str
    # (heading, number in that list) for every appearance in the seed.
    appearances: tuple[tuple[str, int], ...]

    @property
    def source(self) -> str:
        where = "; ".join(f'"{heading}" no. {number}' for heading, number in self.appearances)
        text = f"{SEED_REF}: {where}"
        if len(self.appearances) > 1:
            text += (f" - tercantum {len(self.appearances)} kali di sumber; disimpan sekali "
                     f"dengan tahun pertama ({self.opened_year})")
        return text


def _official(words: str) -> SeedPlace:
    return next(place for place in SEED_PLACES if place.words == words)


def ltsa_centres() -> list[LtsaCentre]:
    """The distinct centres of :data:`LTSA_LISTS`, in the seed's order (40 of 42 entries)."""
    by_code: dict[str, LtsaCentre] = {}
    for year, heading, entries in LTSA_LISTS:
        for number, words in enumerate(entries, start=1):
            place = _official(words)
            seen = by_code.get(place.code)
            if seen is not None:
                by_code[place.code] = LtsaCentre(
                    code=seen.code, name=seen.name, words=seen.words,
                    opened_year=seen.opened_year, status=seen.status,
                    appearances=(*seen.appearances, (heading, number)))
                continue
            level_word = "Provinsi " if "." not in place.code else ""
            by_code[place.code] = LtsaCentre(
                code=place.code, name=f"LTSA-PPPMI {level_word}{place.official}", words=words,
                opened_year=year,
                status=(SiteStatus.IN_PROGRESS if year == LTSA_IN_PROGRESS_YEAR
                        else SiteStatus.OPERATIONAL),
                appearances=((heading, number),))
    return list(by_code.values())


# --- agencies -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    short_name: str
    kind: str
    level: str
    source: str
    country: str = "ID"
    taskforce_member: bool = False
    desk: str = ""
    website: str = ""
    city: str = ""  # missions: the city, for the Site record


_MEMBERS = f"{SEED_REF}: '9 anggota lintas sektoral'"
_LEVEL_NOTE = "tingkat tidak disebut di sumber; satu instansi per lokasi satgas"

#: Task-force members: the seven distinct agencies behind the seed's "9 anggota" (it lists
#: DINAS PERHUBUNGAN and IMIGRASI twice). The two missing members are not invented.
TASKFORCE_MEMBERS: tuple[AgencyRow, ...] = (
    AgencyRow("disnaker", "Dinas Tenaga Kerja", "Disnaker", AgencyKind.MANPOWER,
              AgencyLevel.REGENCY, f"{_MEMBERS}: 'DINAS TENAGA KERJA'; {_LEVEL_NOTE}",
              taskforce_member=True),
    AgencyRow("dishub", "Dinas Perhubungan", "Dishub", AgencyKind.TRANSPORT,
              AgencyLevel.REGENCY,
              f"{_MEMBERS}: 'DINAS PERHUBUNGAN' (tercantum 2 kali); {_LEVEL_NOTE}",
              taskforce_member=True),
    AgencyRow("polri", "Kepolisian Negara Republik Indonesia", "Polri", AgencyKind.POLICE,
              AgencyLevel.NATIONAL, f"{_MEMBERS}: 'KEPOLISIAN'", taskforce_member=True,
              website="https://www.polri.go.id"),
    AgencyRow("imigrasi", "Direktorat Jenderal Imigrasi", "Imigrasi", AgencyKind.IMMIGRATION,
              AgencyLevel.NATIONAL, f"{_MEMBERS}: 'IMIGRASI' (tercantum 2 kali)",
              taskforce_member=True, website="https://www.imigrasi.go.id"),
    AgencyRow("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil",
              AgencyKind.CIVIL_REGISTRY, AgencyLevel.REGENCY,
              f"{_MEMBERS}: 'DINAS KEPENDUDUKAN & CATATAN SIPIL'; {_LEVEL_NOTE}",
              taskforce_member=True),
    AgencyRow("dinkes", "Dinas Kesehatan", "Dinkes", AgencyKind.HEALTH, AgencyLevel.REGENCY,
              f"{_MEMBERS}: 'DINAS KESEHATAN'; {_LEVEL_NOTE}", taskforce_member=True),
    AgencyRow("kp2mi",
              "Kementerian Pelindungan Pekerja Migran Indonesia (dahulu BP2MI, BNP2TKI)",
              "KP2MI", AgencyKind.MIGRANT_WORKER_AUTHORITY, AgencyLevel.NATIONAL,
              f"{_MEMBERS}: 'BNP2TKI'. Riwayat: BNP2TKI (Badan Nasional Penempatan dan "
              "Perlindungan TKI) -> BP2MI (Badan Pelindungan Pekerja Migran Indonesia, "
              "UU 18/2017) -> KP2MI (kementerian, sejak 2024)",
              taskforce_member=True),
)

NATIONAL_AGENCIES: tuple[AgencyRow, ...] = (
    AgencyRow("kemnaker", "Kementerian Ketenagakerjaan", "Kemnaker", AgencyKind.MINISTRY,
              AgencyLevel.NATIONAL,
              f"{SEED_REF}: 'Kementerian Ketenagakerjaan telah memfasilitasi pembentukan "
              "LTSA-PPPMI'; 'Pilar Desmigratif KEMNAKER'",
              website="https://kemnaker.go.id"),
)

_DESKS = ("PP 59/2021 pasal 30-31 (loket LTSA-PPPMI; UU 18/2017 pasal 38). Sumber seed "
          "bertanya 'Layanan apa saja yang ada di LTSA-PPPMI?' tanpa rincian; "
          "instansi pengelola berbeda per daerah")

#: The eight desks of an LTSA centre, each as the agency type that staffs it.
LTSA_DESKS: tuple[AgencyRow, ...] = tuple(
    AgencyRow(f"ltsa-loket-{desk.replace('_', '-')}", name, short, kind, AgencyLevel.REGENCY,
              _DESKS, desk=desk)
    for desk, name, short, kind in (
        (Desk.EMPLOYMENT, "Loket Ketenagakerjaan LTSA-PPPMI (Dinas Tenaga Kerja)",
         "Loket Ketenagakerjaan", AgencyKind.MANPOWER),
        (Desk.COMPLAINTS, "Loket Pengaduan dan Informasi LTSA-PPPMI",
         "Loket Pengaduan", AgencyKind.MANPOWER),
        (Desk.CIVIL_REGISTRY, "Loket Kependudukan dan Pencatatan Sipil LTSA-PPPMI "
         "(Disdukcapil)", "Loket Dukcapil", AgencyKind.CIVIL_REGISTRY),
        (Desk.HEALTH, "Loket Kesehatan LTSA-PPPMI", "Loket Kesehatan", AgencyKind.HEALTH),
        (Desk.IMMIGRATION, "Loket Keimigrasian LTSA-PPPMI (Kantor Imigrasi)",
         "Loket Imigrasi", AgencyKind.IMMIGRATION),
        (Desk.POLICE, "Loket Kepolisian LTSA-PPPMI (SKCK)", "Loket Kepolisian",
         AgencyKind.POLICE),
        (Desk.BANKING, "Loket Perbankan LTSA-PPPMI", "Loket Perbankan", AgencyKind.BANK),
        (Desk.SOCIAL_SECURITY, "Loket Jaminan Sosial LTSA-PPPMI (BPJS Ketenagakerjaan)",
         "Loket BPJS Ketenagakerjaan", AgencyKind.SOCIAL_SECURITY),
    )
)

_MISSION_SOURCE = ("Perwakilan RI di negara tujuan utama PMI, disusun untuk Lindung (tidak "
                   "tercantum di paparan RAN PP TPPO, yang hanya menyebut 'Perwakilan RI'). "
                   "Kontak dikosongkan sampai diverifikasi dengan Kemlu")

#: Indonesian missions in the main destinations of PMI. No contact details: none is certain
#: enough to publish to people in trouble abroad.
MISSIONS: tuple[AgencyRow, ...] = tuple(
    AgencyRow(code, name, short, AgencyKind.MISSION, AgencyLevel.INTERNATIONAL,
              _MISSION_SOURCE, country=country, city=city)
    for code, name, short, country, city in (
        ("kbri-kuala-lumpur", "Kedutaan Besar Republik Indonesia di Kuala Lumpur",
         "KBRI Kuala Lumpur", "MY", "Kuala Lumpur"),
        ("kjri-johor-bahru", "Konsulat Jenderal Republik Indonesia di Johor Bahru",
         "KJRI Johor Bahru", "MY", "Johor Bahru"),
        ("kjri-kota-kinabalu", "Konsulat Jenderal Republik Indonesia di Kota Kinabalu",
         "KJRI Kota Kinabalu", "MY", "Kota Kinabalu"),
        ("kjri-kuching", "Konsulat Jenderal Republik Indonesia di Kuching",
         "KJRI Kuching", "MY", "Kuching"),
        # A consulate (Konsulat RI), not a consulate-general.
        ("kri-tawau", "Konsulat Republik Indonesia di Tawau", "KRI Tawau", "MY", "Tawau"),
        ("kbri-singapura", "Kedutaan Besar Republik Indonesia di Singapura",
         "KBRI Singapura", "SG", "Singapura"),
        ("kjri-hong-kong", "Konsulat Jenderal Republik Indonesia di Hong Kong",
         "KJRI Hong Kong", "HK", "Hong Kong"),
        ("kdei-taipei", "Kantor Dagang dan Ekonomi Indonesia di Taipei",
         "KDEI Taipei", "TW", "Taipei"),
        ("kbri-riyadh", "Kedutaan Besar Republik Indonesia di Riyadh",
         "KBRI Riyadh", "SA", "Riyadh"),
        ("kjri-jeddah", "Konsulat Jenderal Republik Indonesia di Jeddah",
         "KJRI Jeddah", "SA", "Jeddah"),
        ("kbri-abu-dhabi", "Kedutaan Besar Republik Indonesia di Abu Dhabi",
         "KBRI Abu Dhabi", "AE", "Abu Dhabi"),
        ("kbri-doha", "Kedutaan Besar Republik Indonesia di Doha", "KBRI Doha", "QA", "Doha"),
        ("kbri-kuwait", "Kedutaan Besar Republik Indonesia di Kuwait", "KBRI Kuwait City",
         "KW", "Kuwait City"),
        ("kbri-seoul", "Kedutaan Besar Republik Indonesia di Seoul", "KBRI Seoul", "KR",
         "Seoul"),
        ("kbri-tokyo", "Kedutaan Besar Republik Indonesia di Tokyo", "KBRI Tokyo", "JP",
         "Tokyo"),
        ("kbri-bandar-seri-begawan",
         "Kedutaan Besar Republik Indonesia di Bandar Seri Begawan, Brunei Darussalam",
         "KBRI Brunei Darussalam", "BN", "Bandar Seri Begawan"),
    )
)

_PARTNER_SOURCE = (f"{SEED_REF}: sasaran RAN PP TPPO 'b. ... kerja sama dan koordinasi antar "
                   "pemangku kepentingan di tingkat internasional'; mitra tidak disebut di "
                   "sumber, disusun untuk Lindung; kontak belum diverifikasi")

INTERNATIONAL_PARTNERS: tuple[AgencyRow, ...] = (
    AgencyRow("iom-indonesia", "International Organization for Migration (IOM) Indonesia",
              "IOM Indonesia", AgencyKind.INTERNATIONAL, AgencyLevel.INTERNATIONAL,
              _PARTNER_SOURCE),
    AgencyRow("ilo-jakarta", "International Labour Organization (ILO) - Kantor Jakarta",
              "ILO Jakarta", AgencyKind.INTERNATIONAL, AgencyLevel.INTERNATIONAL,
              _PARTNER_SOURCE),
    AgencyRow("unodc", "United Nations Office on Drugs and Crime (UNODC)", "UNODC",
              AgencyKind.INTERNATIONAL, AgencyLevel.INTERNATIONAL, _PARTNER_SOURCE),
)

AGENCIES: tuple[AgencyRow, ...] = (
    *TASKFORCE_MEMBERS, *NATIONAL_AGENCIES, *LTSA_DESKS, *MISSIONS, *INTERNATIONAL_PARTNERS,
)


# --- loading ------------------------------------------------------------------------------

M = TypeVar("M", bound=models.Model)
Outcome = Literal["created", "updated", "unchanged"]


def _upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, Outcome]:
    """Create or update by natural key; save only when a value changed."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, "created"
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if not changed:
        return obj, "unchanged"
    for field in changed:
        setattr(obj, field, values[field])
    obj.full_clean()
    obj.save()
    return obj, "updated"


def _agency_values(row: AgencyRow) -> dict[str, Any]:
    return {"name": row.name, "short_name": row.short_name, "kind": row.kind,
            "level": row.level, "country": row.country,
            "taskforce_member": row.taskforce_member, "desk": row.desk,
            "website": row.website, "source": row.source}


def reference_load() -> dict[str, int]:
    """Load the seed's agencies and sites. Idempotent: update by natural key (Agency.code,
    Site kind + name); a second run creates nothing and changes nothing.

    Needs the region tree (:func:`lindung.regions.services.regions_load`); raises
    :class:`RegionsMissingError` otherwise. Returns counts: ``agencies``, ``sites`` and
    ``sites_<kind>`` (records in the reference set), ``created``, ``updated``, and
    ``agencies_<outcome>`` / ``sites_<outcome>``.
    """
    regions = require_regions({SEED_NAME_TO_REGION[row[0]] for row in EMBARKATION_POINTS}
                              | {centre.code for centre in ltsa_centres()})
    counts: Counter[str] = Counter()

    def site(kind: str, name: str, values: dict[str, Any]) -> None:
        _, outcome = _upsert(Site, {"kind": kind, "name": name}, values)
        counts[f"sites_{outcome}"] += 1
        counts[f"sites_{kind}"] += 1
        counts["sites"] += 1

    with transaction.atomic():
        agencies: dict[str, Agency] = {}
        for row in AGENCIES:
            agency, outcome = _upsert(Agency, {"code": row.code}, _agency_values(row))
            agencies[row.code] = agency
            counts[f"agencies_{outcome}"] += 1
            counts["agencies"] += 1

        for words, display, remark in EMBARKATION_POINTS:
            region = regions[SEED_NAME_TO_REGION[words]]
            source = f"{SEED_REF}: '21 lokasi EMBAKARSI & DEBARKASI'"
            site(SiteKind.EMBARKATION_POINT, display, {
                "region_id": region.code, "region_code": region.code, "country": "ID",
                "opened_year": None, "status": SiteStatus.OPERATIONAL, "source_label": words,
                "source": f"{source}; {remark}" if remark else source,
            })

        for centre in ltsa_centres():
            site(SiteKind.LTSA_CENTRE, centre.name, {
                "region_id": centre.code, "region_code": centre.code, "country": "ID",
                "opened_year": centre.opened_year, "status": centre.status,
                "source_label": centre.words, "source": centre.source,
            })

        for row in MISSIONS:
            site(SiteKind.MISSION, row.short_name, {
                "region_id": None, "region_code": "", "country": row.country,
                "city": row.city, "status": SiteStatus.OPERATIONAL,
                "agency_id": agencies[row.code].pk, "source_label": "",
                "source": row.source,
            })

    counts["created"] = counts["agencies_created"] + counts["sites_created"]
    counts["updated"] = counts["agencies_updated"] + counts["sites_updated"]
    for key in ("agencies_created", "agencies_updated", "agencies_unchanged",
                "sites_created", "sites_updated", "sites_unchanged"):
        counts.setdefault(key, 0)
    return dict(counts)
