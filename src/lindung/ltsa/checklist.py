"""The checklist of an application: the documents of UU 18/2017 art. 13 and the desk steps
of PP 59/2021 art. 30-31, each owned by the desk that verifies it.

Reference data, cited per item. An item with ``expires`` must be verified with the date it
is valid until, and stops counting as complete when that date falls before departure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lindung.directory.choices import Desk

UU_18_2017 = "UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia"
PP_59_2021 = "PP 59/2021 tentang Pelaksanaan Pelindungan Pekerja Migran Indonesia, pasal 30-31"


@dataclass(frozen=True)
class ChecklistEntry:
    code: str
    desk: Desk
    label: str | Promise
    label_en: str
    basis: str
    expires: bool = False


CHECKLIST: tuple[ChecklistEntry, ...] = (
    ChecklistEntry("identity", Desk.CIVIL_REGISTRY,
                   _("Verifikasi data kependudukan (KTP-el, KK, NIK)"),
                   "Civil registry data verified (ID card, family card, NIK)",
                   f"{PP_59_2021} (loket kependudukan dan pencatatan sipil)"),
    ChecklistEntry("marital_status", Desk.CIVIL_REGISTRY,
                   _("Surat keterangan status perkawinan (dan buku nikah bila kawin)"),
                   "Marital status letter (and marriage book if married)",
                   f"{UU_18_2017}, pasal 13 huruf a"),
    ChecklistEntry("family_consent", Desk.CIVIL_REGISTRY,
                   _("Izin suami/istri, orang tua, atau wali yang diketahui kepala desa/lurah"),
                   "Permission of spouse, parents or guardian, known by the village head",
                   f"{UU_18_2017}, pasal 13 huruf b"),
    ChecklistEntry("competence_certificate", Desk.EMPLOYMENT,
                   _("Sertifikat kompetensi kerja"), "Work competence certificate",
                   f"{UU_18_2017}, pasal 13 huruf c", expires=True),
    ChecklistEntry("health_certificate", Desk.HEALTH,
                   _("Surat keterangan sehat (pemeriksaan kesehatan dan psikologi)"),
                   "Health and psychology certificate",
                   f"{UU_18_2017}, pasal 13 huruf d", expires=True),
    ChecklistEntry("passport", Desk.IMMIGRATION, _("Paspor"), "Passport",
                   f"{UU_18_2017}, pasal 13 huruf e", expires=True),
    ChecklistEntry("work_visa", Desk.IMMIGRATION, _("Visa kerja"), "Work visa",
                   f"{UU_18_2017}, pasal 13 huruf f", expires=True),
    ChecklistEntry("placement_agreement", Desk.EMPLOYMENT, _("Perjanjian penempatan"),
                   "Placement agreement", f"{UU_18_2017}, pasal 13 huruf g"),
    ChecklistEntry("work_contract", Desk.EMPLOYMENT, _("Perjanjian kerja"), "Work contract",
                   f"{UU_18_2017}, pasal 13 huruf h"),
    ChecklistEntry("police_certificate", Desk.POLICE,
                   _("Surat keterangan catatan kepolisian (SKCK)"),
                   "Police certificate of good conduct (SKCK)",
                   f"{PP_59_2021} (loket kepolisian)", expires=True),
    ChecklistEntry("social_security", Desk.SOCIAL_SECURITY,
                   _("Kepesertaan jaminan sosial (BPJS Ketenagakerjaan)"),
                   "Social security membership (BPJS Ketenagakerjaan)",
                   f"{UU_18_2017}, pasal 5 huruf d; {PP_59_2021} (loket jaminan sosial)"),
    ChecklistEntry("bank_account", Desk.BANKING,
                   _("Rekening bank untuk gaji dan remitansi"),
                   "Bank account for wages and remittances",
                   f"{PP_59_2021} (loket perbankan)"),
    ChecklistEntry("rights_and_fees_briefing", Desk.COMPLAINTS,
                   _("Penjelasan hak, biaya resmi, dan saluran pengaduan"),
                   "Briefing on rights, official fees and how to complain",
                   f"{PP_59_2021} (loket pengaduan dan informasi)"),
)

BY_CODE: dict[str, ChecklistEntry] = {entry.code: entry for entry in CHECKLIST}
POSITION: dict[str, int] = {entry.code: index for index, entry in enumerate(CHECKLIST)}


def entry(code: str) -> ChecklistEntry:
    return BY_CODE[code]


def desks_in_checklist() -> list[str]:
    seen: list[str] = []
    for item in CHECKLIST:
        if item.desk.value not in seen:
            seen.append(item.desk.value)
    return seen
