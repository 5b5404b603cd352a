"""Printable documents of the LTSA (on the kernel's `common.pdf.Document`: the font that
prints every name as written, the letterhead, the footer): the registration receipt, the
checklist, the ready-to-depart certificate with its QR code, payment receipts."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lindung.common.pdf import Document
from lindung.directory.choices import Desk
from lindung.ltsa import checklist
from lindung.ltsa.certificates import printed_code
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.choices import PaymentFlag
from lindung.ltsa.eligibility import Eligibility
from lindung.ltsa.models import Application
from lindung.ltsa.models import Payment

_STATUS = {ItemStatus.PENDING: gettext_lazy("menunggu"),
           ItemStatus.VERIFIED: gettext_lazy("terverifikasi"),
           ItemStatus.REJECTED: gettext_lazy("ditolak")}


class _Document(Document):
    def __init__(self, title: str, synthetic: bool) -> None:
        super().__init__(title=title, heading="Lindung - LTSA-PPPMI", synthetic=synthetic)


def _application_facts(application: Application) -> list[tuple[str, object]]:
    job = application.job_order
    return [
        (_("Nomor berkas"), application.number),
        ("LTSA", application.centre.shown_name),
        (_("Nama"), application.person.name),
        (_("Tanggal lahir"), f"{application.person.birth_date:%d-%m-%Y}"
         if application.person.birth_date else "-"),
        ("Job order (SIP2MI)", job.permit_number),
        ("P3MI", job.agency.name),
        (_("Tujuan"), f"{job.get_destination_country_display()} - "
                                 f"{job.occupation.shown_name}"),
        (_("Rencana berangkat"), f"{application.planned_departure:%d-%m-%Y}"),
    ]


def centre_contacts(application: Application) -> list[tuple[str, object]]:
    """The centre's address and phone, where the applicant goes back to (when recorded)."""
    centre = application.centre
    contacts: list[tuple[str, object]] = []
    if centre.address:
        contacts.append((_("Alamat LTSA"), centre.address))
    if centre.phone:
        contacts.append((_("Telepon LTSA"), centre.phone))
    if centre.email:
        contacts.append((_("Surel LTSA"), centre.email))
    return contacts


def registration_receipt_pdf(application: Application, receipt_code: str | None, *,
                             base_url: str = "") -> bytes:
    """The receipt the applicant takes home. `base_url`: the site's public address
    (common.links.public_base), so that the addresses printed on it can be typed in."""
    track, fees, report = (f"{base_url}/ltsa/track/", f"{base_url}/ltsa/fees/",
                           f"{base_url}/reports/new/")
    doc = _Document(_("Tanda terima pendaftaran"), application.synthetic)
    doc.facts([*_application_facts(application), *centre_contacts(application),
               (_("Terdaftar"),
                timezone.localtime(application.created_at).strftime("%d-%m-%Y %H:%M"))])
    if receipt_code:
        doc.set_font("Courier", "B", 14)
        doc.cell(0, 10, receipt_code, new_x="LMARGIN", new_y="NEXT", align="C")
        doc.paragraph(_("Simpan kode ini. Dengan kode ini dan tanggal lahir Anda, ikuti "
                        "permohonan di %(track)s tanpa akun. Kode hanya dicetak sekali.")
                          % {"track": track})
    else:
        doc.paragraph(_("Kode tanda terima tidak dicetak ulang. Minta petugas menerbitkan kode "
                        "baru."))
    doc.paragraph(_("Biaya resmi tercantum di %(fees)s. Jangan membayar lebih, dan laporkan "
                    "pungutan liar di %(report)s.") % {"fees": fees, "report": report})
    return doc.output_bytes()


