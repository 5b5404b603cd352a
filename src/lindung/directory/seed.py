"""Reference data from the seed document: agencies, embarkation points, LTSA centres, missions.

The seed is a briefing given in Kupang on 15 October 2019 ("Rencana Aksi Nasional Pencegahan
dan Penanganan TPPO", Ali Tsabith Kholidi; ``seeds/000_ae536a28216210a3.txt``). The data
lives in CSV files beside this module (``directory/data/``), read and checked row by row when
the module is imported (:mod:`lindung.common.datafiles`: a bad row stops it, naming the file
and the row):

- ``seed_places.csv``: every place name as the seed writes it ("Kab. SDB", "TG. BALAI",
  "Kabupetan Sikka") with the official Kemendagri code it stands for and why, where the
  choice is not obvious; ``tests/directory/test_seed_reference.py`` checks it against the
  shipped region tree;
- ``embarkation_points.csv``: the 21 points, names in Bahasa Indonesia and English, source;
- ``ltsa_lists.csv``: the LTSA lists by year, one row per entry as numbered in the seed;
- ``agencies.csv``: task-force members, the ministry, the eight LTSA desks, missions and
  international partners, names in Bahasa Indonesia and English, each with its source.

Every record keeps where it comes from in ``source`` and, for sites, the seed's own words in
``source_label``. Where the seed is inconsistent (13 vs 14 LTSA in 2017, Sukabumi and
Cirebon listed twice, "9 anggota" naming seven agencies) the data says so instead of fixing
it silently; the full list is :data:`lindung.stats.seed.SEED_ISSUES`.

Load with :func:`reference_load` (``lindung load_reference``), after the region tree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path
from typing import Any
from typing import Literal
from typing import TypeVar
from typing import get_args

from django.db import models
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lindung.common.datafiles import Column
from lindung.common.datafiles import DataRow
from lindung.common.datafiles import read_data_file
from lindung.common.datafiles import require_unique
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import AgencyLevel
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.choices import SiteStatus
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.regions.models import Region

__all__ = [
    "AGENCIES",
    "EMBARKATION_POINTS",
    "LTSA_LISTS",
    "MISSIONS",
    "SEED_NAME_TO_REGION",
    "SEED_PLACES",
    "SEED_REF",
    "AgencyRow",
    "EmbarkationPoint",
    "LtsaCentre",
    "LtsaList",
    "RegionsMissingError",
    "SeedPlace",
    "ltsa_centres",
    "read_agencies",
    "read_embarkation_points",
    "read_ltsa_lists",
    "read_seed_places",
    "reference_load",
    "require_regions",
]

#: Short citation stored in ``source`` fields.
SEED_REF = "Paparan RAN PP TPPO, Ali Tsabith Kholidi, Kupang, 15 Oktober 2019"


# --- the data files -----------------------------------------------------------------------

DATA = Path(__file__).resolve().parent / "data"
#: A dotted Kemendagri code of a province or regency ("53", "53.71").
REGION_CODE = r"[0-9]{2}(\.[0-9]{2})?"
_NAME = 200  # Agency.name, Site.name
_SOURCE = 300  # Agency.source, Site.source
_WORDS = 120  # Site.source_label


@dataclass(frozen=True)
class SeedPlace:
    """A place name as the seed writes it, and the official region it stands for."""

    words: str  # exactly as in the seed
    code: str  # dotted Kemendagri code
    official: str  # the region's name in regions.csv.gz (checked by the tests)
    note: str = ""  # why, where the choice is not obvious


def read_seed_places(path: Path = DATA / "seed_places.csv") -> tuple[SeedPlace, ...]:
    """Every place name of the seed with its official region (``seed_places.csv``)."""
    rows = read_data_file(path, (
        Column("words", max_length=_WORDS), Column("code", pattern=REGION_CODE),
        Column("official", max_length=_NAME), Column("note", required=False),
    ))
    require_unique(rows, "words")
    return tuple(SeedPlace(row["words"], row["code"], row["official"], row["note"])
                 for row in rows)


def _seed_words(places: Mapping[str, str]) -> Callable[[DataRow], None]:
    """A row check: the row's ``words`` are a place name of ``seed_places.csv``."""

    def check(row: DataRow) -> None:
        if row["words"] not in places:
            raise row.error(f"{row['words']!r} is not a place in seed_places.csv", "words")

    return check


