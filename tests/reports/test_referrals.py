"""Referrals between agencies: requested -> accepted / rejected / revoked, with history."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.test import Client

from lindung.core.models import OutboxMessage
from lindung.reports.choices import ReferralStatus
from lindung.reports.models import PublicReport
from lindung.reports.models import Referral
from lindung.reports.models import ReferralTransition
from lindung.reports.services import referral_request
from lindung.reports.services import referral_respond
from lindung.reports.services import referral_revoke
from lindung.reports.services import report_transition
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db


def _verified(taskforce: rf.Taskforce) -> PublicReport:
    return report_transition(actor=taskforce.officer, report=rf.submit().report,
                             action="verify")


def _refer(taskforce: rf.Taskforce, **overrides: object) -> Referral:
    fields: dict[str, object] = {"to_agency": taskforce.police, "service": "investigation",
                                 "consent_basis": "legal_duty"}
    fields.update(overrides)
    return referral_request(actor=taskforce.officer, report=_verified(taskforce),
                            **fields)  # type: ignore[arg-type]


def _history(referral: Referral) -> list[tuple[str, str]]:
    return list(ReferralTransition.objects.filter(referral=referral)
                .values_list("from_status", "to_status"))


def test_it_refers_and_the_receiving_agency_accepts(taskforce: rf.Taskforce) -> None:
    referral = _refer(taskforce)
    assert referral.region_code == rf.KUPANG_VILLAGE and referral.from_agency is not None
    mail = OutboxMessage.objects.get()
    assert mail.recipient == "polda@example.test" and "Pak Yohanis" not in mail.body
    accepted = referral_respond(actor=taskforce.police_officer, referral=referral, accept=True)
    assert accepted.status == ReferralStatus.ACCEPTED and accepted.responded_at is not None
    assert _history(referral) == [("", "requested"), ("requested", "accepted")]


def test_it_requires_a_reason_to_reject(taskforce: rf.Taskforce) -> None:
    referral = _refer(taskforce)
    with pytest.raises(ValidationError):
        referral_respond(actor=taskforce.police_officer, referral=referral, accept=False)
    rejected = referral_respond(actor=taskforce.police_officer, referral=referral, accept=False,
                                note="Bukan wilayah hukum kami")
    assert rejected.status == ReferralStatus.REJECTED
    with pytest.raises(ValidationError, match="sudah"):
        referral_respond(actor=taskforce.police_officer, referral=referral, accept=True)


def test_only_the_receiving_agency_answers(taskforce: rf.Taskforce) -> None:
    referral = _refer(taskforce)
    with pytest.raises(PermissionDenied):
        referral_respond(actor=taskforce.officer, referral=referral, accept=True)
    with pytest.raises(PermissionDenied):
        referral_respond(actor=taskforce.shelter_officer, referral=referral, accept=True)


def test_the_referring_side_revokes_with_a_reason(taskforce: rf.Taskforce) -> None:
    referral = _refer(taskforce)
    referral_respond(actor=taskforce.police_officer, referral=referral, accept=True)
    with pytest.raises(ValidationError):
        referral_revoke(actor=taskforce.officer, referral=referral, note="")
    revoked = referral_revoke(actor=taskforce.officer, referral=referral,
                              note="Korban menarik persetujuan")
    assert revoked.status == ReferralStatus.REVOKED
    assert _history(referral)[-1] == ("accepted", "revoked")


def test_the_receiver_cannot_revoke(taskforce: rf.Taskforce) -> None:
    shelter_referral = _refer(taskforce, to_agency=taskforce.shelter, service="shelter",
                              consent_basis="given_by_person")
    with pytest.raises(PermissionDenied):
        referral_revoke(actor=taskforce.shelter_officer, referral=shelter_referral, note="x")


@pytest.mark.parametrize("overrides, field", [
    ({"consent_basis": ""}, "consent_basis"),
    ({"service": "teleport"}, "service"),
])
def test_it_requires_consent_and_a_known_service(taskforce: rf.Taskforce,
                                                 overrides: dict[str, object],
                                                 field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        _refer(taskforce, **overrides)
    assert field in exc.value.message_dict
    assert Referral.objects.count() == 0


def test_it_refuses_unverified_reports_duplicates_and_the_own_agency(
        taskforce: rf.Taskforce) -> None:
    with pytest.raises(ValidationError, match="terverifikasi"):
        referral_request(actor=taskforce.officer, report=rf.submit().report,
                         to_agency=taskforce.police, service="investigation",
                         consent_basis="legal_duty")
    referral = _refer(taskforce)
    with pytest.raises(ValidationError, match="masih berjalan"):
        referral_request(actor=taskforce.officer, report=referral.report,
                         to_agency=taskforce.police, service="investigation",
                         consent_basis="legal_duty")
    with pytest.raises(ValidationError, match="instansi sendiri"):
        referral_request(actor=taskforce.officer, report=referral.report,
                         to_agency=taskforce.world.agency, service="other",
                         consent_basis="legal_duty")


def test_a_mission_abroad_sees_and_answers_a_referral_outside_any_region(
        taskforce: rf.Taskforce) -> None:
    from lindung.accounts.services import staff_create
    from lindung.core.roles import Role

    consul = staff_create(actor=None, username="kbri", password=rf.PASSWORD,
                          role=Role.TASKFORCE_OFFICER, agency=taskforce.mission_agency,
                          scope_region=None)
    referral = _refer(taskforce, to_agency=taskforce.mission_agency, to_site=taskforce.mission,
                      service="consular", consent_basis="given_by_reporter")
    client = Client()
    client.force_login(consul)
    page = client.get(f"/reports/referrals/{referral.pk}/")
    assert page.status_code == 200 and "Calo di desa" in page.content.decode()
    response = client.post(f"/reports/referrals/{referral.pk}/respond/",
                           {"decision": "accept", "note": "KBRI menghubungi majikan"})
    assert response.status_code == 302
    assert Referral.objects.get().status == ReferralStatus.ACCEPTED


def test_a_receiver_sees_the_referral_but_not_the_report_or_its_contact(
        taskforce: rf.Taskforce) -> None:
    referral = _refer(taskforce, to_agency=taskforce.shelter, service="shelter",
                      consent_basis="given_by_person")
    PublicReport.objects.filter(pk=referral.report_id).update(contact="")
    client = taskforce.client_for("shelter_officer")
    assert client.get(f"/reports/referrals/{referral.pk}/").status_code == 200
    assert client.get(f"/reports/{referral.report_id}/").status_code == 404
    listing = client.get("/reports/referrals/").content.decode()
    assert referral.report.reference in listing
    other = _refer(taskforce)  # to the police: not the shelter's business
    assert client.get(f"/reports/referrals/{other.pk}/").status_code == 404


def test_the_reporter_sees_an_accepted_referral_without_names(taskforce: rf.Taskforce) -> None:
    submitted = rf.submit()
    report = report_transition(actor=taskforce.officer, report=submitted.report,
                               action="verify")
    referral = referral_request(actor=taskforce.officer, report=report,
                                to_agency=taskforce.police, service="investigation",
                                consent_basis="legal_duty")
    referral_respond(actor=taskforce.police_officer, referral=referral, accept=True)
    html = Client().post("/reports/track/", {"code": submitted.receipt_code}).content.decode()
    assert "instansi mitra" in html and "Polda" not in html


def test_the_api_requests_and_answers_referrals(taskforce: rf.Taskforce) -> None:
    report = _verified(taskforce)
    officer = taskforce.client_for("taskforce_kupang")
    created = officer.post(f"/api/v1/reports/{report.pk}/referrals", {
        "to_agency": "polda-ntt", "service": "investigation", "consent_basis": "legal_duty"},
        content_type="application/json")
    assert created.status_code == 201
    referral_id = created.json()["id"]
    police = taskforce.client_for("police_officer")
    answered = police.post(f"/api/v1/reports/referrals/{referral_id}/respond",
                           {"accept": True}, content_type="application/json")
    assert answered.status_code == 200 and answered.json()["status"] == "accepted"
    assert officer.post(f"/api/v1/reports/referrals/{referral_id}/respond", {"accept": True},
                        content_type="application/json").status_code == 403
    unknown = officer.post(f"/api/v1/reports/{report.pk}/referrals", {
        "to_agency": "nope", "service": "investigation", "consent_basis": "legal_duty"},
        content_type="application/json")
    assert unknown.status_code == 422


def test_referral_text_is_escaped_on_both_sides(taskforce: rf.Taskforce) -> None:
    referral = _refer(taskforce, details=rf.XSS, consent_note=rf.XSS)
    for role in ("taskforce_kupang", "police_officer"):
        html = taskforce.client_for(role).get(
            f"/reports/referrals/{referral.pk}/").content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;" in html
    rejected = taskforce.client_for("police_officer").post(
        f"/reports/referrals/{referral.pk}/respond/", {"decision": "reject", "note": rf.XSS})
    assert rejected.status_code == 302
    html = taskforce.client_for("taskforce_kupang").get(
        f"/reports/referrals/{referral.pk}/").content.decode()
    assert "<img src=x" not in html and "Ditolak" in html


def test_a_report_is_not_resolved_while_a_referral_awaits_its_answer(
        taskforce: rf.Taskforce) -> None:
    referral = _refer(taskforce)
    report = report_transition(actor=taskforce.officer, report=referral.report,
                               action="assign", assignee=taskforce.officer)
    with pytest.raises(ValidationError) as exc:
        report_transition(actor=taskforce.officer, report=report, action="resolve")
    assert "Diminta" in str(exc.value) and taskforce.police.name in str(exc.value)
    report.refresh_from_db()
    assert report.status == "assigned" and report.is_open
    with pytest.raises(ValidationError):
        report_transition(actor=taskforce.officer, report=report, action="close",
                          reason="no_further_action")
    referral_respond(actor=taskforce.police_officer, referral=referral, accept=True)
    resolved = report_transition(actor=taskforce.officer, report=report, action="resolve")
    assert resolved.status == "resolved"


def test_the_message_form_defaults_to_an_internal_note_and_marks_replies(
        taskforce: rf.Taskforce, client: Client) -> None:
    report = _verified(taskforce)
    client.force_login(taskforce.officer)
    page = client.get(f"/reports/{report.pk}/").content.decode()
    checked = re.findall(r'<input type="radio" name="kind" value="(\w+)"[^>]*checked', page)
    assert checked == ["internal_note"]
    client.post(f"/reports/{report.pk}/message/", {"kind": "public_reply", "body": "Terima kasih"})
    client.post(f"/reports/{report.pk}/message/", {"kind": "internal_note", "body": "Cek agen"})
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert 'class="message message-public_reply"' in page
    assert 'class="message message-internal_note"' in page
    assert "terlihat oleh pelapor" in page
