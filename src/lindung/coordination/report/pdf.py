"""The periodic report as a PDF, on the kernel's `common.pdf.Document` (DejaVu Sans shipped
in the package: every character the report uses prints as written). Each figure lists its
metric and query."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf.fonts import FontFace

from lindung.common.pdf import Document
from lindung.coordination.report.render import ReportView

MAX_PDF_ACTIONS = 300  # above this, the PDF lists the flagged actions (the XLSX lists all)


class _ReportPdf(Document):
    """The kernel's document with the report's own running head and footer (when it was
    drawn up, not printed) and its denser type."""

    def __init__(self, view: ReportView) -> None:
        self.view = view
        super().__init__(title=f"{view.title} {view.region} {view.period}")
        self.set_auto_page_break(auto=True, margin=16)

    def header(self) -> None:
        self.set_font(self.FAMILY, "B", 9)
        self.cell(0, 5, f"Lindung · {self.view.title} · {self.view.region} · "
                        f"{self.view.period}", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.FAMILY, "", 7)
        self.cell(0, 5, f"{_('Disusun')} {self.view.generated} · "
                        f"{_('halaman')} {self.page_no()}", align="C")

    def heading(self, text: str, size: float = 12) -> None:
        self.set_font(self.FAMILY, "B", size)
        self.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text: str, size: float = 8) -> None:
        self.set_font(self.FAMILY, "", size)
        self.multi_cell(0, 4, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)


def _figures(pdf: _ReportPdf, view: ReportView) -> None:
    """The figures, each with a reference to its query in the annex ("A1", "A2", …)."""
    number = 0
    for section in view.sections:
        pdf.heading(section.title, 11)
        pdf.set_font(pdf.FAMILY, "", 8)
        with pdf.table(col_widths=(52, 16, 14, 10), line_height=3.8,
                       text_align=("LEFT", "RIGHT", "LEFT", "LEFT"),
                       first_row_as_headings=True) as table:
            table.row([_("Angka"), _("Nilai"), _("Satuan"),
                       _("Lampiran no.")])
            for row in section.rows:
                number += 1
                label = row.label + (f" ({_('angka saat ini')})" if row.snapshot else "")
                table.row([str(label), str(row.value), str(row.unit), f"A{number}"])
        pdf.ln(3)


def _annex(pdf: _ReportPdf, view: ReportView) -> None:
    """The annex: each figure's metric, query and source, the indicators' queries, the
    meetings' query (what the report's numbers rest on, to check them)."""
    pdf.add_page()
    pdf.heading(_("Lampiran: metrik dan kueri (jejak angka)"), 12)
    pdf.paragraph(_("Setiap angka laporan ini dihitung dari catatan Lindung dengan kueri di "
                    "bawah ini; nomor lampiran (A1, A2, …) menunjuk angka di badan laporan."),
                  8)
    small = FontFace(size_pt=6.5)
    number = 0
    pdf.set_font(pdf.FAMILY, "", 7)
    with pdf.table(col_widths=(8, 30, 62), line_height=3.4,
                   first_row_as_headings=True) as table:
        table.row([_("No."), _("Angka"), _("Metrik dan kueri")])
        for section in view.sections:
            for row in section.rows:
                number += 1
                trace = f"{row.metric}: {row.query}"
                if row.by_year:
                    trace += " | " + "; ".join(f"{y.year}: {y.text}" for y in row.by_year)
                cells = table.row()
                cells.cell(f"A{number}")
                cells.cell(str(row.label))
                cells.cell(f"{trace}\n{row.source}", style=small)
        if view.plan is not None:
            for ind in view.plan.indicators:
                for year in ind.years:
                    cells = table.row()
                    cells.cell(str(ind.code))
                    cells.cell(f"{ind.name} ({year.year})")
                    method = ind.metric or ind.method
                    cells.cell(f"{method}: {year.query}", style=small)
        if view.meetings_query:
            cells = table.row()
            cells.cell("R")
            cells.cell(_("Rapat koordinasi dan tindak lanjut"))
            cells.cell(str(view.meetings_query), style=small)
        for sourced in view.sourced:
            if sourced.recorded_query:
                cells = table.row()
                cells.cell("S")
                cells.cell(str(sourced.label))
                cells.cell(str(sourced.recorded_query), style=small)


def _narrative(pdf: _ReportPdf, view: ReportView) -> None:
    """Achievements, obstacles, recommendations: the coordinator's own words."""
    for title, text in view.narrative:
        pdf.heading(title, 11)
        pdf.paragraph(text or _("(belum ditulis oleh koordinator)"), 9)
    pdf.ln(2)


