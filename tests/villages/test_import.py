"""Census import: mapping, validation, idempotent re-import, the error report, resumption."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.utils import translation
from python_calamine import CalamineWorkbook

from lindung.common import stored_text
from lindung.core.choices import JobStatus
from lindung.core.models import AuditEvent
from lindung.core.models import BackgroundJob
from lindung.people import matching
from lindung.people.choices import MigrationStatus
from lindung.people.models import Household
from lindung.people.models import Person
from lindung.people.models import PersonMatchKey
from lindung.people.services import Identity
from lindung.people.services import identity_derive
from lindung.villages.census_import import writer as writer_module
from lindung.villages.census_import.columns import auto_mapping
from lindung.villages.census_import.columns import detect_header_row
from lindung.villages.choices import CardStatus
from lindung.villages.choices import ImportStatus
from lindung.villages.models import CensusHousehold
from lindung.villages.models import CensusImport
from lindung.villages.models import ChildProfile
from lindung.villages.models import StayAbroad
from lindung.villages.services import imports
from tests.fixtures.villages import HEADERS
from tests.fixtures.villages import Villages
from tests.fixtures.villages import census_rows
from tests.fixtures.villages import xlsx

pytestmark = pytest.mark.django_db


def _run(villages: Villages, data: bytes, name: str = "sensus.xlsx",
         chunk_rows: int = 2000) -> CensusImport:
    officer = villages.world.users["village_officer"]
    census_import = imports.census_import_create(actor=officer, programme_village=villages.ntt,
                                                 file_name=name, data=data)
    imports.census_import_start(actor=officer, census_import=census_import, enqueue=False)
    return imports.census_import_run(census_import=census_import, chunk_rows=chunk_rows)


def test_it_detects_indonesian_headers_below_a_title() -> None:
    rows = [["SENSUS RUMAH TANGGA PMI DESA OENESU"], [], ["No", "Nama Lengkap", "NIK",
                                                          "Tgl. Lahir", "Hub. KK", "Negara"]]
    index = detect_header_row(rows)
    assert index == 2
    assert auto_mapping(rows[index]) == {"1": "name", "2": "nik", "3": "birth_date",
                                         "4": "relation", "5": "country"}


def test_it_imports_households_members_stays_and_children(villages: Villages) -> None:
    result = _run(villages, xlsx(census_rows()))
    assert result.status == ImportStatus.DONE
    assert (result.people_created, result.error_rows, result.households_created) == (5, 3, 2)
    maria = Person.objects.get(name="Maria Benu")
    assert maria.migration_status == MigrationStatus.ABROAD
    assert maria.household is not None and maria.household_relation == "spouse"
    stay = StayAbroad.objects.get(person=maria)
    assert (stay.country, stay.procedural, stay.returned_on) == ("MY", False, None)
    agus = Person.objects.get(name="Agus Tefa")
    assert agus.migration_status == MigrationStatus.RETURNED
    departed = StayAbroad.objects.get(person=agus).departed_on
    assert departed is not None and departed.year == 2016
    kristo = ChildProfile.objects.get(person__name="Kristo Benu")
    assert kristo.school_status == "primary"
    assert {c.kind: c.status for c in kristo.cards.all()} == {
        "kis": CardStatus.RECEIVED, "kip": CardStatus.NEEDED}
    assert CensusHousehold.objects.filter(programme_village=villages.ntt).count() == 2
    errors = {e.row_number: e.field for e in result.errors.all()}
    assert errors[7] == "nik" and errors[8] == "name" and 9 in errors
    assert result.job_id is not None
    job = BackgroundJob.objects.get(pk=result.job_id)
    assert job.status == JobStatus.DONE and job.done == job.total


def test_imported_people_get_the_registrys_derived_fields_and_matching_keys(
        villages: Villages) -> None:
    _run(villages, xlsx(census_rows()))
    maria = Person.objects.get(name="Maria Benu")
    by_service = Identity(name=maria.name, nik=maria.nik, birth_date=maria.birth_date,
                          sex=maria.sex, village_id=maria.village_id)
    identity_derive(by_service)  # what person_create would have stored
    assert (maria.nik_index, maria.nik_region_code, maria.search_name, maria.region_code) == (
        by_service.nik_index, by_service.nik_region_code, by_service.search_name,
        by_service.region_code)
    # The import's background task gave every new person their matching keys.
    assert matching.people_without_keys() == []
    assert set(PersonMatchKey.objects.filter(person=maria).values_list("key", flat=True)) \
        == matching.person_keys(maria)
    run = AuditEvent.objects.filter(entity="villages.censusimport",
                                    detail__status=ImportStatus.RUNNING).get()
    household = AuditEvent.objects.filter(entity="people.household").first()
    assert household is not None and run.actor_id is not None
    assert (household.actor_id, household.actor_label, household.actor_role) == (
        run.actor_id, run.actor_label, run.actor_role)


def test_it_imports_the_same_file_again_without_duplicates(villages: Villages) -> None:
    _run(villages, xlsx(census_rows()))
    again = _run(villages, xlsx(census_rows()))
    assert (again.people_created, again.people_matched, again.households_created) == (0, 5, 0)
    assert Person.objects.filter(household__isnull=False).count() == 5
    assert StayAbroad.objects.count() == 2 and ChildProfile.objects.count() == 1


def test_it_writes_an_error_report_that_can_be_fixed_and_imported(villages: Villages) -> None:
    first = _run(villages, xlsx(census_rows()))
    report = imports.census_import_error_report(
        actor=villages.world.users["village_officer"], census_import=first)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(report)).get_sheet_by_index(0).to_python()
    assert sheet[0][:4] == ["Baris asal", "Kesalahan", "No KK", "Nama"]
    # Salomi (row 5), head of the household the bad rows belong to, comes along as context.
    assert [row[0] for row in sheet[1:]] == [5, 7, 8, 9]
    assert "sudah diimpor" in str(sheet[1][1]) and "NIK" in str(sheet[2][1])
    # The officer fixes the three rows in the report and imports it.
    fixed: list[list[Any]] = [list(row) for row in sheet]
    fixed[2][4] = "5301050101900004"  # the bad NIK, now 16 digits (born 1 Jan 1990)
    fixed[3][3] = "Ruth Tefa"  # the missing name
    fixed[4][6] = "01-02-2001"  # the impossible date
    fixed[4][8] = "Malaysia"  # the unknown country
    second = _run(villages, xlsx(fixed), name="perbaikan.xlsx")
    assert (second.people_created, second.people_matched, second.error_rows) == (3, 1, 0)
    assert Person.objects.get(name="Ruth Tefa").household == Person.objects.get(
        name="Salomi Tefa").household
    assert Person.objects.filter(household__isnull=False).count() == 8
    # and the whole original file once more changes nothing
    third = _run(villages, xlsx(census_rows()))
    assert third.people_created == 0
    assert Person.objects.filter(household__isnull=False).count() == 8


def test_it_prefixes_formula_like_cells_in_the_error_report(villages: Villages) -> None:
    csv_text = (";".join(census_rows()[0]) + "\n"
                + ';=HYPERLINK("http://x");;L;01-01-1990;Ipar;;;;;;;;;\n'
                + ";+62 812;;L;01-01-1990;Ipar;;;;;;;;;\n")
    result = _run(villages, csv_text.encode("utf-8-sig"), name="sensus.csv")
    report = imports.census_import_error_report(
        actor=villages.world.users["village_officer"], census_import=result)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(report)).get_sheet_by_index(0).to_python()
    assert str(sheet[1][3]).startswith("'=") and sheet[2][3] == "'+62 812"


def test_it_resumes_after_a_crash_without_losing_or_doubling_rows(
        villages: Villages, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = census_rows()[:6]  # header + 5 valid rows
    calls = {"n": 0}
    original = writer_module.ChunkWriter.write

    def crash_on_third_chunk(self: Any, chunk: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("worker killed")
        return original(self, chunk)

    monkeypatch.setattr(writer_module.ChunkWriter, "write", crash_on_third_chunk)
    officer = villages.world.users["village_officer"]
    census_import = imports.census_import_create(actor=officer, programme_village=villages.ntt,
                                                 file_name="sensus.xlsx", data=xlsx(rows))
    imports.census_import_start(actor=officer, census_import=census_import, enqueue=False)
    with pytest.raises(RuntimeError):
        imports.census_import_run(census_import=census_import, chunk_rows=2)
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.FAILED
    assert census_import.next_row == 4  # two chunks of two rows committed, the third lost
    assert Person.objects.filter(household__isnull=False).count() == 4
    monkeypatch.setattr(writer_module.ChunkWriter, "write", original)
    imports.census_import_start(actor=officer, census_import=census_import, enqueue=False)
    done = imports.census_import_run(census_import=census_import, chunk_rows=2)
    assert done.status == ImportStatus.DONE and done.runs == 2
    assert (done.people_created, done.next_row) == (5, 5)
    assert Person.objects.filter(household__isnull=False).count() == 5
    assert Household.objects.count() == 2
    chunk_rows = AuditEvent.objects.filter(entity="villages.censusimport",
                                           detail__has_key="people_created").count()
    assert chunk_rows == 3


def test_a_nik_from_an_unknown_regency_or_district_is_imported_with_a_warning(
        villages: Villages) -> None:
    """Issue 18 item 15: the codes of a NIK are checked against the region tree; an unknown
    regency (53.99) or district (53.01.99) is a warning on the row, not an error."""

    blank = [""] * 9
    rows = [HEADERS,
            ["5301050101170001", "Yohanes Benu", "5399051203800001", "L", "12-03-1980",
             "Kepala Keluarga", *blank],
            ["5301050101170001", "Maria Benu", "5301994507850002", "P", "05-07-1985",
             "Istri", *blank],
            ["5301050101170001", "Yuliana Benu", "5301055203820002", "P", "12-03-1982",
             "Saudara", *blank]]
    result = _run(villages, xlsx(rows))
    assert result.status == ImportStatus.DONE
    assert (result.people_created, result.error_rows) == (3, 0)
    warnings = {w.row_number: stored_text.show(w.message)
                for w in result.errors.filter(warning=True)}
    assert set(warnings) == {2, 3}
    assert "53.99" in warnings[2] and "kabupaten" in warnings[2]
    assert "53.01.99" in warnings[3] and "kecamatan" in warnings[3]
    with translation.override("en"):
        english = stored_text.show(result.errors.get(warning=True, row_number=2).message)
    assert "53.99" in english and "regency" in english
    officer = villages.world.client_for("village_officer")
    page = officer.get(f"/villages/imports/{result.pk}/").content.decode()
    assert "53.99" in page and "53.01.99" in page
    # Nothing to fix and send again: the rows are in, the error report is not offered.
    assert result.errors.filter(warning=False).count() == 0


def test_a_row_error_is_shown_in_the_language_of_whoever_reads_it(villages: Villages) -> None:
    """The import runs once, in one language; its row problems are kept as messages with
    their parameters and read later by officers of either language (common/stored_text)."""
    blank = [""] * 9
    rows = [HEADERS,
            ["5301050101170001", "Yohanes Benu", "5301051203800001", "L", "13-03-1980",
             "Kepala Keluarga", *blank],
            ["5301050101170001", "", "", "P", "05-07-1985", "Istri", *blank]]
    with translation.override("en"):  # whoever started it: it does not matter
        result = _run(villages, xlsx(rows))
    problems = {(e.row_number, e.field): e.message for e in result.errors.filter(warning=False)}
    birth = problems[(2, "birth_date")]
    assert stored_text.show(birth) == "Tanggal lahir tidak sama dengan NIK (12-03-1980)"
    assert stored_text.show(problems[(3, "name")]) == "Nama belum diisi"
    with translation.override("en"):
        assert stored_text.show(birth) == "Birth date differs from the NIK (12-03-1980)"
        assert stored_text.show(problems[(3, "name")]) == "Name is empty"


def test_a_reading_whose_worker_died_is_queued_again_and_read_once(
        villages: Villages, django_capture_on_commit_callbacks: Any) -> None:
    """An upload stays "sedang dibaca" when the worker reading it dies: the periodic sweep
    (and the import page) queue it again once it is stalled and no worker holds its reading
    lease; reading it twice writes nothing twice."""
    from datetime import timedelta

    from django.utils import timezone

    from lindung.common.lease import lease
    from lindung.villages.tasks import census_import_read_again_task

    officer = villages.world.users["village_officer"]
    with django_capture_on_commit_callbacks(execute=False) as lost:
        census_import = imports.census_import_create(
            actor=officer, programme_village=villages.ntt, file_name="sensus.xlsx",
            data=xlsx(census_rows()), queue_read=True)
    assert len(lost) == 1  # the task of the worker that dies: not run now
    assert census_import.status == ImportStatus.READING
    assert census_imports_stalled() == 0  # just queued: left alone
    long_ago = timezone.now() - imports.READ_STALL_AFTER - timedelta(seconds=1)
    CensusImport.objects.filter(pk=census_import.pk).update(heartbeat_at=long_ago)
    with lease(f"census-read:{census_import.pk}") as reading:  # a live worker, slow sheet
        assert reading and census_imports_stalled() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert census_import_read_again_task.call_local() == 1
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.UPLOADED and census_import.total_rows == 8
    assert census_imports_stalled() == 0  # read: nothing left to re-queue
    # The dead worker's task, delivered late after all: it finds the sheet read.
    for task in lost:
        task()
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.UPLOADED and census_import.total_rows == 8
    assert AuditEvent.objects.filter(object_id=str(census_import.pk),
                                     detail__status=ImportStatus.UPLOADED).count() == 1
    imports.census_import_start(actor=officer, census_import=census_import, enqueue=False)
    done = imports.census_import_run(census_import=census_import)
    assert (done.status, done.people_created) == (ImportStatus.DONE, 5)
    assert Person.objects.filter(name="Maria Benu").count() == 1


def test_the_import_page_queues_a_stalled_reading_again(
        villages: Villages, django_capture_on_commit_callbacks: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    officer = villages.world.users["village_officer"]
    with django_capture_on_commit_callbacks(execute=False):
        census_import = imports.census_import_create(
            actor=officer, programme_village=villages.ntt, file_name="sensus.xlsx",
            data=xlsx(census_rows()), queue_read=True)
    CensusImport.objects.filter(pk=census_import.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=1))
    client = villages.world.client_for("village_officer")
    with django_capture_on_commit_callbacks(execute=True) as requeued:
        assert client.get(f"/villages/imports/{census_import.pk}/").status_code == 200
    assert len(requeued) == 1
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.UPLOADED



def census_imports_stalled() -> int:
    return len(imports.census_imports_reading_stalled())


def test_a_nik_or_family_card_problem_is_shown_in_the_language_of_whoever_reads_it(
        villages: Villages) -> None:
    """The NIK parser's and the family card's reasons are catalogue messages kept with their
    parameters (a month's name in both languages among them), not the text of the language
    the import happened to run in."""
    blank = [""] * 9
    rows = [HEADERS,
            ["5301050101170001", "Yohanes Benu", "5301057002850001", "P", "", "Kepala Keluarga",
             *blank],
            ["9901050101170002", "Maria Benu", "", "P", "05-07-1985", "Kepala Keluarga",
             *blank],
            ["5301050101170003", "Agus Benu", "9901051203800001", "L", "", "Kepala Keluarga",
             *blank]]
    with translation.override("en"):
        result = _run(villages, xlsx(rows))
    problems = {(e.row_number, e.field): e.message for e in result.errors.filter(warning=False)}
    date_problem = problems[(2, "nik")]
    card, province = problems[(3, "family_card_number")], problems[(4, "nik")]
    with translation.override("id"):
        assert stored_text.show(date_problem) == (
            "Tanggal lahir pada NIK tidak valid: 700285 = 30 Februari 1985 (hari 70 dikurangi "
            "40 untuk perempuan): tanggal itu tidak ada, Februari hanya 28 hari")
        assert stored_text.show(card) == "Kode provinsi 99 pada nomor KK tidak dikenal"
        assert stored_text.show(province) == "Kode provinsi 99 pada NIK tidak dikenal"
    with translation.override("en"):
        assert stored_text.show(date_problem) == (
            "Birth date in NIK is invalid: 700285 = 30 February 1985 (day 70 minus 40 for a "
            "woman): no such date, February has only 28 days")
        assert stored_text.show(card) == "Unknown province code 99 in the family card number"
        assert stored_text.show(province) == "Unknown province code 99 in NIK"
