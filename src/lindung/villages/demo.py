"""Synthetic Desmigratif villages in NTT for the demo: programme villages of the special NTT
programme, a census imported through the same bulk path as real sheets, business groups,
children and activities, a cooperative with members, savings, loans and remittances, and a
service log. Everything is marked synthetic. Idempotent: a village already in the programme
is left alone."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from lindung.accounts.models import User
from lindung.core.roles import Role
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from lindung.regions.choices import RegionLevel
from lindung.regions.models import Region
from lindung.villages.choices import ActivityKind
from lindung.villages.choices import LoanPurpose
from lindung.villages.choices import LoanStatus
from lindung.villages.choices import RemittanceChannel
from lindung.villages.choices import RemittanceUse
from lindung.villages.choices import SavingsKind
from lindung.villages.choices import ServiceKind
from lindung.villages.choices import TrainingTopic
from lindung.villages.choices import VillagePotential
from lindung.villages.dates import add_months
from lindung.villages.models import CensusHousehold
from lindung.villages.models import ChildProfile
from lindung.villages.models import Cooperative
from lindung.villages.models import CoopMember
from lindung.villages.models import ProgrammeVillage
from lindung.villages.services import business
from lindung.villages.services import census
from lindung.villages.services import cooperative
from lindung.villages.services import imports
from lindung.villages.services import parenting
from lindung.villages.services.programme import officer_may_serve
from lindung.villages.services.programme import programme_village_create
from lindung.villages.services.programme import programme_village_officer_add
from lindung.villages.synthetic import HEADERS
from lindung.villages.synthetic import census_rows

# Regencies of the special NTT programme 2017 (the seed's list), in the seed's order.
NTT_2017_REGENCIES = ("53.71", "53.01", "53.03", "53.02", "53.04", "53.07", "53.18", "53.05",
                      "53.08", "53.06")
GROUPS = (("Tenun Ikat {v}", "kain tenun ikat", VillagePotential.WEAVING),
          ("Rumput Laut {v}", "rumput laut kering", VillagePotential.FISHERY),
          ("Ternak Babi {v}", "babi potong", VillagePotential.LIVESTOCK),
          ("Kios Purna PMI {v}", "sembako", VillagePotential.TRADE))


@dataclass
class DemoResult:
    villages: int = 0
    people: int = 0
    loans: int = 0
    remittances: int = 0
    skipped: list[str] = field(default_factory=list)


def officer_villages() -> list[Region]:
    """The villages of the active village officers (their scope at village level), so that
    each has their programme village to work in (e.g. desa.oenesu: Desa Oenesu)."""
    codes = (User.objects.filter(role=Role.VILLAGE_OFFICER, is_active=True,
                                 scope_region__level=RegionLevel.VILLAGE)
             .values_list("scope_region_id", flat=True))
    return list(Region.objects.filter(code__in=list(codes)).order_by("code"))


def demo_villages(count: int) -> list[Region]:
    """The villages of the demo's village officers first, then two villages in each regency
    of the 2017 NTT programme that is loaded."""
    chosen: list[Region] = officer_villages()
    count = max(count, len(chosen))
    for regency in NTT_2017_REGENCIES:
        villages = list(Region.objects.filter(level=RegionLevel.VILLAGE,
                                              code__startswith=regency + ".").order_by("code")[:2])
        chosen.extend(v for v in villages if v not in chosen)
        if len(chosen) >= count:
            break
    return chosen[:count]


def villages_demo_load(*, count: int = 6, households: int = 40, seed: int = 2019,
                       today: date | None = None) -> DemoResult:
    today = today or timezone.localdate()
    result = DemoResult()
    for index, village in enumerate(demo_villages(count)):
        if ProgrammeVillage.objects.filter(village=village).exists():
            result.skipped.append(village.code)
            continue
        rng = random.Random(f"{seed}-{village.code}")  # noqa: S311  synthetic data
        made = _village(village, rng=rng, households=households, today=today,
                        cohort=2017 + index % 2)
        result.villages += 1
        result.people += made[0]
        result.loans += made[1]
        result.remittances += made[2]
    return result


def _sheet(rows: list[list[object]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sensus")
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _village(village: Region, *, rng: random.Random, households: int, today: date,
             cohort: int) -> tuple[int, int, int]:
    with transaction.atomic():
        programme_village = programme_village_create(
            actor=None, village=village, cohort_year=cohort, special_ntt=True,
            post_address=f"Rumah Desmigratif, Kantor Desa {village.name}",
            note="Desa contoh (data sintetis)", synthetic=True)
        for officer in User.objects.filter(role=Role.VILLAGE_OFFICER, is_active=True):
            if officer_may_serve(officer, programme_village):
                programme_village_officer_add(actor=None, programme_village=programme_village,
                                              officer=officer)
    rows = list(census_rows(rng, village_codes=[village.code], rows=households * 4,
                            today=today))
    census_import = imports.census_import_create(
        actor=None, programme_village=programme_village, file_name=f"sensus-{village.code}.xlsx",
        data=_sheet(rows), census_date=today - timedelta(days=30), synthetic=True)
    imports.census_import_start(actor=None, census_import=census_import, enqueue=False)
    census_import = imports.census_import_run(census_import=census_import)
    with transaction.atomic():
        people = list(Person.objects.filter(region_code=village.code, synthetic=True)
                      .order_by("search_name", "id"))
        _pillar1(programme_village, people, rng, today)
        _pillar2(programme_village, people, rng, today)
        _pillar3(programme_village, rng, today)
        loans, remittances = _pillar4(programme_village, people, rng, today)
    return census_import.people_created, loans, remittances


def _pillar1(village: ProgrammeVillage, people: list[Person], rng: random.Random,
             today: date) -> None:
    adults = [p for p in people if (p.age_on(today) or 0) >= 18]
    for kind, n in ((ServiceKind.JOB_INFO, 6), (ServiceKind.MIGRATION_INFO, 4),
                    (ServiceKind.CIVIL_DOCUMENTS, 5), (ServiceKind.CPMI_VERIFICATION, 4),
                    (ServiceKind.DEPARTURE_MONITORING, 2), (ServiceKind.RETURN_MONITORING, 2)):
        for _ in range(n):
            person = rng.choice(adults) if adults else None
            if person is None:
                return
            census.service_log_add(
                actor=None, programme_village=village, kind=kind,
                served_on=today - timedelta(days=rng.randint(0, 300)), person=person,
                cpmi_verified=(rng.random() < 0.8) if kind == ServiceKind.CPMI_VERIFICATION
                else None, note="contoh", synthetic=True)


def _pillar2(village: ProgrammeVillage, people: list[Person], rng: random.Random,
             today: date) -> None:
    adults = [p for p in people if (p.age_on(today) or 0) >= 18]
    returned = [p for p in adults if p.migration_status == MigrationStatus.RETURNED]
    instructor = business.instructor_add(actor=None, programme_village=village,
                                         name="Ibu Maria Seran", expertise="tenun dan pewarna "
                                         "alami", organisation="BLK Kupang", certified=True)
    for number, (name, product, potential) in enumerate(GROUPS[:rng.randint(2, 4)]):
        group = business.business_group_create(
            actor=None, programme_village=village, name=name.format(v=village.village.name),
            product=product, potential=potential, founded_on=add_months(today, -18),
            synthetic=True)
        pool = (returned + adults) if number == len(GROUPS) - 1 else adults
        members = list(dict.fromkeys(rng.sample(pool, min(len(pool), rng.randint(4, 8)))))
        for position, person in enumerate(members):
            business.business_member_add(
                actor=None, group=group, person=person,
                role="chair" if position == 0 else "member",
                joined_on=add_months(today, -rng.randint(3, 15)))
        business.equipment_receive(actor=None, group=group, item="Alat produksi " + product,
                                   quantity=rng.randint(1, 5), value=rng.randint(2, 15) * 1_000_000,
                                   source="ministry", received_on=add_months(today, -12))
        base = rng.randint(5, 30) * 100_000
        for months_back in range(1, 13):
            business.turnover_report(actor=None, group=group,
                                     period=add_months(today, -months_back),
                                     turnover=int(base * rng.uniform(0.6, 1.6)))
        training = business.training_create(
            actor=None, programme_village=village, title=f"Pelatihan {product}",
            topic=rng.choice(list(TrainingTopic.values)), held_on=add_months(today, -6),
            hours=8, group=group, instructors=[instructor])
        business.training_attendance_record(actor=None, training=training,
                                            present={p: rng.random() < 0.85 for p in members})


def _pillar3(village: ProgrammeVillage, rng: random.Random, today: date) -> None:
    children = list(ChildProfile.objects.filter(programme_village=village).select_related(
        "person").order_by("person__search_name"))
    enrolled = []
    for child in children:
        if rng.random() < 0.6:
            census.child_enrol(actor=None, child=child,
                               enrolled_on=today - timedelta(days=rng.randint(60, 400)))
            enrolled.append(child)
        for card in child.cards.all():
            if card.status == "needed" and rng.random() < 0.5:
                census.child_card_set(actor=None, child=child, kind=card.kind,
                                      status="applied", on=today - timedelta(days=20))
            elif card.status == "applied" and rng.random() < 0.5:
                census.child_card_set(actor=None, child=child, kind=card.kind,
                                      status="received", on=today - timedelta(days=5))
    for kind in ActivityKind.values:
        for weeks_back in (1, 3, 6):
            held = today - timedelta(weeks=weeks_back)
            activity = parenting.activity_create(
                actor=None, programme_village=village, kind=kind,
                title=f"{ActivityKind(kind).label.capitalize()} minggu ke-{weeks_back}",
                held_on=held, facilitator="Kader Desmigratif", synthetic=True)
            present = [c for c in enrolled if c.enrolled_on and c.enrolled_on <= held
                       and rng.random() < 0.7]
            parenting.activity_attendance_set(actor=None, activity=activity, children=present)


def _pillar4(village: ProgrammeVillage, people: list[Person], rng: random.Random,
             today: date) -> tuple[int, int]:
    founded = add_months(today, -24).replace(day=1)
    coop = cooperative.cooperative_create(
        actor=None, programme_village=village, name=f"Koperasi Desmigratif {village.name}",
        founded_on=founded, registration_number=f"{rng.randint(100, 999)}/BH/XX/2018",
        synthetic=True)
    cooperative.capital_receive(actor=None, cooperative=coop, amount=75_000_000,
                                on=founded + timedelta(days=3),
                                memo="Modal awal program Desmigratif (contoh)", synthetic=True)
    adults = [p for p in people if (p.age_on(today) or 0) >= 18]
    members = [_coop_member(coop, person, rng, today, founded)
               for person in rng.sample(adults, min(len(adults), 20))]
    loans = 0
    for member in members[:10]:
        _coop_loan(member, rng, today)
        loans += 1
    return loans, _remittances(village, rng, today)


def _coop_member(coop: Cooperative, person: Person, rng: random.Random, today: date,
                 founded: date) -> CoopMember:
    """A member who joined after the founding and saves every month since."""
    joined = founded + timedelta(days=rng.randint(5, 60))
    member = cooperative.coop_member_add(actor=None, cooperative=coop, person=person,
                                         joined_on=joined)
    accounts = {a.kind: a for a in member.savings_accounts.all()}
    cooperative.savings_deposit(actor=None, savings=accounts[SavingsKind.PRINCIPAL],
                                amount=100_000, on=joined, synthetic=True)
    for months_back in range(rng.randint(6, 18), 0, -1):
        day = add_months(today, -months_back)
        cooperative.savings_deposit(actor=None, savings=accounts[SavingsKind.MANDATORY],
                                    amount=20_000, on=day, synthetic=True)
        if rng.random() < 0.3:
            cooperative.savings_deposit(actor=None, savings=accounts[SavingsKind.VOLUNTARY],
                                        amount=rng.randint(1, 20) * 50_000, on=day,
                                        synthetic=True)
    return member


_LOAN_PURPOSES = (LoanPurpose.BUSINESS, LoanPurpose.BUSINESS, LoanPurpose.DEPARTURE,
                  LoanPurpose.PMI_FINANCING)


def _coop_loan(member: CoopMember, rng: random.Random, today: date) -> None:
    """A loan applied for, approved and disbursed, repaid as people do: most on time, some
    late, a few stop paying."""
    purpose = rng.choice(_LOAN_PURPOSES)
    months_ago = rng.randint(2, 14)
    start = add_months(today, -months_ago)
    loan = cooperative.loan_apply(
        actor=None, member=member, purpose=purpose,
        principal=rng.choice((1_000_000, 2_000_000, 3_000_000, 5_000_000)),
        term_months=rng.choice((6, 10, 12)), applied_on=start,
        monthly_rate=Decimal("1.00"),
        destination_country="MY" if purpose != LoanPurpose.BUSINESS else "",
        note="contoh", synthetic=True)
    cooperative.loan_decide(actor=None, loan=loan, approve=True, on=start)
    cooperative.loan_disburse(actor=None, loan=loan, on=start)
    loan.refresh_from_db()
    behaviour = rng.random()
    for installment in loan.installments.order_by("number"):
        if installment.due_on > today or loan.status != LoanStatus.DISBURSED:
            break
        if behaviour < 0.15 and installment.number > 2:
            break
        paid_on = installment.due_on + timedelta(days=rng.randint(0, 20 if behaviour < 0.4
                                                                  else 3))
        if paid_on > today:
            break
        cooperative.loan_repay(actor=None, loan=loan, amount=installment.amount_due,
                               on=paid_on)
        loan.refresh_from_db()


def _remittances(village: ProgrammeVillage, rng: random.Random, today: date) -> int:
    """Remittances of the village's people abroad, split into productive, savings and
    consumptive uses."""
    remittances = 0
    senders = list(Person.objects.filter(region_code=village.region_code,
                                         stays_abroad__isnull=False).distinct()[:12])
    for sender in senders:
        household = (CensusHousehold.objects.filter(household_id=sender.household_id).first()
                     if sender.household_id else None)
        stay = sender.stays_abroad.order_by("-departed_on").first()
        for months_back in range(1, rng.randint(3, 8)):
            amount = rng.randint(10, 60) * 100_000
            remittance = cooperative.remittance_record(
                actor=None, programme_village=village, amount=amount,
                received_on=add_months(today, -months_back),
                channel=rng.choice(list(RemittanceChannel.values)),
                census_household=household, sender=sender,
                country=stay.country if stay else "", synthetic=True)
            remittances += 1
            productive = int(amount * rng.choice((0.0, 0.2, 0.4, 0.6)))
            savings = int(amount * rng.choice((0.0, 0.1, 0.2)))
            for use, part in ((RemittanceUse.PRODUCTIVE, productive),
                              (RemittanceUse.SAVINGS, savings),
                              (RemittanceUse.CONSUMPTIVE, amount - productive - savings)):
                if part > 0:
                    cooperative.remittance_allocate(actor=None, remittance=remittance, use=use,
                                                    amount=part, purpose="contoh")
    return remittances
