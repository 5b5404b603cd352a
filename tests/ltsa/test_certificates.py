"""Ready-to-depart certificates: signed tokens, the QR, verification; the PDFs."""

from __future__ import annotations

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client

from lindung.directory.choices import Desk
from lindung.ltsa import certificates
from lindung.ltsa import services
from lindung.ltsa.choices import LicenceStatus
from lindung.ltsa.models import Application
from tests.fixtures.ltsa import LtsaWorld
from tests.fixtures.pdf import pdf_text


@pytest.fixture
def ready(ltsa: LtsaWorld, fixed_today: object) -> Application:
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    application.refresh_from_db()
    return application


def test_it_verifies_a_genuine_certificate(ltsa: LtsaWorld, ready: Application) -> None:
    token = certificates.certificate_token(ready)
    check = certificates.verify_certificate_token(token)
    assert check.valid
    assert check.application_id == ready.pk and check.person_id == ltsa.applicant.pk
    page = Client().get(f"/ltsa/verify/{token}")
    assert 'id="certificate-valid"' in page.content.decode()
    assert ltsa.applicant.name not in page.content.decode()  # the public sees no name


def test_it_refuses_a_tampered_or_forged_token(ltsa: LtsaWorld, ready: Application) -> None:
    token = certificates.certificate_token(ready)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert not certificates.verify_certificate_token(tampered).valid
    forged = signing.dumps({"a": str(ready.pk), "p": str(ready.person_id),
                            "s": ready.certificate_serial}, key="not-the-secret",
                           salt=certificates.SALT, compress=True)
    check = certificates.verify_certificate_token(forged)
    assert not check.valid and "palsu atau diubah" in check.reason
    assert not certificates.verify_certificate_token("garbage").valid
    page = Client().get(f"/ltsa/verify/{forged}").content.decode()
    assert 'id="certificate-invalid"' in page


def test_it_stops_verifying_when_the_file_is_no_longer_ready(ltsa: LtsaWorld,
                                                             ready: Application) -> None:
    token = certificates.certificate_token(ready)
    services.licence_status_change(actor=None, licence=ltsa.licensed.licences.get(),
                                   status=LicenceStatus.SUSPENDED, reason="Contoh",
                                   on=ltsa.today)
    check = certificates.verify_certificate_token(token)
    assert not check.valid and "SIP3MI" in check.reason


def test_it_stops_verifying_after_withdrawal(ltsa: LtsaWorld, ready: Application) -> None:
    token = certificates.certificate_token(ready)
    services.application_withdraw(actor=None, application=ready, reason="Batal")
    check = certificates.verify_certificate_token(token)
    assert not check.valid and "dibatalkan" in check.reason


def test_it_stops_verifying_an_old_serial_after_reopening(ltsa: LtsaWorld,
                                                          ready: Application) -> None:
    token = certificates.certificate_token(ready)
    item = ready.items.get(code="health_certificate")
    with pytest.raises(ValidationError) as refused:
        services.checklist_item_reopen(actor=ltsa.desks[Desk.HEALTH], item=item)
    assert "confirm_revoke" in refused.value.message_dict
    assert certificates.verify_certificate_token(token).valid  # one click revokes nothing
    services.checklist_item_reopen(actor=ltsa.desks[Desk.HEALTH], item=item,
                                   confirm_revoke=True)
    assert not certificates.verify_certificate_token(token).valid
    ltsa.verify_all(ready)
    ready.refresh_from_db()
    assert not certificates.verify_certificate_token(token).valid  # replaced
    assert certificates.verify_certificate_token(certificates.certificate_token(ready)).valid


def test_it_prints_a_certificate_whose_qr_carries_the_verify_url(ltsa: LtsaWorld,
                                                                  ready: Application) -> None:
    client = ltsa.client_for(Desk.EMPLOYMENT)
    response = client.get(f"/ltsa/staff/applications/{ready.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert b"/Subtype /Image" in response.content
    assert "/ltsa/verify/" in pdf_text(response.content)
    checklist = client.get(f"/ltsa/staff/applications/{ready.pk}/checklist.pdf")
    assert checklist.content.startswith(b"%PDF")


def test_it_refuses_a_certificate_for_a_file_not_ready(ltsa: LtsaWorld,
                                                       fixed_today: object) -> None:
    application, _ = ltsa.register()
    response = ltsa.client_for(Desk.EMPLOYMENT).get(
        f"/ltsa/staff/applications/{application.pk}/certificate.pdf")
    assert response.status_code == 404
    with pytest.raises(ValueError):
        certificates.certificate_token(application)


def test_it_verifies_through_the_api(ltsa: LtsaWorld, ready: Application) -> None:
    token = certificates.certificate_token(ready)
    client = ltsa.world.client_for("taskforce_kupang")
    body = client.get("/api/v1/ltsa/certificates/verify", {"token": token}).json()
    assert body["valid"] is True and body["person_id"] == str(ltsa.applicant.pk)
    url = f"https://lindung.example/ltsa/verify/{token}"
    assert client.get("/api/v1/ltsa/certificates/verify", {"token": url}).json()["valid"]
    bad = client.get("/api/v1/ltsa/certificates/verify", {"token": token + "x"}).json()
    assert bad["valid"] is False
    assert Client().get("/api/v1/ltsa/certificates/verify",
                        {"token": token}).status_code == 401


def test_it_shows_staff_the_name_on_a_verified_certificate(ltsa: LtsaWorld,
                                                           ready: Application) -> None:
    token = certificates.certificate_token(ready)
    page = ltsa.world.client_for("coord_ntt").get(f"/ltsa/verify/{token}").content.decode()
    assert ltsa.applicant.name in page
