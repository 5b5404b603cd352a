"""The signed SMS/WhatsApp webhook."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.test import Client

from lindung.core.models import AuditEvent
from lindung.reports.models import PublicReport
from lindung.reports.services import report_by_receipt
from lindung.reports.services import report_transition
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/inbound"


@pytest.fixture
def secret(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("LINDUNG_WEBHOOK_SECRET", rf.WEBHOOK_SECRET)
    return rf.WEBHOOK_SECRET


def _post(body: bytes, **headers: Any) -> Any:
    return Client().post(URL, body, content_type="application/json", **headers)


def test_it_stores_a_signed_message_and_returns_the_receipt(taskforce: rf.Taskforce,
                                                            secret: str) -> None:
    body = rf.webhook_body()
    response = _post(body, **rf.signed_headers(body))
    assert response.status_code == 201
    data = response.json()
    report = PublicReport.objects.get()
    assert data["reference"] == report.reference and report.channel == "sms"
    assert report.region_code == "53.71" and report.category == "other"
    # No consent to be contacted: the number is not kept, only an opaque handle.
    assert report.contact == "" and not report.contact_consent
    assert len(report.sender_handle) == 64 and "2222" not in report.sender_handle
    assert data["receipt_code"] in data["reply"]
    assert report_by_receipt(code=data["receipt_code"]).pk == report.pk
    assert AuditEvent.objects.filter(entity="reports.publicreport", action="create").exists()


def test_it_answers_a_redelivery_without_a_second_report(taskforce: rf.Taskforce,
                                                        secret: str) -> None:
    body = rf.webhook_body(message_id="same")
    assert _post(body, **rf.signed_headers(body)).status_code == 201
    again = _post(body, **rf.signed_headers(body))
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert "receipt_code" not in again.json()
    assert PublicReport.objects.count() == 1


@pytest.mark.parametrize("make_headers, status", [
    (lambda body: {}, 401),
    (lambda body: rf.signed_headers(body, secret="wrong-secret"), 401),
    (lambda body: {**rf.signed_headers(body), "HTTP_X_LINDUNG_SIGNATURE": "sha256=00"}, 401),
    (lambda body: rf.signed_headers(body, timestamp=int(time.time()) - 301), 401),
    (lambda body: rf.signed_headers(body, timestamp=int(time.time()) + 3600), 401),
    (lambda body: {**rf.signed_headers(body), "HTTP_X_LINDUNG_TIMESTAMP": "yesterday"}, 401),
])
def test_it_refuses_bad_signatures_and_stale_timestamps(taskforce: rf.Taskforce, secret: str,
                                                        make_headers: Any, status: int) -> None:
    body = rf.webhook_body()
    response = _post(body, **make_headers(body))
    assert response.status_code == status
    assert response.json()["detail"] and " / " not in response.json()["detail"]  # one language
    assert PublicReport.objects.count() == 0


def test_it_refuses_a_body_changed_after_signing(taskforce: rf.Taskforce, secret: str) -> None:
    body = rf.webhook_body()
    headers = rf.signed_headers(body)
    tampered = body.replace(b"Tenau", b"Bolok")
    assert _post(tampered, **headers).status_code == 401
    assert PublicReport.objects.count() == 0


@pytest.mark.parametrize("body, status", [
    (b"not json", 400),
    (b'{"channel": "fax", "message_id": "1", "text": "x"}', 422),
    (b'{"channel": "sms", "message_id": "1"}', 422),
    (b'{"channel": "sms", "message_id": "1", "text": "x", "region_code": "99.99"}', 422),
    (b'{"channel": "sms", "message_id": "1", "text": "x", "extra": 1}', 422),
    (b'{"channel": "sms", "message_id": "1", "text": "x", "received_at": "2026-01-01T10:00"}',
     422),
])
def test_it_refuses_bad_payloads_with_a_clear_error(taskforce: rf.Taskforce, secret: str,
                                                    body: bytes, status: int) -> None:
    response = _post(body, **rf.signed_headers(body))
    assert response.status_code == status
    assert response.json()["detail"]
    assert PublicReport.objects.count() == 0


def test_it_is_closed_until_a_secret_is_configured(taskforce: rf.Taskforce,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINDUNG_WEBHOOK_SECRET", raising=False)
    body = rf.webhook_body()
    response = _post(body, **rf.signed_headers(body, secret=""))
    assert response.status_code == 503
    assert PublicReport.objects.count() == 0


def test_it_keeps_html_in_a_message_as_text(taskforce: rf.Taskforce, secret: str) -> None:
    body = rf.webhook_body(text=rf.XSS)
    assert _post(body, **rf.signed_headers(body)).status_code == 201
    report = PublicReport.objects.get()
    html = taskforce.client_for("taskforce_kupang").get(f"/reports/{report.pk}/").content
    assert b"<script>alert" not in html and b"&lt;script&gt;" in html


def test_the_number_is_kept_only_with_consent(taskforce: rf.Taskforce, secret: str) -> None:
    body = rf.webhook_body(message_id="consenting", contact_consent=True)
    assert _post(body, **rf.signed_headers(body)).status_code == 201
    report = PublicReport.objects.get()
    assert report.contact == "+6281211112222" and report.contact_consent  # encrypted at rest


def test_a_senders_next_message_joins_their_open_report(taskforce: rf.Taskforce,
                                                        secret: str) -> None:
    first = rf.webhook_body(message_id="m1")
    assert _post(first, **rf.signed_headers(first)).status_code == 201
    report = PublicReport.objects.get()
    # The same number written differently, a new message: the thread continues.
    again = rf.webhook_body(message_id="m2", sender="0812 1111 2222",
                            text="Calonya bernama Pak Yos")
    response = _post(again, **rf.signed_headers(again))
    assert response.status_code == 200 and response.json()["status"] == "appended"
    assert "receipt_code" not in response.json()
    assert PublicReport.objects.count() == 1
    assert [m.body for m in report.messages.all()] == ["Calonya bernama Pak Yos"]
    # Consent given later: from then on the number is kept.
    later = rf.webhook_body(message_id="m3", text="Boleh dihubungi", contact_consent=True)
    assert _post(later, **rf.signed_headers(later)).json()["status"] == "appended"
    report.refresh_from_db()
    assert report.contact_consent and report.contact == "+6281211112222"
    # Another sender starts their own report.
    other = rf.webhook_body(message_id="m4", sender="+62 813-0000-1111")
    assert _post(other, **rf.signed_headers(other)).status_code == 201
    assert PublicReport.objects.count() == 2


def test_a_closed_report_does_not_take_further_messages(taskforce: rf.Taskforce,
                                                        secret: str) -> None:
    first = rf.webhook_body(message_id="c1")
    _post(first, **rf.signed_headers(first))
    report = PublicReport.objects.get()
    report_transition(actor=taskforce.officer, report=report, action="reject", reason="spam")
    again = rf.webhook_body(message_id="c2")
    assert _post(again, **rf.signed_headers(again)).status_code == 201
    assert PublicReport.objects.count() == 2
