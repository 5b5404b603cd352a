"""The one small-cell rule for aggregates that leave the role owning the records.

A count of people or cases from 1 to 10 can point at a person ("1 victim case in my
village in March"). Wherever such a count is shown to someone who could not read the
records themselves (open-data files, plan metrics read by other roles), it is published as
"<11" (CTDC's k = 11). A hidden cell must not be recoverable from what is published beside
it: in a table with its total, the hidden cells are protected together (complementary
suppression), and where that cannot be done the total is hidden as well.

Pure Python, no Django: used by the prevention exports and the coordination metrics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

K_ANONYMITY = 11
SUPPRESSED = "<11"

Cell = int | str


def is_small(value: int | float | None) -> bool:
    """A count that must not leave its owners as it is: 1..k-1 (0 and k+ are safe)."""
    return value is not None and 0 < value < K_ANONYMITY


def disclose(value: int) -> Cell:
    """One count on its own (no total beside it)."""
    return SUPPRESSED if is_small(value) else value


@dataclass(frozen=True)
class SuppressedTable:
    cells: list[Cell]
    total: Cell

    @property
    def hidden(self) -> int:
        return sum(1 for cell in self.cells if cell == SUPPRESSED)


def suppress_table(values: Sequence[int], total: int | None = None) -> SuppressedTable:
    """The cells of a one-way table and its total, with small counts hidden so that none
    can be worked out from the rest:

    - every count 1..k-1 is hidden (primary suppression);
    - while the hidden cells add up to less than k (a single hidden cell is always
      recoverable as total minus the rest; several small ones add up to a small count),
      the smallest visible non-zero cell is hidden too (secondary suppression);
    - if there is no cell left to hide, or the total itself is small, the total is hidden.

    Zero cells stay visible: a zero reveals nobody, and hiding it would say there is
    someone. `total` defaults to the sum of `values`.
    """
    values = list(values)
    grand = sum(values) if total is None else total
    hidden = {i for i, value in enumerate(values) if is_small(value)}
    hide_total = is_small(grand)
    if hide_total:
        hidden |= {i for i, value in enumerate(values) if value > 0}
    while hidden and not hide_total and sum(values[i] for i in hidden) < K_ANONYMITY:
        visible = sorted((value, i) for i, value in enumerate(values)
                         if i not in hidden and value > 0)
        if not visible:
            hide_total = True
            break
        hidden.add(visible[0][1])
    cells: list[Cell] = [SUPPRESSED if i in hidden else value for i, value in enumerate(values)]
    return SuppressedTable(cells=cells, total=SUPPRESSED if hide_total else grand)
