"""The kernel's upload checker, photo re-encoding and request body caps."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.http import HttpResponse
from django.test import RequestFactory
from django.test import override_settings
from PIL import Image

from lindung.common import images as kernel_images
from lindung.common.bodylimit import BodyLimitMiddleware
from lindung.common.bodylimit import body_limit
from lindung.common.uploads import DOCUMENTS
from lindung.common.uploads import MB
from lindung.common.uploads import PDF
from lindung.common.uploads import PHOTOS
from lindung.common.uploads import UploadError
from lindung.common.uploads import UploadRules
from lindung.common.uploads import check_files
from lindung.common.uploads import detect_type
from tests.fixtures import images

RULES = UploadRules(types=PHOTOS | {PDF}, max_files=3, max_file_bytes=1 * MB,
                    max_total_bytes=2 * MB)


def _file(content: bytes, name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(("make", "stored_type"), [
    (images.jpeg_with_gps, "image/jpeg"), (images.webp_with_gps, "image/webp"),
    (images.png_with_text, "image/png"), (images.heic_with_gps, "image/jpeg")])
def test_photos_keep_their_pixels_and_nothing_else(make: object, stored_type: str) -> None:
    original = make()  # type: ignore[operator]
    assert images.leaks(original)  # the test photo does carry metadata
    [checked] = check_files([_file(original, "IMG_0001.x")], rules=RULES)
    assert checked.content_type == stored_type and images.leaks(checked.content) == []
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.size == (64, 48)
    assert images.rgb(checked.content, (2, 2)) == pytest.approx((200, 0, 0), abs=12)
    assert images.rgb(checked.content, (60, 40))[1] > 200  # the white half stays white
    assert checked.name == f"IMG_0001{checked.extension}"


def test_a_rotated_photo_stays_upright() -> None:
    [checked] = check_files([_file(images.jpeg_with_gps(orientation=6))], rules=RULES)
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.size == (48, 64)  # turned as the EXIF said, then the EXIF dropped
    assert images.rgb(checked.content, (2, 2))[0] > 150
    assert images.rgb(checked.content, (2, 60))[1] > 200


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"MZ\x90\x00 this is an exe", "virus.jpg", r"\(virus.jpg\) bukan jenis yang diterima"),
    (b"PK\x03\x04 not a document", "a.xlsx", "bukan jenis yang diterima: hanya JPEG, PNG"),
    (b"", "kosong.png", "kosong"),
    (b"\xff\xd8\xff\xe1\x99\x99 broken", "rusak.jpg", "rusak atau tidak lengkap"),
    (b"%PDF-" + b"0" * MB, "besar.pdf", "lebih dari 1 MB"),
])
def test_bad_files_are_refused_with_what_is_wrong(content: bytes, name: str,
                                                  message: str) -> None:
    with pytest.raises(UploadError, match=message):
        check_files([_file(content, name)], rules=RULES)


def test_a_jpeg_with_a_png_inside_is_refused() -> None:
    """The type by the first bytes and Pillow's reading must agree."""
    with pytest.raises(UploadError, match="rusak"):
        check_files([_file(b"\xff\xd8\xff" + images.plain_png())], rules=RULES)


def test_counts_and_totals_are_limited() -> None:
    pdf = b"%PDF-1.4\n%%EOF\n"
    with pytest.raises(UploadError, match="Paling banyak 3 berkas"):
        check_files([_file(pdf, f"{n}.pdf") for n in range(4)], rules=RULES)
    big = b"%PDF-" + b"0" * (MB - 10)
    with pytest.raises(UploadError, match="melebihi 2 MB seluruhnya"):
        check_files([_file(big, f"{n}.pdf") for n in range(3)], rules=RULES)


def test_a_photo_of_too_many_pixels_is_refused_before_decoding(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel_images, "MAX_PIXELS", 1000)
    with pytest.raises(UploadError, match="terlalu besar"):
        check_files([_file(images.jpeg_with_gps())], rules=RULES)


def test_documents_are_recognised_by_content_and_stored_as_sent() -> None:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    rules = UploadRules(types=DOCUMENTS)
    [checked] = check_files([_file(buffer.getvalue(), "../../etc/data")], rules=rules)
    assert checked.extension == ".xlsx" and checked.content == buffer.getvalue()
    assert checked.name == "data.xlsx"
    assert detect_type(b"%PDF-1.7") == PDF and detect_type(b"GIF89a") is None
    assert ".heic" in RULES.accept and ".xlsx" not in RULES.accept


def test_messages_follow_the_active_language() -> None:
    from django.utils import translation

    with translation.override("en"), pytest.raises(UploadError, match="is empty"):
        check_files([_file(b"", "kosong.png")], rules=RULES)


@body_limit(1000)
def _small(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def _big(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


@override_settings(MAX_REQUEST_BODY_BYTES=5000, REQUEST_BODY_LIMITS={"/api/v1/up": 2000})
@pytest.mark.parametrize(("path", "view", "length", "status"), [
    ("/a/", _small, 1000, None), ("/a/", _small, 1001, 413),
    ("/a/", _big, 5000, None), ("/a/", _big, 5001, 413),
    ("/api/v1/up/x", _big, 2001, 413), ("/api/v1/up/x", _big, 2000, None),
    ("/a/", _big, "nonsense", 400),
])
def test_bodies_over_the_route_cap_are_refused_before_reading(
        path: str, view: object, length: object, status: int | None) -> None:
    request = RequestFactory().post(path, data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(length)
    middleware = BodyLimitMiddleware(lambda r: HttpResponse())
    answer = middleware.process_view(request, view, (), {})  # type: ignore[arg-type]
    assert (answer.status_code if answer else None) == status
