"""Region names: normalisation, aliases and the seed document's names, against the shipped
``regions.csv.gz`` (read with gzip + csv, no Django)."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lindung.regions.names import REGION_ALIASES
from lindung.regions.names import RegionIndex
from lindung.regions.names import level_of_code
from lindung.regions.names import lookup_alias
from lindung.regions.names import normalize_region_name
from lindung.regions.names import resolve_region
from lindung.regions.nik import CURRENT_PROVINCE_CODES

DATA = Path(__file__).resolve().parents[2] / "src" / "lindung" / "regions" / "data"
Row = tuple[str, str, str]


@cache
def _rows() -> tuple[Row, ...]:
    with gzip.open(DATA / "regions.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["code", "parent_code", "level", "name"]
        return tuple((r["code"], r["level"], r["name"]) for r in reader)


@cache
def _index() -> RegionIndex:
    return RegionIndex(_rows())


@cache
def _names() -> dict[str, str]:
    return {code: name for code, _, name in _rows()}


# --- the shipped data ----------------------------------------------------------------------


def test_it_ships_the_expected_row_counts() -> None:
    counts = Counter(level for _, level, _ in _rows())
    assert counts == {"province": 38, "regency": 514, "district": 7285, "village": 83762}


def test_it_orders_parents_first_and_links_every_row_to_its_parent() -> None:
    seen: set[str] = set()
    with gzip.open(DATA / "regions.csv.gz", "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            assert row["code"] not in seen
            assert level_of_code(row["code"]) == row["level"]
            if row["level"] == "province":
                assert row["parent_code"] == ""
            else:
                assert row["parent_code"] in seen
                assert row["code"].rsplit(".", 1)[0] == row["parent_code"]
            assert row["name"] == row["name"].strip() != ""
            seen.add(row["code"])


def test_it_has_the_same_provinces_as_the_nik_parser() -> None:
    provinces = {code for code, level, _ in _rows() if level == "province"}
    assert provinces == CURRENT_PROVINCE_CODES


def test_it_ships_licence_and_attribution() -> None:
    assert "Open Database License" in (DATA / "LICENSE.md").read_text(encoding="utf-8")
    attribution = (DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "idn-area-data" in attribution
    assert "4.0.1" in attribution


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kab. Sukabumi", "kabupaten sukabumi"),
        ("Kab Gianyar", "kabupaten gianyar"),
        ("KABUPATEN  SUKABUMI", "kabupaten sukabumi"),
        ("Kabupetan Sikka", "kabupaten sikka"),
        ("Kota Batam", "kota batam"),
        ("Kot. Batam", "kota batam"),
        ("Prov. Jatim", "jatim"),
        ("Prov NTB", "ntb"),
        ("Provinsi Jawa Timur", "jawa timur"),
        ("PROPINSI JAWA TIMUR", "jawa timur"),
        ("Kab. Toli-Toli", "kabupaten toli toli"),
        ("Kota Administrasi Jakarta Pusat", "kota jakarta pusat"),
        ("Kab. Kep. Seribu", "kabupaten kepulauan seribu"),
        ("TG. BALAI", "tanjung balai"),
        ("Ra’as", "raas"),
        ("Ra'as", "raas"),
        ("  Jawa\tBarat. ", "jawa barat"),
        ("Kota", "kota"),
        ("", ""),
    ],
)
def test_it_normalises_region_names(raw: str, expected: str) -> None:
    assert normalize_region_name(raw) == expected


@given(st.sampled_from([name for _, level, name in _rows() if level != "village"]))
def test_it_ignores_case_and_spacing(name: str) -> None:
    expected = normalize_region_name(name)
    assert normalize_region_name(name.upper()) == expected
    assert normalize_region_name(f"  {name.replace(' ', '   ')}  ") == expected


# --- aliases -------------------------------------------------------------------------------


@pytest.mark.parametrize(("alias", "code"), sorted(REGION_ALIASES.items()))
def test_it_maps_each_alias_to_an_existing_province_or_regency(alias: str, code: str) -> None:
    assert normalize_region_name(alias) == alias
    assert code in _names()
    assert level_of_code(code) in ("province", "regency")
    assert _index().resolve(alias, level_of_code(code)) == code


# --- the seed document (tests/data/briefing_ran_pp_tppo_2019.txt) -------------------------

# Every region name in the seed, as written, with the official code and name it stands for.
SEED_NAMES: list[tuple[str, str, str]] = [
    # LTSA 2015
    ("Kab Gianyar", "51.04", "Kabupaten Gianyar"),
    ("Prov. Jatim", "35", "Jawa Timur"),
    ("Prov. NTB", "52", "Nusa Tenggara Barat"),
    # LTSA 2016
    ("Prov. Kalbar", "61", "Kalimantan Barat"),
    ("Kab. Kupang", "53.01", "Kabupaten Kupang"),
    ("Kab. SDB", "53.18", "Kabupaten Sumba Barat Daya"),
    ("Prov. NTT", "53", "Nusa Tenggara Timur"),
    ("Prov. Kepri", "21", "Kepulauan Riau"),
    ("Kab. Nunukan", "65.03", "Kabupaten Nunukan"),
    # LTSA 2017 (heading says 13, the list has 14)
    ("Kab. Cilacap", "33.01", "Kabupaten Cilacap"),
    ("Kab. Brebes", "33.29", "Kabupaten Brebes"),
    ("Kab. Pati", "33.18", "Kabupaten Pati"),
    ("Kab. Kendal", "33.24", "Kabupaten Kendal"),
    ("Kab. Tulungagung", "35.04", "Kabupaten Tulungagung"),
    ("Kab. Sambas", "61.01", "Kabupaten Sambas"),
    ("Kab. Loteng", "52.02", "Kabupaten Lombok Tengah"),
    ("Kab. Lobar", "52.01", "Kabupaten Lombok Barat"),
    ("Kab. Lotim", "52.03", "Kabupaten Lombok Timur"),
    ("Kab. Sumbawa", "52.04", "Kabupaten Sumbawa"),
    ("Kab. Karawang", "32.15", "Kabupaten Karawang"),
    ("Kab. Sukabumi", "32.02", "Kabupaten Sukabumi"),
    ("Kab. Cirebon", "32.09", "Kabupaten Cirebon"),
    ("Kota Batam", "21.71", "Kota Batam"),
    # LTSA 2018
    ("Kab. Banyumas", "33.02", "Kabupaten Banyumas"),
    ("Kab. Grobogan", "33.15", "Kabupaten Grobogan"),
    ("Kab. Wonosobo", "33.07", "Kabupaten Wonosobo"),
    ("Kab. Ponorogo", "35.02", "Kabupaten Ponorogo"),
    ("Kab. Banyuwangi", "35.10", "Kabupaten Banyuwangi"),
    ("Kab. Bima", "52.06", "Kabupaten Bima"),
    ("Kab. Sikka", "53.07", "Kabupaten Sikka"),
    ("Kab. Indramayu", "32.12", "Kabupaten Indramayu"),
    ("Kab. Subang", "32.13", "Kabupaten Subang"),
    # LTSA 2019 (Kab. Sukabumi and Kab. Cirebon repeat 2017)
    ("Prov. Sulsel", "73", "Sulawesi Selatan"),
    ("Prov. Jambi", "15", "Jambi"),
    ("Prov. Kalsel", "63", "Kalimantan Selatan"),
    ("Prov. Bengkulu", "17", "Bengkulu"),
    ("Kab. Batang", "33.25", "Kabupaten Batang"),
    ("Kab. Kebumen", "33.05", "Kabupaten Kebumen"),
    ("Kab. Pamekasan", "35.28", "Kabupaten Pamekasan"),
    ("Kab. Malang", "35.07", "Kabupaten Malang"),
    # Desmigratif 2018 chart (2017 chart: same names without "Prov")
    ("Prov Sumatera Utara", "12", "Sumatera Utara"),
    ("Prov Lampung", "18", "Lampung"),
    ("Prov Kalimantan Barat", "61", "Kalimantan Barat"),
    ("Prov Sulawesi Selatan", "73", "Sulawesi Selatan"),
    ("Prov Jawa Barat", "32", "Jawa Barat"),
    ("Prov Jawa Tengah", "33", "Jawa Tengah"),
    ("Prov Jawa Timur", "35", "Jawa Timur"),
    ("Prov DIY Yogyakarta", "34", "Daerah Istimewa Yogyakarta"),
    ("Prov NTB", "52", "Nusa Tenggara Barat"),
    # Desmigratif NTT programme, 2017 and 2018
    ("Kota Kupang", "53.71", "Kota Kupang"),
    ("Kabupaten Kupang", "53.01", "Kabupaten Kupang"),
    ("Kabupaten Timor Tengah Utara", "53.03", "Kabupaten Timor Tengah Utara"),
    ("Kabupaten Timor Tengah Selatan", "53.02", "Kabupaten Timor Tengah Selatan"),
    ("Kabupaten Belu", "53.04", "Kabupaten Belu"),
    ("Kabupetan Sikka", "53.07", "Kabupaten Sikka"),
    ("Kabupaten Sumba Barat Daya", "53.18", "Kabupaten Sumba Barat Daya"),
    ("Kabupaten Alor", "53.05", "Kabupaten Alor"),
    ("Kabupaten Ende", "53.08", "Kabupaten Ende"),
    ("Kabupaten Flores Timur", "53.06", "Kabupaten Flores Timur"),
    ("Kabupaten Sikka", "53.07", "Kabupaten Sikka"),
    ("Kabupaten Ngada", "53.09", "Kabupaten Ngada"),
    ("Kabupaten Nagakeo", "53.16", "Kabupaten Nagekeo"),
    ("Kabupetan Manggarai Timur", "53.19", "Kabupaten Manggarai Timur"),
    ("Kabupaten Lembata", "53.13", "Kabupaten Lembata"),
]

# The 2017 Desmigratif chart names provinces without a prefix: they need ``level``.
SEED_PROVINCES_2017: list[tuple[str, str]] = [
    ("Sumatera Utara", "12"),
    ("Jambi", "15"),
    ("Lampung", "18"),
    ("Kalimantan Barat", "61"),
    ("Banten", "36"),
    ("Jawa Barat", "32"),
    ("Jawa Tengah", "33"),
    ("Jawa Timur", "35"),
    ("NTB", "52"),
    ("NTT", "53"),
]

# The 21 embarkation/debarkation points, with the level they are resolved at. ``None``
# means no single region: the point needs a human decision, the resolver must not guess.
SEED_EMBARKATION: list[tuple[str, str, str | None]] = [
    ("DKI JAKARTA", "province", "31"),
    ("BANTEN", "province", "36"),
    ("BANDUNG", "regency", None),  # Kabupaten 32.04 or Kota 32.73
    ("SEMARANG", "regency", None),  # Kabupaten 33.22 or Kota 33.74
    ("SURAKARTA", "regency", "33.72"),
    ("JAWA TIMUR", "province", "35"),
    ("BELAWAN", "regency", None),  # a port in Kota Medan (district Medan Belawan)
    # Kota Tanjungbalai (North Sumatra), listed between Belawan and Dumai. Tanjung Balai
    # Karimun (Kepri) is a different port, in Kabupaten Karimun 21.02.
    ("TG. BALAI", "regency", "12.74"),
    ("DUMAI", "regency", "14.72"),
    ("TG JABUNG TIMUR", "regency", "15.07"),
    ("BATAM", "regency", "21.71"),
    ("KEPRI", "province", "21"),
    ("PONTIANAK", "regency", "61.71"),
    ("NUNUKAN", "regency", "65.03"),
    ("BANJARMASIN", "regency", "63.71"),
    ("PAREPARE", "regency", "73.72"),
    ("MANADO", "regency", "71.71"),
    ("PALU", "regency", "72.71"),
    ("KUPANG", "regency", None),  # Kabupaten 53.01 or Kota 53.71
    ("MATARAM", "regency", "52.71"),
    ("DENPASAR", "regency", "51.71"),
]


@pytest.mark.parametrize(("written", "code", "official"), SEED_NAMES)
def test_it_resolves_every_seed_name(written: str, code: str, official: str) -> None:
    assert _names()[code] == official
    assert _index().resolve(written) == code
    assert _index().resolve(written, level_of_code(code)) == code


@pytest.mark.parametrize(("written", "code"), SEED_PROVINCES_2017)
def test_it_resolves_the_2017_chart_provinces(written: str, code: str) -> None:
    assert _index().resolve(written, "province") == code


@pytest.mark.parametrize(("written", "level", "code"), SEED_EMBARKATION)
def test_it_resolves_embarkation_points_or_refuses_to_guess(
    written: str, level: str, code: str | None
) -> None:
    assert _index().resolve(written, level) == code


def test_it_resolves_each_seed_abbreviation() -> None:
    expected = {
        "Kab. SDB": "53.18",
        "Kab. Loteng": "52.02",
        "Kab. Lobar": "52.01",
        "Kab. Lotim": "52.03",
        "Kabupaten Nagakeo": "53.16",
        "Prov. Jatim": "35",
        "Prov. NTB": "52",
        "Prov. NTT": "53",
        "Prov. Kalbar": "61",
        "Prov. Kepri": "21",
        "Prov. Sulsel": "73",
        "Prov. Kalsel": "63",
        "Prov DIY Yogyakarta": "34",
        "Jateng": "33",
        "Jabar": "32",
        "Sumut": "12",
    }
    assert {name: _index().resolve(name) for name in expected} == expected


# --- resolver behaviour --------------------------------------------------------------------


def test_it_resolves_every_official_province_and_regency_name_at_its_level() -> None:
    for code, level, name in _rows():
        if level in ("province", "regency"):
            assert _index().resolve(name, level) == code, name


def test_it_returns_none_for_unknown_names() -> None:
    assert _index().resolve("Atlantis", "regency") is None
    assert _index().resolve("", None) is None
    assert _index().resolve("Kab.", "regency") is None


def test_it_returns_none_when_a_name_is_ambiguous() -> None:
    assert _index().resolve("Bandung", "regency") is None
    assert _index().resolve("Kab. Bandung") == "32.04"
    assert _index().resolve("Kota Bandung") == "32.73"


def test_it_checks_the_alias_against_the_written_kind() -> None:
    # "Kota Loteng" does not exist: Loteng is a kabupaten.
    assert _index().resolve("Kota Loteng") is None
    # A province abbreviation is not a regency.
    assert _index().resolve("Kab. Jatim") is None
    assert _index().resolve("Jatim", "regency") is None


def test_it_rejects_an_unknown_level() -> None:
    with pytest.raises(ValueError, match="unknown level"):
        _index().resolve("Jawa Timur", "kecamatan")


def test_it_resolves_with_the_plain_function() -> None:
    rows = [row for row in _rows() if row[1] in ("province", "regency")]
    assert resolve_region("Kab. SDB", rows) == "53.18"
    assert resolve_region("Prov. Jatim", rows, "province") == "35"
    assert resolve_region("Prov. Jatim", rows, "regency") is None
    assert resolve_region("Kota Tanjung Balai", rows) == "12.74"


def test_it_ignores_aliases_whose_code_is_not_in_the_rows() -> None:
    rows = [("35", "province", "Jawa Timur")]
    assert resolve_region("Jatim", rows) == "35"
    assert resolve_region("Kab. SDB", rows) is None


def test_it_rejects_a_malformed_code() -> None:
    with pytest.raises(ValueError, match="not a region code"):
        level_of_code("32.04.11.2001.1")


@pytest.mark.parametrize(
    ("name", "level", "code"),
    [
        ("Kab. Loteng", None, "52.02"),
        ("Loteng", None, "52.02"),
        ("KAB. SDB", "regency", "53.18"),
        ("Kabupaten Nagakeo", None, "53.16"),
        ("Prov. Jatim", None, "35"),
        ("Prov DIY Yogyakarta", "province", "34"),
        ("Kota Loteng", None, None),
        ("Kab. Jatim", None, None),
        ("Prov. Loteng", None, None),
        ("Jatim", "regency", None),
        ("Kabupaten Sukabumi", None, None),  # an official name, not an alias
        ("", None, None),
    ],
)
def test_it_looks_up_aliases_without_rows(name: str, level: str | None, code: str | None) -> None:
    assert lookup_alias(name, level) == code
