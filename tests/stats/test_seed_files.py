"""The stats app's reference data files (stats/data/): the seed's figures and
inconsistencies load, in both languages, and a bad row is refused with its row number."""

from __future__ import annotations

from pathlib import Path

import pytest

from lindung.common.datafiles import DataFileError
from lindung.directory.seed import SEED_NAME_TO_REGION
from lindung.stats.seed import DATA
from lindung.stats.seed import SEED_FIGURES
from lindung.stats.seed import SEED_ISSUES
from lindung.stats.seed import SEED_SOURCE
from lindung.stats.seed import read_figures
from lindung.stats.seed import read_seed_issues
from tests.fixtures.datafiles import edited_copy


def test_it_loads_the_shipped_files() -> None:
    assert read_figures() == SEED_FIGURES and len(SEED_FIGURES) == 60
    assert read_seed_issues() == SEED_ISSUES and len(SEED_ISSUES) == 17
    for figure in SEED_FIGURES:
        assert figure.label and figure.label_en and figure.source == SEED_SOURCE, figure.key


def test_it_keeps_the_seeds_words_for_each_charted_region() -> None:
    charted = [figure for figure in SEED_FIGURES if figure.region_words]
    assert len(charted) == 40  # two charts and two NTT cohorts of 10
    moved = [figure.key for figure in charted
             if SEED_NAME_TO_REGION[figure.region_words] != figure.region_code]
    # The one deliberate reading: the second "Prov NTB" of the 2018 chart is NTT.
    assert moved == ["desmigratif-2018-chart-53"]


def test_it_refuses_a_bad_figure_row_with_its_row_number(tmp_path: Path) -> None:
    path = edited_copy(DATA, tmp_path, "figures.csv", 4, "value", "3.106")
    with pytest.raises(DataFileError, match=r"^figures.csv, row 4, column 'value': '3.106' "
                                            r"is not a whole number"):
        read_figures(path)
    path = edited_copy(DATA, tmp_path, "figures.csv", 25, "region_words", "Prov Jawa Barta")
    with pytest.raises(DataFileError, match=r"^figures.csv, row 25, column 'region_words'"):
        read_figures(path)
    path = edited_copy(DATA, tmp_path, "figures.csv", 6, "end_year", "2014")
    with pytest.raises(DataFileError, match=r"^figures.csv, row 6, column 'end_year': ends "
                                            r"before it starts"):
        read_figures(path)


def test_it_refuses_an_issue_without_its_english(tmp_path: Path) -> None:
    path = edited_copy(DATA, tmp_path, "seed_issues.csv", 5, "handling_en", "")
    with pytest.raises(DataFileError, match=r"^seed_issues.csv, row 5, column 'handling_en': "
                                            r"empty, but required"):
        read_seed_issues(path)
