"""Printable documents (fpdf2, built-in fonts, no outside resources): the cooperative
member statement and the village report. Text outside Latin-1 is transliterated so a name
never breaks a document; synthetic data is marked on every page."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils import timezone
from fpdf import FPDF

from lindung.common.countries import country_name
from lindung.common.formatting import percent, rupiah
from lindung.common.pdfrows import label_value
from lindung.villages.models import (
    CoopMember,
    Loan,
    ProgrammeVillage,
    RemittanceUse,
    SavingsAccount,
)
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.selectors.cooperative import loan_state
from lindung.villages.selectors.indicators import Indicators


def latin(text: object) -> str:
    """The text in Latin-1 (what the built-in PDF fonts print); other characters are
    folded to their ASCII base letter ("Ŝ" -> "S") or dropped."""
    value = str(text)
    try:
        value.encode("latin-1")
        return value
    except UnicodeEncodeError:
        return "".join(ch if ord(ch) < 256 else
                       unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
                       for ch in value)


class Document(FPDF):
    def __init__(self, *, heading: str, title: str, synthetic: bool) -> None:
        super().__init__(format="A4")
        self.heading = heading
        self.doc_title = title
        self.synthetic = synthetic
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(latin(title))
        self.set_creator("Lindung")
        self.add_page()

    def header(self) -> None:
        self.set_font("Helvetica", "B", 13)
        self.cell(0, 8, latin(self.heading), new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 11)
        self.cell(0, 6, latin(self.doc_title), new_x="LMARGIN", new_y="NEXT")
        if self.synthetic:
            self.set_font("Helvetica", "B", 10)
            self.cell(0, 6, "DATA SINTETIS / CONTOH - bukan data sebenarnya (synthetic demo data)",
                      new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"Dicetak / printed {timezone.localtime():%Y-%m-%d %H:%M} - "
                        f"halaman {self.page_no()}", align="C")

    def section(self, title: str) -> None:
        self.ln(2)
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 7, latin(title), new_x="LMARGIN", new_y="NEXT")

    def facts(self, rows: Iterable[tuple[str, object]]) -> None:
        for label, value in rows:
            label_value(self, latin(label), latin(value), label_width=70, line=5, size=9)
        self.ln(1)

    def grid(self, headers: Sequence[str], rows: Iterable[Sequence[object]],
              widths: Sequence[float], align: str = "") -> None:
        self.set_font("Helvetica", "B", 8)
        for header, width in zip(headers, widths, strict=True):
            self.cell(width, 6, latin(header), border="B")
        self.ln()
        self.set_font("Helvetica", "", 8)
        for row in rows:
            for index, (value, width) in enumerate(zip(row, widths, strict=True)):
                text = latin(value)
                while text and self.get_string_width(text) > width - 1:
                    text = text[:-1]
                cell_align = "R" if align and align[index] == "R" else "L"
                self.cell(width, 5, text, align=cell_align)
            self.ln()

    def bars(self, title: str, labels: Sequence[str], values: Sequence[int]) -> None:
        """A small bar chart drawn with rectangles."""
        self.section(title)
        if not values or max(values) == 0:
            self.set_font("Helvetica", "", 9)
            self.cell(0, 5, "belum ada data / no data yet", new_x="LMARGIN", new_y="NEXT")
            return
        top, height, left = self.get_y() + 2, 35.0, self.l_margin
        width = min(150.0 / max(len(values), 1), 14.0)
        peak = max(values)
        self.set_fill_color(11, 110, 79)
        self.set_font("Helvetica", "", 7)
        for index, (label, value) in enumerate(zip(labels, values, strict=True)):
            bar = height * value / peak
            x = left + index * (width + 2)
            self.rect(x, top + height - bar, width, bar, style="F")
            self.text(x, top + height + 4, latin(label)[:6])
            self.text(x, top + height - bar - 1, str(value))
        self.set_y(top + height + 8)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def member_statement(*, member: CoopMember, start: date | None, end: date | None) -> bytes:
    cooperative = member.cooperative
    period = (f"{start:%d-%m-%Y}" if start else "awal") + " s.d. " + (
        f"{end:%d-%m-%Y}" if end else f"{timezone.localdate():%d-%m-%Y}")
    doc = Document(heading=f"{cooperative.name} - Koperasi Desmigratif",
                   title=f"Rekening anggota / Member statement {member.label} ({period})",
                   synthetic=cooperative.synthetic or member.person.synthetic)
    doc.facts([("Nomor anggota / member no.", member.label),
               ("Nama / name", member.person.name),
               ("Desa / village", cooperative.programme_village.name),
               ("Masuk / joined", f"{member.joined_on:%d-%m-%Y}"),
               ("Keluar / left", f"{member.left_on:%d-%m-%Y}" if member.left_on else "-")])
    savings: Iterable[SavingsAccount] = member.savings_accounts.select_related(
        "ledger_account").order_by("kind")
    for account in savings:
        opening, lines, closing = ledger_selectors.account_statement(
            account.ledger_account, start=start, end=end)
        doc.section(f"{account.get_kind_display()} ({account.ledger_account.code})")
        doc.facts([("Saldo awal / opening", rupiah(opening))])
        doc.grid(["Tanggal", "No.", "Keterangan", "Debit", "Kredit", "Saldo"],
                  [(f"{line.entry_date:%d-%m-%Y}", line.number, line.memo,
                    rupiah(line.debit) if line.debit else "", rupiah(line.credit)
                    if line.credit else "", rupiah(line.balance)) for line in lines],
                  [22, 12, 70, 26, 26, 30], align="LRLRRR")
        doc.facts([("Saldo akhir / closing", rupiah(closing))])
    loans: Iterable[Loan] = member.loans.order_by("number")
    today = end or timezone.localdate()
    for loan in loans:
        state = loan_state(loan, today)
        doc.section(f"Pinjaman / loan {loan.label}: {loan.get_purpose_display()}")
        doc.facts([
            ("Pokok / principal", rupiah(loan.principal)),
            ("Jasa per bulan / monthly rate", f"{loan.monthly_rate}%"),
            ("Jangka / term", f"{loan.term_months} bulan"),
            ("Status", loan.get_status_display()),
            ("Dicairkan / disbursed",
             f"{loan.disbursed_on:%d-%m-%Y}" if loan.disbursed_on else "-"),
            ("Sisa pokok / outstanding", rupiah(state.outstanding_principal)),
            ("Terlambat / days past due", str(state.days_past_due)),
        ] + ([("Negara tujuan / destination", country_name(loan.destination_country))]
             if loan.destination_country else []))
        if state.installments:
            doc.grid(["Ke", "Jatuh tempo", "Pokok", "Jasa", "Dibayar", "Status"],
                      [(s.installment.number, f"{s.installment.due_on:%d-%m-%Y}",
                        rupiah(s.installment.principal_due), rupiah(s.installment.interest_due),
                        rupiah(s.principal_paid + s.interest_paid),
                        "lunas" if s.settled else "belum") for s in state.installments],
                      [12, 28, 32, 28, 32, 28], align="RLRRRL")
    return doc.output_bytes()


def village_report(*, programme_village: ProgrammeVillage, indicators: Indicators,
                   businesses: Sequence[tuple[str, str, str, int]],
                   activities: Sequence[tuple[str, int, int]]) -> bytes:
    village = programme_village.village
    doc = Document(heading="Lindung - Desa Migran Produktif (Desmigratif)",
                   title=f"Laporan desa / village report: {village.name} ({village.code})",
                   synthetic=programme_village.synthetic)
    doc.facts([
        ("Kabupaten/kota", programme_village.regency.name),
        ("Angkatan / cohort", str(programme_village.cohort_year)
         + (" (Program Khusus NTT)" if programme_village.special_ntt else "")),
        ("Status", programme_village.get_status_display()),
        ("Petugas desa / officers", str(programme_village.officers.count())),
    ])
    ind = indicators
    doc.section("Pilar 1 - Layanan migrasi / migration services")
    doc.facts([("Rumah tangga PMI / households", ind.households),
               ("Anggota / members", ind.members),
               ("Sedang di luar negeri / abroad now", ind.abroad_now),
               ("Purna PMI / returned", ind.returned),
               ("Berangkat non-prosedural / non-procedural departures", ind.non_procedural_total)])
    years = sorted(ind.departures_by_year)
    doc.bars("Keberangkatan non-prosedural per tahun / non-procedural departures by year",
             [str(y) for y in years],
             [ind.departures_by_year[y]["non_procedural"] for y in years])
    if ind.prevented_by_year is not None:
        prevented = sorted(ind.prevented_by_year)
        doc.facts([("Dicegah satgas / prevented by the task force",
                    ", ".join(f"{y}: {ind.prevented_by_year[y]}" for y in prevented) or "0")])
    doc.section("Pilar 2 - Usaha produktif / productive business")
    doc.facts([("Kelompok usaha aktif / active groups",
                f"{ind.businesses_active} dari {ind.businesses_total}"),
               ("Omzet 12 bulan / turnover 12 months", rupiah(ind.turnover_12m))])
    if businesses:
        doc.grid(["Kelompok", "Produk", "Potensi", "Anggota"], businesses, [60, 60, 45, 20],
                  align="LLLR")
    doc.section("Pilar 3 - Community parenting")
    doc.facts([("Anak PMI / children", ind.children),
               ("Ikut community parenting / enrolled", ind.children_enrolled),
               ("KIS diterima / KIS received", ind.card_received("kis")),
               ("KIP diterima / KIP received", ind.card_received("kip")),
               ("Kartu masih diurus / cards pending",
                ind.card_waiting("kis") + ind.card_waiting("kip"))])
    if activities:
        doc.grid(["Kegiatan", "Kali", "Kehadiran"], activities, [90, 30, 30], align="LRR")
    doc.section("Pilar 4 - Koperasi dan remitansi / cooperative and remittances")
    uses = ind.remittance_by_use
    doc.facts([("Anggota koperasi / members", ind.coop_members),
               ("Simpanan anggota / members' savings", rupiah(ind.savings_total)),
               ("Pinjaman beredar / outstanding loans", rupiah(ind.portfolio.outstanding)),
               ("PAR30", percent(ind.portfolio.par_percent)),
               ("Remitansi diterima / remittances received", rupiah(ind.remittances_received)),
               ("Produktif / productive", rupiah(uses.get(RemittanceUse.PRODUCTIVE, 0))),
               ("Konsumtif / consumptive", rupiah(uses.get(RemittanceUse.CONSUMPTIVE, 0))),
               ("Tabungan / savings", rupiah(uses.get(RemittanceUse.SAVINGS, 0))),
               ("Bagian produktif / productive share", percent(ind.productive_share))])
    return doc.output_bytes()
