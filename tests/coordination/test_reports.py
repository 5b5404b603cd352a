"""The periodic report: computed from the records for a region and period, built directly
for a small region and in a background job for a big one, the same figures as the
statistics pages, every figure with its query, the seed's sourced figures where they
apply, Bahasa Indonesia and English, PDF and XLSX."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from lindung.coordination import services
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.choices import ReportKind
from lindung.coordination.choices import ReportStatus
from lindung.coordination.choices import Unit
from lindung.coordination.models import PeriodicReport
from lindung.coordination.report.pdf import report_pdf
from lindung.coordination.report.render import report_view
from lindung.coordination.report.xlsx import report_xlsx
from lindung.core.choices import JobStatus
from lindung.core.models import AuditEvent
from lindung.core.models import BackgroundJob
from lindung.prevention.statistics.selectors import taskforce_statistics
from lindung.regions.models import Region
from tests.fixtures.coordination import THIS_YEAR
from tests.fixtures.coordination import Coord
from tests.fixtures.coordination import prevent
from tests.fixtures.pdf import pdf_text

LAST_YEAR = THIS_YEAR - 1


def _figure(report: PeriodicReport, metric: str) -> dict[str, Any]:
    return next(f for f in report.content["figures"] if f["metric"] == metric)


@pytest.fixture
def recorded(coord: Coord) -> Coord:
    prevent(coord.world, date(LAST_YEAR, 4, 4), people=2)
    prevent(coord.world, date(LAST_YEAR, 9, 9), people=3)
    user = coord.world.users["coord_ntt"]
    action = services.action_create(
        actor=user, plan=coord.plan, goal=coord.goal, code="1.1", title="=HYPERLINK(\"x\")",
        responsible=coord.police, deadline=date(LAST_YEAR, 12, 31))
    services.indicator_create(
        actor=user, plan=coord.plan, code="I1", name="Orang dicegah berangkat",
        unit=Unit.PEOPLE, method=IndicatorMethod.COMPUTED,
        metric="prevention.people_prevented", baseline_value=0, baseline_year=LAST_YEAR - 1,
        targets={LAST_YEAR: 4, THIS_YEAR: 10})
    meeting = services.meeting_create(
        actor=user, title="Rapat gugus tugas", level=MeetingLevel.REGIONAL,
        region=Region.objects.get(code="53"), held_on=date(LAST_YEAR, 6, 1), place="Kupang",
        organiser=coord.disnaker, participants=[coord.police], status=MeetingStatus.HELD)
    services.decision_record(actor=user, meeting=meeting, text="Operasi gabungan",
                             follow_ups=[services.FollowUpSpec(
                                 title="Operasi", owner=coord.police,
                                 deadline=date(LAST_YEAR, 7, 1), action=action)])
    return coord


def test_a_small_regions_report_is_built_at_once(recorded: Coord) -> None:
    report = services.report_request(actor=recorded.world.users["coord_ntt"],
                                     kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                     region=Region.objects.get(code="53.71"))
    assert report.status == ReportStatus.DONE and report.job is None
    people = _figure(report, "prevention.people_prevented")
    assert people["value"] == "5" and people["available"]
    assert 'area="53.71", year=' in people["query"]
    assert report.plan is None  # the NTT plan is not Kota Kupang's


def test_a_province_report_runs_as_a_background_job_and_equals_the_statistics(
        recorded: Coord, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = services.report_request(actor=recorded.world.users["coord_ntt"],
                                         kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                         region=Region.objects.get(code="53"))
        assert report.status == ReportStatus.QUEUED  # nothing runs before the commit
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    assert report.job_id is not None
    job = BackgroundJob.objects.get(pk=report.job_id)
    assert job.status == JobStatus.DONE and job.done == job.total > 0
    stats = taskforce_statistics(user=recorded.world.users["coord_ntt"], area="53",
                                 year=LAST_YEAR)
    assert _figure(report, "prevention.people_prevented")["value"] == \
        str(stats.prevented_people) == "5"
    assert _figure(report, "prevention.departures_prevented")["value"] == \
        str(stats.prevented_departures)
    assert _figure(report, "reports.received")["value"] == str(stats.reports_total)
    assert report.plan == recorded.plan
    plan = report.content["plan"]
    indicator = plan["indicators"][0]
    assert indicator["years"] == [{"year": LAST_YEAR, "target": "4.00", "actual": "5",
                                   "status": "met", "available": True,
                                   "query": indicator["years"][0]["query"]}]
    assert "taskforce_statistics" in indicator["years"][0]["query"]
    assert plan["summary"]["overdue"] == 1  # the action's deadline has passed
    assert report.content["meetings"]["held"] == 1
    assert report.content["meetings"]["follow_ups"] == {"total": 1, "done": 0, "open": 1,
                                                        "overdue": 1}


def test_a_five_yearly_report_gives_each_year_and_the_total(recorded: Coord) -> None:
    report = services.report_request(actor=recorded.world.users["admin"],
                                     kind=ReportKind.FIVE_YEARLY, start_year=LAST_YEAR - 4,
                                     region=Region.objects.get(code="53.71"))
    people = _figure(report, "prevention.people_prevented")
    assert [row["year"] for row in people["by_year"]] == list(range(LAST_YEAR - 4,
                                                                    LAST_YEAR + 1))
    assert people["value"] == "5"
    assert sum(int(row["value"]) for row in people["by_year"]) == 5


def test_it_shows_the_seeds_figures_where_they_apply(
        coord: Coord, django_capture_on_commit_callbacks: Any) -> None:
    from lindung.regions.services import regions_load
    from lindung.stats.seed import SEED_FIGURES
    from lindung.stats.seed import figures_load

    codes = {figure.region_code for figure in SEED_FIGURES if figure.region_code}
    regions_load(only=tuple(sorted({code.split(".")[0] for code in codes})))
    figures_load()
    with django_capture_on_commit_callbacks(execute=True):
        national = services.report_request(actor=coord.world.users["admin"],
                                           kind=ReportKind.FIVE_YEARLY, start_year=2015)
    national.refresh_from_db()
    keys = {row["key"]: row for row in national.content["sourced"]}
    assert "prevented-2018" in keys and "prevented-2015-2018" in keys
    assert keys["prevented-2018"]["value"] == 3106
    assert keys["prevented-2018"]["recorded"]["metric"] == "prevention.people_prevented"
    assert keys["prevented-2018"]["recorded"]["value"] == "0"
    assert "3106 PMI NONPROSEDURAL" in keys["prevented-2018"]["quote"]
    assert "desmigratif-2017-chart-53" in keys
    with django_capture_on_commit_callbacks(execute=True):
        ntt = services.report_request(actor=coord.world.users["admin"],
                                      kind=ReportKind.YEARLY, start_year=2018,
                                      region=Region.objects.get(code="53"))
    ntt.refresh_from_db()
    ntt_keys = {row["key"] for row in ntt.content["sourced"]}
    assert "desmigratif-ntt-2018-villages" in ntt_keys
    assert "prevented-2018" not in ntt_keys  # a national figure is not the province's
    with django_capture_on_commit_callbacks(execute=True):
        recent = services.report_request(actor=coord.world.users["admin"],
                                         kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                         region=Region.objects.get(code="53"))
    recent.refresh_from_db()
    assert recent.content["sourced"] == []


def test_it_refuses_a_future_year_an_unrelated_plan_and_a_region_out_of_scope(
        coord: Coord) -> None:
    user = coord.world.users["coord_ntt"]
    with pytest.raises(ValidationError) as exc:
        services.report_request(actor=user, kind=ReportKind.YEARLY, start_year=THIS_YEAR + 1,
                                region=Region.objects.get(code="53"))
    assert "catatan yang" in " ".join(exc.value.message_dict["start_year"])
    with pytest.raises(ValidationError) as exc:
        services.report_request(actor=user, kind=ReportKind.YEARLY, start_year=2010,
                                region=Region.objects.get(code="53"), plan=coord.plan)
    assert "tidak mencakup periode laporan" in " ".join(exc.value.message_dict["plan"])
    with pytest.raises(ValidationError) as exc:
        services.report_request(actor=user, kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                region=Region.objects.get(code="32"))
    assert "di luar lingkup kerja Anda" in " ".join(exc.value.message_dict["region"])


def test_it_renders_both_languages_as_pdf_and_xlsx(recorded: Coord) -> None:
    report = services.report_request(actor=recorded.world.users["coord_ntt"],
                                     kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                     region=Region.objects.get(code="53.71"),
                                     plan=recorded.plan)
    indonesian, english = report_view(report, "id"), report_view(report, "en")
    assert indonesian.sections[0].title == "Pencegahan keberangkatan non-prosedural"
    assert english.sections[0].title == "Prevention of non-procedural departures"
    assert english.title == "Yearly report" and indonesian.title == "Laporan tahunan"
    people = next(r for r in english.sections[0].rows
                  if r.metric == "prevention.people_prevented")
    assert (people.label, people.value, people.unit) == ("People prevented from leaving", "5",
                                                         "people")
    for view in (indonesian, english):
        pdf = report_pdf(view)
        assert pdf.startswith(b"%PDF-") and len(pdf) > 2000
        workbook = load_workbook(io.BytesIO(report_xlsx(view)))
        rows = list(workbook.worksheets[1].iter_rows(values_only=True))
        found = next(r for r in rows if r[5] == "prevention.people_prevented")
        assert found[2] == 5 and "taskforce_statistics" in found[6]
        plan_rows = list(workbook.worksheets[2].iter_rows(values_only=True))
        # An action titled like a formula is written as text, not run.
        assert plan_rows[1][3] == "'=HYPERLINK(\"x\")"


def test_the_pages_show_and_download_the_report_with_an_audit_row(recorded: Coord) -> None:
    client = recorded.client_for("coord_ntt")
    response = client.post("/coordination/reports/", {
        "kind": "yearly", "region": "53.71", "start_year": LAST_YEAR})
    assert response.status_code == 302
    report = PeriodicReport.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert 'data-metric="prevention.people_prevented"' in page
    assert "taskforce_statistics" in page
    english = client.get(response["Location"] + "?lang=en").content.decode()
    assert 'lang="en"' in english and "People prevented from leaving" in english
    for fmt, kind in (("pdf", "application/pdf"), ("xlsx", "spreadsheetml")):
        download = client.get(f"/coordination/reports/{report.pk}/report.{fmt}?lang=en")
        assert download.status_code == 200 and kind in download["Content-Type"]
    assert AuditEvent.objects.filter(entity="coordination.periodicreport",
                                     action="export").count() == 2


def test_a_report_still_running_shows_its_progress(recorded: Coord) -> None:
    report = PeriodicReport.objects.create(kind=ReportKind.YEARLY, region_code="53",
                                           region=Region.objects.get(code="53"),
                                           start_year=LAST_YEAR, end_year=LAST_YEAR,
                                           status=ReportStatus.RUNNING)
    client = recorded.client_for("coord_ntt")
    page = client.get(f"/coordination/reports/{report.pk}/", HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and b"report-progress" in page.content
    report.status = ReportStatus.DONE
    report.content = {}
    report.save()
    done = client.get(f"/coordination/reports/{report.pk}/", HTTP_HX_REQUEST="true")
    assert done.status_code == 204 and done["HX-Refresh"] == "true"


def test_an_unavailable_source_is_reported_not_hidden(recorded: Coord,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from django.apps import apps as django_apps

    real = django_apps.is_installed
    monkeypatch.setattr(django_apps, "is_installed",
                        lambda name: name != "lindung.villages" and real(name))
    report = services.report_request(actor=recorded.world.users["coord_ntt"],
                                     kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                     region=Region.objects.get(code="53.71"))
    households = _figure(report, "villages.households")
    assert households["available"] is False and households["value"] is None
    row = next(r for s in report_view(report, "en").sections for r in s.rows
               if r.metric == "villages.households")
    assert row.value == "not available"
    assert report_pdf(report_view(report, "id")).startswith(b"%PDF-")


def test_the_pdf_prints_in_both_languages_with_the_shipped_font(recorded: Coord) -> None:
    report = services.report_request(actor=recorded.world.users["coord_ntt"],
                                     kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                     region=Region.objects.get(code="53.71"),
                                     plan=recorded.plan)
    texts = {}
    for lang in ("id", "en"):
        data = report_pdf(report_view(report, lang))
        assert data.startswith(b"%PDF-") and b"DejaVu" in data and b"Helvetica" not in data
        texts[lang] = pdf_text(data)
    assert "Lampiran: metrik dan kueri" in texts["id"]
    assert "Lampiran: metrik dan kueri" not in texts["en"]


def test_the_coordinator_writes_the_narrative_and_the_pdf_keeps_the_queries_in_an_annex(
        recorded: Coord) -> None:
    client = recorded.client_for("coord_ntt")
    response = client.post("/coordination/reports/", {
        "kind": "yearly", "region": "53.71", "start_year": LAST_YEAR})
    report = PeriodicReport.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "(belum ditulis oleh koordinator)" in page and 'name="achievements"' in page
    saved = client.post(f"/coordination/reports/{report.pk}/narrative/", {
        "achievements": "Operasi gabungan di Bandara El Tari.",
        "obstacles": "Anggaran pemulangan terbatas.",
        "recommendations": "Tambah petugas di pelabuhan Tenau."})
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.obstacles == "Anggaran pemulangan terbatas."
    assert AuditEvent.objects.filter(entity="coordination.periodicreport",
                                     action="update").count() == 1
    page = client.get(f"/coordination/reports/{report.pk}/").content.decode()
    assert "Tambah petugas di pelabuhan Tenau." in page

    text = pdf_text(client.get(f"/coordination/reports/{report.pk}/report.pdf").content)
    annex = text.index("Lampiran: metrik dan kueri")
    assert text.index("Operasi gabungan di Bandara El Tari.") < annex
    assert text.index("Rekomendasi") < text.index("Tambah petugas") < annex
    assert "Capaian kegiatan" in text[:annex]
    query = " ".join(_figure(report, "prevention.people_prevented")["query"].split())
    assert query[:20] in text[annex:]
    assert query[:20] not in text[:annex]  # the body holds no query


def test_only_the_plans_owners_write_the_narrative(recorded: Coord) -> None:
    report = services.report_request(actor=recorded.world.users["coord_ntt"],
                                     kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                     region=Region.objects.get(code="53.71"))
    analyst = recorded.client_for("analyst")
    assert 'name="achievements"' not in analyst.get(
        f"/coordination/reports/{report.pk}/").content.decode()
    refused = analyst.post(f"/coordination/reports/{report.pk}/narrative/",
                           {"achievements": "x", "obstacles": "", "recommendations": ""})
    assert refused.status_code == 403
    report.refresh_from_db()
    assert report.achievements == ""


def test_a_failed_report_says_why_in_the_readers_language(
        recorded: Coord, monkeypatch: pytest.MonkeyPatch) -> None:
    """The failure is kept as a message with the error as its parameter, not as the error's
    bare text: the coordinator reads it in their language."""

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RuntimeError("tabel hilang")

    monkeypatch.setattr("lindung.coordination.services.reports.build_content", broken)
    report = services.report_request(actor=recorded.world.users["coord_ntt"],
                                     kind=ReportKind.YEARLY, start_year=LAST_YEAR,
                                     region=Region.objects.get(code="53.71"))
    assert report.status == ReportStatus.FAILED
    client = recorded.client_for("coord_ntt")
    page = client.get(f"/coordination/reports/{report.pk}/").content.decode()
    assert "Kesalahan teknis: RuntimeError: tabel hilang" in page
    client.cookies["django_language"] = "en"
    page = client.get(f"/coordination/reports/{report.pk}/").content.decode()
    assert "Technical error: RuntimeError: tabel hilang" in page
    assert "msgid" not in page
