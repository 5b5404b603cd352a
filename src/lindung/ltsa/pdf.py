"""Printable documents (fpdf2, built-in fonts, no outside resources): the registration
receipt, the checklist, the ready-to-depart certificate with its QR code, payment receipts.

The built-in PDF fonts cover Latin-1; text outside it is transliterated to ASCII so a name
never breaks a document.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable

import segno
from django.utils import timezone
from fpdf import FPDF

from lindung.common.pdfrows import label_value
from lindung.directory.models import Desk
from lindung.ltsa import checklist
from lindung.ltsa.certificates import printed_code
from lindung.ltsa.eligibility import Eligibility
from lindung.ltsa.models import Application, ItemStatus, Payment, PaymentFlag

_STATUS = {ItemStatus.PENDING: "menunggu / pending", ItemStatus.VERIFIED: "terverifikasi / "
           "verified", ItemStatus.REJECTED: "ditolak / rejected"}


def _latin(text: object) -> str:
    value = str(text)
    try:
        value.encode("latin-1")
        return value
    except UnicodeEncodeError:
        folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        return folded.replace("\u2014", "-")


class _Document(FPDF):
    def __init__(self, title: str, synthetic: bool) -> None:
        super().__init__(format="A4")
        self.doc_title = title
        self.synthetic = synthetic
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(_latin(title))
        self.set_creator("Lindung")
        self.add_page()

    def header(self) -> None:
        self.set_font("Helvetica", "B", 13)
        self.cell(0, 8, "Lindung - LTSA-PPPMI", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 11)
        self.cell(0, 6, _latin(self.doc_title), new_x="LMARGIN", new_y="NEXT")
        if self.synthetic:
            self.set_font("Helvetica", "B", 10)
            self.cell(0, 6, "DATA SINTETIS / CONTOH - bukan dokumen resmi (synthetic demo data)",
                      new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, f"Dicetak / printed {timezone.localtime():%Y-%m-%d %H:%M} - "
                        f"halaman {self.page_no()}", align="C")

    def facts(self, rows: Iterable[tuple[str, object]]) -> None:
        for label, value in rows:
            label_value(self, _latin(label), _latin(value), label_width=55, line=6)
        self.ln(2)

    def paragraph(self, text: str, size: int = 10) -> None:
        self.set_font("Helvetica", "", size)
        self.multi_cell(0, 5, _latin(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def _application_facts(application: Application) -> list[tuple[str, object]]:
    job = application.job_order
    return [
        ("Nomor berkas / File", application.number),
        ("LTSA", application.centre.name),
        ("Nama / Name", application.person.name),
        ("Tanggal lahir / Born", f"{application.person.birth_date:%d-%m-%Y}"
         if application.person.birth_date else "-"),
        ("Job order (SIP2MI)", job.permit_number),
        ("P3MI", job.agency.name),
        ("Tujuan / Destination", f"{job.get_destination_country_display()} - "
                                 f"{job.occupation.name}"),
        ("Rencana berangkat / Departure", f"{application.planned_departure:%d-%m-%Y}"),
    ]


def centre_contacts(application: Application) -> list[tuple[str, object]]:
    """The centre's address and phone, where the applicant goes back to (when recorded)."""
    centre = application.centre
    contacts: list[tuple[str, object]] = []
    if centre.address:
        contacts.append(("Alamat LTSA / Centre address", centre.address))
    if centre.phone:
        contacts.append(("Telepon LTSA / Centre phone", centre.phone))
    if centre.email:
        contacts.append(("Surel LTSA / Centre e-mail", centre.email))
    return contacts


def registration_receipt_pdf(application: Application, receipt_code: str | None, *,
                             base_url: str = "") -> bytes:
    """The receipt the applicant takes home. `base_url`: the site's public address
    (common.links.public_base), so that the addresses printed on it can be typed in."""
    track, fees, report = (f"{base_url}/ltsa/track/", f"{base_url}/ltsa/fees/",
                           f"{base_url}/reports/new/")
    doc = _Document("Tanda terima pendaftaran / Registration receipt", application.synthetic)
    doc.facts([*_application_facts(application), *centre_contacts(application),
               ("Terdaftar / Registered",
                timezone.localtime(application.created_at).strftime("%d-%m-%Y %H:%M"))])
    if receipt_code:
        doc.set_font("Courier", "B", 14)
        doc.cell(0, 10, receipt_code, new_x="LMARGIN", new_y="NEXT", align="C")
        doc.paragraph(f"Simpan kode ini. Dengan kode ini dan tanggal lahir Anda, ikuti permohonan "
                      f"di {track} tanpa akun. Kode hanya dicetak sekali. / Keep this code: "
                      f"with it and your birth date you follow your application at {track}, "
                      "without an account. It is printed only once.")
    else:
        doc.paragraph("Kode tanda terima tidak dicetak ulang. Minta petugas menerbitkan kode baru."
                      " / The receipt code is not reprinted; ask an officer for a new code.")
    doc.paragraph(f"Biaya resmi tercantum di {fees}. Jangan membayar lebih, dan laporkan "
                  f"pungutan liar di {report}. / Official fees are at {fees}; report "
                  f"any other charge at {report}.")
    return doc.output_bytes()


