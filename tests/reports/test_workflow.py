"""Follow-up of reports: triage, the state machine, deadlines, the queue, the watchlist,
and the tallies that stay in step with every change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from lindung.core.models import AuditEvent
from lindung.people.models import WatchlistEntry
from lindung.regions.models import Region
from lindung.reports import selectors
from lindung.reports.choices import ReportStatus
from lindung.reports.models import PublicReport
from lindung.reports.models import ReportTally
from lindung.reports.models import ReportTransition
from lindung.reports.services import report_contact_viewed
from lindung.reports.services import report_message_add
from lindung.reports.services import report_person_link
from lindung.reports.services import report_transition
from lindung.reports.services import report_triage
from lindung.reports.tallies import report_tallies_rebuild
from tests.fixtures import reports as rf

pytestmark = pytest.mark.django_db


def _tallies() -> set[tuple[object, ...]]:
    return {(t.month, t.area_code, t.dimension, t.value, t.count)
            for t in ReportTally.objects.exclude(count=0)}


def test_it_moves_a_report_through_every_state_and_records_each_step(
        taskforce: rf.Taskforce) -> None:
    officer = taskforce.officer
    report = rf.submit().report
    report = report_triage(actor=officer, report=report, category="fake_job", urgency="high",
                           responsible_agency=taskforce.world.agency,
                           site=taskforce.world.embarkation)
    assert report.due_at == report.received_at + timedelta(hours=24)
    report = report_transition(actor=officer, report=report, action="verify")
    assert report.status == ReportStatus.VERIFIED
    assert report.due_at is not None and report.due_at > timezone.now() + timedelta(days=2)
    report = report_transition(actor=officer, report=report, action="assign", assignee=officer)
    report = report_transition(actor=officer, report=report, action="start_follow_up")
    report = report_transition(actor=officer, report=report, action="resolve",
                               note="Calo diserahkan ke polisi")
    assert report.status == ReportStatus.RESOLVED and not report.is_open
    assert report.due_at is None and report.resolution_days == 0
    assert report.receipt_expires_at is not None
    steps = list(ReportTransition.objects.filter(report=report).values_list(
        "from_status", "to_status", "created_by__username"))
    assert steps == [("received", "verified", "taskforce_kupang"),
                     ("verified", "assigned", "taskforce_kupang"),
                     ("assigned", "in_follow_up", "taskforce_kupang"),
                     ("in_follow_up", "resolved", "taskforce_kupang")]
    assert AuditEvent.objects.filter(entity="reports.publicreport", action="decide").count() == 4
    report = report_transition(actor=officer, report=report, action="reopen",
                               note="Pelapor melapor calo kembali")
    assert report.is_open and report.resolution_days is None


@pytest.mark.parametrize("action, reason, field", [
    ("reject", "", "reason"),
    ("reject", "referred_elsewhere", "reason"),
    ("close", "spam", "reason"),
    ("assign", "", "assignee"),
])
def test_it_requires_reasons_and_an_assignee(taskforce: rf.Taskforce, action: str, reason: str,
                                             field: str) -> None:
    officer = taskforce.officer
    report = rf.submit().report
    if action == "assign":
        report = report_transition(actor=officer, report=report, action="verify")
    with pytest.raises(ValidationError) as exc:
        report_transition(actor=officer, report=report, action=action, reason=reason)
    assert field in exc.value.message_dict


def test_it_refuses_a_move_the_state_machine_does_not_allow(taskforce: rf.Taskforce) -> None:
    report = rf.submit().report
    with pytest.raises(ValidationError, match="tidak dapat dilakukan"):
        report_transition(actor=taskforce.officer, report=report, action="resolve")
    with pytest.raises(ValidationError):
        report_transition(actor=taskforce.officer, report=report, action="reopen", note="x")
    assert PublicReport.objects.get().status == ReportStatus.RECEIVED


def test_it_refuses_an_assignee_outside_the_report_scope(taskforce: rf.Taskforce) -> None:
    officer = taskforce.officer
    report = report_transition(actor=officer, report=rf.submit().report, action="verify")
    with pytest.raises(ValidationError, match="tidak berwenang"):
        report_transition(actor=officer, report=report, action="assign",
                          assignee=taskforce.world.users["coord_jabar"])


def test_it_refuses_officers_outside_the_scope(taskforce: rf.Taskforce) -> None:
    report = rf.submit().report
    with pytest.raises(PermissionDenied):
        report_transition(actor=taskforce.world.users["coord_jabar"], report=report,
                          action="verify")
    with pytest.raises(PermissionDenied):
        report_transition(actor=taskforce.world.users["desk_kupang"], report=report,
                          action="verify")


def test_it_refuses_to_move_a_report_out_of_the_officers_scope(taskforce: rf.Taskforce) -> None:
    report = rf.submit().report
    with pytest.raises(ValidationError) as exc:
        report_triage(actor=taskforce.officer, report=report, category="broker",
                      urgency="normal", responsible_agency=None,
                      region=Region.objects.get(code="32.04"))
    assert "region" in exc.value.message_dict
    assert PublicReport.objects.get().region_code == rf.KUPANG_VILLAGE


def test_it_puts_named_recruiters_and_missing_people_on_the_watchlist_when_verified(
        taskforce: rf.Taskforce) -> None:
    report = rf.submit(missing_person_name="Yuliana Bana", category="missing_abroad").report
    assert not WatchlistEntry.objects.exists()  # an unverified public report adds nothing
    report_transition(actor=taskforce.officer, report=report, action="verify")
    kinds = dict(WatchlistEntry.objects.values_list("kind", "name"))
    assert kinds == {"recruiter": "Pak Yohanis", "missing_person": "Yuliana Bana"}
    entry = WatchlistEntry.objects.get(kind="recruiter")
    assert entry.phone == "081234567890" and entry.source_id == str(report.pk)


def test_it_retires_watchlist_entries_of_a_rejected_report(taskforce: rf.Taskforce) -> None:
    officer = taskforce.officer
    report = report_transition(actor=officer, report=rf.submit().report, action="verify")
    report_transition(actor=officer, report=report, action="close", reason="duplicate")
    other = report_transition(actor=officer, report=rf.submit().report, action="verify")
    PublicReport.objects.filter(pk=other.pk).update(status="verified")
    report_transition(actor=officer, report=other, action="reject", reason="not_credible")
    retired = WatchlistEntry.objects.filter(source_id=str(other.pk)).get()
    assert retired.retired_at is not None
    assert WatchlistEntry.objects.filter(source_id=str(report.pk),
                                         retired_at__isnull=True).exists()


def test_it_links_people_and_adds_missing_ones_to_the_watchlist(
        taskforce: rf.Taskforce) -> None:
    coordinator = taskforce.world.users["coord_ntt"]
    report = report_transition(actor=coordinator, report=rf.submit().report, action="verify")
    person = taskforce.world.ntt_person
    report_person_link(actor=coordinator, report=report, person=person, role="missing")
    with pytest.raises(ValidationError):
        report_person_link(actor=coordinator, report=report, person=person, role="missing")
    assert WatchlistEntry.objects.filter(kind="missing_person", person=person).exists()
    page = taskforce.client_for("coord_ntt").get(f"/people/{person.pk}/")
    assert report.reference in page.content.decode()


def test_it_shows_contact_details_only_to_those_allowed_and_logs_it(
        taskforce: rf.Taskforce) -> None:
    report = rf.submit(contact="Ibu Maria 0813 0000 1111").report
    assert report_contact_viewed(actor=taskforce.officer, report=report).startswith("Ibu Maria")
    assert AuditEvent.objects.filter(action="view", detail__fields=["contact"]).exists()
    village_report = rf.submit(region=Region.objects.get(code=rf.NTT_VILLAGE),
                               contact="Pak Ande").report
    with pytest.raises(PermissionDenied):
        report_contact_viewed(actor=taskforce.world.users["desk_kupang"],
                              report=village_report)
    page = taskforce.client_for("desk_kupang").get(f"/reports/{village_report.pk}/")
    assert page.status_code == 200 and "Pak Ande" not in page.content.decode()
    posted = taskforce.client_for("desk_kupang").post(f"/reports/{village_report.pk}/contact/")
    assert posted.status_code == 403


def test_it_lists_what_is_due_in_the_officer_queue(taskforce: rf.Taskforce) -> None:
    officer = taskforce.officer
    mine = report_transition(actor=officer, report=rf.submit().report, action="verify")
    mine = report_transition(actor=officer, report=mine, action="assign", assignee=officer)
    PublicReport.objects.filter(pk=mine.pk).update(due_at=timezone.now() - timedelta(hours=1))
    waiting = rf.submit().report
    verified = report_transition(actor=officer, report=rf.submit().report, action="verify")
    rf.submit(region=Region.objects.get(code=rf.NTT_VILLAGE))  # out of the officer's scope
    queue = selectors.officer_queue(user=officer)
    assert [r.pk for r in queue.mine] == [mine.pk] and queue.mine_overdue == 1
    assert [r.pk for r in queue.to_triage] == [waiting.pk]
    assert [r.pk for r in queue.to_assign] == [verified.pk]
    page = taskforce.client_for("taskforce_kupang").get("/reports/queue/")
    html = page.content.decode()
    assert page.status_code == 200 and mine.reference in html and "lewat tenggat" in html


def test_it_flags_overdue_reports_in_the_list(taskforce: rf.Taskforce) -> None:
    report = rf.submit().report
    PublicReport.objects.filter(pk=report.pk).update(due_at=timezone.now() - timedelta(days=1))
    page = taskforce.client_for("taskforce_kupang").get("/reports/?status=open&overdue=on")
    assert report.reference in page.content.decode()
    fragment = taskforce.client_for("taskforce_kupang").get(
        "/reports/?status=resolved", HTTP_HX_REQUEST="true")
    assert report.reference not in fragment.content.decode()
    assert b"<html" not in fragment.content


def test_it_keeps_tallies_equal_to_a_rebuild_from_the_records(taskforce: rf.Taskforce) -> None:
    officer = taskforce.officer
    a = rf.submit().report
    b = rf.submit(category="excess_fees", channel="hotline").report
    rf.submit(region=Region.objects.get(code=rf.NTT_VILLAGE), category="fake_job")
    a = report_transition(actor=officer, report=a, action="verify")
    a = report_triage(actor=officer, report=a, category="nonprocedural_departure",
                      urgency="critical", responsible_agency=None)
    report_transition(actor=officer, report=a, action="close", reason="no_further_action")
    report_transition(actor=officer, report=b, action="reject", reason="spam")
    incremental = _tallies()
    report_tallies_rebuild()
    assert _tallies() == incremental


def test_it_posts_public_replies_and_keeps_internal_notes_from_the_reporter(
        taskforce: rf.Taskforce) -> None:
    submitted = rf.submit()
    report_message_add(actor=taskforce.officer, report=submitted.report, kind="public_reply",
                       body="Terima kasih, kami sedang memeriksa.")
    report_message_add(actor=taskforce.officer, report=submitted.report, kind="internal_note",
                       body="Nama calo cocok dengan kasus lama")
    html = Client().post("/reports/track/", {"code": submitted.receipt_code}).content.decode()
    assert "sedang memeriksa" in html and "cocok dengan kasus lama" not in html
    with pytest.raises(ValidationError):
        report_message_add(actor=taskforce.officer, report=submitted.report,
                           kind="public_reply", body="   ")


def test_it_logs_a_report_taken_by_phone_and_shows_the_receipt(taskforce: rf.Taskforce) -> None:
    client = taskforce.client_for("taskforce_kupang")
    data = rf.public_form(channel="hotline", contact="Bapak Simon 0812")
    response = client.post("/reports/log/", data)
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert report.channel == "hotline" and report.created_by == taskforce.officer
    assert "Bacakan kode" in response.content.decode()


def test_it_refuses_an_officer_logging_a_report_outside_the_scope(
        taskforce: rf.Taskforce) -> None:
    client = taskforce.client_for("taskforce_kupang")
    response = client.post("/reports/log/", rf.public_form(channel="walk_in",
                                                          region="32.04.11.2001"))
    assert response.status_code == 400
    assert "di luar lingkup" in response.content.decode()
    assert PublicReport.objects.count() == 0


def test_the_pages_triage_and_move_a_report(taskforce: rf.Taskforce) -> None:
    client = taskforce.client_for("taskforce_kupang")
    report = rf.submit().report
    response = client.post(f"/reports/{report.pk}/triage/", {
        "category": "fake_job", "urgency": "high",
        "responsible_agency": taskforce.world.agency.pk, "region": rf.KUPANG_VILLAGE})
    assert response.status_code == 302
    assert client.post(f"/reports/{report.pk}/transition/",
                       {"action": "verify"}).status_code == 302
    bad = client.post(f"/reports/{report.pk}/transition/", {"action": "assign"})
    assert bad.status_code == 400 and "Pilih petugas" in bad.content.decode()
    ok = client.post(f"/reports/{report.pk}/transition/",
                     {"action": "assign", "assignee": taskforce.officer.pk})
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.status == "assigned" and report.assigned_to == taskforce.officer


def test_the_api_lists_triages_and_moves_reports(taskforce: rf.Taskforce) -> None:
    client = taskforce.client_for("taskforce_kupang")
    created = client.post("/api/v1/reports/", {
        "channel": "hotline", "category": "broker", "description": "Telepon dari warga",
        "region_code": rf.KUPANG_VILLAGE}, content_type="application/json")
    assert created.status_code == 201
    report_id = created.json()["report"]["id"]
    assert len(created.json()["receipt_code"]) == 19
    triaged = client.post(f"/api/v1/reports/{report_id}/triage", {
        "category": "fake_job", "urgency": "low", "responsible_agency": "disnaker-ntt"},
        content_type="application/json")
    assert triaged.status_code == 200 and triaged.json()["urgency"] == "low"
    moved = client.post(f"/api/v1/reports/{report_id}/transitions",
                        {"action": "verify"}, content_type="application/json")
    assert moved.json()["status"] == "verified"
    wrong = client.post(f"/api/v1/reports/{report_id}/transitions",
                        {"action": "resolve"}, content_type="application/json")
    assert wrong.status_code == 422
    assert "tidak dapat dilakukan" in wrong.json()["detail"][0]["message"]
    queue = client.get("/api/v1/reports/queue").json()
    assert queue["to_assign_total"] == 1
    assert client.get("/api/v1/reports/?status=verified").json()[0]["id"] == report_id
    other = taskforce.client_for("coord_jabar")
    assert other.get(f"/api/v1/reports/{report_id}").status_code == 404


def test_the_people_page_finds_and_links_a_registry_person(taskforce: rf.Taskforce) -> None:
    coordinator = taskforce.world.users["coord_ntt"]
    report = report_transition(actor=coordinator, report=rf.submit().report, action="verify")
    client = taskforce.client_for("coord_ntt")
    found = client.get(f"/reports/{report.pk}/people/?q=Maria")
    assert "Maria Goreti Ndun" in found.content.decode()
    person = taskforce.world.ntt_person
    linked = client.post(f"/reports/{report.pk}/people/",
                         {"person": person.pk, "role": "at_risk"})
    assert linked.status_code == 302
    again = client.post(f"/reports/{report.pk}/people/",
                        {"person": person.pk, "role": "at_risk"})
    assert again.status_code == 400 and "sudah ditautkan" in again.content.decode()
    outsider = client.post(f"/reports/{report.pk}/people/",
                           {"person": taskforce.world.jabar_person.pk, "role": "at_risk"})
    assert outsider.status_code == 404


def test_the_api_posts_messages(taskforce: rf.Taskforce) -> None:
    report = rf.submit().report
    client = taskforce.client_for("taskforce_kupang")
    posted = client.post(f"/api/v1/reports/{report.pk}/messages",
                         {"kind": "public_reply", "body": "Sedang kami periksa"},
                         content_type="application/json")
    assert posted.status_code == 201 and posted.json()["kind"] == "public_reply"
    bad = client.post(f"/api/v1/reports/{report.pk}/messages",
                      {"kind": "shout", "body": "x"}, content_type="application/json")
    assert bad.status_code == 422
