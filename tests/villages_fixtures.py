"""Fixtures for the Desmigratif tests (import `villages_fixture`, `cooperative_fixture`
into a test module to use the fixtures `villages`, `cooperative`): a programme village in
NTT (Oenesu, the village officer's village) and one in Jawa Barat, a cooperative with cash,
and sheet builders."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import Workbook

from lindung.regions.models import Region
from lindung.villages.models import Cooperative, ProgrammeVillage
from lindung.villages.services.cooperative import capital_receive, cooperative_create
from lindung.villages.services.programme import (
    programme_village_create,
    programme_village_officer_add,
)
from tests.conftest import JABAR_VILLAGE, NTT_VILLAGE, World


@dataclass
class Villages:
    world: World
    ntt: ProgrammeVillage
    jabar: ProgrammeVillage

    def client_for(self, name: str) -> Any:
        return self.world.client_for(name)


@pytest.fixture(name="villages")
def villages_fixture(world: World) -> Villages:
    ntt = programme_village_create(actor=None, village=Region.objects.get(code=NTT_VILLAGE),
                                   cohort_year=2017, special_ntt=True)
    programme_village_officer_add(actor=None, programme_village=ntt,
                                  officer=world.users["village_officer"])
    jabar = programme_village_create(actor=None,
                                     village=Region.objects.get(code=JABAR_VILLAGE),
                                     cohort_year=2018)
    return Villages(world=world, ntt=ntt, jabar=jabar)


def months_ago(months: int, day: int = 5) -> date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, day)


@pytest.fixture(name="cooperative")
def cooperative_fixture(villages: Villages) -> Cooperative:
    coop = cooperative_create(actor=None, programme_village=villages.ntt,
                              name="Koperasi Desmigratif Oenesu",
                              founded_on=months_ago(14, 1))
    capital_receive(actor=None, cooperative=coop, amount=50_000_000, on=months_ago(13, 2),
                    memo="Modal awal dari Kemnaker")
    return coop


def xlsx(rows: list[list[Any]], sheet: str = "Sensus") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEADERS = ["No KK", "Nama", "NIK", "JK", "Tgl Lahir", "Hubungan", "Negara Tujuan", "Majikan",
           "PPTKIS", "Tgl Berangkat", "Prosedural", "Tgl Pulang", "Sekolah", "KIS", "KIP"]


def census_rows() -> list[list[Any]]:
    """Two households (one by KK, one without), a worker abroad, a returned worker,
    children with school and card status, and three bad rows."""
    ten_years_ago = (timezone.localdate() - timedelta(days=3650)).strftime("%d-%m-%Y")
    return [
        HEADERS,
        ["5301050101170001", "Yohanes Benu", "5301051203800001", "L", "12-03-1980",
         "Kepala Keluarga", "", "", "", "", "", "", "", "", ""],
        ["", "Maria Benu", "5301054507850002", "P", "05-07-1985", "Istri", "Malaysia",
         "Tan Ah Kow", "PT Maju Jaya", "01-02-2017", "Tidak", "", "", "", ""],
        ["", "Kristo Benu", "", "L", ten_years_ago, "Anak", "", "", "", "", "", "", "SD", "Ya",
         "Belum"],
        ["", "Salomi Tefa", "5301056102750003", "P", "21-02-1975", "Kepala Keluarga", "", "", "",
         "", "", "", "", "", ""],
        ["", "Agus Tefa", "", "L", "3 Agustus 1998", "Anak", "Hong Kong", "", "", "2016",
         "Ya", "15-01-2020", "", "", ""],
        ["", "Bad Nik", "5301051203800", "L", "01-01-1990", "Anak", "", "", "", "", "", "", "",
         "", ""],
        ["", "", "", "", "", "Anak", "", "", "", "", "", "", "", "", ""],
        ["", "Lina Tefa", "", "P", "31-02-2001", "Cucu", "Narnia", "", "", "", "", "", "", "",
         ""],
    ]


@dataclass
class VillageData:
    """One of everything in the NTT village (and a household in Jawa Barat)."""

    villages: Villages
    cooperative: Cooperative
    household: Any
    jabar_household: Any
    mother: Any
    child: Any
    stay: Any
    group: Any
    training: Any
    activity: Any
    member: Any
    loan: Any
    entry: Any
    remittance: Any
    census_import: Any
    service: Any


@pytest.fixture(name="village_data")
def village_data_fixture(villages: Villages, cooperative: Cooperative) -> VillageData:
    from lindung.people.models import HouseholdRelation
    from lindung.villages.models import ChildProfile, LoanPurpose, RemittanceChannel, StayAbroad
    from lindung.villages.services import business, census, imports, parenting
    from lindung.villages.services import cooperative as coop

    household = census.census_household_create(
        actor=None, programme_village=villages.ntt, address="Dusun II RT 03",
        family_card_number="5301050101170009",
        head=census.MemberInput(name="Markus Ndun", relation=HouseholdRelation.HEAD,
                                nik="5301051005780001"))
    mother = census.census_member_add(
        actor=None, census_household=household, member=census.MemberInput(
            name="Yuliana Ndun", relation=HouseholdRelation.SPOUSE, nik="5301055203820002",
            abroad=census.AbroadInput(country="MY", employer="Ladang sawit Sabah",
                                      placement_agency_name="", departed_on=months_ago(30),
                                      procedural=False)))
    child_person = census.census_member_add(
        actor=None, census_household=household, member=census.MemberInput(
            name="Nona Ndun", relation=HouseholdRelation.CHILD, sex="F",
            birth_date=timezone.localdate() - timedelta(days=9 * 365),
            child=census.ChildInput(school_status="primary", kis_status="needed", enrol=True)))
    jabar_household = census.census_household_create(
        actor=None, programme_village=villages.jabar,
        head=census.MemberInput(name="Ujang Suherman", relation=HouseholdRelation.HEAD,
                                nik="3204111203790001"))
    group = business.business_group_create(actor=None, programme_village=villages.ntt,
                                           name="Tenun Ikat Oenesu", product="kain tenun",
                                           potential="weaving")
    business.business_member_add(actor=None, group=group, person=mother, role="chair",
                                 joined_on=months_ago(3))
    business.turnover_report(actor=None, group=group, period=months_ago(1), turnover=2_500_000)
    training = business.training_create(actor=None, programme_village=villages.ntt,
                                        title="Pewarnaan alami", topic="technical",
                                        held_on=months_ago(2), group=group)
    activity = parenting.activity_create(actor=None, programme_village=villages.ntt,
                                         kind="reading_garden", title="Taman bacaan Sabtu",
                                         held_on=timezone.localdate())
    child = ChildProfile.objects.get(person=child_person)
    parenting.activity_attendance_set(actor=None, activity=activity, children=[child])
    member = coop.coop_member_add(actor=None, cooperative=cooperative, person=mother,
                                  joined_on=months_ago(12))
    loan = coop.loan_apply(actor=None, member=member, purpose=LoanPurpose.BUSINESS,
                           principal=3_000_000, term_months=6, applied_on=months_ago(4))
    coop.loan_decide(actor=None, loan=loan, approve=True, on=months_ago(4))
    entry = coop.loan_disburse(actor=None, loan=loan, on=months_ago(4))
    remittance = coop.remittance_record(actor=None, programme_village=villages.ntt,
                                        amount=4_000_000, received_on=months_ago(1),
                                        channel=RemittanceChannel.BANK,
                                        census_household=household, sender=mother, country="MY")
    coop.remittance_allocate(actor=None, remittance=remittance, use="productive",
                             amount=1_000_000, purpose="benang tenun")
    census_import = imports.census_import_create(
        actor=villages.world.users["village_officer"], programme_village=villages.ntt,
        file_name="sensus.xlsx", data=xlsx(census_rows()))
    service = census.service_log_add(actor=None, programme_village=villages.ntt,
                                     kind="cpmi_verification", served_on=timezone.localdate(),
                                     person=mother, cpmi_verified=True)
    return VillageData(villages=villages, cooperative=cooperative, household=household,
                       jabar_household=jabar_household, mother=mother, child=child,
                       stay=StayAbroad.objects.get(person=mother), group=group,
                       training=training, activity=activity, member=member, loan=loan,
                       entry=entry, remittance=remittance, census_import=census_import,
                       service=service)
