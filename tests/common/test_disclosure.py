"""The one small-cell rule: no count from 1 to 10 leaves its owners, and no hidden cell can
be worked out from what is published beside it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from lindung.common.disclosure import SUPPRESSED
from lindung.common.disclosure import disclose
from lindung.common.disclosure import is_small
from lindung.common.disclosure import suppress_table


def test_small_counts() -> None:
    assert [is_small(v) for v in (None, 0, 1, 10, 11, 500)] == [False, False, True, True,
                                                                 False, False]
    assert disclose(0) == 0 and disclose(3) == SUPPRESSED and disclose(11) == 11


@pytest.mark.parametrize(("values", "cells", "total"), [
    ([50, 30, 0], [50, 30, 0], 80),                       # nothing small
    ([50, 30, 4], [50, "<11", "<11"], 84),                # one small: the next smallest too
    ([50, 3, 4], ["<11", "<11", "<11"], 57),              # 3 + 4 = 7 would say both are small
    ([50, 1, 1], ["<11", "<11", "<11"], 52),              # 1 + 1 = 2 would give both away
    ([11, 10], ["<11", "<11"], 21),
    ([7], ["<11"], "<11"),                                # a small total is itself hidden
    ([7, 0, 0], ["<11", 0, 0], "<11"),
    ([6, 5], ["<11", "<11"], 11),                         # 6 + 5 = 11: safe together
    ([0, 0], [0, 0], 0),
    ([], [], 0),
])
def test_table_suppression(values: list[int], cells: list[object], total: object) -> None:
    table = suppress_table(values)
    assert table.cells == cells
    assert table.total == total


def test_a_given_total_is_used_and_hidden_when_small() -> None:
    assert suppress_table([3, 4], total=7).total == SUPPRESSED
    assert suppress_table([30, 40], total=70).total == 70


def _solutions(cells: Sequence[object], total: object, upper: int = 40) -> set[tuple[int, ...]]:
    """Every table of counts consistent with what is published (the attacker's view)."""
    hidden = [i for i, cell in enumerate(cells) if cell == SUPPRESSED]
    found = set()
    for guess in itertools.product(range(1, upper), repeat=len(hidden)):
        values = [cell if isinstance(cell, int) else 0 for cell in cells]
        for i, value in zip(hidden, guess, strict=True):
            values[i] = value
        if total == SUPPRESSED or sum(values) == total:
            found.add(tuple(values[i] for i in hidden))
    return found


@pytest.mark.parametrize("values", [
    [12, 2], [50, 30, 4], [50, 3, 4], [50, 1, 1], [9, 0, 0], [20, 1, 0, 15], [2, 2, 2, 30],
    [1, 1], [10, 10, 10],
])
def test_no_hidden_small_cell_can_be_worked_out(values: list[int]) -> None:
    """Whatever the attacker guesses, each hidden small cell keeps at least two possible
    values, given the published cells and total."""
    table = suppress_table(values)
    solutions = _solutions(table.cells, table.total, upper=max(values) + 12)
    hidden = [i for i, cell in enumerate(table.cells) if cell == SUPPRESSED]
    assert tuple(values[i] for i in hidden) in solutions
    for position, i in enumerate(hidden):
        if is_small(values[i]):
            assert len({solution[position] for solution in solutions}) > 1, (values, i)
