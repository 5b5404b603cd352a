"""The seed document's reference data: place names -> official regions, agencies, sites,
sourced figures, and the list of the seed's inconsistencies."""

from __future__ import annotations

import csv
import gzip
import importlib
import re
from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lindung.directory.choices import AgencyKind
from lindung.directory.choices import AgencyLevel
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.choices import SiteStatus
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.directory.seed import AGENCIES
from lindung.directory.seed import EMBARKATION_POINTS
from lindung.directory.seed import LTSA_LISTS
from lindung.directory.seed import MISSIONS
from lindung.directory.seed import SEED_NAME_TO_REGION
from lindung.directory.seed import SEED_PLACES
from lindung.directory.seed import RegionsMissingError
from lindung.directory.seed import SeedPlace
from lindung.directory.seed import ltsa_centres
from lindung.directory.seed import reference_load
from lindung.regions.names import RegionIndex
from lindung.regions.names import level_of_code
from lindung.regions.services import read_region_rows
from lindung.regions.services import regions_load
from lindung.stats.models import SourcedFigure
from lindung.stats.seed import DESMIGRATIF_CHART_2017
from lindung.stats.seed import DESMIGRATIF_CHART_2018
from lindung.stats.seed import NTT_COHORTS
from lindung.stats.seed import SEED_FIGURES
from lindung.stats.seed import SEED_ISSUES
from lindung.stats.seed import SEED_SOURCE
from lindung.stats.seed import figures_load


@cache
def _tree() -> dict[str, tuple[str, str]]:
    """code -> (level, name) for provinces and regencies of the shipped tree."""
    return {code: (level, name) for code, _, level, name in read_region_rows()
            if level in ("province", "regency")}


@cache
def _index() -> RegionIndex:
    return RegionIndex((code, level, name) for code, (level, name) in _tree().items())


#: The briefing the system implements, kept beside the tests so that they never skip.
SEED_TEXT_FILE = Path(__file__).resolve().parents[1] / "data" / "briefing_ran_pp_tppo_2019.txt"


