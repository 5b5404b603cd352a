"""Checking a census sheet chunk by chunk (as the import does, writing each chunk as soon as
it is checked) finds exactly what checking the whole sheet at once finds: a row's checks
look only at the rows above it. Pure Python, no database."""

from __future__ import annotations

import random
import uuid
from datetime import date
from itertools import pairwise
from typing import Any

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lindung.villages.census_import.columns import auto_mapping
from lindung.villages.census_import.validate import Context
from lindung.villages.census_import.validate import Validation
from lindung.villages.census_import.validate import Validator
from lindung.villages.census_import.validate import validate_rows
from lindung.villages.synthetic import HEADERS
from lindung.villages.synthetic import census_rows

TODAY = date(2026, 6, 1)
VILLAGES = {"53.01.05.2001": uuid.UUID(int=1), "53.01.05.2002": uuid.UUID(int=2)}
CONTEXT = Context(default_village_id=uuid.UUID(int=1), default_village_code="53.01.05.2001",
                  villages=VILLAGES, census_date=TODAY, today=TODAY, first_data_sheet_row=2)
MAPPING = auto_mapping(list(HEADERS))


def _sheet() -> list[list[Any]]:
    """Synthetic households (the family card number on the head's row only, members below
    it) with what goes wrong in real sheets mixed in."""
    rows = [list(row) for row in census_rows(random.Random(11), village_codes=list(VILLAGES),
                                             rows=160, today=TODAY)]
    blank = [""] * len(HEADERS)
    orphan = list(rows[1])  # a member with no head above (the sheet starts with it)
    orphan[2], orphan[3] = "Yosef Tanpa Kepala", ""
    bad_head = list(rows[0])  # a head whose NIK is wrong: its members are in error too
    bad_head[1], bad_head[3] = "5301050000009999", "12345"
    member = list(rows[1])
    member[1], member[2], member[3] = "", "Anggota Kepala Salah", ""
    outside = list(rows[5])  # a village outside the officer's area
    outside[0] = "53.01.05.2003"
    second_head = list(rows[0])  # the same household listed again: a second head
    second_head[2], second_head[3] = "Kepala Kedua", ""
    return [orphan, *rows[:40], blank, rows[3], *rows[40:90], bad_head, member, member,
            outside, blank, *rows[90:], second_head]


SHEET = _sheet()
AT_ONCE = validate_rows(SHEET, MAPPING, CONTEXT)


def _facts(validation: Validation) -> tuple[Any, ...]:
    return (validation.rows, sorted((e.index, e.sheet_row, e.field, e.message)
                                    for e in validation.errors),
            sorted(validation.blank), validation.context_rows)


def test_the_sheet_has_errors_of_every_kind() -> None:
    fields = {error.field for error in AT_ONCE.errors}
    assert {"relation", "nik", "village_code"} <= fields
    assert AT_ONCE.blank and AT_ONCE.context_rows
    assert sum(row is not None for row in AT_ONCE.rows) > 100


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=len(SHEET)), max_size=12))
def test_checking_in_chunks_finds_what_checking_at_once_finds(cuts: list[int]) -> None:
    bounds = [0, *sorted(set(cuts)), len(SHEET)]
    validator = Validator(MAPPING, CONTEXT)
    merged = Validation(rows=[])
    for begin, end in pairwise(bounds):
        if begin == end:
            continue
        chunk = validator.block(SHEET[begin:end])
        assert chunk.offset == begin and len(chunk.rows) == end - begin
        assert all(begin <= e.index < end for e in chunk.errors)
        merged.rows.extend(chunk.rows)
        merged.errors.extend(chunk.errors)
        merged.blank |= chunk.blank
        merged.context_rows.update(chunk.context_rows)
    assert _facts(merged) == _facts(AT_ONCE)

