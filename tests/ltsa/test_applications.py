"""Registering applicants, the desks' checklist work, eligibility, tracking by receipt."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.directory.choices import Desk
from lindung.ltsa import checklist
from lindung.ltsa import receipts
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.choices import LicenceStatus
from lindung.ltsa.choices import RejectionReason
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistDecision
from lindung.ltsa.models import ChecklistItem
from lindung.ltsa.models import JobOrder
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from tests.conftest import NTT_VILLAGE
from tests.conftest import PASSWORD
from tests.fixtures.ltsa import LtsaWorld
from tests.fixtures.pdf import pdf_text


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


def test_it_registers_an_applicant_with_the_full_checklist(ltsa: LtsaWorld,
                                                           fixed_today: object) -> None:
    application, code = ltsa.register()
    assert application.status == ApplicationStatus.REGISTERED
    assert application.region_code == "53.01"
    codes = list(application.items.values_list("code", flat=True))
    assert codes == [entry.code for entry in checklist.CHECKLIST]
    desks = set(application.items.values_list("desk", flat=True))
    assert desks == set(Desk.values)  # every one of the eight desks owns an item
    ltsa.job.refresh_from_db()
    assert ltsa.job.filled == 1
    ltsa.applicant.refresh_from_db()
    assert ltsa.applicant.migration_status == MigrationStatus.REGISTERED
    # The code is random, >= 80 bits, and only its Argon2 hash is stored.
    assert len(receipts.receipt_code_clean(code)) == 24
    assert code.replace("-", "") not in application.receipt_hash
    assert application.receipt_hash.startswith("$argon2id$")
    assert AuditEvent.objects.filter(entity="ltsa.application", action=AuditAction.CREATE,
                                     object_id=str(application.pk)).exists()


def test_it_refuses_the_same_applicant_twice(ltsa: LtsaWorld, fixed_today: object) -> None:
    first, _ = ltsa.register()
    with pytest.raises(ValidationError) as exc:
        ltsa.register(job=ltsa.job_factory)
    assert first.number in _messages(exc)
    assert "sudah punya permohonan aktif" in _messages(exc)


def test_it_refuses_an_under_age_applicant(ltsa: LtsaWorld, fixed_today: object) -> None:
    with pytest.raises(ValidationError) as exc:
        ltsa.register(person=ltsa.minor)
    assert "Belum berusia 18 tahun pada tanggal berangkat" in _messages(exc)
    assert not Application.objects.exists()


def test_it_refuses_a_job_order_past_its_validity(ltsa: LtsaWorld,
                                                  fixed_today: object) -> None:
    with pytest.raises(ValidationError) as exc:
        ltsa.register(job=ltsa.job_expired)
    assert "sudah lewat masa berlakunya" in _messages(exc)


def test_it_refuses_a_job_order_over_its_quota(ltsa: LtsaWorld, fixed_today: object) -> None:
    with pytest.raises(ValidationError) as exc:
        ltsa.register(job=ltsa.job_full)
    assert "sudah penuh (2/2)" in _messages(exc)


def test_it_refuses_a_job_order_of_an_agency_with_an_expired_licence(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    with pytest.raises(ValidationError) as exc:
        ltsa.register(job=ltsa.job_unlicensed)
    assert "KEP.77/PPTKIS/2019" in _messages(exc)
    assert "sudah habis berlaku" in _messages(exc)


def test_it_computes_eligibility_and_becomes_ready(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    file = selectors.application_file_queryset().get(pk=application.pk)
    eligibility = selectors.application_eligibility(file, on=ltsa.today)
    assert not eligibility.ready
    assert len(eligibility.missing) == len(checklist.CHECKLIST)
    ltsa.verify_all(application, except_desks=(Desk.POLICE,))
    file = selectors.application_file_queryset().get(pk=application.pk)
    missing = selectors.application_eligibility(file, on=ltsa.today).missing
    assert [reason.code for reason in missing] == ["item_pending:police_certificate"]
    assert "SKCK" in str(missing[0]) and " / " not in str(missing[0])
    with translation.override("en"):
        assert str(missing[0]) == missing[0].en
    ltsa.verify_all(application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.READY
    assert application.certificate_serial
    assert application.ready_seconds is not None


def test_it_lets_a_desk_decide_only_its_own_items(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    passport = application.items.get(code="passport")
    with pytest.raises(PermissionDenied):
        services.checklist_item_verify(actor=ltsa.desks[Desk.HEALTH], item=passport,
                                       expires_on=ltsa.today + timedelta(days=900))
    with pytest.raises(PermissionDenied):
        services.checklist_item_reject(actor=ltsa.world.users["coord_ntt"], item=passport,
                                       reason=RejectionReason.MISSING)
    # Through the page too: 403, and the item is untouched.
    client = ltsa.client_for(Desk.HEALTH)
    response = client.post(f"/ltsa/staff/applications/{application.pk}/items/{passport.pk}"
                           "/decide/", {"action": "verify", "expires_on": "2030-01-01"})
    assert response.status_code == 403
    passport.refresh_from_db()
    assert passport.status == ItemStatus.PENDING
    # Yet the health officer sees the whole file.
    page = client.get(f"/ltsa/staff/applications/{application.pk}/").content.decode()
    assert "Paspor" in page and "Surat keterangan sehat" in page


def test_it_refuses_an_officer_of_another_centre(ltsa: LtsaWorld, fixed_today: object) -> None:
    from lindung.accounts.services import staff_create
    from lindung.core.roles import Role
    from lindung.regions.models import Region

    application, _ = ltsa.register()
    elsewhere = staff_create(actor=None, username="health_kota", password=PASSWORD,
                             role=Role.DESK_OFFICER, agency=ltsa.world.agency,
                             scope_region=Region.objects.get(code="53"),
                             site=ltsa.other_centre, desk=Desk.HEALTH)
    item = application.items.get(code="health_certificate")
    with pytest.raises(PermissionDenied):
        services.checklist_item_verify(actor=elsewhere, item=item,
                                       expires_on=ltsa.today + timedelta(days=900))


def test_it_refuses_a_document_that_expires_before_departure(ltsa: LtsaWorld,
                                                             fixed_today: object) -> None:
    application, _ = ltsa.register()
    passport = application.items.get(code="passport")
    with pytest.raises(ValidationError) as exc:
        services.checklist_item_verify(actor=ltsa.desks[Desk.IMMIGRATION], item=passport,
                                       expires_on=ltsa.today + timedelta(days=10))
    assert "sebelum tanggal berangkat" in _messages(exc)
    with pytest.raises(ValidationError) as missing_date:
        services.checklist_item_verify(actor=ltsa.desks[Desk.IMMIGRATION], item=passport)
    assert "tanggal berlaku dokumen" in _messages(missing_date)


def test_it_rejects_with_a_reason_and_reopens(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    item = application.items.get(code="health_certificate")
    officer = ltsa.desks[Desk.HEALTH]
    with pytest.raises(ValidationError):
        services.checklist_item_reject(actor=officer, item=item, reason="")
    with pytest.raises(ValidationError) as exc:
        services.checklist_item_reject(actor=officer, item=item, reason=RejectionReason.OTHER)
    assert "Jelaskan" in _messages(exc)
    services.checklist_item_reject(actor=officer, item=item,
                                   reason=RejectionReason.SUSPECTED_FAKE, note="stempel beda")
    item.refresh_from_db()
    assert item.status == ItemStatus.REJECTED
    assert item.rejection_reason == RejectionReason.SUSPECTED_FAKE
    services.checklist_item_reopen(actor=officer, item=item)
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING
    outcomes = list(ChecklistDecision.objects.filter(item=item).order_by("created_at")
                    .values_list("outcome", flat=True))
    assert outcomes == ["rejected", "reopened"]


def test_it_falls_back_from_ready_when_the_licence_is_revoked(ltsa: LtsaWorld,
                                                              fixed_today: object) -> None:
    application, _ = ltsa.register()
    ltsa.verify_all(application)
    licence = ltsa.licensed.licences.get()
    services.licence_status_change(actor=None, licence=licence, status=LicenceStatus.REVOKED,
                                   reason="Contoh", on=ltsa.today)
    file = selectors.application_file_queryset().get(pk=application.pk)
    missing = selectors.application_eligibility(file, on=ltsa.today).missing
    assert [r.code for r in missing] == ["agency_not_licensed"]


def test_it_withdraws_and_releases_the_place(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    with pytest.raises(ValidationError):
        services.application_withdraw(actor=ltsa.desks[Desk.EMPLOYMENT],
                                      application=application, reason=" ")
    services.application_withdraw(actor=ltsa.desks[Desk.EMPLOYMENT], application=application,
                                  reason="Pemohon mengundurkan diri")
    ltsa.job.refresh_from_db()
    assert ltsa.job.filled == 0
    again, _ = ltsa.register()  # a withdrawn file does not block a new one
    assert again.status == ApplicationStatus.REGISTERED


def test_it_registers_through_the_page_after_a_search(ltsa: LtsaWorld,
                                                      fixed_today: object) -> None:
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    search = client.get("/ltsa/staff/applications/new/", {"q": "Yohana Bria"})
    assert 'id="candidates"' in search.content.decode()
    assert "Yohana Bria Seran" in search.content.decode()
    response = client.post(f"/ltsa/staff/applications/new/?person={ltsa.applicant.pk}", {
        "step": "register", "person": str(ltsa.applicant.pk), "centre": str(ltsa.centre.pk),
        "permit_number": "sip2mi 2026 0001", "planned_departure": "2026-05-01",
        "marital_status": "single"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="receipt-code"' in page
    application = Application.objects.get(person=ltsa.applicant)
    code = page.split('id="receipt-code"><code>')[1].split("<")[0]
    assert receipts.receipt_matches(code, application.receipt_hash)
    # The receipt PDF prints the code only when the posted code matches.
    pdf = client.post(f"/ltsa/staff/applications/{application.pk}/receipt.pdf",
                      {"receipt_code": code})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_receipt_gives_the_public_address_and_the_centres_contacts(
        ltsa: LtsaWorld, fixed_today: object, settings: Any) -> None:

    settings.LINDUNG_PUBLIC_URL = "https://lindung.example.go.id/"
    ltsa.centre.address = "Jl. Timor Raya No. 5, Oelamasi"
    ltsa.centre.phone = "0380 123456"
    ltsa.centre.save(update_fields=["address", "phone"])
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    response = client.post(f"/ltsa/staff/applications/new/?person={ltsa.applicant.pk}", {
        "step": "register", "person": str(ltsa.applicant.pk), "centre": str(ltsa.centre.pk),
        "permit_number": ltsa.job.permit_number, "planned_departure": "2026-05-01",
        "marital_status": "single"})
    page = response.content.decode()
    assert "https://lindung.example.go.id/ltsa/track/" in page
    assert "Jl. Timor Raya No. 5, Oelamasi" in page and "0380 123456" in page
    code = page.split('id="receipt-code"><code>')[1].split("<")[0]
    application = Application.objects.get(person=ltsa.applicant)
    pdf = client.post(f"/ltsa/staff/applications/{application.pk}/receipt.pdf",
                      {"receipt_code": code})
    text = pdf_text(pdf.content)
    assert "https://lindung.example.go.id/ltsa/track/" in text
    assert "Jl. Timor Raya No. 5, Oelamasi" in text and "0380 123456" in text
    # Without the setting, the address the request came to.
    settings.LINDUNG_PUBLIC_URL = ""
    pdf = client.post(f"/ltsa/staff/applications/{application.pk}/receipt.pdf",
                      {"receipt_code": code})
    assert "http://testserver/ltsa/track/" in pdf_text(pdf.content)


def test_the_registration_offers_the_open_job_orders_to_pick(ltsa: LtsaWorld,
                                                            fixed_today: object) -> None:
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    page = client.get(f"/ltsa/staff/applications/new/?person={ltsa.applicant.pk}")
    html = page.content.decode()
    assert 'list="id_permit_number-options"' in html
    options = html.split('<datalist id="id_permit_number-options">')[1].split("</datalist>")[0]
    assert f'value="{ltsa.job.permit_number}"' in options
    assert ltsa.job.agency.name in options
    assert ltsa.job_expired.permit_number not in options


def test_the_search_explains_why_a_person_is_likely_the_same(ltsa: LtsaWorld,
                                                            fixed_today: object) -> None:
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    page = client.get("/ltsa/staff/applications/new/", {"q": "Yohana Seran"}).content.decode()
    row = page.split('id="candidates"')[1].split("</tr>")[1]
    assert "Yohana Bria Seran" in row
    assert "%</span>" in row and "<li>" in row  # score and one reason per field


def _new_person(ltsa: LtsaWorld, **fields: str) -> dict[str, str]:
    return {"step": "person", "new-name": "Yohana Bria Seran", "new-sex": "F",
            "new-birth_date": "1998-04-12", "new-birth_place": "Kupang",
            "new-village": NTT_VILLAGE, **fields}


def test_a_new_person_like_a_registered_one_must_be_confirmed(ltsa: LtsaWorld,
                                                              fixed_today: object) -> None:
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    url = "/ltsa/staff/applications/new/?q=Yohana"
    before = Person.objects.count()
    # Written another way, same birth date: shown with its reasons, nothing created.
    shown = client.post(url, _new_person(ltsa, **{"new-name": "Yohanna Seran"}))
    assert shown.status_code == 200
    page = shown.content.decode()
    assert "Orang ini mungkin sudah terdaftar" in page
    assert f'href="?person={ltsa.applicant.pk}"' in page
    assert 'name="confirm_new"' in page
    assert Person.objects.count() == before
    # The officer confirms that this is someone else: created, then step 2.
    confirmed = client.post(url, {**_new_person(ltsa, **{"new-name": "Yohanna Seran"}),
                                  "confirm_new": "1"})
    assert confirmed.status_code == 302
    created = Person.objects.get(name="Yohanna Seran")
    assert confirmed["Location"].endswith(f"?person={created.pk}")
    assert Person.objects.count() == before + 1


def test_a_new_person_unlike_anyone_is_created_at_once(ltsa: LtsaWorld,
                                                       fixed_today: object) -> None:
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    response = client.post("/ltsa/staff/applications/new/?q=Maria", _new_person(
        ltsa, **{"new-name": "Maria Goreti Nahak", "new-birth_date": "1995-09-30"}))
    assert response.status_code == 302
    assert Person.objects.filter(name="Maria Goreti Nahak").count() == 1


def test_it_shows_registration_refusals_on_the_page(ltsa: LtsaWorld,
                                                    fixed_today: object) -> None:
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    response = client.post(f"/ltsa/staff/applications/new/?person={ltsa.minor.pk}", {
        "step": "register", "person": str(ltsa.minor.pk), "centre": str(ltsa.centre.pk),
        "permit_number": ltsa.job_expired.permit_number, "planned_departure": "2026-05-01",
        "marital_status": "single"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Belum berusia 18" in page and "lewat masa berlakunya" in page
    unknown = client.post(f"/ltsa/staff/applications/new/?person={ltsa.applicant.pk}", {
        "step": "register", "person": str(ltsa.applicant.pk), "centre": str(ltsa.centre.pk),
        "permit_number": "SIP2MI/9999/0000", "planned_departure": "2026-05-01",
        "marital_status": "single"})
    assert "tidak terdaftar" in unknown.content.decode()


def test_it_creates_a_person_only_after_a_search(ltsa: LtsaWorld, fixed_today: object) -> None:
    client = ltsa.client_for(Desk.CIVIL_REGISTRY)
    before = client.get("/ltsa/staff/applications/new/").content.decode()
    assert 'name="step" value="person"' not in before
    after = client.get("/ltsa/staff/applications/new/", {"q": "Paulus Nope"}).content.decode()
    assert 'name="step" value="person"' in after
    response = client.post("/ltsa/staff/applications/new/?q=Paulus+Nope", {
        "step": "person", "new-name": "Paulus Nope", "new-birth_date": "1996-02-03",
        "new-village": "53.01.05.1001", "new-sex": "M"})
    assert response.status_code == 302
    assert "?person=" in response["Location"]


def test_it_decides_an_item_through_htmx(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    item = application.items.get(code="passport")
    client = ltsa.client_for(Desk.IMMIGRATION)
    response = client.post(
        f"/ltsa/staff/applications/{application.pk}/items/{item.pk}/decide/",
        {"action": "verify", "expires_on": "2026-01-01"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="decide-error"' in response.content.decode()
    response = client.post(
        f"/ltsa/staff/applications/{application.pk}/items/{item.pk}/decide/",
        {"action": "verify", "expires_on": "2031-01-01"}, HTTP_HX_REQUEST="true")
    assert 'id="file-body"' in response.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.VERIFIED


def test_it_lists_the_desk_queue_oldest_first(ltsa: LtsaWorld, fixed_today: object) -> None:
    first, _ = ltsa.register()
    second, _ = ltsa.register(person=ltsa.world.ntt_person, job=ltsa.job_factory)
    queue = list(selectors.desk_queue(ltsa.desks[Desk.HEALTH]))
    assert [item.application_id for item in queue] == [first.pk, second.pk]
    assert all(item.desk == Desk.HEALTH for item in queue)
    assert list(selectors.desk_queue(ltsa.world.users["coord_ntt"])) == []
    page = ltsa.client_for(Desk.HEALTH).get("/ltsa/staff/queue/").content.decode()
    assert first.number in page and second.number in page


def test_it_shows_the_desk_how_long_each_item_has_waited(ltsa: LtsaWorld,
                                                         fixed_today: object) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from lindung.ltsa.models import ChecklistItem

    first, _ = ltsa.register()
    second, _ = ltsa.register(person=ltsa.world.ntt_person, job=ltsa.job_factory)
    now = timezone.now()
    ChecklistItem.objects.filter(application=first, desk=Desk.HEALTH).update(
        queued_at=now - timedelta(hours=50))
    ChecklistItem.objects.filter(application=second, desk=Desk.HEALTH).update(
        queued_at=now - timedelta(hours=2))
    officer = ltsa.desks[Desk.HEALTH]
    waiting = selectors.desk_waiting(selectors.desk_queue(officer), now)
    assert waiting.count == 2
    assert waiting.longest == timedelta(hours=50)
    assert waiting.mean == timedelta(hours=26)
    empty = selectors.desk_waiting(selectors.desk_queue(ltsa.world.users["coord_ntt"]), now)
    assert (empty.count, empty.longest, empty.mean) == (0, None, None)
    page = ltsa.client_for(Desk.HEALTH).get("/ltsa/staff/queue/").content.decode()
    assert 'data-figure="waiting"><strong>2</strong>' in page
    assert 'data-figure="longest"><strong>2 hari 2 jam</strong>' in page
    assert 'data-figure="mean"><strong>1 hari 2 jam</strong>' in page


def test_it_lets_the_applicant_follow_with_code_and_birth_date(ltsa: LtsaWorld,
                                                               fixed_today: object) -> None:
    application, code = ltsa.register()
    client = Client()
    response = client.post("/ltsa/track/", {"receipt_code": code.lower(),
                                            "birth_date": "1998-04-12"})
    assert response.status_code == 200
    assert application.number in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(application.pk),
                                     actor__isnull=True).exists()
    wrong_birth = client.post("/ltsa/track/", {"receipt_code": code, "birth_date": "1998-04-13"})
    assert wrong_birth.status_code == 404
    assert application.number not in wrong_birth.content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.post("/ltsa/track/", {"receipt_code": code,
                                         "birth_date": "1998-04-12"}).content.decode()
    assert "not verified yet" in page  # missing reasons in the visitor's language


def test_it_rate_limits_the_receipt_look_up(ltsa: LtsaWorld, fixed_today: object) -> None:
    client = Client()
    statuses = [client.post("/ltsa/track/", {"receipt_code": "0" * 24,
                                             "birth_date": "1990-01-01"}).status_code
                for _ in range(12)]
    assert statuses[0] == 404 and statuses[-1] == 429


def test_it_reissues_the_receipt_code(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, old = ltsa.register()
    new = services.application_receipt_reissue(actor=ltsa.desks[Desk.CIVIL_REGISTRY],
                                               application=application)
    born = ltsa.applicant.birth_date
    assert born is not None
    assert selectors.application_by_receipt(old, born) is None
    found = selectors.application_by_receipt(new, born)
    assert found is not None and found.pk == application.pk


def test_it_shows_the_persons_applications_on_the_person_page(ltsa: LtsaWorld,
                                                              fixed_today: object) -> None:
    application, _ = ltsa.register()
    page = ltsa.world.client_for("coord_ntt").get(
        f"/people/{ltsa.applicant.pk}/").content.decode()
    assert "Permohonan LTSA" in page and application.number in page
    village_page = ltsa.world.client_for("village_officer").get(
        f"/people/{ltsa.applicant.pk}/").content.decode()
    assert application.number not in village_page


def test_it_holds_one_place_per_registration_under_the_quota(ltsa: LtsaWorld,
                                                             fixed_today: object) -> None:
    JobOrder.objects.filter(pk=ltsa.job.pk).update(quota=1)
    ltsa.register()
    with pytest.raises(ValidationError) as exc:
        ltsa.register(person=ltsa.world.ntt_person)
    assert "sudah penuh (1/1)" in _messages(exc)
    assert ChecklistItem.objects.count() == len(checklist.CHECKLIST)


def test_the_coordinator_of_the_region_writes_the_centres_contacts(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    """The reference data has no contacts for a centre (none is invented): the receipt
    names none until the coordinator of the centre's region writes them, then it does."""
    application, code = ltsa.register()
    desk = ltsa.client_for(Desk.CIVIL_REGISTRY)
    receipt = desk.post(f"/ltsa/staff/applications/{application.pk}/receipt.pdf",
                        {"receipt_code": code})
    assert "Telepon LTSA" not in pdf_text(receipt.content)
    url = f"/ltsa/staff/centres/{ltsa.centre.pk}/contacts/"
    assert desk.get(url).status_code == 403
    assert ltsa.client_for("coord_jabar").post(url, {"phone": "1"}).status_code == 403
    coordinator = ltsa.client_for("coord_ntt")
    detail = coordinator.get(f"/ltsa/staff/applications/{application.pk}/").content.decode()
    assert url in detail
    response = coordinator.post(url, {"address": "Jl. Timor Raya No. 5, Oelamasi",
                                      "phone": "0380 123456", "email": ""})
    assert response.status_code == 302
    ltsa.centre.refresh_from_db()
    assert (ltsa.centre.address, ltsa.centre.phone) == ("Jl. Timor Raya No. 5, Oelamasi",
                                                        "0380 123456")
    assert AuditEvent.objects.filter(object_id=str(ltsa.centre.pk), action="update").exists()
    receipt = desk.post(f"/ltsa/staff/applications/{application.pk}/receipt.pdf",
                        {"receipt_code": code})
    assert "0380 123456" in pdf_text(receipt.content)
