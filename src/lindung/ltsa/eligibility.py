"""Eligibility of an application, computed from facts, never typed in.

A file is ready to depart on a day when: the worker is at least 18 on the planned departure
date (UU 18/2017 art. 5); every checklist item is verified and none of the dated documents
expires before departure (art. 13); the job order is open, within its dates and within its
quota; its agency holds a SIP3MI licence in force; and no overcharge complaint on the file
is still open (a certificate would tell the port the departure is safe while the worker's
complaint that they were charged above the official fees is unanswered, UU 18/2017 art. 30).
Each unmet condition is one
:class:`MissingReason`, in Bahasa Indonesia and English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from django.utils import translation

from lindung.ltsa import checklist
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.choices import JobOrderStatus

ADULT_AGE = 18


@dataclass(frozen=True)
class MissingReason:
    code: str
    id: str
    en: str
    desk: str = ""

    def __str__(self) -> str:
        return self.text(translation.get_language() or "id")

    def text(self, language: str) -> str:
        return self.en if language.startswith("en") else self.id


@dataclass(frozen=True)
class ItemFact:
    code: str
    status: str
    expires_on: date | None


@dataclass(frozen=True)
class JobOrderFact:
    permit_number: str
    status: str
    valid_from: date
    valid_until: date
    quota: int
    filled: int


@dataclass(frozen=True)
class Eligibility:
    missing: list[MissingReason] = field(default_factory=list)
    job_order_valid: bool = False
    agency_licensed: bool = False

    @property
    def ready(self) -> bool:
        return not self.missing

    def texts(self, language: str) -> list[str]:
        return [reason.text(language) for reason in self.missing]


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month,
                                                                  birth_date.day))


def job_order_problems(job: JobOrderFact, on: date) -> list[MissingReason]:
    problems: list[MissingReason] = []
    if job.status != JobOrderStatus.OPEN:
        problems.append(MissingReason(
            "job_order_closed", f"Job order {job.permit_number} tidak dibuka lagi",
            f"Job order {job.permit_number} is no longer open"))
    if on > job.valid_until:
        problems.append(MissingReason(
            "job_order_expired",
            f"Job order {job.permit_number} berakhir {job.valid_until:%d-%m-%Y}",
            f"Job order {job.permit_number} expired on {job.valid_until:%Y-%m-%d}"))
    elif on < job.valid_from:
        problems.append(MissingReason(
            "job_order_not_yet_valid",
            f"Job order {job.permit_number} baru berlaku {job.valid_from:%d-%m-%Y}",
            f"Job order {job.permit_number} is valid only from {job.valid_from:%Y-%m-%d}"))
    if job.filled > job.quota:
        problems.append(MissingReason(
            "job_order_over_quota",
            f"Job order {job.permit_number} melebihi kuota ({job.filled}/{job.quota})",
            f"Job order {job.permit_number} is over its quota ({job.filled}/{job.quota})"))
    return problems


def evaluate(*, birth_date: date | None, planned_departure: date, on: date,
             job_order: JobOrderFact, agency_licensed: bool,
             items: Iterable[ItemFact], open_complaints: int = 0) -> Eligibility:
    missing: list[MissingReason] = []
    if birth_date is None:
        missing.append(MissingReason("birth_date_unknown", "Tanggal lahir belum tercatat",
                                     "Birth date is not recorded"))
    elif age_on(birth_date, planned_departure) < ADULT_AGE:
        missing.append(MissingReason(
            "under_age",
            f"Belum berusia {ADULT_AGE} tahun pada tanggal berangkat "
            f"{planned_departure:%d-%m-%Y}",
            f"Under {ADULT_AGE} on the departure date {planned_departure:%Y-%m-%d}"))
    for item in sorted(items, key=lambda i: checklist.POSITION.get(i.code, 99)):
        spec = checklist.BY_CODE.get(item.code)
        if spec is None:
            continue
        with translation.override("id"):
            label = str(spec.label)
        if item.status == ItemStatus.PENDING:
            missing.append(MissingReason(f"item_pending:{item.code}",
                                         f"{label}: belum diverifikasi",
                                         f"{spec.label_en}: not verified yet", spec.desk))
        elif item.status == ItemStatus.REJECTED:
            missing.append(MissingReason(f"item_rejected:{item.code}",
                                         f"{label}: ditolak, perlu diajukan ulang",
                                         f"{spec.label_en}: rejected, to be brought again",
                                         spec.desk))
        elif spec.expires and (item.expires_on is None or item.expires_on < planned_departure):
            missing.append(MissingReason(
                f"item_expired:{item.code}",
                f"{label}: kedaluwarsa sebelum tanggal berangkat",
                f"{spec.label_en}: expires before the departure date", spec.desk))
    job_problems = job_order_problems(job_order, on)
    missing.extend(job_problems)
    if not agency_licensed:
        missing.append(MissingReason(
            "agency_not_licensed", "P3MI tidak memiliki SIP3MI yang berlaku",
            "The placement agency holds no licence (SIP3MI) in force"))
    if open_complaints:
        missing.append(MissingReason(
            "complaint_open",
            f"Pengaduan biaya di atas jadwal resmi pada berkas ini belum selesai "
            f"({open_complaints})",
            f"An overcharge complaint on this file is still open ({open_complaints})",
            "complaints"))
    return Eligibility(missing=missing, job_order_valid=not job_problems,
                       agency_licensed=agency_licensed)
