"""Printable documents of the villages (on the kernel's `common.pdf.Document`: the font that
prints every name as written, the letterhead with synthetic data marked on every page, the
footer): the cooperative member statement and the village report."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lindung.common import pdf
from lindung.common.countries import country_name
from lindung.common.formatting import percent
from lindung.common.formatting import rupiah
from lindung.villages.choices import RemittanceUse
from lindung.villages.models import CoopMember
from lindung.villages.models import Loan
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import SavingsAccount
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.selectors.cooperative import loan_state
from lindung.villages.selectors.indicators import Indicators


class Document(pdf.Document):
    """The kernel's document with the villages' table and bar chart."""

    def __init__(self, *, heading: str, title: str, synthetic: bool) -> None:
        super().__init__(title=title, heading=heading, synthetic=synthetic,
                         synthetic_note=_("DATA SINTETIS (CONTOH) - bukan data sebenarnya"))

    def facts(self, rows: Iterable[tuple[str, object]], *, label_width: float = 70,
              line: float = 5, size: float = 9) -> None:
        super().facts(rows, label_width=label_width, line=line, size=size)

    def grid(self, headers: Sequence[str], rows: Iterable[Sequence[object]],
              widths: Sequence[float], align: str = "") -> None:
        self.set_font(self.FAMILY, "B", 8)
        for header, width in zip(headers, widths, strict=True):
            self.cell(width, 6, str(header), border="B")
        self.ln()
        self.set_font(self.FAMILY, "", 8)
        for row in rows:
            for index, (value, width) in enumerate(zip(row, widths, strict=True)):
                text = str(value)
                while text and self.get_string_width(text) > width - 1:
                    text = text[:-1]
                cell_align = "R" if align and align[index] == "R" else "L"
                self.cell(width, 5, text, align=cell_align)
            self.ln()

    def bars(self, title: str, labels: Sequence[str], values: Sequence[int]) -> None:
        """A small bar chart drawn with rectangles."""
        self.section(title)
        if not values or max(values) == 0:
            self.set_font(self.FAMILY, "", 9)
            self.cell(0, 5, _("belum ada data"), new_x="LMARGIN", new_y="NEXT")
            return
        top, height, left = self.get_y() + 2, 35.0, self.l_margin
        width = min(150.0 / max(len(values), 1), 14.0)
        peak = max(values)
        self.set_fill_color(11, 110, 79)
        self.set_font(self.FAMILY, "", 7)
        for index, (label, value) in enumerate(zip(labels, values, strict=True)):
            bar = height * value / peak
            x = left + index * (width + 2)
            self.rect(x, top + height - bar, width, bar, style="F")
            self.text(x, top + height + 4, str(label)[:6])
            self.text(x, top + height - bar - 1, str(value))
        self.set_y(top + height + 8)


def member_statement(*, member: CoopMember, start: date | None, end: date | None) -> bytes:
    cooperative = member.cooperative
    period = (f"{start:%d-%m-%Y}" if start else _("awal")) + _(" s.d. ") + (
        f"{end:%d-%m-%Y}" if end else f"{timezone.localdate():%d-%m-%Y}")
    doc = Document(heading=f"{cooperative.name} - Koperasi Desmigratif",
                   title=_("Rekening anggota %(member)s (%(period)s)")
                   % {"member": member.label, "period": period},
                   synthetic=cooperative.synthetic or member.person.synthetic)
    doc.facts([(_("Nomor anggota"), member.label),
               (_("Nama"), member.person.name),
               (_("Desa"), cooperative.programme_village.name),
               (_("Masuk"), f"{member.joined_on:%d-%m-%Y}"),
               (_("Keluar"), f"{member.left_on:%d-%m-%Y}" if member.left_on else "-")])
    savings: Iterable[SavingsAccount] = member.savings_accounts.select_related(
        "ledger_account").order_by("kind")
    for account in savings:
        opening, lines, closing = ledger_selectors.account_statement(
            account.ledger_account, start=start, end=end)
        doc.section(f"{account.get_kind_display()} ({account.ledger_account.code})")
        doc.facts([(_("Saldo awal"), rupiah(opening))])
        doc.grid([_("Tanggal"), _("No."), _("Keterangan"), _("Debit"), _("Kredit"),
                  _("Saldo")],
                  [(f"{line.entry_date:%d-%m-%Y}", line.number, line.memo,
                    rupiah(line.debit) if line.debit else "", rupiah(line.credit)
                    if line.credit else "", rupiah(line.balance)) for line in lines],
                  [22, 12, 70, 26, 26, 30], align="LRLRRR")
        doc.facts([(_("Saldo akhir"), rupiah(closing))])
    loans: Iterable[Loan] = member.loans.order_by("number")
    today = end or timezone.localdate()
    for loan in loans:
        state = loan_state(loan, today)
        doc.section(_("Pinjaman %(loan)s: %(purpose)s")
                    % {"loan": loan.label, "purpose": loan.get_purpose_display()})
        doc.facts([
            (_("Pokok"), rupiah(loan.principal)),
            (_("Jasa per bulan"), f"{loan.monthly_rate}%"),
            (_("Jangka"), ngettext("%(count)d bulan", "%(count)d bulan", loan.term_months)
             % {"count": loan.term_months}),
            (_("Status"), loan.get_status_display()),
            (_("Dicairkan"),
             f"{loan.disbursed_on:%d-%m-%Y}" if loan.disbursed_on else "-"),
            (_("Sisa pokok"), rupiah(state.outstanding_principal)),
            (_("Hari terlambat"), str(state.days_past_due)),
        ] + ([(_("Negara tujuan"), country_name(loan.destination_country))]
             if loan.destination_country else []))
        if state.installments:
            doc.grid([_("Ke"), _("Jatuh tempo"), _("Pokok"), _("Jasa"), _("Dibayar"),
                      _("Status")],
                      [(s.installment.number, f"{s.installment.due_on:%d-%m-%Y}",
                        rupiah(s.installment.principal_due), rupiah(s.installment.interest_due),
                        rupiah(s.principal_paid + s.interest_paid),
                        _("lunas") if s.settled else _("belum")) for s in state.installments],
                      [12, 28, 32, 28, 32, 28], align="RLRRRL")
    return doc.output_bytes()


def village_report(*, programme_village: ProgrammeVillage, indicators: Indicators,
                   businesses: Sequence[tuple[str, str, str, int]],
                   activities: Sequence[tuple[str, int, int]]) -> bytes:
    village = programme_village.village
    doc = Document(heading=_("Lindung - Desa Migran Produktif (Desmigratif)"),
                   title=_("Laporan desa: %(village)s (%(code)s)")
                   % {"village": village.name, "code": village.code},
                   synthetic=programme_village.synthetic)
    doc.facts([
        (_("Kabupaten/kota"), programme_village.regency.name),
        (_("Angkatan"), str(programme_village.cohort_year)
         + (_(" (Program Khusus NTT)") if programme_village.special_ntt else "")),
        (_("Status"), programme_village.get_status_display()),
        (_("Petugas desa"), str(programme_village.officers.count())),
    ])
    ind = indicators
    doc.section(_("Pilar 1 - Layanan migrasi"))
    doc.facts([(_("Rumah tangga PMI"), ind.households),
               (_("Anggota"), ind.members),
               (_("Sedang di luar negeri"), ind.abroad_now),
               (_("Purna PMI"), ind.returned),
               (_("Berangkat non-prosedural"), ind.non_procedural_total)])
    years = sorted(ind.departures_by_year)
    doc.bars(_("Keberangkatan non-prosedural per tahun"),
             [str(y) for y in years],
             [ind.departures_by_year[y]["non_procedural"] for y in years])
    if ind.prevented_by_year is not None:
        prevented = sorted(ind.prevented_by_year)
        doc.facts([(_("Dicegah satgas"),
                    ", ".join(f"{y}: {ind.prevented_by_year[y]}" for y in prevented) or "0")])
    doc.section(_("Pilar 2 - Usaha produktif"))
    doc.facts([(_("Kelompok usaha aktif"),
                _("%(active)s dari %(total)s") % {"active": ind.businesses_active,
                                                  "total": ind.businesses_total}),
               (_("Omzet 12 bulan"), rupiah(ind.turnover_12m))])
    if businesses:
        doc.grid([_("Kelompok"), _("Produk"), _("Potensi"), _("Anggota")], businesses,
                 [60, 60, 45, 20], align="LLLR")
    doc.section(_("Pilar 3 - Community parenting"))
    doc.facts([(_("Anak PMI"), ind.children),
               (_("Ikut community parenting"), ind.children_enrolled),
               (_("KIS diterima"), ind.card_received("kis")),
               (_("KIP diterima"), ind.card_received("kip")),
               (_("Kartu masih diurus"),
                ind.card_waiting("kis") + ind.card_waiting("kip"))])
    if activities:
        doc.grid([_("Kegiatan"), _("Kali"), _("Kehadiran")], activities, [90, 30, 30], align="LRR")
    doc.section(_("Pilar 4 - Koperasi dan remitansi"))
    uses = ind.remittance_by_use
    doc.facts([(_("Anggota koperasi"), ind.coop_members),
               (_("Simpanan anggota"), rupiah(ind.savings_total)),
               (_("Pinjaman beredar"), rupiah(ind.portfolio.outstanding)),
               ("PAR30", percent(ind.portfolio.par_percent)),
               (_("Remitansi diterima"), rupiah(ind.remittances_received)),
               (_("Produktif"), rupiah(uses.get(RemittanceUse.PRODUCTIVE, 0))),
               (_("Konsumtif"), rupiah(uses.get(RemittanceUse.CONSUMPTIVE, 0))),
               (_("Tabungan"), rupiah(uses.get(RemittanceUse.SAVINGS, 0))),
               (_("Bagian produktif"), percent(ind.productive_share))])
    return doc.output_bytes()
