"""The directory's reference data files (directory/data/): they load, every name a user sees
is in both languages, and a bad row is refused with its file and row number."""

from __future__ import annotations

from pathlib import Path

import pytest

from lindung.common.datafiles import DataFileError
from lindung.directory.seed import AGENCIES
from lindung.directory.seed import DATA
from lindung.directory.seed import EMBARKATION_POINTS
from lindung.directory.seed import LTSA_LISTS
from lindung.directory.seed import SEED_NAME_TO_REGION
from lindung.directory.seed import SEED_PLACES
from lindung.directory.seed import read_agencies
from lindung.directory.seed import read_embarkation_points
from lindung.directory.seed import read_ltsa_lists
from lindung.directory.seed import read_seed_places
from tests.fixtures.datafiles import edited_copy


def test_it_loads_the_shipped_files() -> None:
    assert read_seed_places() == SEED_PLACES and len(SEED_PLACES) == 95
    assert read_embarkation_points(places=SEED_NAME_TO_REGION) == EMBARKATION_POINTS
    assert len(EMBARKATION_POINTS) == 21
    assert read_ltsa_lists(places=SEED_NAME_TO_REGION) == LTSA_LISTS
    assert [ltsa_list.year for ltsa_list in LTSA_LISTS] == [2015, 2016, 2017, 2018, 2019]
    assert read_agencies() == AGENCIES and len(AGENCIES) == 35
    assert {row.group for row in AGENCIES} == {"taskforce", "national", "ltsa_desk",
                                               "mission", "partner"}


def test_it_names_agencies_and_points_in_both_languages() -> None:
    for agency in AGENCIES:
        assert agency.name and agency.name_en, agency.code
    english = {agency.code: agency.name_en for agency in AGENCIES}
    assert english["polri"] == "Indonesian National Police"
    assert english["kbri-kuala-lumpur"] == "Embassy of the Republic of Indonesia in Kuala Lumpur"
    points = {point.words: point for point in EMBARKATION_POINTS}
    assert (points["JAWA TIMUR"].name, points["JAWA TIMUR"].name_en) == ("Jawa Timur",
                                                                         "East Java")
    assert all("EMBAKARSI" in point.source for point in EMBARKATION_POINTS)


def test_it_refuses_a_bad_agency_row_with_its_row_number(tmp_path: Path) -> None:
    path = edited_copy(DATA, tmp_path, "agencies.csv", 7, "kind", "polisi")
    with pytest.raises(DataFileError, match=r"^agencies.csv, row 7, column 'kind': 'polisi' "
                                            r"is not one of "):
        read_agencies(path)
    # An LTSA desk without its desk:
    path = edited_copy(DATA, tmp_path, "agencies.csv", 12, "desk", "")
    with pytest.raises(DataFileError, match=r"^agencies.csv, row 12, column 'desk': "):
        read_agencies(path)
    path = edited_copy(DATA, tmp_path, "agencies.csv", 30, "code", "kbri-kuala-lumpur")
    with pytest.raises(DataFileError, match=r"^agencies.csv, row 30, column 'code': "
                                            r"kbri-kuala-lumpur is already in row "):
        read_agencies(path)


def test_it_refuses_a_place_code_that_is_not_a_region_code(tmp_path: Path) -> None:
    path = edited_copy(DATA, tmp_path, "seed_places.csv", 4, "code", "32.73.")
    with pytest.raises(DataFileError, match=r"^seed_places.csv, row 4, column 'code': "):
        read_seed_places(path)


def test_it_refuses_a_point_whose_words_are_not_a_seed_place(tmp_path: Path) -> None:
    path = edited_copy(DATA, tmp_path, "embarkation_points.csv", 9, "words", "TANJUNG BALAI")
    with pytest.raises(DataFileError, match=r"^embarkation_points.csv, row 9, column "
                                            r"'words': 'TANJUNG BALAI' is not a place"):
        read_embarkation_points(path, places=SEED_NAME_TO_REGION)


def test_it_refuses_an_ltsa_entry_out_of_its_list(tmp_path: Path) -> None:
    path = edited_copy(DATA, tmp_path, "ltsa_lists.csv", 5, "number", "3")  # 2016's first entry
    with pytest.raises(DataFileError, match=r"^ltsa_lists.csv, row 5, column 'number': "
                                            r"number 3, expected 1"):
        read_ltsa_lists(path, places=SEED_NAME_TO_REGION)
    path = edited_copy(DATA, tmp_path, "ltsa_lists.csv", 43, "status", "operational")  # 2019's last
    with pytest.raises(DataFileError, match=r"^ltsa_lists.csv, row 43, column 'heading': "):
        read_ltsa_lists(path, places=SEED_NAME_TO_REGION)