def checklist_pdf(application: Application, eligibility: Eligibility) -> bytes:
    doc = _Document("Daftar periksa dokumen / Document checklist", application.synthetic)
    doc.facts(_application_facts(application))
    items = {item.code: item for item in application.items.all()}
    for desk in Desk:
        entries = [e for e in checklist.CHECKLIST if e.desk == desk and e.code in items]
        if not entries:
            continue
        doc.set_font("Helvetica", "B", 11)
        doc.cell(0, 7, _latin(f"Loket {desk.label}"), new_x="LMARGIN", new_y="NEXT")
        for entry in entries:
            item = items[entry.code]
            status = _STATUS.get(ItemStatus(item.status), item.status)
            extra = f", berlaku s.d. {item.expires_on:%d-%m-%Y}" if item.expires_on else ""
            if item.status == ItemStatus.REJECTED:
                extra += f" ({item.get_rejection_reason_display()})"
            doc.paragraph(f"[{'x' if item.status == ItemStatus.VERIFIED else ' '}] "
                          f"{entry.label} - {status}{extra}", size=9)
    doc.ln(2)
    doc.set_font("Helvetica", "B", 11)
    if eligibility.ready:
        doc.cell(0, 7, "SIAP BERANGKAT / READY TO DEPART", new_x="LMARGIN", new_y="NEXT")
    else:
        doc.cell(0, 7, "Yang masih kurang / Still missing:", new_x="LMARGIN", new_y="NEXT")
        for reason in eligibility.missing:
            doc.paragraph(f"- {reason}", size=9)
    return doc.output_bytes()


def certificate_pdf(application: Application, verify_url: str) -> bytes:
    doc = _Document("Sertifikat siap berangkat / Ready-to-depart certificate",
                    application.synthetic)
    issued = application.certificate_issued_at
    serial = printed_code(application.certificate_code) or "-"
    doc.facts([*_application_facts(application),
               ("Diterbitkan / Issued", f"{timezone.localtime(issued):%d-%m-%Y %H:%M}"
                if issued else "-"),
               ("Nomor seri / Serial", serial)])
    doc.paragraph("Berkas ini telah diverifikasi oleh seluruh loket LTSA dan memenuhi syarat "
                  "penempatan (UU 18/2017 pasal 5 dan 13). Petugas pemeriksa di tempat "
                  "keberangkatan memindai kode QR untuk memeriksa keasliannya. / All desks have "
                  "verified this file; screening officers scan the QR code to check it.")
    qr = segno.make(verify_url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    # The QR is also a link annotation carrying the same URL (clickable on screen).
    doc.image(buffer, x=doc.w / 2 - 30, w=60, link=verify_url)
    doc.set_font("Helvetica", "B", 14)
    doc.multi_cell(0, 8, _latin(f"Nomor seri / Serial: {serial}"), new_x="LMARGIN",
                   new_y="NEXT", align="C")
    doc.set_font("Helvetica", "", 7)
    doc.multi_cell(0, 4, _latin("Tanpa pemindai: petugas mengetik nomor seri di /ltsa/verify/ "
                                "/ Without a scanner: officers type the serial at "
                                "/ltsa/verify/"), new_x="LMARGIN", new_y="NEXT", align="C")
    doc.multi_cell(0, 4, _latin(verify_url), new_x="LMARGIN", new_y="NEXT", align="C")
    return doc.output_bytes()


def payment_receipt_pdf(payment: Payment) -> bytes:
    application = payment.application
    doc = _Document("Tanda terima pembayaran / Payment receipt", application.synthetic)
    doc.facts([
        ("Nomor tanda terima / Receipt", payment.receipt_number),
        ("Nomor berkas / File", application.number),
        ("Nama / Name", application.person.name),
        ("Komponen / Component", payment.get_component_display()),
        ("Jumlah / Amount", f"{payment.amount:,.2f} {payment.currency}"),
        ("Dibayar kepada / Paid to", payment.paid_to),
        ("Tanggal / Date", f"{payment.paid_on:%d-%m-%Y}"),
        ("Kuitansi penerima / Payee ref.", payment.payer_reference or "-"),
        ("Batas resmi / Official limit",
         f"{payment.allowed_amount:,.2f} {payment.allowed_currency}"
         if payment.allowed_amount is not None else "-"),
    ])
    if payment.flag:
        doc.set_font("Helvetica", "B", 11)
        doc.multi_cell(0, 6, _latin(f"DITANDAI / FLAGGED: {PaymentFlag(payment.flag).label} "
                                    f"({payment.flag}). Pengaduan telah dibuat. / A complaint "
                                    "has been raised."), new_x="LMARGIN", new_y="NEXT")
    return doc.output_bytes()
