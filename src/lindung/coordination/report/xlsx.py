"""The periodic report as an XLSX workbook: one sheet of figures (with their metric and
query), the action plan, meetings, and the sourced figures. Written through the
kernel's formula-safe export, figures as numbers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from lindung.common.tabular import Sheet
from lindung.common.tabular import xlsx_bytes
from lindung.coordination.report.render import ReportView


def _number(raw: Decimal | None, text: str) -> Any:
    """The value as a number the spreadsheet can compute with, else its text ("—")."""
    if raw is None:
        return text
    return int(raw) if raw == raw.to_integral_value() else float(raw)


def report_xlsx(view: ReportView) -> bytes:
    with translation.override(view.lang):
        figures = []
        for section in view.sections:
            for row in section.rows:
                figures.append([section.title, row.label, _number(row.raw, row.value), row.unit,
                                _("angka saat ini") if row.snapshot else "", row.metric,
                                row.query, row.source])
                for year in row.by_year:
                    figures.append([section.title, f"{row.label} — {year.year}",
                                    _number(year.raw, year.text),
                                    row.unit, "", row.metric, year.query, row.source])
        plan_rows: list[list[Any]] = []
        indicator_rows: list[list[Any]] = []
        if view.plan is not None:
            for code, title, actions in view.plan.goals:
                for a in actions:
                    plan_rows.append([view.plan.name, f"{code} {title}", a.code, a.title,
                                      a.responsible, a.supporting, a.deadline, a.status,
                                      a.progress, a.flag])
            for ind in view.plan.indicators:
                for y in ind.years:
                    indicator_rows.append([ind.code, ind.name, ind.unit, ind.method, ind.metric,
                                           ind.baseline, y.year, y.target, y.actual, y.status,
                                           y.query])
        return xlsx_bytes([
            Sheet(_("Ringkasan"), [_("Laporan"), _("Wilayah"), _("Periode"), _("Disusun")],
                  [[view.title, view.region, view.period, view.generated]]),
            Sheet(_("Angka"), [_("Bagian"), _("Angka"), _("Nilai"), _("Satuan"), _("Catatan"),
                               _("Metrik"), _("Kueri"), _("Sumber")], figures),
            Sheet(_("Rencana aksi"), [_("Rencana"), _("Sasaran"), _("Kode"), _("Kegiatan"),
                                      _("Penanggung jawab"), _("Pendukung"), _("Tenggat"),
                                      _("Status"), _("Kemajuan (%)"), _("Tanda")], plan_rows),
            Sheet(_("Indikator"), [_("Kode"), _("Indikator"), _("Satuan"), _("Cara pengukuran"),
                                   _("Metrik"), _("Baseline"), _("Tahun"), _("Target"),
                                   _("Capaian"), _("Status"), _("Kueri")], indicator_rows),
            Sheet(_("Rapat"), [_("Angka"), _("Nilai")],
                  [*view.meetings, [_("Kueri"), view.meetings_query]]),
            Sheet(_("Angka sumber"), [_("Keterangan"), _("Periode"), _("Wilayah"), _("Nilai"),
                                      _("Satuan"), _("Tercatat di Lindung"), _("Kueri tercatat"),
                                      _("Kutipan"), _("Sumber"), _("Catatan")],
                  [[r.label, r.period, r.region, r.value, r.unit, r.recorded,
                    r.recorded_query, r.quote, r.source, r.note] for r in view.sourced]),
        ])