@dataclass(frozen=True)
class EmbarkationPoint:
    """One of the seed's 21 embarkation/debarkation points."""

    words: str  # as the seed writes it
    name: str  # the site's name (Bahasa Indonesia)
    name_en: str
    source: str


def read_embarkation_points(
    path: Path = DATA / "embarkation_points.csv", *, places: Mapping[str, str],
) -> tuple[EmbarkationPoint, ...]:
    """The points in the seed's order (``embarkation_points.csv``); `places`: seed words ->
    region code, which every point's words must be in."""
    rows = read_data_file(path, (
        Column("words", max_length=_WORDS), Column("name_id", max_length=_NAME),
        Column("name_en", max_length=_NAME), Column("source", max_length=_SOURCE),
    ), _seed_words(places))
    require_unique(rows, "words")
    require_unique(rows, "name_id")
    return tuple(EmbarkationPoint(row["words"], row["name_id"], row["name_en"], row["source"])
                 for row in rows)


@dataclass(frozen=True)
class LtsaList:
    """One of the seed's yearly LTSA lists: its heading, the status of the centres it is
    the first to name, and its entries in order, as written."""

    year: int
    heading: str
    status: str
    entries: tuple[str, ...]


def read_ltsa_lists(path: Path = DATA / "ltsa_lists.csv", *,
                    places: Mapping[str, str]) -> tuple[LtsaList, ...]:
    """The seed's LTSA lists by year (``ltsa_lists.csv``: one row per entry, numbered from 1
    within its year as in the seed)."""
    lists: dict[int, LtsaList] = {}

    def check(row: DataRow) -> None:
        _seed_words(places)(row)
        year = lists.get(row["year"])
        entries = year.entries if year is not None else ()
        if year is not None and (row["heading"], row["status"]) != (year.heading, year.status):
            raise row.error(f"a {row['year']} entry with another heading or status than the "
                            f"{row['year']} entries above it", "heading")
        if row["number"] != len(entries) + 1:
            raise row.error(f"number {row['number']}, expected {len(entries) + 1} (entries "
                            "are numbered from 1 within their year, in order)", "number")
        lists[row["year"]] = LtsaList(row["year"], row["heading"], row["status"],
                                      (*entries, row["words"]))

    read_data_file(path, (
        Column("year", "int"), Column("heading", max_length=60), Column("number", "int"),
        Column("words", max_length=_WORDS), Column("status", choices=SiteStatus.values),
    ), check)
    return tuple(lists.values())


AgencyGroup = Literal["taskforce", "national", "ltsa_desk", "mission", "partner"]
AGENCY_GROUPS: tuple[AgencyGroup, ...] = get_args(AgencyGroup)


@dataclass(frozen=True)
class AgencyRow:
    code: str
    group: AgencyGroup
    name: str
    name_en: str
    short_name: str
    kind: str
    level: str
    source: str
    country: str = "ID"
    taskforce_member: bool = False
    desk: str = ""
    website: str = ""
    city: str = ""  # missions: the city, for the Site record


def _agency_check(row: DataRow) -> None:
    if (row["group"] == "mission") != bool(row["city"]):
        raise row.error("a mission needs its city, and only a mission has one", "city")
    if (row["group"] == "ltsa_desk") != bool(row["desk"]):
        raise row.error("an LTSA desk needs its desk, and only a desk has one", "desk")
    if (row["group"] == "taskforce") != row["taskforce_member"]:
        raise row.error("the task-force members, and only they, are taskforce_member",
                        "taskforce_member")


def read_agencies(path: Path = DATA / "agencies.csv") -> tuple[AgencyRow, ...]:
    """The agencies (``agencies.csv``), names in Bahasa Indonesia and English."""
    rows = read_data_file(path, (
        Column("code", max_length=64, pattern=r"[a-z0-9]+(-[a-z0-9]+)*"),
        Column("group", choices=AGENCY_GROUPS),
        Column("name_id", max_length=_NAME), Column("name_en", max_length=_NAME),
        Column("short_name", max_length=60), Column("kind", choices=AgencyKind.values),
        Column("level", choices=AgencyLevel.values), Column("country", pattern="[A-Z]{2}"),
        Column("taskforce_member", "bool"),
        Column("desk", required=False, choices=Desk.values),
        Column("website", required=False, pattern=r"https://[^\s]+"),
        Column("city", required=False, max_length=100),
        Column("source", max_length=_SOURCE),
    ), _agency_check)
    require_unique(rows, "code")
    return tuple(AgencyRow(
        code=row["code"], group=row["group"], name=row["name_id"], name_en=row["name_en"],
        short_name=row["short_name"], kind=row["kind"], level=row["level"],
        source=row["source"], country=row["country"], taskforce_member=row["taskforce_member"],
        desk=row["desk"], website=row["website"], city=row["city"]) for row in rows)