def checklist_pdf(application: Application, eligibility: Eligibility) -> bytes:
    doc = _Document(_("Daftar periksa dokumen"), application.synthetic)
    doc.facts(_application_facts(application))
    items = {item.code: item for item in application.items.all()}
    for desk in Desk:
        entries = [e for e in checklist.CHECKLIST if e.desk == desk and e.code in items]
        if not entries:
            continue
        doc.section(_("Loket %(desk)s") % {"desk": desk.label})
        for entry in entries:
            item = items[entry.code]
            status = _STATUS.get(ItemStatus(item.status), item.status)
            extra = (_(", berlaku s.d. %(date)s") % {"date": f"{item.expires_on:%d-%m-%Y}"}
                     if item.expires_on else "")
            if item.status == ItemStatus.REJECTED:
                extra += f" ({item.get_rejection_reason_display()})"
            doc.paragraph(f"[{'x' if item.status == ItemStatus.VERIFIED else ' '}] "
                          f"{entry.label} - {status}{extra}", size=9)
    doc.ln(2)
    doc.set_font(doc.FAMILY, "B", 11)
    if eligibility.ready:
        doc.cell(0, 7, _("SIAP BERANGKAT"), new_x="LMARGIN", new_y="NEXT")
    else:
        doc.cell(0, 7, _("Yang masih kurang"), new_x="LMARGIN", new_y="NEXT")
        for reason in eligibility.missing:
            doc.paragraph(f"- {reason}", size=9)
    return doc.output_bytes()


def certificate_pdf(application: Application, verify_url: str) -> bytes:
    doc = _Document(_("Sertifikat siap berangkat"),
                    application.synthetic)
    issued = application.certificate_issued_at
    serial = printed_code(application.certificate_code) or "-"
    doc.facts([*_application_facts(application),
               (_("Diterbitkan"), f"{timezone.localtime(issued):%d-%m-%Y %H:%M}"
                if issued else "-"),
               (_("Nomor seri"), serial)])
    doc.paragraph(_("Berkas ini telah diverifikasi oleh seluruh loket LTSA dan memenuhi syarat "
                    "penempatan (UU 18/2017 pasal 5 dan 13). Petugas pemeriksa di tempat "
                    "keberangkatan memindai kode QR untuk memeriksa keasliannya."))
    doc.qr(verify_url)
    doc.set_font(doc.FAMILY, "B", 14)
    doc.multi_cell(0, 8, _("Nomor seri: %(serial)s") % {"serial": serial},
                   new_x="LMARGIN", new_y="NEXT", align="C")
    doc.set_font(doc.FAMILY, "", 7)
    doc.multi_cell(0, 4, _("Tanpa pemindai: petugas mengetik nomor seri di /ltsa/verify/"),
                   new_x="LMARGIN", new_y="NEXT", align="C")
    doc.multi_cell(0, 4, verify_url, new_x="LMARGIN", new_y="NEXT", align="C")
    return doc.output_bytes()


def payment_receipt_pdf(payment: Payment) -> bytes:
    application = payment.application
    doc = _Document(_("Tanda terima pembayaran"), application.synthetic)
    doc.facts([
        (_("Nomor tanda terima"), payment.receipt_number),
        (_("Nomor berkas"), application.number),
        (_("Nama"), application.person.name),
        (_("Komponen"), payment.get_component_display()),
        (_("Jumlah"), f"{payment.amount:,.2f} {payment.currency}"),
        (_("Dibayar kepada"), payment.paid_to),
        (_("Tanggal"), f"{payment.paid_on:%d-%m-%Y}"),
        (_("Kuitansi penerima"), payment.payer_reference or "-"),
        (_("Batas resmi"),
         f"{payment.allowed_amount:,.2f} {payment.allowed_currency}"
         if payment.allowed_amount is not None else "-"),
    ])
    if payment.flag:
        doc.set_font(doc.FAMILY, "B", 11)
        doc.multi_cell(0, 6, _("DITANDAI: %(flag)s. Pengaduan telah dibuat.")
                       % {"flag": PaymentFlag(payment.flag).label},
                       new_x="LMARGIN", new_y="NEXT")
    return doc.output_bytes()
