"""Attack: recover a suppressed cell of the open-data file from what is published beside it.

The anonymised task-force statistics (`/prevention/statistics/export.csv?open=1`) hide
counts from 1 to 10. Downloaded as an attacker would, for every table the hidden cells are
solved against the visible cells and the published total: no hidden small count may come
out as a single value. The data is chosen so that the rule the file followed before (hide
the small cells, add one more only when exactly one was hidden, always publish the total)
gave cells away: 1 + 1 beside a visible 50 and a total of 52, and a table whose only
non-zero cell equals its total.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from datetime import date

import pytest

from lindung.common.disclosure import SUPPRESSED
from lindung.common.disclosure import is_small
from lindung.prevention.services import prevented_departure_record
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db


def _record(taskforce: rf.Taskforce, people: int, reason: str, country: str,
            day: date, start: int) -> None:
    persons = [rf.make_person(f"Orang {start + i}", village=rf.KUPANG_VILLAGE)
               for i in range(people)]
    prevented_departure_record(actor=taskforce.officer, site=taskforce.world.embarkation,
                               date=day, people=persons, destination_country=country,
                               reason=reason, acting_agency=taskforce.world.agency,
                               outcome="returned_home")


def _consistent(cells: list[str], total: str, upper: int) -> list[tuple[int, ...]]:
    hidden = [i for i, cell in enumerate(cells) if cell == SUPPRESSED]
    visible = sum(int(cell) for cell in cells if cell != SUPPRESSED)
    found = []
    for guess in itertools.product(range(1, upper), repeat=len(hidden)):
        if total == SUPPRESSED or visible + sum(guess) == int(total):
            found.append(guess)
    return found


def test_no_suppressed_cell_is_recoverable_from_the_published_totals(
        taskforce: rf.Taskforce) -> None:
    _record(taskforce, 50, "tourist_visa_for_work", "MY", date(2025, 3, 5), 0)
    _record(taskforce, 1, "suspected_trafficking", "KH", date(2025, 4, 9), 100)
    _record(taskforce, 1, "no_documents", "SA", date(2025, 6, 1), 200)
    response = taskforce.world.client_for("admin").get(
        "/prevention/statistics/export.csv?open=1&year=2025")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    tables: dict[str, dict[str, str]] = defaultdict(dict)
    for table, code, _label, _unit, value in rows[1:]:
        if table not in ("sourced", "recorded"):
            tables[table][code] = value
    assert tables, "the open-data file has tables"
    published_something_small = False
    for name, published in tables.items():
        total = published.pop("total")
        codes, cells = list(published), list(published.values())
        assert not any(cell.isdigit() and is_small(int(cell)) for cell in [*cells, total]), \
            (name, published, total)
        hidden = [i for i, cell in enumerate(cells) if cell == SUPPRESSED]
        if not hidden:
            continue
        published_something_small = True
        solutions = _consistent(cells, total, upper=60)
        for position, index in enumerate(hidden):
            values = {solution[position] for solution in solutions}
            assert len(values) > 1, f"{name}/{codes[index]} recoverable: {sorted(values)}"
    assert published_something_small