# --- the reference data -------------------------------------------------------------------

#: Every place name of the seed (its 21 points, the LTSA lists, the Desmigratif charts and
#: NTT programme) with the official region it stands for. The four points that are
#: provinces and the cities (not the kabupaten of the same name) where a port or airport is
#: are explained in each place's note.
SEED_PLACES: tuple[SeedPlace, ...] = read_seed_places()

#: Seed words -> official region code, for every place name in the seed.
SEED_NAME_TO_REGION: dict[str, str] = {place.words: place.code for place in SEED_PLACES}

#: The 21 points in the seed's order.
EMBARKATION_POINTS: tuple[EmbarkationPoint, ...] = read_embarkation_points(
    places=SEED_NAME_TO_REGION)

#: The seed's LTSA lists, by year, with the heading the seed gives each list. 2019 is
#: "on Progress". The lists hold 3 + 6 + 14 + 9 + 10 = 42 entries (the stated total) but
#: only 40 places: Kab. Sukabumi and Kab. Cirebon are in 2017 and again in 2019.
LTSA_LISTS: tuple[LtsaList, ...] = read_ltsa_lists(places=SEED_NAME_TO_REGION)

#: The agencies: the task force's members (the seven distinct agencies behind the seed's
#: "9 anggota", which lists DINAS PERHUBUNGAN and IMIGRASI twice; the two missing members
#: are not invented), the ministry, the eight desks of an LTSA centre (PP 59/2021), the
#: Indonesian missions in the main destinations of PMI (no contact details: none is certain
#: enough to publish to people in trouble abroad) and the international partners.
AGENCIES: tuple[AgencyRow, ...] = read_agencies()
MISSIONS: tuple[AgencyRow, ...] = tuple(row for row in AGENCIES if row.group == "mission")


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


# --- LTSA-PPPMI centres -------------------------------------------------------------------


@dataclass(frozen=True)
class LtsaCentre:
    """One LTSA centre, however many times the seed lists it."""

    code: str
    name: str
    name_en: str  # the region's official name stays as it is; "Provinsi" is translated
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


def ltsa_centres() -> list[LtsaCentre]:
    """The distinct centres of :data:`LTSA_LISTS`, in the seed's order (40 of 42 entries)."""
    places = {place.words: place for place in SEED_PLACES}
    by_code: dict[str, LtsaCentre] = {}
    for ltsa_list in LTSA_LISTS:
        for number, words in enumerate(ltsa_list.entries, start=1):
            place = places[words]
            appearance = (ltsa_list.heading, number)
            seen = by_code.get(place.code)
            if seen is not None:
                by_code[place.code] = replace(seen, appearances=(*seen.appearances, appearance))
                continue
            province = "." not in place.code
            by_code[place.code] = LtsaCentre(
                code=place.code, name=f"LTSA-PPPMI {'Provinsi ' if province else ''}"
                                      f"{place.official}",
                name_en=f"LTSA-PPPMI {place.official}{' Province' if province else ''}",
                words=words,
                opened_year=ltsa_list.year, status=ltsa_list.status, appearances=(appearance,))
    return list(by_code.values())


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
    return {"name": row.name, "name_en": row.name_en, "short_name": row.short_name,
            "kind": row.kind,
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
    regions = require_regions({SEED_NAME_TO_REGION[point.words] for point in EMBARKATION_POINTS}
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

        for point in EMBARKATION_POINTS:
            region = regions[SEED_NAME_TO_REGION[point.words]]
            site(SiteKind.EMBARKATION_POINT, point.name, {
                "name_en": point.name_en,
                "region_id": region.code, "region_code": region.code, "country": "ID",
                "opened_year": None, "status": SiteStatus.OPERATIONAL,
                "source_label": point.words, "source": point.source,
            })

        for centre in ltsa_centres():
            site(SiteKind.LTSA_CENTRE, centre.name, {
                "name_en": centre.name_en,
                "region_id": centre.code, "region_code": centre.code, "country": "ID",
                "opened_year": centre.opened_year, "status": centre.status,
                "source_label": centre.words, "source": centre.source,
            })

        for row in MISSIONS:
            site(SiteKind.MISSION, row.short_name, {
                "name_en": row.name_en,
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
