"""The seed document's figures as sourced aggregates, and its inconsistencies, stated.

The seed (``seeds/000_ae536a28216210a3.txt``) is a 2019 briefing from Kupang. Its numbers
(prevented departures, LTSA centres per year, Desmigratif cohorts) are stored as
:class:`~lindung.stats.models.SourcedFigure` rows with the seed's own words: historical
totals, never turned into invented events. The data lives in CSV files beside this module
(``stats/data/``), read and checked row by row when the module is imported
(:mod:`lindung.common.datafiles`):

- ``figures.csv``: one row per figure, with its label in Bahasa Indonesia and English, its
  period, region (and the seed's words for it, for the Desmigratif charts and the NTT
  programme), its source, the exact quote and, where the seed contradicts itself, a note;
- ``seed_issues.csv``: every inconsistency, in both languages, with what the system does
  about it (the public data-quality page).

Quotes are the seed's words with runs of white space collapsed to one space.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from lindung.common.datafiles import Column
from lindung.common.datafiles import DataRow
from lindung.common.datafiles import read_data_file
from lindung.common.datafiles import require_unique
from lindung.directory.seed import REGION_CODE
from lindung.directory.seed import SEED_NAME_TO_REGION
from lindung.directory.seed import require_regions
from lindung.stats.models import SourcedFigure

__all__ = [
    "DESMIGRATIF_CHART_2017",
    "DESMIGRATIF_CHART_2018",
    "NTT_COHORTS",
    "SEED_FIGURES",
    "SEED_ISSUES",
    "SEED_SOURCE",
    "SeedFigure",
    "SeedIssue",
    "figures_load",
    "read_figures",
    "read_seed_issues",
]

DATA = Path(__file__).resolve().parent / "data"

#: The seed, cited as its readers know it (every figure of ``figures.csv`` gives it).
SEED_SOURCE = ('Ali Tsabith Kholidi, "Rencana Aksi Nasional Pencegahan dan Penanganan TPPO" '
               "(paparan), Kupang, 15 Oktober 2019")


# --- inconsistencies ----------------------------------------------------------------------


@dataclass(frozen=True)
class SeedIssue:
    """Something in the seed that is wrong, contradictory or ambiguous, and what we do."""

    key: str
    title_id: str
    title_en: str
    seed_says: str  # the seed's exact words (white space collapsed)
    handling_id: str
    handling_en: str


def read_seed_issues(path: Path = DATA / "seed_issues.csv") -> list[SeedIssue]:
    """The seed's inconsistencies (``seed_issues.csv``)."""
    rows = read_data_file(path, (
        Column("key", max_length=80, pattern=r"[a-z0-9]+(-[a-z0-9]+)*"),
        Column("title_id"), Column("title_en"), Column("seed_says"),
        Column("handling_id"), Column("handling_en"),
    ))
    require_unique(rows, "key")
    return [SeedIssue(row["key"], row["title_id"], row["title_en"], row["seed_says"],
                      row["handling_id"], row["handling_en"]) for row in rows]


SEED_ISSUES: list[SeedIssue] = read_seed_issues()


# --- figures ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedFigure:
    key: str
    label: str  # Bahasa Indonesia
    value: int
    unit: str
    period_start: date
    period_end: date
    quote: str
    region_code: str = ""
    note: str = ""
    label_en: str = ""
    # The seed's words for the region (the Desmigratif charts, the NTT programme), "" if none.
    region_words: str = ""
    source: str = SEED_SOURCE


def _figure_check(row: DataRow) -> None:
    if row["end_year"] < row["start_year"]:
        raise row.error("ends before it starts", "end_year")
    words = row["region_words"]
    if words and words not in SEED_NAME_TO_REGION:
        raise row.error(f"{words!r} is not a place in seed_places.csv", "region_words")
    if words and not row["region_code"]:
        raise row.error("the seed's words for a region, but no region code", "region_code")


def read_figures(path: Path = DATA / "figures.csv") -> list[SeedFigure]:
    """The seed's figures (``figures.csv``), in the file's order."""
    rows = read_data_file(path, (
        Column("key", max_length=80, pattern=r"[a-z0-9]+(-[a-z0-9]+)*"),
        Column("label_id", max_length=200), Column("label_en", max_length=200),
        Column("value", "int"), Column("unit", max_length=40),
        Column("start_year", "int"), Column("end_year", "int"),
        Column("region_words", required=False),
        Column("region_code", required=False, pattern=REGION_CODE),
        Column("source", max_length=200), Column("quote", max_length=300),
        Column("note", required=False, max_length=300),
    ), _figure_check)
    require_unique(rows, "key")
    return [SeedFigure(
        key=row["key"], label=row["label_id"], label_en=row["label_en"], value=row["value"],
        unit=row["unit"], period_start=date(row["start_year"], 1, 1),
        period_end=date(row["end_year"], 12, 31), quote=row["quote"],
        region_code=row["region_code"], region_words=row["region_words"],
        note=row["note"], source=row["source"]) for row in rows]


SEED_FIGURES: list[SeedFigure] = read_figures()


def _column_values(prefix: str) -> tuple[tuple[str, int], ...]:
    return tuple((figure.region_words, figure.value) for figure in SEED_FIGURES
                 if figure.key.startswith(prefix))


#: "PROGRAM DESMIGRATIF TAHUN 2017" chart: (column as written, value). Sums to 60.
DESMIGRATIF_CHART_2017 = _column_values("desmigratif-2017-chart-")
#: "Program Desmigratif Tahun 2018" chart. Sums to 65; "Prov NTB" twice, the second is
#: stored for NTT (53), with a note.
DESMIGRATIF_CHART_2018 = _column_values("desmigratif-2018-chart-")
#: Special NTT programme: the regencies (as written) with 2 villages each, per year.
NTT_COHORTS: dict[int, tuple[str, ...]] = {
    year: tuple(words for words, _ in _column_values(f"desmigratif-{year}-ntt-"))
    for year in (2017, 2018)
}


def figures_load() -> int:
    """Load :data:`SEED_FIGURES` as SourcedFigure rows, update_or_create by key.

    Idempotent. Needs the provinces and NTT regencies of the region tree (raises
    :class:`lindung.directory.seed.RegionsMissingError` otherwise). Returns the number of
    rows created (0 on a second run); ``len(SEED_FIGURES)`` rows exist afterwards.
    """
    require_regions({figure.region_code for figure in SEED_FIGURES if figure.region_code})
    created = 0
    with transaction.atomic():
        for figure in SEED_FIGURES:
            _, was_created = SourcedFigure.objects.update_or_create(
                key=figure.key,
                defaults={
                    "label": figure.label, "label_en": figure.label_en,
                    "value": figure.value, "unit": figure.unit,
                    "period_start": figure.period_start, "period_end": figure.period_end,
                    "region_id": figure.region_code or None, "source": figure.source,
                    "quote": figure.quote, "note": figure.note,
                },
            )
            created += was_created
    return created
