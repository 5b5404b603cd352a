"""Attack: a reporter's photo gives away where it was taken (issue 18 #4).

Photos as phones write them (tests/fixtures/images.py: EXIF GPS and a description, XMP, a second MPF
image and a trailer in JPEG, EXIF/XMP chunks in WebP, PNG text chunks, HEIC with EXIF) are
sent through the public report form; what an officer then downloads carries none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lindung.reports.models import ReportAttachment
from tests.fixtures import images
from tests.fixtures import reports as rf

PHOTOS: list[tuple[str, Callable[[], bytes], str]] = [
    ("IMG_0001.JPG", images.jpeg_with_gps, "image/jpeg"),
    ("IMG_0002.webp", images.webp_with_gps, "image/webp"),
    ("IMG_0003.png", images.png_with_text, "image/png"),
    ("IMG_0004.HEIC", images.heic_with_gps, "image/jpeg"),
]


def test_photos_sent_with_a_report_are_stored_without_their_metadata(
        taskforce: rf.Taskforce, media: Path) -> None:
    sent = {name: make() for name, make, _ in PHOTOS}
    assert all(images.leaks(content) for content in sent.values())
    data = rf.public_form()
    data["attachments"] = [SimpleUploadedFile(name, content) for name, content in sent.items()]
    response = Client().post("/reports/new/", data, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 200
    attachments = list(ReportAttachment.objects.order_by("created_at"))
    assert sorted(a.content_type for a in attachments) == sorted(t for _, _, t in PHOTOS)
    officer = taskforce.client_for("taskforce_kupang")
    for attachment in attachments:
        download = officer.get(f"/reports/attachments/{attachment.pk}/")
        assert download.status_code == 200
        stored = download.getvalue()
        assert images.leaks(stored) == [], attachment.content_type
    # Nor is anything of it on disk, whatever the storage does with the files.
    for path in media.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert images.SECRET.encode() not in content and b"PhoneMaker" not in content


@pytest.mark.parametrize("name", ["IMG_0005.JPG", "IMG_0006.HEIC"])
def test_a_reporter_adding_a_photo_later_is_stripped_too(taskforce: rf.Taskforce, media: Path,
                                                          name: str) -> None:
    submitted = rf.submit()
    make = images.jpeg_with_gps if name.endswith("JPG") else images.heic_with_gps
    response = Client().post("/reports/track/add/", {
        "code": submitted.receipt_code, "body": "Foto tambahan",
        "attachments": [SimpleUploadedFile(name, make())]}, REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 200
    attachment = ReportAttachment.objects.get()
    download = taskforce.client_for("taskforce_kupang").get(
        f"/reports/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert images.leaks(download.getvalue()) == []
