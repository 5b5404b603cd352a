"""Attack: a 5 KB spreadsheet exhausts the server (issue 18 #1).

An XLSX holding only cells A1 and XFD1000 declares 16.4 million cells; a reader that makes a
grid of it took 655 MB. Sent to both readers (the census and the manifest) and through every
upload route (census and manifest, web page and API), it is refused with a reason, and the
memory the server allocates meanwhile (tracemalloc: the test client runs the server in this
process) stays far below 50 MB. The time is printed, not asserted; so is the process's peak
resident size. Variants: the dimension removed, and a dimension that lies (A1:A1).
"""

from __future__ import annotations

import io
import re
import resource
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test import RequestFactory
from django.urls import resolve
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from lindung.accounts.services import api_token_create
from lindung.common import bodylimit
from lindung.common import sheets
from lindung.common import stored_text
from lindung.screening import manifest as manifests
from lindung.screening.models import ScreeningManifest
from lindung.villages.census_import import reader
from lindung.villages.choices import ImportStatus
from lindung.villages.models import CensusImport
from tests.conftest import World
from tests.fixtures.villages import Villages

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
GROWTH_LIMIT = 50 * MB


def bomb(dimension: str | None = "keep") -> bytes:
    """Cells A1 and XFD1000 only; `dimension`: "keep" as written, None removed, or a ref."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Nama"
    sheet["XFD1000"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if dimension == "keep":
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                new = b"" if dimension is None else f'<dimension ref="{dimension}"/>'.encode()
                content = re.sub(rb"<dimension[^>]*/>", new, content)
            target.writestr(info, content)
    return out.getvalue()


@contextmanager
def measured(label: str) -> Iterator[dict[str, float]]:
    figures: dict[str, float] = {}
    tracemalloc.start()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        yield figures
    finally:
        figures["seconds"] = time.perf_counter() - started
        figures["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        print(f"\n{label}: refused in {figures['seconds'] * 1000:.0f} ms, "
              f"{figures['peak'] / MB:.2f} MB allocated at the peak, "
              f"peak resident size +{rss_growth / MB:.1f} MB")


def test_the_bomb_is_about_5_kb_and_declares_16_million_cells() -> None:
    data = bomb()
    assert len(data) < 6 * 1024
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    assert sheet is not None and (sheet.max_row, sheet.max_column) == (1000, 16384)


VARIANTS = {"declared": "keep", "no dimension": None, "lying dimension": "A1:A1"}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_census_reader_refuses_it(variant: str) -> None:
    data = bomb(VARIANTS[variant])
    with measured(f"census reader, {variant}") as figures, \
            pytest.raises(sheets.SheetError) as refused:
        reader.read_sheet(data, file_name="sensus.xlsx")
    assert "kolom" in str(refused.value)
    assert figures["peak"] < GROWTH_LIMIT


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_manifest_reader_refuses_it(variant: str) -> None:
    data = bomb(VARIANTS[variant])
    with measured(f"manifest reader, {variant}") as figures:
        validation = manifests.validate_file(data, "manifest.xlsx", today=timezone.localdate())
    assert not validation.ok and "kolom" in validation.problems[0].message
    assert figures["peak"] < GROWTH_LIMIT


def test_rows_and_cells_past_the_limits_are_refused_while_streaming() -> None:
    limits = sheets.SheetLimits(rows=10, columns=5, cells=20)
    long_csv = b"".join(b"a;b\n" for _ in range(11))
    with pytest.raises(sheets.SheetError, match="baris"):
        sheets.open_sheet(long_csv, file_name="x.csv", limits=limits).read()
    wide_csv = b"a;b;c;d;e;f\n"
    with pytest.raises(sheets.SheetError, match="kolom"):
        sheets.open_sheet(wide_csv, file_name="x.csv", limits=limits).read()
    full_csv = b"".join(b"a;b;c;d;e\n" for _ in range(5))
    with pytest.raises(sheets.SheetError, match="sel"):
        sheets.open_sheet(full_csv, file_name="x.csv", limits=limits).read()
    for name in ("old.xls", "calc.ods"):
        with pytest.raises(sheets.SheetError, match="xlsx"):
            sheets.open_sheet(b"x", file_name=name, limits=limits)


def _upload_census_page(villages: Villages, data: bytes) -> Any:
    return villages.client_for("village_officer").post(
        reverse("villages:imports", args=[villages.ntt.pk]),
        {"census_date": timezone.localdate().isoformat(),
         "file": SimpleUploadedFile("sensus.xlsx", data)})


def _upload_census_api(villages: Villages, data: bytes) -> Any:
    # The village officer's session, as the web UI calls it (tokens are for machine clients).
    return villages.client_for("village_officer").post(
        f"/api/v1/villages/villages/{villages.ntt.pk}/imports",
        {"file": SimpleUploadedFile("sensus.xlsx", data)})


@pytest.mark.parametrize("route", [_upload_census_page, _upload_census_api],
                         ids=["census page", "census API"])
def test_the_census_upload_routes_refuse_it_in_the_worker(
        villages: Villages, django_capture_on_commit_callbacks: Any,
        route: Callable[[Villages, bytes], Any]) -> None:
    # Warm up (the code of the route loaded, first queries done), then measure the attack.
    with django_capture_on_commit_callbacks(execute=True):
        route(villages, b"not a sheet")
    CensusImport.objects.all().delete()
    with measured(f"{route.__name__} (request and worker)") as figures, \
            django_capture_on_commit_callbacks(execute=True):
        response = route(villages, bomb())
    assert response.status_code in (201, 302), response.content
    census_import = CensusImport.objects.get()
    assert census_import.status == ImportStatus.FAILED
    # Kept as a message and shown in the reader's language (common/stored_text).
    assert "kolom" in stored_text.show(census_import.message)
    with translation.override("en"):
        assert "columns" in stored_text.show(census_import.message)
    assert census_import.total_rows == 0 and not census_import.headers
    assert figures["peak"] < GROWTH_LIMIT


def test_the_manifest_upload_routes_refuse_it(world: World) -> None:
    officer = world.client_for("taskforce_kupang")

    def send(data: bytes) -> Any:
        return officer.post(reverse("screening:home"), {
            "form": "upload", "upload-site": world.embarkation.pk,
            "upload-departure_date": timezone.localdate().isoformat(),
            "upload-file": SimpleUploadedFile("manifest.xlsx", data)})

    send(b"not a sheet")  # warm-up
    data = bomb()
    with measured("manifest page") as figures:
        page = send(data)
    assert page.status_code == 400 and "kolom" in page.content.decode()
    assert figures["peak"] < GROWTH_LIMIT
    token = api_token_create(actor=None, user=world.users["machine"], name="attack",
                             write=True)
    with measured("manifest API") as figures:
        api = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
            "/api/v1/screening/manifests/upload",
            {"site_id": str(world.embarkation.pk),
             "departure_date": timezone.localdate().isoformat(),
             "file": SimpleUploadedFile("manifest.xlsx", data)})
    assert api.status_code == 422 and "kolom" in api.content.decode()
    assert figures["peak"] < GROWTH_LIMIT
    assert not ScreeningManifest.objects.exists()


@pytest.mark.parametrize(("route", "cap"), [
    ("census page", 51 * MB), ("census API", 51 * MB), ("manifest page", 21 * MB),
    ("manifest API upload", 21 * MB), ("manifest API", 21 * MB), ("other API", 11 * MB)])
def test_every_upload_route_caps_its_body_before_reading(villages: Villages, route: str,
                                                         cap: int) -> None:
    """Each upload route has its cap; a body declared larger is answered 413 unread."""
    url = {"census page": reverse("villages:imports", args=[villages.ntt.pk]),
           "census API": f"/api/v1/villages/villages/{villages.ntt.pk}/imports",
           "manifest page": reverse("screening:home"),
           "manifest API upload": "/api/v1/screening/manifests/upload",
           "manifest API": "/api/v1/screening/manifests",
           "other API": "/api/v1/reports/"}[route]
    request = RequestFactory().post(url)
    assert bodylimit.limit_for(request, resolve(url).func) == cap
    response = villages.client_for("admin").generic(
        "POST", url, b"", CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(cap + 1))
    assert response.status_code == 413
