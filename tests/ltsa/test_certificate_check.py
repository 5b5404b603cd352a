"""The certificate at the port: the short serial (issued with the certificate, unique, on
the PDF), the look-up form at /ltsa/verify/ for task-force officers of any region (holder's
name, birth date and photo; audited; rate-limited), the photo taken at the LTSA, and the QR
verification that shows the holder to a task-force officer of another regency."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lindung.common import sealed
from lindung.common.ratelimit import Policy
from lindung.common.ratelimit import Window
from lindung.core.models import AuditEvent
from lindung.directory.choices import Desk
from lindung.ltsa import certificates
from lindung.ltsa import services
from lindung.ltsa.models import Application
from tests.fixtures.images import jpeg_with_gps
from tests.fixtures.images import leaks
from tests.fixtures.ltsa import LtsaWorld
from tests.fixtures.pdf import pdf_text

LOOKUP = "/ltsa/verify/"


@pytest.fixture
def ready(ltsa: LtsaWorld, fixed_today: object) -> Application:
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    application.refresh_from_db()
    return application


def _photo(ltsa: LtsaWorld, application: Application) -> None:
    client = ltsa.client_for(Desk.EMPLOYMENT)
    response = client.post(f"/ltsa/staff/applications/{application.pk}/photo/upload/",
                           {"photo": SimpleUploadedFile("foto.jpg", jpeg_with_gps())})
    assert response.status_code == 302, response.content
    application.refresh_from_db()


def test_it_issues_a_short_unique_serial_printed_on_the_certificate(
        ltsa: LtsaWorld, ready: Application) -> None:
    code = ready.certificate_code
    assert len(code) == 8 and set(code) <= set(certificates.CODE_ALPHABET)
    assert not set(code) & set("0O1IL")
    assert certificates.printed_code(code) == f"{code[:4]}-{code[4:]}"
    pdf = ltsa.client_for(Desk.EMPLOYMENT).get(
        f"/ltsa/staff/applications/{ready.pk}/certificate.pdf")
    assert certificates.printed_code(code) in pdf_text(pdf.content)
    detail = ltsa.client_for(Desk.EMPLOYMENT).get(f"/ltsa/staff/applications/{ready.pk}/")
    assert certificates.printed_code(code) in detail.content.decode()
    codes = {certificates.new_certificate_code() for _ in range(200)}
    assert len(codes) == 200 and code not in codes
    services.application_withdraw(actor=None, application=ready, reason="Batal")
    ready.refresh_from_db()
    assert ready.certificate_code == ""
    assert not certificates.verify_certificate_code(code).valid


@pytest.mark.parametrize("role,status", [
    ("taskforce_kupang", 200), ("admin", 200), ("coord_ntt", 403), ("desk_kupang", 403),
    ("village_officer", 403), ("analyst", 403)])
def test_it_serves_the_look_up_form_to_task_force_officers(ltsa: LtsaWorld, ready: Application,
                                                          role: str, status: int) -> None:
    response = ltsa.world.client_for(role).get(LOOKUP)
    assert response.status_code == status
    if status == 200:
        assert 'name="serial"' in response.content.decode()
    assert Client().get(LOOKUP).status_code == 302  # to the login page


def test_it_shows_the_holder_to_an_officer_of_another_regency(ltsa: LtsaWorld,
                                                              ready: Application) -> None:
    _photo(ltsa, ready)
    with ready.photo.open("rb") as stored:
        assert stored.read().startswith(sealed.MAGIC)  # never on disk in clear
    assert not leaks(sealed.load(ready.photo))
    officer = ltsa.world.users["taskforce_kupang"]
    assert ready.region_code == "53.01" and officer.scope_code == "53.71"
    client = ltsa.world.client_for("taskforce_kupang")
    typed = ready.certificate_code.lower()[:4] + " - " + ready.certificate_code.lower()[4:]
    page = client.post(LOOKUP, {"serial": typed})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="certificate-valid"' in text and "Yohana Bria Seran" in text
    assert "12-04-1998" in text and 'id="holder-photo"' in text
    assert f"/ltsa/staff/applications/{ready.pk}/\"" not in text  # no link into the file
    event = AuditEvent.objects.filter(actor=officer, action="view",
                                      object_id=str(ready.pk)).latest("at")
    assert event.detail["context"] == "certificate-lookup"
    photo = client.get(f"/ltsa/staff/applications/{ready.pk}/photo")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"] == "private, no-store"
    assert AuditEvent.objects.filter(actor=officer, detail__context="photo").exists()
    # Once the certificate is no longer valid, the other regency's officer sees nobody.
    services.application_withdraw(actor=None, application=ready, reason="Batal")
    assert client.get(f"/ltsa/staff/applications/{ready.pk}/photo").status_code == 404
    gone = client.post(LOOKUP, {"serial": typed})
    assert gone.status_code == 404 and "Yohana" not in gone.content.decode()
    assert 'id="certificate-invalid"' in gone.content.decode()


def test_it_refuses_unknown_serials_and_limits_the_rate(ltsa: LtsaWorld, ready: Application,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lindung.ltsa.views.port.CERTIFICATE_LOOKUP_POLICY",
                        Policy("test-certificate-lookup", (Window(3, 600),)))
    client = ltsa.world.client_for("taskforce_kupang")
    assert client.post(LOOKUP, {"serial": ""}).status_code == 400
    for serial in ("ABCD-EFGH", "K7QM3XP0", "x" * 20):
        response = client.post(LOOKUP, {"serial": serial})
        assert response.status_code == 404
        assert 'id="certificate-invalid"' in response.content.decode()
    limited = client.post(LOOKUP, {"serial": ready.certificate_code})
    assert limited.status_code == 429 and "Yohana" not in limited.content.decode()
    # The limit is the officer's own: another officer still looks up.
    assert ltsa.world.client_for("admin").post(
        LOOKUP, {"serial": ready.certificate_code}).status_code == 200


def test_it_shows_the_holder_on_a_scanned_qr_to_any_task_force_officer(
        ltsa: LtsaWorld, ready: Application) -> None:
    token = certificates.certificate_token(ready)
    officer = ltsa.world.client_for("taskforce_kupang")
    page = officer.get(f"/ltsa/verify/{token}").content.decode()
    assert "Yohana Bria Seran" in page and "12-04-1998" in page
    assert AuditEvent.objects.filter(actor=ltsa.world.users["taskforce_kupang"],
                                     detail__context="certificate-verify").exists()
    assert "Yohana" not in Client().get(f"/ltsa/verify/{token}").content.decode()
    assert "Yohana" not in ltsa.world.client_for("coord_jabar").get(
        f"/ltsa/verify/{token}").content.decode()
    body = officer.get("/api/v1/ltsa/certificates/verify", {"token": token}).json()
    assert body["holder_name"] == "Yohana Bria Seran"
    assert body["holder_birth_date"] == "1998-04-12" and body["holder_photo_url"] == ""
    machine = ltsa.world.client_for("coord_jabar").get("/api/v1/ltsa/certificates/verify",
                                                       {"token": token}).json()
    assert machine["valid"] is True and machine["holder_name"] == ""


def test_it_keeps_the_photo_to_those_who_may_see_it(ltsa: LtsaWorld, ready: Application) -> None:
    _photo(ltsa, ready)
    url = f"/ltsa/staff/applications/{ready.pk}/photo"
    assert ltsa.client_for(Desk.EMPLOYMENT).get(url).status_code == 200
    for role in ("coord_jabar", "village_officer", "analyst"):
        assert ltsa.world.client_for(role).get(url).status_code in (403, 404), role
    refused = ltsa.world.client_for("taskforce_kupang").post(
        f"/ltsa/staff/applications/{ready.pk}/photo/upload/",
        {"photo": SimpleUploadedFile("foto.jpg", jpeg_with_gps())})
    assert refused.status_code == 403  # reads files, does not change them
    not_a_photo = ltsa.client_for(Desk.EMPLOYMENT).post(
        f"/ltsa/staff/applications/{ready.pk}/photo/upload/",
        {"photo": SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not a photo")}, follow=True)
    assert "bukan jenis yang diterima" in not_a_photo.content.decode()


API_LOOKUP = "/api/v1/ltsa/certificates/lookup"


@pytest.mark.parametrize("role,status", [
    ("taskforce_kupang", 200), ("admin", 200), ("coord_ntt", 403), ("coord_jabar", 403),
    ("desk_kupang", 403), ("village_officer", 403), ("analyst", 403)])
def test_it_looks_up_a_serial_in_the_api_with_the_pages_access_rules(
        ltsa: LtsaWorld, ready: Application, role: str, status: int) -> None:
    client = ltsa.world.client_for(role)
    typed = ready.certificate_code.lower()[:4] + "-" + ready.certificate_code.lower()[4:]
    response = client.post(API_LOOKUP, {"serial": typed}, content_type="application/json")
    assert response.status_code == status, response.content
    if status == 200:
        body = response.json()
        assert body["valid"] is True and body["holder_name"] == "Yohana Bria Seran"
        assert body["holder_birth_date"] == "1998-04-12"
        assert body["application_id"] == str(ready.pk)
        event = AuditEvent.objects.filter(actor=ltsa.world.users[role], action="view",
                                          object_id=str(ready.pk)).latest("at")
        assert event.detail["context"] == "api-certificate-lookup"
    else:
        assert "Yohana" not in response.content.decode()
    anonymous = Client().post(API_LOOKUP, {"serial": typed}, content_type="application/json")
    assert anonymous.status_code == 401


def test_it_refuses_unknown_serials_in_the_api_and_limits_the_rate(
        ltsa: LtsaWorld, ready: Application, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("lindung.ltsa.api.CERTIFICATE_LOOKUP_POLICY",
                        Policy("test-certificate-lookup-api", (Window(3, 600),)))
    client = ltsa.world.client_for("taskforce_kupang")
    assert client.post(API_LOOKUP, {"serial": ""},
                       content_type="application/json").status_code == 422
    for serial in ("ABCD-EFGH", "K7QM3XP0", "x" * 20):
        response = client.post(API_LOOKUP, {"serial": serial}, content_type="application/json")
        assert response.status_code == 404
        assert response.json()["valid"] is False and response.json()["holder_name"] == ""
    limited = client.post(API_LOOKUP, {"serial": ready.certificate_code},
                          content_type="application/json")
    assert limited.status_code == 429 and "Yohana" not in limited.content.decode()
    # A withdrawn file's serial is no longer issued: nobody is shown.
    services.application_withdraw(actor=None, application=ready, reason="Batal")
    gone = ltsa.world.client_for("admin").post(API_LOOKUP, {"serial": ready.certificate_code},
                                               content_type="application/json")
    assert gone.status_code == 404 and "Yohana" not in gone.content.decode()
