"""Payments against the official schedule, complaints, and the rules on schedules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lindung.core.models import OutboxMessage
from lindung.directory.choices import Desk
from lindung.ltsa import services
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Country
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import Payer
from lindung.ltsa.choices import PaymentFlag
from lindung.ltsa.models import FeeComplaint
from lindung.ltsa.models import Occupation
from lindung.ltsa.services import ComponentInput
from tests.fixtures.ltsa import LtsaWorld


def _pay(ltsa: LtsaWorld, application: object, component: str, amount: str,
         currency: str = Currency.IDR) -> object:
    return services.payment_record(actor=ltsa.desks[Desk.EMPLOYMENT],
                                   application=application,  # type: ignore[arg-type]
                                   component=component, amount=Decimal(amount),
                                   currency=currency, paid_to="PT Sinar Harapan Jaya",
                                   paid_on=ltsa.today)


def test_it_records_a_payment_within_the_schedule(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register(job=ltsa.job_factory)
    payment = _pay(ltsa, application, CostComponent.PASSPORT, "350000")
    assert payment.flag == ""  # type: ignore[attr-defined]
    assert payment.receipt_number.startswith("PB-")  # type: ignore[attr-defined]
    assert not FeeComplaint.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_it_flags_an_amount_above_the_schedule_and_raises_a_complaint(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register(job=ltsa.job_factory)
    _pay(ltsa, application, CostComponent.PASSPORT, "200000")
    payment = _pay(ltsa, application, CostComponent.PASSPORT, "200000")  # 400,000 > 350,000
    assert payment.flag == PaymentFlag.ABOVE_SCHEDULE  # type: ignore[attr-defined]
    assert payment.allowed_amount == Decimal("350000")  # type: ignore[attr-defined]
    complaint = FeeComplaint.objects.get()
    assert complaint.payment == payment
    assert complaint.agency == ltsa.licensed
    message = OutboxMessage.objects.get()
    assert message.recipient == "ltsa.kupang@example.org"
    assert application.number in message.body
    assert ltsa.applicant.name not in message.body  # no personal data in the message


def test_it_flags_a_fee_in_the_wrong_currency(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register(job=ltsa.job_factory)
    payment = _pay(ltsa, application, CostComponent.HEALTH_CHECK, "100", Currency.TWD)
    assert payment.flag == PaymentFlag.WRONG_CURRENCY  # type: ignore[attr-defined]
    assert FeeComplaint.objects.get().flag == PaymentFlag.WRONG_CURRENCY


def test_it_flags_any_placement_cost_charged_in_a_zero_cost_occupation(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register()
    payment = _pay(ltsa, application, CostComponent.TRAINING, "1500000")
    assert payment.flag == PaymentFlag.NOT_IN_SCHEDULE  # type: ignore[attr-defined]
    assert payment.allowed_amount == 0  # type: ignore[attr-defined]
    assert FeeComplaint.objects.count() == 1
    # What the schedule lets the worker pay (local transport) is fine.
    ok = _pay(ltsa, application, CostComponent.LOCAL_TRANSPORT, "250000")
    assert ok.flag == ""  # type: ignore[attr-defined]


def test_it_marks_a_payment_without_a_schedule_for_review(ltsa: LtsaWorld,
                                                          fixed_today: object) -> None:
    job = services.job_order_create(
        actor=None, permit_number="SIP2MI/2026/0099", agency=ltsa.licensed,
        employer_name="Builder Co", destination_country=Country.QA,
        occupation=Occupation.objects.get(code="construction_worker"), quota=3,
        salary_amount=Decimal("1500"), salary_currency=Currency.QAR, contract_months=24,
        valid_from=ltsa.today, valid_until=date(2026, 12, 31))
    application, _ = ltsa.register(job=job)
    payment = _pay(ltsa, application, CostComponent.PASSPORT, "350000")
    assert payment.flag == PaymentFlag.NO_SCHEDULE  # type: ignore[attr-defined]
    assert not FeeComplaint.objects.exists()


def test_it_refuses_invalid_payments(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register(job=ltsa.job_factory)
    with pytest.raises(ValidationError) as exc:
        _pay(ltsa, application, "bribe", "0", "XXX")
    fields = exc.value.message_dict
    assert {"component", "amount", "currency"} <= set(fields)


def test_it_records_a_payment_through_the_page(ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register(job=ltsa.job_factory)
    client = ltsa.client_for(Desk.EMPLOYMENT)
    response = client.post(f"/ltsa/staff/applications/{application.pk}/payments/new/", {
        "component": "agency_service", "amount": "5000000", "currency": "IDR",
        "paid_to": "PT Sinar Harapan Jaya", "paid_on": "2026-03-02"})
    assert response.status_code == 302
    page = client.get(f"/ltsa/staff/applications/{application.pk}/").content.decode()
    assert "payment-flag" in page  # the agency service is for the employer to pay
    complaint = FeeComplaint.objects.get()
    coordinator = ltsa.world.client_for("coord_ntt")
    assert coordinator.get(f"/ltsa/staff/complaints/{complaint.pk}/").status_code == 200
    coordinator.post(f"/ltsa/staff/complaints/{complaint.pk}/",
                     {"status": "forwarded", "report_reference": "LAP-1"})
    complaint.refresh_from_db()
    assert complaint.status == "forwarded"
    receipt = client.get(f"/ltsa/staff/applications/{application.pk}/payments/"
                         f"{complaint.payment_id}/receipt.pdf")
    assert receipt.content.startswith(b"%PDF")


def test_it_refuses_a_fee_schedule_component_in_another_currency(ltsa: LtsaWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        services.fee_schedule_create(
            actor=None, destination_country=Country.KR,
            occupation=Occupation.objects.get(code="welder"), currency=Currency.IDR,
            effective_from=date(2026, 1, 1), effective_to=None, legal_basis="Contoh",
            components=[ComponentInput(CostComponent.PASSPORT, Payer.WORKER, Decimal("50"),
                                       Currency.USD)])
    assert "berbeda dengan mata uang jadwal IDR" in " ".join(exc.value.messages)


def test_it_refuses_a_worker_charge_in_a_zero_cost_occupation(ltsa: LtsaWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        services.fee_schedule_create(
            actor=None, destination_country=Country.SG,
            occupation=Occupation.objects.get(code="cook"), currency=Currency.IDR,
            effective_from=date(2026, 1, 1), effective_to=None, legal_basis="Contoh",
            components=[ComponentInput(CostComponent.AGENCY_SERVICE, Payer.WORKER,
                                       Decimal("1000000"), Currency.IDR)])
    assert "tidak boleh dibebankan kepada pekerja" in " ".join(exc.value.messages)


def test_it_refuses_an_overlapping_schedule_and_accepts_a_successor(ltsa: LtsaWorld) -> None:
    occupation = Occupation.objects.get(code="factory_operator")
    rows = [ComponentInput(CostComponent.PASSPORT, Payer.WORKER, Decimal("400000"),
                           Currency.IDR)]
    with pytest.raises(ValidationError) as exc:
        services.fee_schedule_create(
            actor=None, destination_country=Country.TW, occupation=occupation,
            currency=Currency.IDR, effective_from=date(2026, 6, 1), effective_to=None,
            legal_basis="Permen P2MI 17/2025 (contoh)", components=rows)
    assert "Sudah ada jadwal biaya untuk negara dan jabatan ini" in " ".join(exc.value.messages)
    services.fee_schedule_close(actor=None, schedule=ltsa.schedule_factory,
                                effective_to=date(2026, 5, 31))
    successor = services.fee_schedule_create(
        actor=None, destination_country=Country.TW, occupation=occupation,
        currency=Currency.IDR, effective_from=date(2026, 6, 1), effective_to=None,
        legal_basis="Permen P2MI 17/2025 (contoh)", components=rows, synthetic=True)
    from lindung.ltsa import selectors

    assert selectors.fee_view("TW", occupation, on=date(2026, 5, 31)).schedule == \
        ltsa.schedule_factory
    assert selectors.fee_view("TW", occupation, on=date(2026, 6, 1)).schedule == successor


def test_it_creates_a_schedule_through_the_admin_page(ltsa: LtsaWorld) -> None:
    admin = ltsa.world.client_for("admin")
    response = admin.post("/ltsa/staff/fees/", {
        "destination_country": "JP", "occupation": "nurse", "currency": "IDR",
        "effective_from": "2026-01-01", "legal_basis": "Contoh", "synthetic": "on",
        "components": "passport; worker; 350000\nwork_visa; employer; 1.200.000,00"})
    assert response.status_code == 302, response.content.decode()[:2000]
    wrong = admin.post("/ltsa/staff/fees/", {
        "destination_country": "JP", "occupation": "welder", "currency": "IDR",
        "effective_from": "2026-01-01", "legal_basis": "Contoh",
        "components": "passport; worker; 20; USD"})
    assert wrong.status_code == 400
    assert "berbeda dengan mata uang jadwal" in wrong.content.decode()


def test_an_open_overcharge_complaint_holds_the_certificate_back(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register(job=ltsa.job_factory)
    ltsa.verify_all(application)
    application.refresh_from_db()
    assert application.status == "ready" and application.certificate_serial
    _pay(ltsa, application, CostComponent.PASSPORT, "900000")  # above 350,000: a complaint
    application.refresh_from_db()
    assert application.status == "registered" and not application.certificate_serial
    complaint = FeeComplaint.objects.get()
    coordinator = ltsa.world.users["coord_ntt"]
    services.complaint_status_change(actor=coordinator, complaint=complaint, status="forwarded")
    application.refresh_from_db()
    assert application.status == "registered"  # forwarded is not answered
    services.complaint_status_change(actor=coordinator, complaint=complaint, status="closed")
    application.refresh_from_db()
    assert application.status == "ready" and application.certificate_serial


def test_the_payment_page_says_whether_a_complaint_was_made(
        ltsa: LtsaWorld, fixed_today: object) -> None:
    application, _ = ltsa.register(job=ltsa.job_factory)
    client = ltsa.client_for(Desk.EMPLOYMENT)
    client.post(f"/ltsa/staff/applications/{application.pk}/payments/new/", {
        "component": "passport", "amount": "900000", "currency": "IDR",
        "paid_to": "PT Sinar Harapan Jaya", "paid_on": "2026-03-02"})
    page = client.get(f"/ltsa/staff/applications/{application.pk}/").content.decode()
    assert "Pengaduan biaya telah dibuat" in page
