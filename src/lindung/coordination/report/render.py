"""The stored report content as text in one language (Bahasa Indonesia or English): the
same structure feeds the page, the PDF and the XLSX. Labels come from the metric registry
and the choices, translated with `translation.override(lang)`; numbers are never
recomputed here."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import FlagKind
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import ReportKind
from lindung.coordination.choices import Unit
from lindung.coordination.metrics import SECTIONS
from lindung.coordination.metrics import get_metric
from lindung.coordination.models import PeriodicReport
from lindung.coordination.units import format_value

LANGUAGES = ("id", "en")


def section_titles() -> dict[str, str]:
    return {
        "prevention": _("Pencegahan keberangkatan non-prosedural"),
        "reports": _("Laporan masyarakat dan kasus TPPO"),
        "referrals": _("Rujukan antarinstansi"),
        "dissemination": _("Sosialisasi"),
        "ltsa": _("Layanan LTSA-PPPMI"),
        "villages": _("Desa Migran Produktif (Desmigratif)"),
        "coordination": _("Koordinasi pemangku kepentingan"),
    }


def status_label(status: str) -> str:
    return {"met": _("tercapai"), "not_met": _("belum tercapai"), "no_data": _("tanpa data"),
            "no_target": _("tanpa target"),
            "pending": _("berjalan")}.get(status, status)


def unit_label(unit: str) -> str:
    return str(Unit(unit).label) if unit in Unit.values else unit


@dataclass
class YearValue:
    year: int
    text: str
    query: str
    raw: Decimal | None = None


@dataclass
class FigureRow:
    metric: str
    label: str
    value: str
    unit: str
    source: str
    query: str
    available: bool
    snapshot: bool
    by_year: list[YearValue] = field(default_factory=list)
    raw: Decimal | None = None


@dataclass
class SectionView:
    key: str
    title: str
    rows: list[FigureRow]


@dataclass
class ActionRow:
    code: str
    title: str
    responsible: str
    supporting: str
    deadline: str
    status: str
    progress: int
    flag: str


@dataclass
class IndicatorYearRow:
    year: int
    target: str
    actual: str
    status: str
    query: str


@dataclass
class IndicatorRow:
    code: str
    name: str
    unit: str
    method: str
    metric: str
    baseline: str
    years: list[IndicatorYearRow]


@dataclass
class PlanView:
    name: str
    period: str
    facts: list[tuple[str, str]]
    goals: list[tuple[str, str, list[ActionRow]]]
    indicators: list[IndicatorRow]


@dataclass
class SourcedRow:
    label: str
    period: str
    region: str
    value: str
    unit: str
    source: str
    quote: str
    note: str
    recorded: str
    recorded_query: str


@dataclass
class ReportView:
    lang: str
    title: str
    region: str
    period: str
    generated: str
    complete: bool
    sections: list[SectionView]
    plan: PlanView | None
    meetings: list[tuple[str, str]]
    meetings_query: str
    sourced: list[SourcedRow]
    # The narrative sections the coordinator writes: (title, text), text "" when not yet.
    narrative: list[tuple[str, str]] = field(default_factory=list)


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value else None


def _figure_row(entry: dict[str, Any]) -> FigureRow:
    try:
        metric = get_metric(entry["metric"])
        label, source = str(metric.label), str(metric.source_label)
    except LookupError:
        label, source = entry["metric"], entry.get("source_app", "")
    unit = entry["unit"]
    if not entry["available"]:
        source = _("Sumber belum tersedia") + f" ({entry.get('source_app', '')})"
    return FigureRow(
        metric=entry["metric"], label=label, unit=unit_label(unit), source=source,
        value=format_value(entry["value"], unit) if entry["available"] else _("tidak tersedia"),
        query=entry["query"], available=entry["available"], snapshot=entry.get("snapshot", False),
        raw=_decimal(entry["value"]),
        by_year=[YearValue(row["year"], format_value(row["value"], unit)
                           if row["available"] else _("tidak tersedia"), row["query"],
                           _decimal(row["value"]))
                 for row in entry.get("by_year", [])])


def _plan_view(plan: dict[str, Any]) -> PlanView:
    summary = plan["summary"]
    facts = [(_("Kegiatan"), str(summary["total"]))]
    facts += [(str(ActionStatus(status).label), str(n))
              for status, n in summary["by_status"].items() if n]
    facts += [(_("Lewat tenggat"), str(summary["overdue"])),
              (_("Tidak sesuai jadwal"), str(summary["off_track"])),
              (_("Kegiatan selesai"), f"{summary['done_share']} %"
               if summary["done_share"] is not None else "—")]
    goals = []
    for goal in plan["goals"]:
        actions = [ActionRow(
            code=a["code"], title=a["title"], responsible=_named(a, "responsible"),
            supporting=", ".join(_named(a, "supporting")), deadline=a["deadline"],
            status=str(ActionStatus(a["status"]).label), progress=a["progress"],
            flag=str(FlagKind(a["flag"]).label) if a["flag"] else "") for a in goal["actions"]]
        goals.append((goal["code"], goal["title"], actions))
    indicators = []
    for ind in plan["indicators"]:
        unit = ind["unit"]
        method = str(IndicatorMethod(ind["method"]).label)
        indicators.append(IndicatorRow(
            code=ind["code"], name=ind["name"], unit=unit_label(unit), method=method,
            metric=ind["metric"],
            baseline=(f"{format_value(ind['baseline'], unit)} ({ind['baseline_year']})"
                      if ind["baseline"] is not None else "—"),
            years=[IndicatorYearRow(
                year=row["year"], target=format_value(row["target"], unit),
                actual=(format_value(row["actual"], unit) if row.get("available", True)
                        else _("tidak tersedia")),
                status=status_label(row["status"]), query=row["query"])
                for row in ind["years"]]))
    return PlanView(name=plan["name"], period=f"{plan['start_year']}–{plan['end_year']}",
                    facts=facts, goals=goals, indicators=indicators)


def _sourced_row(row: dict[str, Any]) -> SourcedRow:
    start, end = row["period_start"][:4], row["period_end"][:4]
    recorded = row.get("recorded")
    return SourcedRow(
        label=row["label"], period=start if start == end else f"{start}–{end}",
        region=row["region"] or _("nasional"), value=format_value(str(row["value"]), "count"),
        unit=row["unit"], source=row["source"], quote=row["quote"], note=row["note"],
        recorded=(format_value(recorded["value"], "people") if recorded and recorded["available"]
                  else "—"),
        recorded_query=recorded["query"] if recorded else "")


def _named(row: dict[str, Any], key: str) -> Any:
    """An agency's name (or names) in the active language: `key`_en in English when the
    content has it (content built before it kept the names in one language)."""
    english = (translation.get_language() or "id").startswith("en")
    return row.get(f"{key}_en", row[key]) if english else row[key]


def report_view(report: PeriodicReport, lang: str) -> ReportView:
    """The report in `lang` ("id" or "en")."""
    content = report.content
    with translation.override(lang if lang in LANGUAGES else "id"):
        years = content.get("years", [])
        period = (str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}") if years \
            else ""
        region = content["region"]["name"] or _("Nasional")
        if content["region"]["code"]:
            region = f"{region} ({content['region']['code']})"
        titles = section_titles()
        sections = []
        for key in SECTIONS:
            rows = [_figure_row(e) for e in content["figures"] if e["section"] == key]
            if rows:
                sections.append(SectionView(key=key, title=titles[key], rows=rows))
        meetings = content["meetings"]
        meeting_rows = [(_("Rapat koordinasi terlaksana"), str(meetings["held"]))]
        meeting_rows += [(f"— {MeetingLevel(level).label}", str(n))
                         for level, n in meetings["by_level"].items()]
        follow = meetings["follow_ups"]
        meeting_rows += [(_("Keputusan rapat"), str(meetings["decisions"])),
                         (_("Tindak lanjut"), str(follow["total"])),
                         (_("— selesai"), str(follow["done"])),
                         (_("— terbuka"), str(follow["open"])),
                         (_("— lewat tenggat"), str(follow["overdue"]))]
        generated = parse_datetime(content.get("generated_at", ""))
        return ReportView(
            lang=lang, title=str(ReportKind(report.kind).label), region=region, period=period,
            generated=generated.strftime("%Y-%m-%d %H:%M") if generated else "",
            complete=bool(content.get("complete")), sections=sections,
            plan=_plan_view(content["plan"]) if content.get("plan") else None,
            meetings=meeting_rows, meetings_query=meetings.get("query", ""),
            sourced=[_sourced_row(row) for row in content.get("sourced", [])],
            narrative=[(_("Capaian kegiatan"), report.achievements),
                       (_("Hambatan"), report.obstacles),
                       (_("Rekomendasi"), report.recommendations)])