@cache
def _seed() -> str:
    """The seed with white space collapsed."""
    return re.sub(r"\s+", " ", SEED_TEXT_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def small_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped tree cut down to provinces and regencies (all the seed needs)."""
    path = tmp_path_factory.mktemp("regions") / "regions.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "parent_code", "level", "name"])
        for row in read_region_rows():
            if row[2] in ("province", "regency"):
                writer.writerow(row)
    return path


@pytest.fixture
def tree(db: None, small_tree: Path) -> None:
    regions_load(path=small_tree)


@pytest.fixture
def loaded(tree: None) -> dict[str, int]:
    figures_load()
    return reference_load()


# --- seed words -> official regions (no database) -----------------------------------------


@pytest.mark.parametrize("place", SEED_PLACES, ids=lambda place: place.words)
def test_it_maps_every_seed_name_to_an_official_region(place: SeedPlace) -> None:
    words, code, official = place.words, place.code, place.official
    assert SEED_NAME_TO_REGION[words] == code
    level = level_of_code(code)
    assert level in ("province", "regency")
    assert _tree()[code] == (level, official)
    # The shared resolver agrees, or refuses to guess (Bandung, Semarang, Kupang, Belawan).
    assert _index().resolve(words, level) in (code, None)


# Independent expectations for the names that need a decision or an alias.
HARD_NAMES: dict[str, tuple[str, str]] = {
    "Kab. SDB": ("regency", "Kabupaten Sumba Barat Daya"),
    "Kab. Loteng": ("regency", "Kabupaten Lombok Tengah"),
    "Kab. Lobar": ("regency", "Kabupaten Lombok Barat"),
    "Kab. Lotim": ("regency", "Kabupaten Lombok Timur"),
    "Kabupaten Nagakeo": ("regency", "Kabupaten Nagekeo"),
    "Kabupetan Sikka": ("regency", "Kabupaten Sikka"),
    "Kabupetan Manggarai Timur": ("regency", "Kabupaten Manggarai Timur"),
    "Kab Gianyar": ("regency", "Kabupaten Gianyar"),
    "Prov. Jatim": ("province", "Jawa Timur"),
    "Prov. Kepri": ("province", "Kepulauan Riau"),
    "Prov DIY Yogyakarta": ("province", "Daerah Istimewa Yogyakarta"),
    "NTB": ("province", "Nusa Tenggara Barat"),
    "NTT": ("province", "Nusa Tenggara Timur"),
    "Prov NTB": ("province", "Nusa Tenggara Barat"),
    "DKI JAKARTA": ("province", "Daerah Khusus Ibukota Jakarta"),
    "KEPRI": ("province", "Kepulauan Riau"),
    "JAWA TIMUR": ("province", "Jawa Timur"),
    "BANDUNG": ("regency", "Kota Bandung"),
    "SEMARANG": ("regency", "Kota Semarang"),
    "KUPANG": ("regency", "Kota Kupang"),
    "Kab. Kupang": ("regency", "Kabupaten Kupang"),
    "Kota Kupang": ("regency", "Kota Kupang"),
    "BELAWAN": ("regency", "Kota Medan"),
    "TG. BALAI": ("regency", "Kota Tanjungbalai"),
    "TG JABUNG TIMUR": ("regency", "Kabupaten Tanjung Jabung Timur"),
    "NUNUKAN": ("regency", "Kabupaten Nunukan"),
}


def test_it_resolves_the_hard_seed_names_as_decided() -> None:
    got = {words: _tree()[SEED_NAME_TO_REGION[words]] for words in HARD_NAMES}
    assert got == HARD_NAMES


def test_it_covers_every_place_name_in_the_seed_lists() -> None:
    used = {point.words for point in EMBARKATION_POINTS}
    used |= {words for ltsa_list in LTSA_LISTS for words in ltsa_list.entries}
    used |= {words for words, _ in (*DESMIGRATIF_CHART_2017, *DESMIGRATIF_CHART_2018)}
    used |= {words for regencies in NTT_COHORTS.values() for words in regencies}
    used |= {"Prov. NTT"}
    assert used <= SEED_NAME_TO_REGION.keys()
    assert set(SEED_NAME_TO_REGION) <= used
    assert len(SEED_PLACES) == len(SEED_NAME_TO_REGION)  # no word mapped twice


def test_it_quotes_place_names_as_the_seed_writes_them() -> None:
    seed = _seed()
    for place in SEED_PLACES:
        assert place.words in seed, place.words


# --- the seed's arithmetic (no database) -----------------------------------------------------


def test_it_keeps_the_ltsa_arithmetic_visible() -> None:
    sizes = [len(ltsa_list.entries) for ltsa_list in LTSA_LISTS]
    assert sizes == [3, 6, 14, 9, 10]
    assert sum(sizes) == 42  # the stated total, with 14 (not the heading's 13) for 2017
    assert [ltsa_list.heading for ltsa_list in LTSA_LISTS][2] == "Tahun 2017 (13 LTSA)"
    centres = ltsa_centres()
    assert len(centres) == 40  # Kab. Sukabumi and Kab. Cirebon are listed twice
    repeated = {c.words: c.appearances for c in centres if len(c.appearances) > 1}
    assert repeated == {
        "Kab. Sukabumi": (("Tahun 2017 (13 LTSA)", 12), ("2019 on Progress", 9)),
        "Kab. Cirebon": (("Tahun 2017 (13 LTSA)", 13), ("2019 on Progress", 10)),
    }


def test_it_records_the_desmigratif_chart_sums() -> None:
    assert sum(value for _, value in DESMIGRATIF_CHART_2017) == 60
    assert sum(value for _, value in DESMIGRATIF_CHART_2018) == 65
    names_2018 = [words for words, _ in DESMIGRATIF_CHART_2018]
    assert names_2018.count("Prov NTB") == 2
    assert all(len(regencies) == 10 for regencies in NTT_COHORTS.values())


# --- the list of inconsistencies ------------------------------------------------------------

# DESIGN.md section 4 (and the seed itself): each inconsistency and the issue covering it.
REQUIRED_ISSUES = {
    "uu-21-2007-misprinted-2017",
    "ltsa-2017-heading-13-lists-14",
    "ltsa-sukabumi-cirebon-repeated",
    "desmigratif-2017-chart-60-vs-100",
    "desmigratif-2018-ntb-twice",
    "desmigratif-2018-chart-65-vs-130",
    "satgas-nine-members-seven-listed",
    "region-names-abbreviated",
    "region-names-misspelt",
    "embarkasi-misspelt",
    "ran-29-oddity",
    "ltsa-2019-in-progress-counted",
    "prevented-2015-2018-vs-2018",
}


def test_it_lists_every_inconsistency_named_in_the_design() -> None:
    keys = [issue.key for issue in SEED_ISSUES]
    assert len(keys) == len(set(keys))
    assert set(keys) >= REQUIRED_ISSUES
    for issue in SEED_ISSUES:
        assert all([issue.title_id, issue.title_en, issue.seed_says, issue.handling_id,
                    issue.handling_en]), issue.key
    by_key = {issue.key: issue for issue in SEED_ISSUES}
    assert "Tahun 2017" in by_key["uu-21-2007-misprinted-2017"].seed_says
    assert "21/2007" in by_key["uu-21-2007-misprinted-2017"].handling_en
    assert "42" in by_key["ltsa-2017-heading-13-lists-14"].handling_en
    assert "60" in by_key["desmigratif-2017-chart-60-vs-100"].title_en
    assert "Prov NTB Prov NTB" in by_key["desmigratif-2018-ntb-twice"].seed_says
    for abbreviation in ("SDB", "Loteng", "Lobar", "Lotim"):
        assert abbreviation in by_key["region-names-abbreviated"].seed_says
    for misspelling in ("Nagakeo", "Kabupetan"):
        assert misspelling in by_key["region-names-misspelt"].seed_says
    assert "EMBAKARSI" in by_key["embarkasi-misspelt"].seed_says


def test_it_quotes_the_seed_exactly() -> None:
    seed = _seed()
    for issue in SEED_ISSUES:
        for part in issue.seed_says.split(" ... "):
            assert part.removesuffix(" ...") in seed, (issue.key, part)
    for figure in SEED_FIGURES:
        assert figure.quote in seed, figure.key


def test_it_fits_the_figures_into_their_columns() -> None:
    keys = [figure.key for figure in SEED_FIGURES]
    assert len(keys) == len(set(keys))
    assert len(SEED_SOURCE) <= 200
    for figure in SEED_FIGURES:
        assert len(figure.key) <= 80 and re.fullmatch(r"[a-z0-9-]+", figure.key)
        assert len(figure.label) <= 200 and len(figure.quote) <= 300
        assert len(figure.note) <= 300, figure.key


def test_it_fits_the_sources_into_their_columns() -> None:
    for row in AGENCIES:
        assert len(row.source) <= 300 and len(row.name) <= 200, row.code
    for centre in ltsa_centres():
        assert len(centre.source) <= 300 and len(centre.words) <= 120, centre.name


# --- loading ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_loads_the_reference_data_idempotently() -> None:
    regions_load()
    first = reference_load()
    assert first["created"] == first["agencies"] + first["sites"]
    assert first["agencies"] == Agency.objects.count() == 35
    assert first["sites"] == Site.objects.count() == 21 + 40 + 16
    second = reference_load()
    assert second["created"] == 0
    assert second["updated"] == 0
    assert second["agencies_unchanged"] == 35
    assert second["sites_unchanged"] == 77
    assert Agency.objects.count() == 35
    assert Site.objects.count() == 77


@pytest.mark.django_db
def test_it_updates_an_edited_record_instead_of_duplicating_it(tree: None) -> None:
    reference_load()
    Site.objects.filter(kind=SiteKind.EMBARKATION_POINT, name="Kupang").update(region_code="")
    counts = reference_load()
    assert counts["created"] == 0
    assert counts["sites_updated"] == 1
    assert Site.objects.get(kind=SiteKind.EMBARKATION_POINT, name="Kupang").region_code == "53.71"


@pytest.mark.django_db
def test_it_loads_21_embarkation_points_each_with_a_region(loaded: dict[str, int]) -> None:
    points = Site.objects.filter(kind=SiteKind.EMBARKATION_POINT)
    assert loaded["sites_embarkation_point"] == points.count() == 21
    for site in points:
        assert site.region_id is not None
        assert site.region_code == site.region_id == SEED_NAME_TO_REGION[site.source_label]
        assert "EMBAKARSI" in site.source
    by_label = {site.source_label: site for site in points}
    assert set(by_label) == {point.words for point in EMBARKATION_POINTS}
    assert by_label["TG. BALAI"].name == "Tanjung Balai"
    assert by_label["TG. BALAI"].region_code == "12.74"
    assert "Karimun" in by_label["TG. BALAI"].source
    assert by_label["BELAWAN"].region_code == "12.71"
    assert by_label["KUPANG"].region_code == "53.71"
    assert by_label["DKI JAKARTA"].region is not None
    assert by_label["DKI JAKARTA"].region.level == "province"


@pytest.mark.django_db
def test_it_loads_40_ltsa_centres_with_their_years(loaded: dict[str, int]) -> None:
    centres = Site.objects.filter(kind=SiteKind.LTSA_CENTRE)
    assert loaded["sites_ltsa_centre"] == centres.count() == 40
    per_year = {year: centres.filter(opened_year=year).count()
                for year in (2015, 2016, 2017, 2018, 2019)}
    # 2019 lists 10, two of which (Sukabumi, Cirebon) were already listed in 2017.
    assert per_year == {2015: 3, 2016: 6, 2017: 14, 2018: 9, 2019: 8}
    assert centres.filter(status=SiteStatus.IN_PROGRESS).count() == 8
    assert not centres.filter(status=SiteStatus.IN_PROGRESS).exclude(opened_year=2019).exists()
    assert all(site.region_id and site.region_code == site.region_id for site in centres)

    sukabumi = centres.get(region_code="32.02")
    assert sukabumi.name == "LTSA-PPPMI Kabupaten Sukabumi"
    assert sukabumi.opened_year == 2017
    assert sukabumi.source_label == "Kab. Sukabumi"
    assert "Tahun 2017 (13 LTSA)" in sukabumi.source and "2019 on Progress" in sukabumi.source
    assert centres.get(region_code="32.09").opened_year == 2017

    sdb = centres.get(source_label="Kab. SDB")
    assert sdb.name == "LTSA-PPPMI Kabupaten Sumba Barat Daya"
    assert sdb.opened_year == 2016
    assert centres.get(source_label="Prov. Jatim").name == "LTSA-PPPMI Provinsi Jawa Timur"
    assert centres.get(source_label="Kota Batam").opened_year == 2017


@pytest.mark.django_db
def test_it_loads_the_seven_distinct_taskforce_members(loaded: dict[str, int]) -> None:
    members = Agency.objects.filter(taskforce_member=True)
    assert members.count() == 7  # the seed says "9 anggota" but names 7 distinct agencies
    assert set(members.values_list("kind", flat=True)) == {
        AgencyKind.MANPOWER, AgencyKind.TRANSPORT, AgencyKind.POLICE, AgencyKind.IMMIGRATION,
        AgencyKind.CIVIL_REGISTRY, AgencyKind.HEALTH, AgencyKind.MIGRANT_WORKER_AUTHORITY,
    }
    authority = Agency.objects.get(kind=AgencyKind.MIGRANT_WORKER_AUTHORITY)
    assert authority.short_name == "KP2MI"
    assert "BNP2TKI" in authority.name and "BP2MI" in authority.name
    assert "BNP2TKI" in authority.source
    assert Agency.objects.get(code="kemnaker").kind == AgencyKind.MINISTRY


@pytest.mark.django_db
def test_it_loads_the_eight_ltsa_desks(loaded: dict[str, int]) -> None:
    desks = Agency.objects.exclude(desk="")
    assert sorted(desks.values_list("desk", flat=True)) == sorted(Desk.values)
    kinds = dict(desks.values_list("desk", "kind"))
    assert kinds[Desk.BANKING] == AgencyKind.BANK
    assert kinds[Desk.SOCIAL_SECURITY] == AgencyKind.SOCIAL_SECURITY
    assert kinds[Desk.EMPLOYMENT] == AgencyKind.MANPOWER
    assert all("PP 59/2021" in source for source in desks.values_list("source", flat=True))


@pytest.mark.django_db
def test_it_loads_missions_and_partners_without_invented_contacts(
    loaded: dict[str, int],
) -> None:
    missions = Agency.objects.filter(kind=AgencyKind.MISSION)
    assert missions.count() == len(MISSIONS) == 16
    assert set(missions.values_list("level", flat=True)) == {AgencyLevel.INTERNATIONAL}
    assert set(missions.values_list("country", flat=True)) == {
        "MY", "SG", "HK", "TW", "SA", "AE", "QA", "KW", "KR", "JP", "BN"}
    sites = Site.objects.filter(kind=SiteKind.MISSION)
    assert sites.count() == 16
    assert {site.agency_id for site in sites} == set(missions.values_list("pk", flat=True))
    assert sites.get(name="KDEI Taipei").country == "TW"
    partners = Agency.objects.filter(kind=AgencyKind.INTERNATIONAL)
    assert set(partners.values_list("code", flat=True)) == {"iom-indonesia", "ilo-jakarta",
                                                             "unodc"}
    for agency in [*missions, *partners]:
        assert (agency.phone, agency.email, agency.address) == ("", "", "")
    for site in sites:
        assert (site.phone, site.email, site.address) == ("", "", "")
    assert not Agency.objects.exclude(phone="").exists()


@pytest.mark.django_db
def test_it_refuses_to_load_without_regions() -> None:
    with pytest.raises(RegionsMissingError, match="load_regions"):
        reference_load()
    with pytest.raises(RegionsMissingError):
        figures_load()
    with pytest.raises(CommandError, match="load_regions"):
        call_command("load_reference", stdout=StringIO())
    assert not Agency.objects.exists() and not SourcedFigure.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_partial_region_tree() -> None:
    regions_load(only=("53.01",))
    with pytest.raises(CommandError, match="kode tidak ada"):
        call_command("load_reference", stdout=StringIO())
    assert not Site.objects.exists()


@pytest.mark.django_db
def test_it_runs_the_command_twice(tree: None) -> None:
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "instansi: 35 (35 baru" in out.getvalue()
    assert "lokasi: 77 (77 baru" in out.getvalue()
    assert "embarkation_point 21" in out.getvalue()
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "instansi: 35 (0 baru, 0 diubah)" in out.getvalue()
    assert f"angka bersumber: {len(SEED_FIGURES)} (0 baru)" in out.getvalue()


# --- sourced figures ------------------------------------------------------------------------


def _value(key: str) -> int:
    return SourcedFigure.objects.get(key=key).value


@pytest.mark.django_db
def test_it_loads_the_figures_idempotently(tree: None) -> None:
    assert figures_load() == len(SEED_FIGURES)
    assert figures_load() == 0
    assert SourcedFigure.objects.count() == len(SEED_FIGURES)
    assert set(SourcedFigure.objects.values_list("source", flat=True)) == {SEED_SOURCE}


@pytest.mark.django_db
def test_it_stores_the_seed_numbers(loaded: dict[str, int]) -> None:
    assert _value("prevented-2018") == 3106
    assert _value("prevented-2018-immigration") == 387
    assert _value("prevented-2015-2018") == 7151
    assert _value("satgas-embarkation-points") == 21
    assert _value("satgas-member-agencies") == 9
    assert "7" in SourcedFigure.objects.get(key="satgas-member-agencies").note
    prevented = SourcedFigure.objects.get(key="prevented-2015-2018")
    assert (prevented.period_start.year, prevented.period_end.year) == (2015, 2018)
    # No yearly figures for 2015-2017 are made up from the difference.
    assert not SourcedFigure.objects.filter(key__startswith="prevented-2015-2017").exists()


@pytest.mark.django_db
def test_it_stores_the_ltsa_counts_per_year(loaded: dict[str, int]) -> None:
    per_year = [_value(f"ltsa-opened-{year}") for year in (2015, 2016, 2017, 2018)]
    assert per_year == [3, 6, 14, 9]
    assert _value("ltsa-in-progress-2019") == 10
    assert sum(per_year) + _value("ltsa-in-progress-2019") == _value("ltsa-total-2015-2019") == 42
    assert "13" in SourcedFigure.objects.get(key="ltsa-opened-2017").note
    assert "(13 LTSA)" in SourcedFigure.objects.get(key="ltsa-opened-2017").quote
    assert "40" in SourcedFigure.objects.get(key="ltsa-total-2015-2019").note


@pytest.mark.django_db
def test_it_stores_the_2017_chart_that_sums_to_60_and_the_target_of_100(
    loaded: dict[str, int],
) -> None:
    chart = SourcedFigure.objects.filter(key__startswith="desmigratif-2017-chart-")
    assert chart.count() == 10
    assert sum(chart.values_list("value", flat=True)) == 60
    assert _value("desmigratif-target-2017-villages") == 100
    assert _value("desmigratif-target-2017-regencies") == 50
    assert "60" in SourcedFigure.objects.get(key="desmigratif-target-2017-villages").note
    assert all("60" in note for note in chart.values_list("note", flat=True))
    assert chart.get(region_id="35").value == 16
    assert {figure.region.level for figure in chart if figure.region} == {"province"}
    assert _value("desmigratif-ntt-2017-villages") == 20
    assert _value("desmigratif-ntt-2017-regencies") == 10


@pytest.mark.django_db
def test_it_stores_the_second_2018_ntb_column_as_ntt(loaded: dict[str, int]) -> None:
    chart = SourcedFigure.objects.filter(key__startswith="desmigratif-2018-chart-")
    assert chart.count() == 10
    assert sum(chart.values_list("value", flat=True)) == 65
    assert _value("desmigratif-target-2018-villages") == 130
    assert _value("desmigratif-target-2018-regencies") == 65
    assert chart.get(region_id="52").value == 3
    ntt = chart.get(region_id="53")
    assert ntt.value == 10
    assert "NTB" in ntt.note and "dua kali" in ntt.note
    assert _value("desmigratif-target-2019-villages") == 150


@pytest.mark.django_db
def test_it_stores_the_ntt_cohorts_per_regency(loaded: dict[str, int]) -> None:
    for year in (2017, 2018):
        cohorts = SourcedFigure.objects.filter(key__startswith=f"desmigratif-{year}-ntt-53-")
        assert cohorts.count() == 10
        assert set(cohorts.values_list("value", flat=True)) == {2}
        assert sum(cohorts.values_list("value", flat=True)) == _value(
            f"desmigratif-ntt-{year}-villages")
        for figure in cohorts:
            assert figure.region is not None
            assert figure.region.level == "regency"
            assert figure.region.code.startswith("53.")
    assert SourcedFigure.objects.get(key="desmigratif-2018-ntt-53-09").region_id == "53.09"
    nagekeo = SourcedFigure.objects.get(key="desmigratif-2018-ntt-53-16")
    assert nagekeo.quote == "2 Desa di Kabupaten Nagakeo"
    assert "Nagekeo" in nagekeo.note
    assert SourcedFigure.objects.get(key="desmigratif-2017-ntt-53-71").region_id == "53.71"


@pytest.mark.django_db
def test_agencies_and_sites_are_named_in_the_readers_language(loaded: dict[str, int]) -> None:
    """The reference data's English names are kept on the records and shown to a reader who
    chose English; an Indonesian reader reads the Indonesian ones."""
    police = Agency.objects.get(code="polri")
    embassy = Site.objects.get(kind=SiteKind.MISSION, name="KBRI Kuala Lumpur")
    centre = Site.objects.get(kind=SiteKind.LTSA_CENTRE, name="LTSA-PPPMI Kabupaten Gianyar")
    province = Site.objects.get(kind=SiteKind.LTSA_CENTRE, name="LTSA-PPPMI Provinsi Jawa Timur")
    with translation.override("id"):
        assert (str(police), police.shown_name) == ("Polri",
                                                    "Kepolisian Negara Republik Indonesia")
        assert str(embassy) == "KBRI Kuala Lumpur"
        assert str(province) == "LTSA-PPPMI Provinsi Jawa Timur"
    with translation.override("en"):
        assert str(police) == police.shown_name == "Indonesian National Police"
        assert str(embassy) == "Embassy of the Republic of Indonesia in Kuala Lumpur"
        assert str(centre) == "LTSA-PPPMI Kabupaten Gianyar"  # a region's name is a name
        assert str(province) == "LTSA-PPPMI Jawa Timur Province"
    # an agency without an English name (a stakeholder typed in) keeps its name
    typed = Agency.objects.create(code="lsm-x", name="Yayasan Contoh", kind=AgencyKind.NGO)
    with translation.override("en"):
        assert str(typed) == typed.shown_name == "Yayasan Contoh"


@pytest.mark.django_db
def test_the_migration_names_records_loaded_before_in_english(loaded: dict[str, int]) -> None:
    from django.apps import apps

    migration = importlib.import_module("lindung.directory.migrations.0003_name_en")
    Agency.objects.update(name_en="")
    Site.objects.update(name_en="")
    migration.forwards(apps, None)
    assert Agency.objects.get(code="polri").name_en == "Indonesian National Police"
    assert not Site.objects.filter(name_en="").exists()
    assert reference_load()["updated"] == 0  # the same values load_reference writes
