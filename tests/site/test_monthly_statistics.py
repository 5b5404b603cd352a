"""The work statistics month by month and their download (issue 16), checked against the
records that produced them: every month of the year, the empty ones as zeros; numbers as
numbers with a number format in the XLSX; small cells still hidden from the analyst."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from lindung.screening import services as screening
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import ScreenedPassenger
from lindung.site import monthly
from lindung.site import statistics as work
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
THIS_MONTH = timezone.localdate().replace(day=1)


def _manifest(world: Any, departure: dt.date, *names: str) -> Any:
    rows = [{"name": name, "birth_date": "1990-04-12"} for name in names]
    validation = validate_records(rows, today=timezone.localdate())
    assert validation.ok, validation.report()
    manifest = screening.manifest_submit(actor=world.users["taskforce_kupang"],
                                         site=world.embarkation,
                                         departure_date=timezone.localdate(),
                                         passengers=validation.passengers)
    manifest.departure_date = departure
    manifest.save(update_fields=["departure_date"])
    return manifest


def _records(world: Any) -> None:
    """Three passengers this month, two in January of last year; nothing else."""
    _manifest(world, THIS_MONTH, "Agus Lake", "Beni Lake", "Citra Lake")
    _manifest(world, dt.date(YEAR - 1, 1, 15), "Dedi Lake", "Eka Lake")


def test_it_counts_each_month_with_the_empty_ones_as_zeros(taskforce: rf.Taskforce) -> None:
    world = taskforce.world
    _records(world)
    officer = taskforce.officer
    stats = work.work_statistics(user=officer, year=YEAR)
    table = monthly.monthly(user=officer, stats=stats)
    assert table.months == [dt.date(YEAR, m, 1) for m in range(1, 13)]
    passengers = table.cells["passengers"]
    expected = [ScreenedPassenger.objects.exclude(verdict="").filter(
        manifest__departure_date__year=YEAR, manifest__departure_date__month=m).count()
        for m in range(1, 13)]
    assert passengers == expected and sum(int(cell) for cell in passengers) == 3
    assert passengers[THIS_MONTH.month - 1] == 3
    assert passengers.count(0) == 11  # every other month is there, as a zero
    assert table.totals["passengers"] == 3 == stats.passengers.total  # type: ignore[union-attr]
    alerts = [Alert.objects.filter(created_at__year=YEAR, created_at__month=m).count()
              for m in range(1, 13)]
    assert table.cells["alerts"] == alerts
    assert table.totals["alerts"] == stats.alerts.total  # type: ignore[union-attr]
    # Last year: the January manifest, in January only.
    last = monthly.monthly(user=officer, stats=work.work_statistics(user=officer, year=YEAR - 1))
    assert last.cells["passengers"][0] == 2
    assert all(cell == 0 for cell in last.cells["passengers"][1:])
    # All years: every month from the first record to this one.
    every = monthly.monthly(user=officer, stats=work.work_statistics(user=officer, year=None))
    assert every.months[0] == dt.date(YEAR - 1, 1, 1) and every.months[-1] == THIS_MONTH
    assert len(every.months) == 12 + THIS_MONTH.month
    assert every.totals["passengers"] == 5

    page = world.client_for("taskforce_kupang").get(f"/staff/statistics/?year={YEAR}")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="monthly"' in html
    assert html.count("<tr data-month=") == 13  # twelve months and the total


def test_the_xlsx_has_numbers_with_a_number_format(taskforce: rf.Taskforce) -> None:
    _records(taskforce.world)
    client = taskforce.world.client_for("taskforce_kupang")
    response = client.get(f"/staff/statistics/?year={YEAR}&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="statistik-kerja-{YEAR}.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Bulan", "Penumpang disaring")
    assert [row[0] for row in rows[1:13]] == [f"{YEAR}-{m:02d}" for m in range(1, 13)]
    month_row = rows[THIS_MONTH.month]
    assert month_row[1] == 3 and isinstance(month_row[1], int)
    assert rows[13][0] == "Jumlah seluruhnya" and rows[13][1] == 3
    cell = sheet.cell(row=THIS_MONTH.month + 1, column=2)
    assert cell.data_type == "n" and cell.number_format == "#,##0"
    assert "Penumpang" in book.sheetnames

    client.cookies["django_language"] = "en"
    english = client.get(f"/staff/statistics/?year={YEAR}&format=csv")
    lines = list(csv.reader(io.StringIO(english.content.decode("utf-8-sig"))))
    assert lines[0][:2] == ["Month", "Passengers screened"]
    assert lines[THIS_MONTH.month][1] == "3" and lines[-1][0] == "Total"


def test_small_monthly_cells_stay_hidden_from_the_analyst(taskforce: rf.Taskforce) -> None:
    _records(taskforce.world)
    analyst = taskforce.world.users["analyst"]
    stats = work.work_statistics(user=analyst, year=YEAR)
    table = monthly.monthly(user=analyst, stats=stats)
    assert not stats.owner["screening"]
    assert table.cells["passengers"][THIS_MONTH.month - 1] == "<11"
    assert table.totals["passengers"] == "<11"
    assert all(cell in (0, "<11") for cell in table.cells["passengers"])
    response = taskforce.world.client_for("analyst").get(
        f"/staff/statistics/?year={YEAR}&format=xlsx")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
                .iter_rows(values_only=True))
    assert rows[THIS_MONTH.month][1] == "<11" and 3 not in rows[THIS_MONTH.month]
    html = taskforce.world.client_for("analyst").get(
        f"/staff/statistics/?year={YEAR}").content.decode()
    assert "Agus Lake" not in html and "&lt;11" in html
