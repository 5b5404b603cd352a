"""Synthetic census sheets (Indonesian names from the matching engine's pools, NIKs that
agree with birth date, sex and the village's district): for the demo and the benchmark.
Nothing here is real data; records made from these rows are marked synthetic."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from datetime import timedelta
from typing import Any

from lindung.matching.synthetic import make_person

HEADERS: tuple[str, ...] = (
    "Kode Desa", "No KK", "Nama", "NIK", "Jenis Kelamin", "Tempat Lahir", "Tgl Lahir",
    "Hubungan", "No HP", "Negara Tujuan", "Majikan", "P3MI", "Tgl Berangkat", "Prosedural",
    "Tgl Pulang", "Sekolah", "KIS", "KIP")

COUNTRIES = ("Malaysia", "Malaysia", "Malaysia", "Hong Kong", "Taiwan", "Singapura",
             "Arab Saudi", "Brunei")
EMPLOYERS = ("Ladang sawit Sabah", "Keluarga Tan", "Kilang Johor", "Restoran Kowloon",
             "Pabrik Taichung", "Keluarga Lim", "Konstruksi Kuching")
AGENCIES = ("PT Maju Jaya Sejahtera", "PT Bina Tenaga Insani", "PT Flobamora Karya",
            "")
SCHOOL = {range(0, 4): "belum sekolah", range(4, 7): "PAUD", range(7, 13): "SD",
          range(13, 16): "SMP", range(16, 19): "SMA"}


class NikMaker:
    """Unique, well-formed NIKs for one district."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self, district_code: str, born: date, sex: str) -> str:
        prefix = district_code.replace(".", "")[:6]
        day = born.day + (40 if sex == "F" else 0)
        stem = f"{prefix}{day:02d}{born.month:02d}{born.year % 100:02d}"
        while True:
            nik = f"{stem}{self.rng.randint(1, 9999):04d}"
            if nik not in self.used:
                self.used.add(nik)
                return nik


def _born(rng: random.Random, today: date, low: int, high: int) -> date:
    return today - timedelta(days=rng.randint(low * 365, high * 365 + 364))


def _school(age: int) -> str:
    for years, label in SCHOOL.items():
        if age in years:
            return label
    return ""


def household_rows(rng: random.Random, *, village_code: str, today: date,
                   niks: NikMaker, kk_serial: int) -> list[list[Any]]:
    """One household: head, spouse, 0-4 children, sometimes a grandparent. About one in
    three households has a member abroad (40% of them non-procedural), some returned."""
    district = ".".join(village_code.split(".")[:3])
    kk = f"{district.replace('.', '')}{kk_serial:010d}"
    head_sex = "M" if rng.random() < 0.8 else "F"
    family = make_person(rng, culture="ntt").name.split()[-1]
    rows: list[list[Any]] = []

    def person(sex: str, born: date, relation: str, *, with_nik: float = 0.9) -> list[Any]:
        given = make_person(rng, culture="ntt").name.split()[0]
        while (sex == "F") != (given[-1] in "aeiy"):
            given = make_person(rng, culture="ntt").name.split()[0]
            if rng.random() < 0.3:
                break
        nik = niks(district, born, sex) if rng.random() < with_nik else ""
        return [village_code, kk if not rows else "", f"{given} {family}", nik,
                "L" if sex == "M" else "P", rng.choice(("Kupang", "Soe", "Atambua", "Kefa")),
                born.strftime("%d-%m-%Y"), relation, "", "", "", "", "", "", "", "", "", ""]

    head_born = _born(rng, today, 28, 60)
    rows.append(person(head_sex, head_born, "Kepala Keluarga", with_nik=0.98))
    if rng.random() < 0.85:
        rows.append(person("F" if head_sex == "M" else "M", _born(rng, today, 24, 55),
                           "Istri" if head_sex == "M" else "Suami"))
    for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4))):
        age = rng.randint(0, 22)
        child = person(rng.choice("MF"), _born(rng, today, age, age), "Anak", with_nik=0.7)
        if age < 18:
            child[15] = _school(age)
            child[16] = rng.choice(("Ya", "Ya", "Belum", ""))
            child[17] = rng.choice(("Ya", "Belum", "Proses", "")) if age >= 6 else ""
        rows.append(child)
    if rng.random() < 0.15:
        rows.append(person(rng.choice("MF"), _born(rng, today, 60, 80), "Orang Tua"))
    if rng.random() < 0.35:
        adults = [row for row in rows if row[7] != "Anak" or _age(row[6], today) >= 18]
        _abroad(rng.choice(adults), rng, today)
    return rows


def _abroad(worker: list[Any], rng: random.Random, today: date) -> None:
    """Fill a member's stay abroad: country, employer, agency when procedural (60%), the
    departure (a full date or the year only) and sometimes the return."""
    departed = today - timedelta(days=rng.randint(60, 9 * 365))
    worker[9] = rng.choice(COUNTRIES)
    worker[10] = rng.choice(EMPLOYERS)
    procedural = rng.random() < 0.6
    worker[11] = rng.choice(AGENCIES) if procedural else ""
    worker[12] = departed.strftime("%d-%m-%Y") if rng.random() < 0.8 else str(departed.year)
    worker[13] = "Ya" if procedural else "Tidak"
    if rng.random() < 0.25:
        back = departed + timedelta(days=rng.randint(365, 3 * 365))
        if back < today:
            worker[14] = back.strftime("%d-%m-%Y")


def _age(born_text: str, today: date) -> int:
    day, month, year = (int(part) for part in born_text.split("-"))
    return today.year - year - ((today.month, today.day) < (month, day))


def census_rows(rng: random.Random, *, village_codes: list[str], rows: int,
                today: date) -> Iterator[list[Any]]:
    """About `rows` data rows (whole households), spread over the villages."""
    niks = NikMaker(rng)
    made = 0
    serial = 0
    while made < rows:
        serial += 1
        village = village_codes[serial % len(village_codes)]
        for row in household_rows(rng, village_code=village, today=today, niks=niks,
                                  kk_serial=serial):
            if made >= rows:
                return
            made += 1
            yield row
