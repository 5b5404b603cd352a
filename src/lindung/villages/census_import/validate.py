"""Checking every row of a census sheet before anything is written, and grouping the rows
into households. Pure Python over the rows in memory (about 100,000 rows in a couple of
seconds), so the write phase only writes.

A row's household is, in order: its family card number (KK), its household number in the
sheet, or, for sheets without either, the nearest head of household above it (sheets copied
from family cards list the head first, then the members).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from functools import lru_cache
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.utils import translation

from lindung.common.countries import country_code

# `_` keeps a message for the import's problems, read later by people of either language
# (common/stored_text.py), instead of translating it now; makemessages finds it as `_`.
from lindung.common.stored_text import keep as _
from lindung.people import services as people_services
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.villages.census_import import values as v
from lindung.villages.keys import FamilyCardError
from lindung.villages.keys import clean_family_card
from lindung.villages.keys import family_card_key
from lindung.villages.keys import head_key
from lindung.villages.keys import person_key
from lindung.villages.keys import sheet_reference_key
from lindung.villages.services.census import CHILD_AGE_LIMIT
from lindung.villages.services.census import AbroadInput

NAME_MAX = 200
TEXT_LIMITS = {"birth_place": 100, "address": 300, "employer": 200, "placement_agency": 200,
               "occupation": 100, "school_name": 200}
_NO_TEXTS = dict.fromkeys(TEXT_LIMITS, "")
_ABROAD_FIELDS = ("country", "employer", "placement_agency", "occupation", "departed_on",
                  "procedural", "returned_on")


@dataclass(slots=True)
class ValidRow:
    index: int  # 0-based among the data rows
    sheet_row: int  # 1-based row number in the sheet, as the officer sees it
    programme_village_id: UUID
    village_code: str
    household_key: str
    family_card_last4: str
    # the KK's 16 digits when the row gives them (kept encrypted on the household, so that
    # its key can be recomputed under a new root secret: core/reindex.py)
    family_card_number: str
    address: str
    name: str
    search_name: str
    nik: str
    nik_index: str
    nik_region_code: str
    sex: str
    birth_date: date | None
    birth_place: str
    relation: str
    phone: str
    migration_status: str
    abroad: AbroadInput | None
    school_status: str
    school_name: str
    kis: str
    kip: str
    is_child: bool


@dataclass
class RowError:
    index: int
    sheet_row: int
    field: str
    message: str


@dataclass
class Validation:
    """The checked rows from data row `offset` on: `rows[i]` is data row `offset + i`, None
    when blank or in error. Errors, blank rows and context rows are by data row index."""

    rows: list[ValidRow | None]
    offset: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Row warnings: the row is imported, the officer is told what to check (a NIK whose
    # regency or district code is not in the region tree, issue 18 item 15).
    warnings: list[RowError] = field(default_factory=list)
    blank: set[int] = field(default_factory=set)
    # row index -> sheet row of the head of household it belongs to (rows that inherit
    # their household from the head above them)
    context_rows: dict[int, int] = field(default_factory=dict)

    def errors_by_index(self) -> dict[int, list[RowError]]:
        grouped: dict[int, list[RowError]] = {}
        for error in self.errors:
            grouped.setdefault(error.index, []).append(error)
        return grouped


@dataclass(frozen=True)
class Context:
    """What validation needs to know besides the sheet."""

    default_village_id: UUID
    default_village_code: str
    # programme villages the actor may import into: village code -> programme village id
    villages: dict[str, UUID]
    census_date: date
    today: date
    first_data_sheet_row: int  # 1-based sheet row of data row 0
    # The warning for a NIK's district code ("53.71.01") not in the region tree, "" when it
    # is (regions.selectors.nik_region_warning_kept: the import passes it; None checks nothing).
    nik_region_warning: Callable[[str], str] | None = None


_Parsed = tuple[Any, str | None]


def _cached(parser: Callable[[Any], Any]) -> Callable[[str], _Parsed]:
    """A parser memoised on the cell text (values repeat: L/P, Anak, Malaysia...), returning
    (value, error message) instead of raising."""

    @lru_cache(maxsize=16384)
    def run(text: str) -> _Parsed:
        try:
            return parser(text), None
        except ValueError as exc:
            return None, str(exc)

    return run


_relation = _cached(v.parse_relation)
_sex = _cached(v.parse_sex)
_status = _cached(v.parse_migration_status)
_school = _cached(v.parse_school_status)
_card = _cached(v.parse_card_status)
_phone = _cached(v.parse_phone)
_procedural = _cached(v.parse_procedural)
_country = lru_cache(maxsize=4096)(country_code)


@lru_cache(maxsize=65536)
def _date_text(text: str, today: date, year_only: bool) -> _Parsed:
    try:
        return v.parse_date(text, today=today, allow_year_only=year_only), None
    except ValueError as exc:
        return None, str(exc)


def _date(raw: Any, today: date, year_only: bool = False) -> _Parsed:
    if raw is None or raw == "":
        return None, None
    if type(raw) is str:
        return _date_text(raw.strip(), today, year_only)
    try:
        return v.parse_date(raw, today=today, allow_year_only=year_only), None
    except ValueError as exc:
        return None, str(exc)


class _RowChecker:
    def __init__(self, mapping: dict[str, str], context: Context) -> None:
        columns = sorted((int(column), name) for column, name in mapping.items())
        self.names = [name for _, name in columns]
        self.width = (columns[-1][0] + 1) if columns else 0
        self.pick = operator.itemgetter(*[column for column, _ in columns]) if columns \
            else (lambda row: ())
        self.single = len(columns) == 1
        self.context = context
        self.today = context.today
        self.identities = people_services.BulkIdentity()
        mapped = set(self.names)
        self.text_limits = [(name, limit) for name, limit in TEXT_LIMITS.items()
                            if name in mapped]
        self.abroad_fields = [name for name in _ABROAD_FIELDS if name in mapped]
        self.region_warnings: dict[str, str] = {}

    def region_warning(self, district_code: str) -> str:
        """The warning (kept, for the reader's language: common/stored_text.py) for a NIK's
        district code not in the region tree ("" when it is), looked up once per code."""
        check = self.context.nik_region_warning
        if check is None:
            return ""
        if district_code not in self.region_warnings:
            self.region_warnings[district_code] = check(district_code)
        return self.region_warnings[district_code]

    def extract(self, row: Sequence[Any]) -> tuple[dict[str, Any], dict[str, str]]:
        """(raw cells, cleaned texts) of the mapped fields; unmapped fields are absent."""
        if len(row) < self.width:
            row = [*row, *([None] * (self.width - len(row)))]
        picked = self.pick(row)
        cells_list = [picked] if self.single else list(picked)
        text = v.text
        texts_list = ["" if cell is None or cell == "" else
                      (cell.strip() if type(cell) is str and "  " not in cell
                       and "\n" not in cell and "\t" not in cell and "\r" not in cell
                       and "\xa0" not in cell
                       else text(cell)) for cell in cells_list]
        return dict(zip(self.names, cells_list, strict=True)), \
            dict(zip(self.names, texts_list, strict=True))


class Validator:
    """Checks a sheet's data rows in order, a block at a time. A row's checks look only at
    the rows above it (the household of the nearest head above; the first head of a
    household and the first row of a person win), so a block's result is final as soon as
    it is checked: the import writes a chunk while the next one is being checked."""

    def __init__(self, mapping: dict[str, str], context: Context) -> None:
        self.checker = _RowChecker(mapping, context)
        self.context = context
        self.grouping = _Grouping()
        self.checked = 0  # data rows checked so far

    def block(self, rows: Sequence[Sequence[Any]]) -> Validation:
        """Check the next `len(rows)` data rows (the first is data row `self.checked`)."""
        offset = self.checked
        result = Validation(rows=[None] * len(rows), offset=offset)
        parsed: list[dict[str, Any] | None] = [None] * len(rows)
        checker = self.checker
        first = self.context.first_data_sheet_row + offset
        for number, row in enumerate(rows):
            cells, texts = checker.extract(row)
            if not any(texts.values()):  # nothing in the mapped columns: a blank row
                result.blank.add(offset + number)
                continue
            errors: list[tuple[str, str]] = []
            values = _parse_row(checker, cells, texts, errors)
            if errors:
                result.errors.extend(RowError(offset + number, first + number, name, message)
                                     for name, message in errors)
                values["_invalid"] = True
            parsed[number] = values
            if values.get("nik_region_code"):
                warning = checker.region_warning(values["nik_region_code"])
                if warning:
                    result.warnings.append(RowError(offset + number, first + number, "nik",
                                                    warning))
        _group_households(parsed, offset, self.grouping, self.context, result)
        # Warnings of the rows that are imported (a row in error is fixed and sent again).
        result.warnings = [w for w in result.warnings if result.rows[w.index - offset]]
        self.checked += len(rows)
        return result


def validate_rows(rows: Sequence[Sequence[Any]], mapping: dict[str, str],
                  context: Context) -> Validation:
    """Check all data rows of a sheet at once."""
    return Validator(mapping, context).block(rows)


def _parse_row(checker: _RowChecker, cells: dict[str, Any], texts: dict[str, str],
               errors: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def attempt(name: str, parse: Callable[[str], _Parsed]) -> Any:
        value, error = parse(texts.get(name, ""))
        if error:
            errors.append((name, error))
        return value

    name = texts.get("name", "")
    if not name:
        errors.append(("name", _("Nama belum diisi")))
    elif len(name) > NAME_MAX:
        errors.append(("name", _("Nama lebih dari %(name_max)s huruf", name_max=NAME_MAX)))
    out["name"] = name
    out["search_name"] = ""
    out["relation"] = attempt("relation", _relation)
    sex = attempt("sex", _sex) or ""
    birth_date, error = _date(cells.get("birth_date"), checker.today)
    if error:
        errors.append(("birth_date", error))
    out["sex"], out["birth_date"] = _parse_identity(checker, cells, texts, name, sex,
                                                    birth_date, out, errors)
    out["phone"] = attempt("phone", _phone) if texts.get("phone") else ""
    _parse_texts(checker, texts, out, errors)
    status = attempt("migration_status", _status) or ""
    out["abroad"] = _parse_abroad(checker, cells, texts, status, out, errors)
    if out["abroad"] is not None:
        status = (MigrationStatus.RETURNED if out["abroad"].returned_on
                  else MigrationStatus.ABROAD)
    out["migration_status"] = status or MigrationStatus.NONE
    out["school_status"] = attempt("school_status", _school) if texts.get("school_status") \
        else ""
    out["kis"] = attempt("kis", _card) if texts.get("kis") else ""
    out["kip"] = attempt("kip", _card) if texts.get("kip") else ""
    age = _age(out["birth_date"], checker.context.census_date)
    out["is_child"] = (age is not None and age < CHILD_AGE_LIMIT) or (
        age is None and out["relation"] == HouseholdRelation.CHILD
        and bool(out["school_status"]))
    out["family_card_number"] = texts.get("family_card_number", "")
    out["household_ref"] = texts.get("household_ref", "")
    out["village_code"] = texts.get("village_code", "")
    return out


def _identity_refusal(checker: _RowChecker,
                      identity: people_services.Identity) -> ValidationError:
    with translation.override("id"):
        try:
            checker.identities.derive(identity)
        except ValidationError as exc:
            return exc
    raise AssertionError("an identity refused once is refused again")  # pragma: no cover


def _parse_identity(checker: _RowChecker, cells: dict[str, Any], texts: dict[str, str],
                    name: str, sex: str, birth_date: date | None, out: dict[str, Any],
                    errors: list[tuple[str, str]]) -> tuple[str, date | None]:
    """Check the NIK against the birth date and sex and put the NIK, its indexes and the
    search name in `out`; returns the sex and birth date (the NIK's, where the cells left
    them out)."""
    out["nik"] = out["nik_index"] = out["nik_region_code"] = ""
    nik_text = texts.get("nik", "")
    if nik_text and isinstance(cells.get("nik"), float) and nik_text.endswith("0"):
        errors.append(("nik", _("NIK tersimpan sebagai angka sehingga Excel membulatkan digit "
                                "terakhir; format kolom NIK sebagai Teks lalu isi ulang")))
        return sex, birth_date
    if not name:
        return sex, birth_date
    # The registry's own derivation (people.services.identity_derive, in bulk): it checks
    # the NIK against the birth date and sex and computes the indexes the insert stores.
    identity = people_services.Identity(nik=nik_text, birth_date=birth_date, sex=sex,
                                        name=name)
    try:
        checker.identities.derive(identity)
    except ValidationError:
        # Refused (a few rows of a sheet): derived again in Indonesian, so that the messages
        # kept are the registry's msgids. Not every row under the override: switching the
        # language per row cost ~10 % of the import's CPU.
        exc = _identity_refusal(checker, identity)
        for field_name, field_errors in exc.error_dict.items():
            errors.extend((field_name, _(str(error.message), **(error.params or {})))
                          for error in field_errors)
        return sex, birth_date
    out["nik"], out["nik_index"] = identity.nik, identity.nik_index
    out["nik_region_code"] = identity.nik_region_code
    out["search_name"] = identity.search_name
    return identity.sex, identity.birth_date


def _parse_texts(checker: _RowChecker, texts: dict[str, str], out: dict[str, Any],
                 errors: list[tuple[str, str]]) -> None:
    """The free-text fields, cut to their column's length (with an error when longer)."""
    out.update(_NO_TEXTS)
    for text_field, limit in checker.text_limits:
        value = texts[text_field]
        if len(value) > limit:
            errors.append((text_field, _("Isian lebih dari %(limit)s huruf", limit=limit)))
            value = value[:limit]
        out[text_field] = value


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _parse_abroad(checker: _RowChecker, cells: dict[str, Any], texts: dict[str, str],
                  status: str, out: dict[str, Any],
                  errors: list[tuple[str, str]]) -> AbroadInput | None:
    given = any(map(texts.__getitem__, checker.abroad_fields))
    if not given:
        if status in (MigrationStatus.ABROAD, MigrationStatus.DEPARTED):
            errors.append(("country", _("Negara tujuan wajib diisi untuk anggota yang di luar "
                                        "negeri")))
        return None
    today = checker.today
    country_text = texts.get("country", "")
    country = _country(country_text) if country_text else None
    if not country_text:
        errors.append(("country", _("Negara tujuan belum diisi")))
    elif country is None:
        errors.append(("country", _("Negara tujuan tidak dikenal")))
    departed_on, error = _date(cells.get("departed_on"), today, True)
    if error:
        errors.append(("departed_on", error))
    returned_on, error = _date(cells.get("returned_on"), today, True)
    if error:
        errors.append(("returned_on", error))
    procedural, error = _procedural(texts.get("procedural", ""))
    if error:
        errors.append(("procedural", error))
    if departed_on and returned_on and returned_on < departed_on:
        errors.append(("returned_on", _("Tanggal pulang sebelum tanggal berangkat")))
    if status == MigrationStatus.RETURNED and returned_on is None:
        errors.append(("returned_on", _("Tanggal pulang wajib diisi untuk purna PMI")))
    return AbroadInput(country=country or "", employer=out["employer"],
                       placement_agency_name=out["placement_agency"],
                       occupation=out["occupation"], departed_on=departed_on,
                       procedural=procedural, returned_on=returned_on)


@dataclass(slots=True)
class _Grouping:
    """What household grouping remembers from the rows checked so far."""

    # The household of the nearest valid head row above, for rows without a KK/household
    # number (sheets copied from family cards list the head first; merged KK cells read as
    # blank): (key, programme village id, code), and the head's sheet row.
    current: tuple[str, UUID, str] | None = None
    current_head_row: int = 0
    invalid_head_row: int | None = None
    heads: dict[tuple[UUID, str], int] = field(default_factory=dict)
    people: dict[tuple[UUID, str], int] = field(default_factory=dict)


_Village = tuple[UUID, str]  # (programme village id, village code)
_Household = tuple[str, str, str]  # (household key, KK's last four digits, KK's digits)
_NO_HOUSEHOLD: _Household = ("", "", "")


def _group_households(parsed: list[dict[str, Any] | None], offset: int, state: _Grouping,
                      context: Context, result: Validation) -> None:
    """Group the parsed rows of a block (the first is data row `offset`) into households,
    carrying `state` over from the blocks above."""
    for number, values in enumerate(parsed):
        if values is None:
            continue
        index = offset + number
        sheet_row = context.first_data_sheet_row + index
        errors: list[tuple[str, str]] = []
        invalid = bool(values.get("_invalid"))
        village = _village_of(values, context, errors)
        household, village = _household_of(values, village, invalid, index, state, result,
                                           errors)
        key = household[0]
        settled = village if key and not invalid and not errors else None
        if values["relation"] == HouseholdRelation.HEAD:
            _follow_head(state, key, settled, sheet_row)
        if settled is not None:
            _check_repeats(values, (settled[0], key), sheet_row, state, errors)
        if errors:
            result.errors.extend(RowError(index, sheet_row, name, message)
                                 for name, message in errors)
            continue
        if settled is not None:
            result.rows[number] = _valid_row(values, index, sheet_row, settled, household)


def _household_of(values: dict[str, Any], village: _Village | None, invalid: bool,
                  index: int, state: _Grouping, result: Validation,
                  errors: list[tuple[str, str]]) -> tuple[_Household, _Village | None]:
    """The row's household, in order: its family card number (KK), its household number in
    the sheet, itself for a head of household, else the nearest head above it; and its
    village (the head's, for a row that gives none)."""
    if values["family_card_number"]:
        try:
            digits = clean_family_card(values["family_card_number"])
        except FamilyCardError as exc:
            errors.append(("family_card_number", exc.kept))
            return _NO_HOUSEHOLD, village
        return (family_card_key(digits), digits[-4:], digits), village
    if values["household_ref"]:
        return (sheet_reference_key(values["household_ref"]), "", ""), village
    if values["relation"] == HouseholdRelation.HEAD:
        if invalid or village is None:
            return _NO_HOUSEHOLD, village
        return (head_key(nik_index=values["nik_index"], search_name=values["search_name"],
                         birth_date=values["birth_date"]), "", ""), village
    return _head_above(village, invalid, index, state, result, errors)


def _head_above(village: _Village | None, invalid: bool, index: int, state: _Grouping,
                result: Validation,
                errors: list[tuple[str, str]]) -> tuple[_Household, _Village | None]:
    """The household of the nearest head of household above a row without a KK or
    household number (an error when there is none, or when that head is invalid)."""
    current = state.current
    if current is not None:
        result.context_rows[index] = state.current_head_row
        if village is not None and village[0] != current[1]:
            errors.append(("village_code", _("Kode desa berbeda dengan kepala keluarganya")))
        return (current[0], "", ""), village if village is not None else (current[1],
                                                                         current[2])
    invalid_head_row = state.invalid_head_row
    if invalid_head_row is not None:
        result.context_rows[index] = invalid_head_row
        errors.append(("relation", _("Kepala keluarga di baris %(invalid_head_row)s tidak "
                                     "valid; perbaiki baris itu",
                                     invalid_head_row=invalid_head_row)))
    elif not invalid:
        errors.append(("relation", _("Tidak ada kepala keluarga di atas baris ini dan tidak "
                                     "ada nomor KK/rumah tangga")))
    return _NO_HOUSEHOLD, village


def _follow_head(state: _Grouping, key: str, village: _Village | None,
                 sheet_row: int) -> None:
    """A head of household row: the rows below without a KK or household number belong to
    its household (`village` None: the head is invalid, and so are they)."""
    if village is not None:
        state.current, state.invalid_head_row = (key, village[0], village[1]), None
        state.current_head_row = sheet_row
    else:
        state.current, state.invalid_head_row = None, sheet_row


def _check_repeats(values: dict[str, Any], household: tuple[UUID, str], sheet_row: int,
                   state: _Grouping, errors: list[tuple[str, str]]) -> None:
    """The first head of a household and the first row of a person win; a later one is an
    error naming the first row."""
    if values["relation"] == HouseholdRelation.HEAD:
        first = state.heads.setdefault(household, sheet_row)
        if first != sheet_row:
            errors.append(("relation", _("Rumah tangga ini sudah punya kepala keluarga "
                                         "di baris %(first)s", first=first)))
    identity = (household[0], person_key(
        nik_index=values["nik_index"], household_key=household[1],
        search_name=values["search_name"], birth_date=values["birth_date"]))
    first_seen = state.people.setdefault(identity, sheet_row)
    if first_seen != sheet_row:
        errors.append(("nik" if values["nik_index"] else "name",
                       _("Orang yang sama sudah ada di baris %(first_seen)s",
                         first_seen=first_seen)))


def _valid_row(values: dict[str, Any], index: int, sheet_row: int, village: _Village,
               household: _Household) -> ValidRow:
    key, last4, digits = household
    return ValidRow(
        index=index, sheet_row=sheet_row, programme_village_id=village[0],
        village_code=village[1], household_key=key, family_card_last4=last4,
        family_card_number=digits,
        address=values["address"], name=values["name"], search_name=values["search_name"],
        nik=values["nik"], nik_index=values["nik_index"],
        nik_region_code=values["nik_region_code"], sex=values["sex"],
        birth_date=values["birth_date"], birth_place=values["birth_place"],
        relation=values["relation"], phone=values["phone"],
        migration_status=values["migration_status"], abroad=values["abroad"],
        school_status=values["school_status"], school_name=values["school_name"],
        kis=values["kis"], kip=values["kip"], is_child=values["is_child"])


def _village_of(values: dict[str, Any], context: Context,
                errors: list[tuple[str, str]]) -> tuple[UUID, str] | None:
    code = values["village_code"]
    if not code:
        return context.default_village_id, context.default_village_code
    code = code.strip()
    village_id = context.villages.get(code)
    if village_id is None:
        errors.append(("village_code", _("Kode desa bukan desa Desmigratif dalam wilayah Anda")))
        return None
    return village_id, code
