"""Command line: `import_census` with its progress bar, an import killed half-way (SIGKILL,
in a separate process) that loses nothing and re-runs cleanly, and `load_villages_demo`."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from lindung.people.models import Person
from lindung.villages.choices import ImportStatus
from lindung.villages.models import CensusImport
from lindung.villages.models import Cooperative
from lindung.villages.models import Loan
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Remittance
from tests.fixtures.villages import Villages
from tests.fixtures.villages import census_rows
from tests.fixtures.villages import xlsx

ROOT = Path(__file__).resolve().parents[2]


def test_it_imports_from_the_command_line_with_a_progress_bar(villages: Villages,
                                                                tmp_path: Path) -> None:
    sheet = tmp_path / "sensus.xlsx"
    sheet.write_bytes(xlsx(census_rows()))
    report = tmp_path / "perbaiki.xlsx"
    out = io.StringIO()
    call_command("import_census", str(sheet), village="53.01.05.1001", user="village_officer",
                 errors_out=str(report), stdout=out)
    text = out.getvalue()
    assert "100.0%" in text and "[#" in text and "5 orang baru" in text
    assert "3 baris salah" in text and report.read_bytes()[:2] == b"PK"
    census_import = CensusImport.objects.get()
    assert census_import.created_by == villages.world.users["village_officer"]
    out = io.StringIO()
    call_command("import_census", resume=str(census_import.pk), stdout=out)
    assert "sudah selesai" in out.getvalue()


def test_it_refuses_bad_command_line_input(villages: Villages, tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    sheet = tmp_path / "sensus.xlsx"
    sheet.write_bytes(xlsx(census_rows()))
    with pytest.raises(CommandError):
        call_command("import_census", str(sheet), village="53.01.05.1002")  # not in programme
    with pytest.raises(CommandError):
        call_command("import_census", str(tmp_path / "none.xlsx"), village="53.01.05.1001")
    with pytest.raises(CommandError):
        call_command("import_census", str(sheet), village="53.01.05.1001", map=["2=shoe_size"])


SETUP = """
import os, random, datetime
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from lindung.regions.models import Region
from lindung.regions.services import regions_load
regions_load(only=("53.01.05",))
from lindung.villages.services.programme import programme_village_create
programme_village_create(actor=None, village=Region.objects.get(code="53.01.05.1001"),
                         cohort_year=2017)
from openpyxl import Workbook
from lindung.villages.synthetic import HEADERS, census_rows
workbook = Workbook(write_only=True)
sheet = workbook.create_sheet("Sensus")
sheet.append(list(HEADERS))
rows = 0
for row in census_rows(random.Random(7), village_codes=["53.01.05.1001"], rows=ROWS,
                       today=datetime.date.today()):
    sheet.append(row)
    rows += 1
workbook.save(os.environ["SHEET"])
"""


def _count(database: Path, sql: str) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as db:
        row = db.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


@pytest.mark.skipif("connection.vendor != 'sqlite'", reason="the child process uses SQLite")
def test_an_import_killed_half_way_loses_nothing_and_reruns_cleanly(tmp_path: Path) -> None:
    rows = 6000
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="lindung.settings", LINDUNG_VAR_DIR=str(tmp_path),
               LINDUNG_TESTING="1", SHEET=str(tmp_path / "sensus.xlsx"),
               PYTHONPATH=str(ROOT / "src"))
    subprocess.run([sys.executable, "-c", SETUP.replace("ROWS", str(rows))], env=env,
                   cwd=ROOT, check=True, timeout=900)
    database = tmp_path / "lindung.sqlite3"
    command = [sys.executable, "-m", "lindung.cli", "import_census", env["SHEET"],
               "--village", "53.01.05.1001", "--chunk", "100", "--no-progress"]
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    killed_at = 0
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline and child.poll() is None:
            try:
                killed_at = _count(database, "SELECT next_row FROM villages_censusimport")
            except sqlite3.OperationalError:
                killed_at = 0
            if killed_at >= 1000:
                os.kill(child.pid, signal.SIGKILL)  # no clean-up, no except: block runs
                break
            time.sleep(0.02)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    # What was committed is whole: every row up to the import's progress, nothing after it.
    committed = _count(database, "SELECT next_row FROM villages_censusimport")
    people = _count(database, "SELECT COUNT(*) FROM people_person")
    assert 1000 <= committed < rows and people == committed
    assert _count(database, "SELECT COUNT(*) FROM villages_censusimport "
                            "WHERE status = 'running'") == 1  # it never got to say it stopped
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        import_id = str(db.execute("SELECT id FROM villages_censusimport").fetchone()[0])
    resumed = subprocess.run([*command[:4], "--resume", import_id, "--no-progress"], env=env,
                             cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert _count(database, "SELECT COUNT(*) FROM people_person") == rows
    assert _count(database, "SELECT COUNT(DISTINCT nik_index) FROM people_person "
                            "WHERE nik_index != ''") == _count(
        database, "SELECT COUNT(*) FROM people_person WHERE nik_index != ''")
    assert _count(database, "SELECT runs FROM villages_censusimport") == 2
    # The same file once more, as a new import: everybody is already there.
    again = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0, again.stderr
    assert "0 orang baru" in again.stdout and f"{rows:,} sudah ada" in again.stdout
    assert _count(database, "SELECT COUNT(*) FROM people_person") == rows


def test_it_loads_demo_villages_once(villages: Villages) -> None:
    out = io.StringIO()
    call_command("load_villages_demo", villages=3, households=6, stdout=out)
    assert "dibuat: 2 (" in out.getvalue()
    demo = ProgrammeVillage.objects.filter(synthetic=True)
    assert demo.count() == 2  # Oenesu is already in the programme: left alone
    assert all(v.special_ntt and v.region_code.startswith("53.") for v in demo)
    assert Cooperative.objects.filter(synthetic=True).count() == 2
    assert Loan.objects.filter(synthetic=True).exists()
    assert Remittance.objects.filter(synthetic=True).exists() or not Person.objects.filter(
        stays_abroad__isnull=False).exists()
    assert CensusImport.objects.filter(synthetic=True, status=ImportStatus.DONE).count() == 2
    people = Person.objects.count()
    out = io.StringIO()
    call_command("load_villages_demo", villages=3, households=6, stdout=out)
    assert "dilewati" in out.getvalue() and Person.objects.count() == people
    assert not Person.objects.filter(synthetic=False, region_code__in=[
        v.region_code for v in demo]).exists()
    assert connection.vendor in ("sqlite", "postgresql")
