"""The coordination pages end to end through their forms: stakeholders, contacts,
agreements with documents, pathways, plans, goals, indicators (targets, progress with
evidence), meetings (participants, agenda, decisions, minutes), follow-ups, metrics."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lindung.coordination import services
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.choices import Unit
from lindung.coordination.models import Agreement
from lindung.coordination.models import Evidence
from lindung.coordination.models import Goal
from lindung.coordination.models import IndicatorProgress
from lindung.coordination.models import IndicatorTarget
from lindung.coordination.models import Meeting
from lindung.coordination.models import ReferralPathway
from lindung.coordination.models import StakeholderContact
from lindung.directory.models import Agency
from tests.fixtures.coordination import PDF_BYTES
from tests.fixtures.coordination import THIS_YEAR
from tests.fixtures.coordination import Coord
from tests.fixtures.coordination import prevent


def _pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_it_creates_and_edits_a_stakeholder_through_the_pages(coord: Coord) -> None:
    client = coord.client_for("coord_ntt")
    response = client.post("/coordination/stakeholders/new/", {
        "name": "Yayasan Peduli Buruh Migran", "short_name": "YPBM", "category": "ngo",
        "kind": "ngo", "level": "regency", "region": "53.71", "country": "ID",
        "services": ["legal_aid", "shelter"], "mandate": "Pendampingan hukum"})
    assert response.status_code == 302
    agency = Agency.objects.get(short_name="YPBM")
    page = client.get(response["Location"]).content.decode()
    assert "Pendampingan hukum" in page and "Bantuan hukum" in page
    edit = client.post(f"/coordination/stakeholders/{agency.pk}/edit/", {
        "name": "Yayasan Peduli Buruh Migran", "short_name": "YPBM", "category": "ngo",
        "kind": "ngo", "level": "regency", "region": "53.71", "country": "ID",
        "services": ["legal_aid"], "mandate": "Pendampingan hukum dan psikososial",
        "active": "on"})
    assert edit.status_code == 302
    assert set(agency.coordination_services.values_list(
        "service", flat=True)) == {"legal_aid"}
    wrong = client.post("/coordination/stakeholders/new/", {
        "name": "Yayasan di Jawa Barat", "category": "ngo", "kind": "ngo",
        "level": "regency", "region": "32.04", "country": "ID"})
    assert wrong.status_code == 400 and "di luar lingkup kerja Anda" in wrong.content.decode()
    listing = client.get("/coordination/stakeholders/?category=ngo").content.decode()
    assert "Yayasan Peduli Buruh Migran" in listing and "Polda" not in listing


def test_it_adds_and_removes_a_contact(coord: Coord) -> None:
    client = coord.client_for("coord_ntt")
    url = f"/coordination/stakeholders/{coord.shelter.pk}/"
    bad = client.post(url, {"name": "Ibu Maria", "receives_alerts": "on"})
    assert bad.status_code == 400 and "Isi telepon atau surel kontak" in bad.content.decode()
    assert client.post(url, {"name": "Ibu Maria", "email": "maria@example.org",
                             "receives_alerts": "on"}).status_code == 302
    contact = StakeholderContact.objects.get(agency=coord.shelter)
    assert coord.client_for("coord_jabar").post(
        f"/coordination/contacts/{contact.pk}/remove/").status_code == 403
    assert client.post(f"/coordination/contacts/{contact.pk}/remove/").status_code == 302
    assert not StakeholderContact.objects.exists()


def test_it_records_an_agreement_with_its_document_and_a_pathway(coord: Coord) -> None:
    client = coord.client_for("coord_ntt")
    response = client.post("/coordination/agreements/new/", {
        "kind": "referral", "title": "Perjanjian rujukan shelter", "number": "01/2025",
        "parties": [str(coord.disnaker.pk), str(coord.shelter.pk)], "scope": "Rujukan korban",
        "services": ["shelter"], "region": "53", "signed_on": "2025-01-10",
        "valid_from": "2025-01-10", "valid_until": "", "evidence": _pdf("perjanjian.pdf")})
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get()
    evidence = Evidence.objects.get(agreement=agreement)
    download = client.get(f"/coordination/evidence/{evidence.pk}/")
    assert download.status_code == 200 and download.content == PDF_BYTES
    assert 'filename="perjanjian.pdf"' in download["Content-Disposition"]
    exe = client.post("/coordination/agreements/new/", {
        "kind": "mou", "title": "MoU", "parties": [str(coord.disnaker.pk),
                                                  str(coord.police.pk)],
        "scope": "x", "signed_on": "2025-01-10", "valid_from": "2025-01-10",
        "evidence": SimpleUploadedFile("mou.pdf", b"MZ\x90\x00binary")})
    assert exe.status_code == 400 and "bukan jenis yang" in exe.content.decode()
    pathway = client.post("/coordination/pathways/new/", {
        "receiver": str(coord.shelter.pk), "case_kind": "shelter", "region": "53.71",
        "country": "", "priority": "2", "agreement": str(agreement.pk)})
    assert pathway.status_code == 302
    suggested = client.get("/coordination/pathways/?case_kind=shelter&region=53.71.01"
                           ).content.decode()
    assert "Rumah Aman Perempuan Kupang" in suggested.split('id="suggestions"')[1]
    pk = ReferralPathway.objects.get().pk
    assert client.post(f"/coordination/pathways/{pk}/deactivate/").status_code == 302
    assert not ReferralPathway.objects.get().active


def test_it_builds_a_plan_through_the_pages(coord: Coord) -> None:
    prevent(coord.world, date(THIS_YEAR - 1, 5, 5), people=2)
    client = coord.client_for("coord_ntt")
    plan_url = f"/coordination/plans/{coord.plan.pk}/"
    assert client.post(plan_url + "goals/new/", {"code": "2", "title": "Penanganan korban"}
                       ).status_code == 302
    duplicate = client.post(plan_url + "goals/new/", {"code": "2", "title": "Lagi"})
    assert duplicate.status_code == 400 and "sudah dipakai" in duplicate.content.decode()
    goal = Goal.objects.get(code="2")
    response = client.post(plan_url + "actions/new/", {
        "goal": str(goal.pk), "code": "2.1", "title": "Layanan rumah aman",
        "responsible": str(coord.shelter.pk), "supporting": [str(coord.police.pk)],
        "deadline": f"{THIS_YEAR + 1}-06-30"})
    assert response.status_code == 302
    indicator = client.post(plan_url + "indicators/new/", {
        "code": "I1", "name": "Orang dicegah", "method": "computed",
        "metric": "prevention.people_prevented", "unit": "people", "direction": "increase",
        "baseline_value": "0", "baseline_year": str(THIS_YEAR - 2),
        f"target_{THIS_YEAR - 1}": "1", f"target_{THIS_YEAR}": "3"})
    assert indicator.status_code == 302
    page = client.get(indicator["Location"]).content.decode()
    assert f'data-year="{THIS_YEAR - 1}">2<' in page.replace(" ", "")  # computed, not typed
    percent = client.post(plan_url + "indicators/new/", {
        "code": "I2", "name": "Desa dengan satgas", "method": "manual", "unit": "percent",
        "direction": "increase", f"target_{THIS_YEAR}": "250"})
    assert percent.status_code == 400
    assert "250 tidak sah untuk satuan persen" in percent.content.decode()
    overview = client.get(plan_url).content.decode()
    assert "Layanan rumah aman" in overview and "taskforce_statistics" in overview
    edit = client.post(plan_url + "edit/", {
        "name": "RAD PP TPPO NTT (revisi)", "kind": "five_year", "region": "53",
        "start_year": str(THIS_YEAR - 1), "end_year": str(THIS_YEAR + 3), "status": "active"})
    assert edit.status_code == 302


def test_it_takes_targets_and_progress_reports_with_evidence(coord: Coord) -> None:
    indicator = services.indicator_create(
        actor=coord.world.users["coord_ntt"], plan=coord.plan, code="I2",
        name="Desa dengan satgas desa", unit=Unit.PERCENT, method=IndicatorMethod.MANUAL)
    client = coord.client_for("coord_ntt")
    url = f"/coordination/indicators/{indicator.pk}/"
    bad = client.post(url, {"form": "target", "year": str(THIS_YEAR), "value": "120"})
    assert bad.status_code == 400 and "satuan persen" in bad.content.decode()
    assert client.post(url, {"form": "target", "year": str(THIS_YEAR), "value": "40"}
                       ).status_code == 302
    assert IndicatorTarget.objects.get(indicator=indicator).value == 40
    done = client.post(url, {"form": "progress", "year": str(THIS_YEAR), "quarter": "0",
                             "value": "45", "narrative": "45% desa", "evidence": _pdf()})
    assert done.status_code == 302
    progress = IndicatorProgress.objects.get(indicator=indicator)
    assert progress.evidence.count() == 1
    page = client.get(url).content.decode()
    assert "45" in page and "bukti.pdf" in page
    # A reader cannot report progress.
    assert coord.client_for("analyst").post(url, {
        "form": "progress", "year": str(THIS_YEAR), "quarter": "0", "value": "50",
        "narrative": "x"}).status_code == 403


def test_it_runs_a_meeting_through_its_page(coord: Coord) -> None:
    client = coord.client_for("coord_ntt")
    created = client.post("/coordination/meetings/new/", {
        "title": "Rapat lintas negara RI-Timor Leste", "level": "cross_border",
        "region": "53", "country": "TL", "held_on": timezone.localdate().isoformat(),
        "place": "Atambua", "organiser": str(coord.disnaker.pk),
        "participants": [str(coord.police.pk)], "status": "planned"})
    assert created.status_code == 302
    meeting = Meeting.objects.get()
    url = f"/coordination/meetings/{meeting.pk}/"
    assert client.post(url, {"form": "agenda", "agenda-title": "Pos lintas batas"}
                       ).status_code == 302
    assert client.post(url, {"form": "participants", "participants-participants": [
        str(coord.police.pk), str(coord.iom.pk)]}).status_code == 302
    assert set(meeting.participants.all()) == {coord.disnaker, coord.police, coord.iom}
    deadline = (timezone.localdate() + timedelta(days=14)).isoformat()
    missing = client.post(url, {"form": "decision", "decision-text": "Patroli bersama",
                                "decision-follow_up_title": "Patroli"})
    assert missing.status_code == 400
    decided = client.post(url, {"form": "decision", "decision-text": "Patroli bersama",
                                "decision-follow_up_title": "Patroli perbatasan",
                                "decision-follow_up_owner": str(coord.iom.pk),
                                "decision-follow_up_deadline": deadline})
    assert decided.status_code == 302
    refused = client.post(url, {"form": "decision", "decision-text": "Pemulangan",
                                "decision-follow_up_title": "Pemulangan",
                                "decision-follow_up_owner": str(coord.mission.pk),
                                "decision-follow_up_deadline": deadline})
    assert refused.status_code == 400
    assert "bukan pemangku kepentingan rapat ini" in refused.content.decode()
    minutes = client.post(url, {"form": "update", "update-status": "held",
                                "update-summary": "Disepakati patroli bersama",
                                "update-evidence": _pdf("notulen.pdf")})
    assert minutes.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.evidence.count() == 1
    follow_up = meeting.follow_ups.get()
    close = client.post(f"/coordination/follow-ups/{follow_up.pk}/close/",
                        {"status": "done", "note": "Patroli dilaksanakan"})
    assert close.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "done"


def test_the_lists_and_the_metric_page(coord: Coord) -> None:
    prevent(coord.world, date(THIS_YEAR - 1, 5, 5), people=2)
    services.meeting_create(actor=coord.world.users["admin"], title="Rapat nasional RAN",
                            level=MeetingLevel.NATIONAL, held_on=date(THIS_YEAR - 1, 2, 2),
                            place="Jakarta", organiser=coord.iom, status=MeetingStatus.HELD)
    client = coord.client_for("coord_ntt")
    page = client.get(f"/coordination/metrics/?region=53&year={THIS_YEAR - 1}&compute=1"
                      ).content.decode()
    assert "prevention.people_prevented" in page and "taskforce_statistics" in page
    outside = client.get("/coordination/metrics/?region=32&compute=1").content.decode()
    assert "di luar lingkup kerja Anda" in outside
    assert "RAD PP TPPO Provinsi NTT" in client.get("/coordination/plans/").content.decode()
    # A national meeting is read in every region; the regional filter leaves it out.
    assert "Rapat nasional RAN" in client.get("/coordination/meetings/").content.decode()
    assert "Rapat nasional RAN" not in client.get(
        "/coordination/meetings/?level=regional").content.decode()
    assert client.get("/coordination/flags/?all=1").status_code == 200
