"""Attack: read the uploaded census sheets off the disk (issue 18 #9).

Census sheets (NIK, family-card numbers, names) were kept in clear under the media folder
and never deleted. Whoever reads the media folder (a backup, a misconfigured web server, a
stolen disk) now finds no NIK, family-card number or name of an uploaded sheet at any time,
and no file at all once the import is done, refused, or past its retention. Manifests
waiting for the worker are sealed the same way (the kernel's `common/sealed.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lindung.common import sealed
from lindung.screening.models import ScreeningManifest
from lindung.villages.choices import ImportStatus
from lindung.villages.models import CensusImport
from lindung.villages.services import imports
from tests.attacks.test_sheet_bomb import bomb
from tests.conftest import World
from tests.fixtures import reports as rf
from tests.fixtures.villages import Villages
from tests.fixtures.villages import census_rows
from tests.fixtures.villages import xlsx

pytestmark = pytest.mark.django_db

SECRETS = [b"5301050101170001", b"5301051203800001", b"5301054507850002", b"Yohanes Benu",
           b"Salomi Tefa"]




def files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def leaked(media: Path, secrets: list[bytes]) -> list[str]:
    return [f"{path.name}: {secret.decode()}" for path in files(media)
            for secret in secrets if secret in path.read_bytes()]


def _upload(villages: Villages, data: bytes, capture: Any,
            name: str) -> tuple[CensusImport, list[Callable[[], Any]]]:
    with capture(execute=False) as queued:
        response = villages.client_for("village_officer").post(
            reverse("villages:imports", args=[villages.ntt.pk]),
            {"census_date": timezone.localdate().isoformat(),
             "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    census_import = CensusImport.objects.get(file_name=name)
    return census_import, list(queued)


def _run(villages: Villages, census_import: CensusImport, capture: Any) -> CensusImport:
    with capture(execute=True):
        villages.client_for("village_officer").post(
            reverse("villages:import", args=[census_import.pk]),
            {f"col_{i}": field for i, field in census_import.mapping.items()})
    census_import.refresh_from_db()
    return census_import


def test_a_census_sheet_is_never_on_disk_in_clear_and_goes_after_its_retention(
        villages: Villages, media: Path, django_capture_on_commit_callbacks: Any) -> None:
    census_import, queued = _upload(villages, xlsx(census_rows()),
                                    django_capture_on_commit_callbacks, "Sensus Benu.xlsx")
    stored = files(media)
    assert len(stored) == 1 and leaked(media, SECRETS) == []
    assert "Benu" not in str(stored[0]) and stored[0].read_bytes().startswith(sealed.MAGIC)
    for callback in queued:  # the worker reads it
        callback()
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.UPLOADED
    done = _run(villages, census_import, django_capture_on_commit_callbacks)
    assert done.status == ImportStatus.DONE and done.error_rows == 3
    # Kept (sealed) for the error report, which still shows the rows as they were sent.
    assert leaked(media, SECRETS) == [] and len(files(media)) == 1
    report = villages.client_for("village_officer").get(
        reverse("villages:import_errors", args=[done.pk]))
    assert report.status_code == 200 and report["Content-Type"].startswith("application/vnd")
    # Past its retention the daily task deletes it; the report is then refused with why.
    CensusImport.objects.filter(pk=done.pk).update(
        updated_at=timezone.now() - sealed.retention() - dt.timedelta(hours=1))
    assert imports.census_import_files_expire() == 1
    assert files(media) == []
    gone = villages.client_for("village_officer").get(
        reverse("villages:import_errors", args=[done.pk]), follow=True)
    assert "sudah dihapus" in gone.content.decode()


def test_a_clean_sheet_is_deleted_when_its_import_is_done(
        villages: Villages, media: Path, django_capture_on_commit_callbacks: Any) -> None:
    clean = census_rows()[:6]
    census_import, queued = _upload(villages, xlsx(clean),
                                    django_capture_on_commit_callbacks, "bersih.xlsx")
    for callback in queued:
        callback()
    census_import.refresh_from_db()
    done = _run(villages, census_import, django_capture_on_commit_callbacks)
    assert done.status == ImportStatus.DONE and done.error_rows == 0
    assert files(media) == [] and not done.file


def test_a_refused_sheet_is_deleted_at_once(
        villages: Villages, media: Path, django_capture_on_commit_callbacks: Any) -> None:
    census_import, queued = _upload(villages, bomb(),
                                    django_capture_on_commit_callbacks, "bom.xlsx")
    assert len(files(media)) == 1
    for callback in queued:
        callback()
    census_import.refresh_from_db()
    assert census_import.status == ImportStatus.FAILED and files(media) == []


def test_an_upload_never_started_is_deleted_after_its_retention(
        villages: Villages, media: Path, django_capture_on_commit_callbacks: Any) -> None:
    census_import, queued = _upload(villages, xlsx(census_rows()),
                                    django_capture_on_commit_callbacks, "lupa.xlsx")
    for callback in queued:
        callback()
    CensusImport.objects.filter(pk=census_import.pk).update(
        updated_at=timezone.now() - sealed.retention() - dt.timedelta(hours=1))
    assert imports.census_import_files_expire() == 1
    census_import.refresh_from_db()
    assert files(media) == [] and census_import.status == ImportStatus.FAILED
    assert not imports.can_resume(census_import)


def test_a_large_manifest_waits_sealed_and_is_deleted_when_screened(
        world: World, media: Path, django_capture_on_commit_callbacks: Any) -> None:
    lines = ["Nama;NIK;Tanggal lahir"]
    lines += [f"Penumpang {chr(65 + i % 26)}{chr(65 + i // 26)};3204114609970{i:03d};"
              f"{1 + i % 28:02d}-{1 + i // 28:02d}-1997" for i in range(1, 211)]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = world.client_for("taskforce_kupang").post(reverse("screening:home"), {
            "form": "upload", "upload-site": world.embarkation.pk,
            "upload-departure_date": timezone.localdate().isoformat(),
            "upload-file": SimpleUploadedFile("manifest.csv", "\n".join(lines).encode())})
    assert response.status_code == 302
    assert len(files(media)) == 1
    assert leaked(media, [b"3204114609970001", b"Penumpang BA"]) == []
    for callback in queued:
        callback()
    manifest = ScreeningManifest.objects.get()
    assert manifest.status == "done" and files(media) == [] and not manifest.file


def test_report_attachments_are_sealed_on_disk_and_downloaded_whole(
        taskforce: rf.Taskforce) -> None:
    from django.test import Client as WebClient

    from lindung.reports.models import ReportAttachment

    data = rf.public_form()
    data["attachments"] = [SimpleUploadedFile("surat kuasa Maria.pdf", rf.PDF_BYTES)]
    assert WebClient().post("/reports/new/", data).status_code == 200
    attachment = ReportAttachment.objects.get()
    on_disk = Path(attachment.file.path).read_bytes()
    assert on_disk.startswith(sealed.MAGIC) and rf.PDF_BYTES not in on_disk
    assert "Maria" not in attachment.file.name
    download = taskforce.client_for("taskforce_kupang").get(
        f"/reports/attachments/{attachment.pk}/")
    assert download.status_code == 200 and download.content == rf.PDF_BYTES


DJANGO_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler",
                          "django.core.files.uploadhandler.TemporaryFileUploadHandler"]


def _large_census_csv() -> bytes:
    """A census sheet of about 3 MB (over Django's 2.5 MB in-memory default), each row with
    a NIK and a name."""
    head = "No KK,Nama,NIK,JK,Tgl Lahir,Hubungan\n"
    row = "5301050101170001,Yohanes Benu,5301051203800001,L,12-03-1980,Kepala Keluarga\n"
    data = (head + row * (3 * 1024 * 1024 // len(row) + 1)).encode()
    assert len(data) > 3 * 1024 * 1024
    return data


def test_a_large_upload_leaves_no_clear_copy_in_the_temp_dir(
        villages: Villages, media: Path, tmp_path: Path, settings: Any,
        monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any) -> None:
    """Issue 18 #9: an upload over FILE_UPLOAD_MAX_MEMORY_SIZE was written by Django to a
    temporary file in clear for the length of the request (and left there when the process
    is killed). The temp dir is scanned while the view holds the upload, under Django's
    handlers (the attack works: the NIKs are there) and under the project's (nothing)."""
    temp = tmp_path / "upload-temp"
    temp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    seen: list[list[str]] = []
    original = imports.uploaded_bytes

    def probe(upload: Any) -> bytes:  # runs inside the view, the upload still open
        seen.append(leaked(temp, SECRETS))
        return original(upload)

    monkeypatch.setattr(imports, "uploaded_bytes", probe)
    data = _large_census_csv()
    ours = settings.FILE_UPLOAD_HANDLERS
    settings.FILE_UPLOAD_HANDLERS = DJANGO_UPLOAD_HANDLERS
    _upload(villages, data, django_capture_on_commit_callbacks, "lama.csv")
    assert seen[-1], "Django's own handlers should have written the sheet to the temp dir"
    settings.FILE_UPLOAD_HANDLERS = ours
    census_import, _queued = _upload(villages, data, django_capture_on_commit_callbacks,
                                     "sensus-besar.csv")
    assert seen[-1] == [] and files(temp) == []
    # The whole file arrived (nothing dropped for its size) and is kept sealed only.
    with census_import.file.open("rb") as handle:
        assert sealed.unseal(handle.read()) == data
    assert leaked(media, SECRETS) == []


def test_an_upload_over_the_routes_cap_is_refused_by_the_handler_too(
        villages: Villages) -> None:
    """The handler checks the route's cap itself (should the body reach it some other way
    than through the middleware): over it, nothing is read into memory."""
    from django.core.exceptions import RequestDataTooBig
    from django.test import RequestFactory
    from django.urls import resolve

    from lindung.common.bodylimit import InMemoryUploadHandler

    path = reverse("villages:imports", args=[villages.ntt.pk])
    request = RequestFactory().post(path, {"file": SimpleUploadedFile("a.csv", b"x")})
    request.resolver_match = resolve(path)
    handler = InMemoryUploadHandler(request)
    with pytest.raises(RequestDataTooBig):
        handler.handle_raw_input(None, {}, imports.MAX_BODY_BYTES + 1, "b")
    handler.handle_raw_input(None, {}, imports.MAX_BODY_BYTES, "b")
    assert handler.activated
