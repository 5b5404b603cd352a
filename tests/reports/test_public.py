"""The public report form, receipts, and following a report without an account."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from lindung.common import sealed
from lindung.core.models import AuditEvent
from lindung.reports import receipts
from lindung.reports.choices import ReportStatus
from lindung.reports.models import PublicReport
from lindung.reports.models import ReportAttachment
from lindung.reports.models import ReportMessage
from lindung.reports.models import ReportTally
from lindung.reports.services import ReceiptError
from lindung.reports.services import report_by_receipt
from lindung.reports.services import report_transition
from tests.fixtures import images
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db


def _submit(client: Client, **overrides: Any) -> Any:
    files = overrides.pop("files", None)
    data = rf.public_form(**overrides)
    if files is not None:
        data["attachments"] = files
    return client.post("/reports/new/", data, REMOTE_ADDR="198.51.100.7",
                       HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 13) TestPhone/1.0")


def _code(response: Any) -> str:
    html = response.content.decode()
    start = html.index('id="receipt-code"><strong>') + len('id="receipt-code"><strong>')
    return str(html[start:html.index("</strong>", start)])


def test_the_receipt_gives_the_public_address_to_follow_the_report(
        taskforce: rf.Taskforce, settings: Any) -> None:
    settings.LINDUNG_PUBLIC_URL = "https://lindung.example.go.id"
    html = _submit(Client()).content.decode()
    assert '<strong>https://lindung.example.go.id/reports/track/</strong>' in html


def test_it_shows_the_form_without_opening_a_session(taskforce: rf.Taskforce) -> None:
    response = Client().get("/reports/new/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert 'name="website"' in response.content.decode()  # the honeypot
    assert "Calo atau perekrut tanpa izin" in response.content.decode()


def test_it_takes_an_anonymous_report_and_shows_the_receipt_once(
        taskforce: rf.Taskforce) -> None:
    client = Client()
    response = _submit(client)
    assert response.status_code == 200
    code = _code(response)
    assert len(code) == 19 and code.count("-") == 3
    assert "sessionid" not in response.cookies
    assert response["Cache-Control"].startswith("max-age=0")
    report = PublicReport.objects.get()
    assert report.channel == "web" and report.status == ReportStatus.RECEIVED
    assert report.region_code == rf.KUPANG_VILLAGE
    assert report.recruiter_phone == "081234567890"
    assert report.created_by is None and report.is_anonymous
    # The code itself is nowhere in the database: only a keyed digest and an Argon2 hash.
    values = rf.report_row_values(report)
    assert not any(code in v or code.replace("-", "") in v for v in values)
    assert report.receipt_hash.startswith("$argon2id$")
    # Neither the address nor the browser is stored.
    assert not any("198.51.100.7" in v or "TestPhone" in v for v in values)
    assert not any("198.51.100.7" in str(e.detail) or "TestPhone" in str(e.detail)
                   for e in AuditEvent.objects.all())
    tallies = ReportTally.objects.filter(dimension="category", value="broker")
    assert sorted(tallies.values_list("area_code", "count")) == [("", 1), ("53", 1),
                                                                  ("53.71", 1)]


def test_it_works_without_a_session_cookie_and_with_csrf_checks(
        taskforce: rf.Taskforce) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/reports/new/")
    token = page.cookies["csrftoken"].value
    data = rf.public_form(csrfmiddlewaretoken=token)
    response = client.post("/reports/new/", data)
    assert response.status_code == 200
    assert PublicReport.objects.count() == 1
    assert "sessionid" not in client.cookies


def test_it_refuses_a_post_without_a_csrf_token(taskforce: rf.Taskforce) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/reports/new/", rf.public_form()).status_code == 403
    assert PublicReport.objects.count() == 0


def test_it_looks_a_report_up_with_the_code_read_back_loosely(
        taskforce: rf.Taskforce) -> None:
    code = _code(_submit(Client()))
    spoken = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    response = Client().post("/reports/track/", {"code": spoken})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Diterima" in html and "Calo atau perekrut tanpa izin" in html
    assert AuditEvent.objects.filter(action="view", actor_label="public").exists()


@pytest.mark.parametrize("code, message, status", [
    ("", "tidak boleh kosong", 400),
    ("hello", "16 huruf dan angka", 400),
    ("<script>alert(1)</script>", "16 huruf dan angka", 400),
    ("UUUU-UUUU-UUUU-UUUU", "16 huruf dan angka", 400),
    ("K7QM-4TZP-9XRA-2HWD", "tidak dikenal", 400),
])
def test_it_answers_garbage_receipts_clearly(taskforce: rf.Taskforce, code: str, message: str,
                                             status: int) -> None:
    response = Client().post("/reports/track/", {"code": code})
    assert response.status_code == status
    html = response.content.decode()
    assert message in html or "This field is required" in html or "Kolom ini" in html
    assert "<script>alert(1)</script>" not in html


def test_it_refuses_an_expired_receipt(taskforce: rf.Taskforce) -> None:
    submitted = rf.submit()
    officer = taskforce.officer
    report_transition(actor=officer, report=submitted.report, action="reject",
                      reason="spam")
    PublicReport.objects.filter(pk=submitted.report.pk).update(
        receipt_expires_at=timezone.now() - timedelta(days=1))
    with pytest.raises(ReceiptError) as exc:
        report_by_receipt(code=submitted.receipt_code)
    assert exc.value.kind == "expired"
    response = Client().post("/reports/track/", {"code": submitted.receipt_code})
    assert response.status_code == 410
    assert "kedaluwarsa" in response.content.decode()


def test_it_lets_the_reporter_add_information_and_files(taskforce: rf.Taskforce) -> None:
    submitted = rf.submit()
    response = Client().post("/reports/track/add/", {
        "code": submitted.receipt_code, "body": "Calo datang lagi hari ini",
        "attachments": [rf.png_upload()]})
    assert response.status_code == 200
    assert "Calo datang lagi hari ini" in response.content.decode()
    message = ReportMessage.objects.get(report=submitted.report)
    assert message.kind == "reporter_update" and message.created_by is None
    assert ReportAttachment.objects.filter(report=submitted.report, from_reporter=True).count() == 1


def test_it_refuses_additions_with_a_wrong_code(taskforce: rf.Taskforce) -> None:
    rf.submit()
    response = Client().post("/reports/track/add/", {"code": "AAAA-BBBB-CCCC-DDDD",
                                                      "body": "Tambahan"})
    assert response.status_code == 400
    assert ReportMessage.objects.count() == 0


def test_it_refuses_additions_to_a_closed_report(taskforce: rf.Taskforce) -> None:
    submitted = rf.submit()
    report_transition(actor=taskforce.officer, report=submitted.report, action="reject",
                      reason="duplicate")
    response = Client().post("/reports/track/add/", {"code": submitted.receipt_code,
                                                      "body": "Tambahan"})
    assert response.status_code == 400
    assert "sudah ditutup" in response.content.decode()
    assert ReportMessage.objects.count() == 0


def test_it_strips_location_metadata_from_photos(taskforce: rf.Taskforce) -> None:
    response = _submit(Client(), files=[SimpleUploadedFile("IMG_0001.jpg", rf.JPEG_WITH_EXIF)])
    assert response.status_code == 200
    attachment = ReportAttachment.objects.get()
    stored = sealed.load(attachment.file)  # kept encrypted at rest
    assert stored.startswith(b"\xff\xd8") and images.leaks(stored) == []
    assert attachment.content_type == "image/jpeg"
    assert "IMG_0001" not in attachment.file.name


def test_it_accepts_a_pdf_by_its_content(taskforce: rf.Taskforce) -> None:
    response = _submit(Client(), files=[SimpleUploadedFile("surat", rf.PDF_BYTES)])
    assert response.status_code == 200
    assert ReportAttachment.objects.get().content_type == "application/pdf"


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("virus.jpg", b"MZ\x90\x00 this is an exe"), "bukan jenis yang diterima"),
    (SimpleUploadedFile("page.png", b"<html><script>alert(1)</script></html>"),
     "bukan jenis yang diterima"),
    (SimpleUploadedFile("empty.png", b""), "kosong"),
    (SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024)),
     "lebih dari 5 MB"),
    (SimpleUploadedFile("broken.jpg", b"\xff\xd8\xff\xe1\x99\x99"), "rusak"),
])
def test_it_refuses_bad_attachments_and_stores_nothing(taskforce: rf.Taskforce,
                                                       media: Path,
                                                       upload: SimpleUploadedFile,
                                                       message: str) -> None:
    response = _submit(Client(), files=[upload])
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert PublicReport.objects.count() == 0 and ReportAttachment.objects.count() == 0
    assert not [p for p in media.rglob("*") if p.is_file()]


def test_it_refuses_more_than_five_files(taskforce: rf.Taskforce, media: Path) -> None:
    response = _submit(Client(), files=[rf.png_upload(f"{i}.png") for i in range(6)])
    assert response.status_code == 400
    assert "Paling banyak 5" in response.content.decode()
    assert PublicReport.objects.count() == 0
    assert not any(media.rglob("*.png"))


def test_it_refuses_the_honeypot_and_a_too_fast_submission(taskforce: rf.Taskforce) -> None:
    client = Client()
    assert _submit(client, website="http://spam.example").status_code == 400
    response = _submit(client, started=rf.started_token(seconds_ago=0))
    assert response.status_code == 400
    assert "terlalu cepat" in response.content.decode()
    assert _submit(client, started="forged:token").status_code == 400
    assert PublicReport.objects.count() == 0


def test_it_limits_submissions_per_address(taskforce: rf.Taskforce) -> None:
    client = Client()
    for _ in range(5):
        assert _submit(client).status_code == 200
    response = _submit(client)
    assert response.status_code == 429
    assert PublicReport.objects.count() == 5
    # Another address is not affected.
    other = client.post("/reports/new/", rf.public_form(), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 200


def test_it_limits_receipt_look_ups(taskforce: rf.Taskforce) -> None:
    client = Client()
    for _ in range(20):
        client.post("/reports/track/", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert client.post("/reports/track/", {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 429


def test_it_escapes_html_in_every_text_field(taskforce: rf.Taskforce) -> None:
    fields = ("description", "place_text", "recruiter_name", "recruiter_social",
              "people_at_risk", "missing_person_name", "contact")
    response = _submit(Client(), **{name: rf.XSS for name in fields})
    assert response.status_code == 200
    code = _code(response)
    report = PublicReport.objects.get()
    assert report.description == rf.XSS  # stored as typed, escaped on output
    status_page = Client().post("/reports/track/", {"code": code}).content.decode()
    officer_page = taskforce.client_for("taskforce_kupang").get(
        f"/reports/{report.pk}/").content.decode()
    for html in (status_page, officer_page):
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in officer_page


def test_it_refuses_a_description_of_only_spaces_and_a_future_date(
        taskforce: rf.Taskforce) -> None:
    assert _submit(Client(), description="   ").status_code == 400
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = _submit(Client(), incident_date=future)
    assert response.status_code == 400
    assert "masa depan" in response.content.decode()
    assert PublicReport.objects.count() == 0


def test_it_marks_immediate_danger_as_critical_with_a_short_deadline(
        taskforce: rf.Taskforce) -> None:
    _submit(Client(), immediate_danger="on")
    report = PublicReport.objects.get()
    assert report.urgency == "critical"
    assert report.due_at is not None
    assert report.due_at - report.received_at == timedelta(hours=4)


def test_receipt_codes_have_80_bits_and_verify_only_themselves() -> None:
    code = receipts.receipt_generate()
    assert len(receipts.receipt_normalise(code)) == 16 and len(receipts.ALPHABET) == 32
    hashed = receipts.receipt_hash(code)
    assert receipts.receipt_verify(code, hashed)
    assert not receipts.receipt_verify(receipts.receipt_generate(), hashed)
    assert not receipts.receipt_verify("garbage", hashed)
    assert receipts.receipt_lookup_digest(code) == receipts.receipt_lookup_digest(code.lower())
    with pytest.raises(receipts.ReceiptFormatError):
        receipts.receipt_normalise("ABCD")