def _plan(pdf: _ReportPdf, view: ReportView) -> None:
    plan = view.plan
    if plan is None:
        pdf.heading(_("Kemajuan rencana aksi"), 11)
        pdf.paragraph(_("Tidak ada rencana aksi untuk wilayah dan periode ini."))
        return
    pdf.heading(f"{_('Kemajuan rencana aksi')}: {plan.name} ({plan.period})", 11)
    pdf.paragraph(" · ".join(f"{label}: {value}" for label, value in plan.facts))
    total = sum(len(actions) for _code, _title, actions in plan.goals)
    only_flagged = total > MAX_PDF_ACTIONS
    if only_flagged:
        pdf.paragraph(_("Rencana ini memuat %(n)s kegiatan: PDF hanya mencantumkan kegiatan "
                        "yang lewat tenggat atau tidak sesuai jadwal; daftar lengkap ada di "
                        "XLSX.") % {"n": total})
    room = MAX_PDF_ACTIONS
    for code, title, all_actions in plan.goals:
        actions = [a for a in all_actions if a.flag] if only_flagged else all_actions
        shown, room = actions[:room], max(room - len(actions), 0)
        pdf.heading(f"{code} {title}", 9)
        if len(shown) < len(actions):
            pdf.paragraph(_("%(n)s kegiatan lain tidak dicantumkan (lihat XLSX).")
                          % {"n": len(actions) - len(shown)})
        actions = shown
        if not actions:
            continue
        pdf.set_font(pdf.FAMILY, "", 7.5)
        with pdf.table(col_widths=(8, 34, 22, 12, 12, 12), line_height=3.6,
                       first_row_as_headings=True) as table:
            table.row([str(h) for h in (_("Kode"), _("Kegiatan"), _("Penanggung jawab"),
                                          _("Tenggat"), _("Status"), _("Tanda"))])
            for action in actions:
                table.row([str(v) for v in (
                    action.code, action.title, action.responsible, action.deadline,
                    f"{action.status} ({action.progress}%)", action.flag)])
    if plan.indicators:
        pdf.heading(_("Indikator"), 9)
        pdf.set_font(pdf.FAMILY, "", 7.5)
        with pdf.table(col_widths=(8, 40, 14, 10, 14, 14, 16), line_height=3.6,
                       first_row_as_headings=True) as table:
            table.row([str(h) for h in (_("Kode"), _("Indikator"), _("Baseline"),
                                          _("Tahun"), _("Target"), _("Capaian"), _("Status"))])
            for ind in plan.indicators:
                for row in ind.years:
                    table.row([str(value) for value in (
                        ind.code, f"{ind.name} ({ind.unit})", ind.baseline, str(row.year),
                        row.target, row.actual, row.status)])
    pdf.ln(3)


def _meetings_and_sources(pdf: _ReportPdf, view: ReportView) -> None:
    pdf.heading(_("Rapat koordinasi dan tindak lanjut"), 11)
    pdf.paragraph(" · ".join(f"{label}: {value}" for label, value in view.meetings))
    pdf.heading(_("Angka historis dari sumber"), 11)
    if not view.sourced:
        pdf.paragraph(_("Tidak ada angka sumber untuk wilayah dan periode ini."))
        return
    pdf.paragraph(_("Angka sumber dikutip dari dokumen, bukan dihitung sistem; di sampingnya "
                    "angka yang tercatat di Lindung untuk periode dan wilayah yang sama."))
    pdf.set_font(pdf.FAMILY, "", 7.5)
    small = FontFace(size_pt=6.5)
    with pdf.table(col_widths=(30, 10, 12, 10, 12, 40), line_height=3.6,
                   first_row_as_headings=True) as table:
        table.row([str(h) for h in (_("Keterangan (angka sumber)"), _("Periode"),
                                      _("Nilai"), _("Satuan"), _("Tercatat"),
                                      _("Kutipan dan sumber"))])
        for row in view.sourced:
            cells = table.row()
            for value in (row.label, row.period, row.value, row.unit, row.recorded):
                cells.cell(str(value))
            cells.cell(f'"{row.quote}" — {row.source}'
                       + (f" ({row.note})" if row.note else ""), style=small)


def report_pdf(view: ReportView) -> bytes:
    with translation.override(view.lang):
        pdf = _ReportPdf(view)
        pdf.heading(f"{view.title}: {view.region}, {view.period}", 15)
        pdf.paragraph(_("Laporan gugus tugas PP-TPPO dan rencana aksi (RAN PP TPPO). Capaian, "
                        "hambatan dan rekomendasi ditulis oleh koordinator; angka disusun dari "
                        "catatan Lindung, dan metrik serta kueri setiap angka ada di "
                        "lampiran."), 9)
        if not view.complete:
            pdf.paragraph(_("Periode belum berakhir: angka dapat masih berubah."), 9)
        _narrative(pdf, view)
        _figures(pdf, view)
        _plan(pdf, view)
        _meetings_and_sources(pdf, view)
        _annex(pdf, view)
        return pdf.output_bytes()
