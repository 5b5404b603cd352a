"""Desmigratif endpoints under /api/v1/villages/: programme villages and the cohort targets,
indicators, the household census (masked identity numbers), census imports (upload, start,
progress), the cooperatives' trial balance and loans, remittances."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File
from ninja import Form
from ninja import Router
from ninja import Schema
from ninja import Status
from ninja.files import UploadedFile
from pydantic import Field

from lindung.common import stored_text
from lindung.common.params import Limit
from lindung.common.params import Offset
from lindung.common.params import Year
from lindung.common.views import staff_user
from lindung.core import access
from lindung.core.pages import caller_and_record
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.people.models import Person
from lindung.people.services import person_viewed
from lindung.villages.choices import RemittanceChannel
from lindung.villages.models import CensusHousehold
from lindung.villages.models import CensusImport
from lindung.villages.models import ChildProfile
from lindung.villages.models import Cooperative
from lindung.villages.models import IndicatorRegion
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Remittance
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.selectors import programme as programme_selectors
from lindung.villages.selectors.cooperative import loan_state
from lindung.villages.selectors.indicators import indicators_for
from lindung.villages.services import cooperative as coop_services
from lindung.villages.services import imports as import_services

router = Router(tags=["villages"])


class VillageOut(Schema):
    id: UUID
    region_code: str
    name: str
    regency_code: str
    regency_name: str
    cohort_year: int
    special_ntt: bool
    status: str
    synthetic: bool


def _village_out(village: ProgrammeVillage) -> VillageOut:
    return VillageOut(id=village.pk, region_code=village.region_code, name=village.village.name,
                      regency_code=village.regency_id, regency_name=village.regency.name,
                      cohort_year=village.cohort_year, special_ntt=village.special_ntt,
                      status=village.status, synthetic=village.synthetic)


@router.get("/", response=list[VillageOut], summary="Programme villages in the caller's scope")
def village_list(request: HttpRequest, cohort: Year | None = None) -> list[VillageOut]:
    user = staff_user(request)
    access.require(user, VIEW, ProgrammeVillage)
    villages = programme_selectors.visible_villages(user)
    if cohort is not None:
        villages = villages.filter(cohort_year=cohort)
    return [_village_out(v) for v in villages.order_by("region_code")[:1000]]


@router.get("/villages/{village_id}", response=VillageOut)
def village_get(request: HttpRequest, village_id: UUID) -> VillageOut:
    _user, village = caller_and_record(
        request, ProgrammeVillage.objects.select_related("village", "regency"), pk=village_id)
    return _village_out(village)


class TargetOut(Schema):
    key: str
    label: str
    year: int
    programme: str
    counts: str
    value: int
    unit: str
    region_code: str
    recorded_villages: int
    recorded_regencies: int
    source: str
    quote: str
    note: str


@router.get("/targets", response=list[TargetOut],
            summary="The seed's cohort targets beside the villages recorded nationally")
def targets(request: HttpRequest) -> list[TargetOut]:
    access.require(staff_user(request), VIEW, ProgrammeVillage)
    return [TargetOut(key=t.figure.key, label=t.figure.shown_label, year=t.year,
                      programme=t.programme, counts=t.counts, value=t.figure.value,
                      unit=t.figure.unit, region_code=t.region_code,
                      recorded_villages=t.recorded_villages,
                      recorded_regencies=t.recorded_regencies, source=t.figure.source,
                      quote=t.figure.quote, note=t.figure.note)
            for t in programme_selectors.cohort_targets(ProgrammeVillage.objects.all())]


class IndicatorsOut(Schema):
    region_code: str
    on: date
    villages: int
    households: int
    members: int
    abroad_now: int
    returned: int
    departures_by_year: dict[int, dict[str, int]]
    prevented_by_year: dict[int, int] | None
    remittances_received: int
    remittance_by_use: dict[str, int]
    productive_share_percent: float | None
    businesses_active: int
    businesses_total: int
    turnover_12_months: int
    children: int
    children_enrolled: int
    kis_received: int
    kip_received: int
    cards_waiting: int
    coop_members: int
    savings_total: int
    loans_outstanding: int
    par30_percent: float | None


@router.get("/indicators", response=IndicatorsOut,
            summary="Indicators of a region (village, regency, province; empty = national)")
def indicators(request: HttpRequest, region: str = "") -> IndicatorsOut:
    user = staff_user(request)
    access.require(user, VIEW, IndicatorRegion)
    code = region.strip() or access.scope_code(user)
    if code:
        access.get_visible_or_404(user, IndicatorRegion.objects.all(), code=code)
    today = timezone.localdate()
    ind = indicators_for(code, today)
    return IndicatorsOut(
        region_code=code, on=today, villages=ind.villages, households=ind.households,
        members=ind.members, abroad_now=ind.abroad_now, returned=ind.returned,
        departures_by_year=ind.departures_by_year, prevented_by_year=ind.prevented_by_year,
        remittances_received=ind.remittances_received, remittance_by_use=ind.remittance_by_use,
        productive_share_percent=ind.productive_share, businesses_active=ind.businesses_active,
        businesses_total=ind.businesses_total, turnover_12_months=ind.turnover_12m,
        children=ind.children, children_enrolled=ind.children_enrolled,
        kis_received=ind.kis_received, kip_received=ind.kip_received,
        cards_waiting=ind.cards_waiting, coop_members=ind.coop_members,
        savings_total=ind.savings_total, loans_outstanding=ind.portfolio.outstanding,
        par30_percent=ind.portfolio.par_percent)


class StayOut(Schema):
    country: str
    employer: str
    placement_agency_name: str
    departed_on: date | None
    procedural: bool | None
    returned_on: date | None


class MemberOut(Schema):
    id: UUID
    name: str
    nik: str
    sex: str
    birth_date: date | None
    relation: str
    migration_status: str
    stays: list[StayOut]
    school_status: str | None
    cards: dict[str, str]


class HouseholdOut(Schema):
    id: UUID
    address: str
    family_card_last4: str
    census_date: date
    synthetic: bool
    members: list[MemberOut]


@router.get("/villages/{village_id}/households", response=list[HouseholdOut],
            summary="The village's PMI households (identity numbers masked unless allowed)")
def households(request: HttpRequest, village_id: UUID, offset: Offset = 0,
               limit: Limit = 20) -> list[HouseholdOut]:
    user = staff_user(request)
    access.require(user, VIEW, CensusHousehold)
    village = access.get_visible_or_404(user, ProgrammeVillage.objects.all(), pk=village_id)
    rows = access.visible(user, CensusHousehold.objects.filter(programme_village=village)
                          ).select_related("household").order_by("created_at")[
        max(offset, 0):max(offset, 0) + min(max(limit, 1), 100)]
    census = list(rows)
    people = list(Person.objects.filter(household_id__in=[h.household_id for h in census])
                  .prefetch_related("stays_abroad"))
    children = {c.person_id: c for c in ChildProfile.objects.filter(
        person__in=people).prefetch_related("cards")}
    out: list[HouseholdOut] = []
    for household in census:
        members: list[MemberOut] = []
        for person in (p for p in people if p.household_id == household.household_id):
            person_viewed(actor=user, person=person, context="api-desmigratif")
            child = children.get(person.pk)
            members.append(MemberOut(
                id=person.pk, name=person.name,
                nik=person.nik if access.can(user, VIEW_IDENTITY, person) else person.masked_nik,
                sex=person.sex, birth_date=person.birth_date,
                relation=person.household_relation, migration_status=person.migration_status,
                stays=[StayOut(country=s.country, employer=s.employer,
                               placement_agency_name=s.placement_agency_name,
                               departed_on=s.departed_on, procedural=s.procedural,
                               returned_on=s.returned_on) for s in person.stays_abroad.all()],
                school_status=child.school_status if child else None,
                cards={card.kind: card.status for card in child.cards.all()} if child else {}))
        out.append(HouseholdOut(id=household.pk, address=household.household.address,
                                family_card_last4=household.family_card_last4,
                                census_date=household.census_date,
                                synthetic=household.synthetic, members=members))
    return out


class ImportOut(Schema):
    id: UUID
    file_name: str
    status: str
    percent: int
    total_rows: int
    next_row: int
    headers: list[str]
    mapping: dict[str, str]
    people_created: int
    people_matched: int
    households_created: int
    error_rows: int
    message: str


def _import_out(census_import: CensusImport) -> ImportOut:
    return ImportOut(id=census_import.pk, file_name=census_import.file_name,
                     status=census_import.status, percent=census_import.percent,
                     total_rows=census_import.total_rows, next_row=census_import.next_row,
                     headers=[str(h) for h in census_import.headers],
                     mapping=dict(census_import.mapping),
                     people_created=census_import.people_created,
                     people_matched=census_import.people_matched,
                     households_created=census_import.households_created,
                     error_rows=census_import.error_rows,
                     message=stored_text.show(census_import.message))


@router.post("/villages/{village_id}/imports", response={201: ImportOut},
             summary="Upload a census sheet (XLSX/CSV); the worker reads it (status 'reading') "
                     "and proposes the column mapping (status 'uploaded') or says why not "
                     "(status 'failed', message)")
def import_create(request: HttpRequest, village_id: UUID, file: File[UploadedFile],
                  census_date: Form[date | None] = None) -> Status[ImportOut]:
    user = staff_user(request)
    access.require(user, CREATE, CensusImport)
    village = access.get_visible_or_404(user, ProgrammeVillage.objects.all(), pk=village_id)
    census_import = import_services.census_import_create(
        actor=user, programme_village=village, file_name=file.name or "sensus.xlsx",
        data=import_services.uploaded_bytes(file), census_date=census_date, queue_read=True)
    return Status(201, _import_out(census_import))


class StartIn(Schema):
    mapping: dict[str, str] | None = None


@router.post("/imports/{import_id}/start", response=ImportOut,
             summary="Start (or resume) an import, optionally with a corrected mapping")
def import_start(request: HttpRequest, import_id: UUID, payload: StartIn) -> ImportOut:
    user, census_import = caller_and_record(
        request, CensusImport.objects.all(), CREATE, pk=import_id)
    if payload.mapping is not None:
        import_services.census_import_set_mapping(actor=user, census_import=census_import,
                                                  mapping=payload.mapping)
    import_services.census_import_start(actor=user, census_import=census_import)
    census_import.refresh_from_db()
    return _import_out(census_import)


@router.get("/imports/{import_id}", response=ImportOut, summary="An import's progress")
def import_get(request: HttpRequest, import_id: UUID) -> ImportOut:
    user = staff_user(request)
    return _import_out(access.get_visible_or_404(user, CensusImport.objects.all(), pk=import_id))


class TrialRowOut(Schema):
    code: str
    name: str
    type: str
    debit: int
    credit: int
    balance: int


class TrialBalanceOut(Schema):
    cooperative: str
    as_of: date | None
    balanced: bool
    rows: list[TrialRowOut]
    total_debit: int
    total_credit: int


@router.get("/cooperatives/{cooperative_id}/trial-balance", response=TrialBalanceOut)
def trial_balance(request: HttpRequest, cooperative_id: UUID,
                  as_of: date | None = None) -> TrialBalanceOut:
    _user, cooperative = caller_and_record(
        request, Cooperative.objects.all(), pk=cooperative_id)
    trial = ledger_selectors.trial_balance(cooperative, as_of, include_sub_accounts=False)
    return TrialBalanceOut(
        cooperative=cooperative.name, as_of=as_of, balanced=trial.balanced,
        total_debit=trial.total_debit, total_credit=trial.total_credit,
        rows=[TrialRowOut(code=r.account.code, name=r.account.name, type=r.account.type,
                          debit=r.debit, credit=r.credit, balance=r.balance)
              for r in trial.rows])


class LoanOut(Schema):
    id: UUID
    number: str
    member_number: str
    purpose: str
    principal: int
    term_months: int
    status: str
    disbursed_on: date | None
    outstanding_principal: int
    days_past_due: int


@router.get("/cooperatives/{cooperative_id}/loans", response=list[LoanOut])
def loans(request: HttpRequest, cooperative_id: UUID) -> list[LoanOut]:
    _user, cooperative = caller_and_record(
        request, Cooperative.objects.all(), pk=cooperative_id)
    today = timezone.localdate()
    out: list[LoanOut] = []
    for loan in cooperative.loans.select_related("member").order_by("number")[:500]:
        state = loan_state(loan, today)
        out.append(LoanOut(id=loan.pk, number=loan.label, member_number=loan.member.label,
                           purpose=loan.purpose, principal=int(loan.principal),
                           term_months=loan.term_months, status=loan.status,
                           disbursed_on=loan.disbursed_on,
                           outstanding_principal=state.outstanding_principal,
                           days_past_due=state.days_past_due))
    return out


class RemittanceIn(Schema):
    received_on: date
    amount: int = Field(gt=0)
    channel: RemittanceChannel
    country: str = Field(default="", max_length=2)
    household_id: UUID | None = None
    note: str = Field(default="", max_length=300)


class RemittanceOut(Schema):
    id: UUID
    received_on: date
    amount: int
    channel: str
    country: str
    allocated: int


def _remittance_out(remittance: Remittance) -> RemittanceOut:
    return RemittanceOut(id=remittance.pk, received_on=remittance.received_on,
                         amount=int(remittance.amount), channel=remittance.channel,
                         country=remittance.country,
                         allocated=int(remittance.amount)
                         - coop_services.remittance_unallocated(remittance))


@router.get("/villages/{village_id}/remittances", response=list[RemittanceOut])
def remittance_list(request: HttpRequest, village_id: UUID) -> list[RemittanceOut]:
    user = staff_user(request)
    access.require(user, VIEW, Remittance)
    village = access.get_visible_or_404(user, ProgrammeVillage.objects.all(), pk=village_id)
    rows = access.visible(user, Remittance.objects.filter(programme_village=village))
    return [_remittance_out(r) for r in rows.order_by("-received_on")[:500]]


@router.post("/villages/{village_id}/remittances", response={201: RemittanceOut})
def remittance_create(request: HttpRequest, village_id: UUID,
                      payload: RemittanceIn) -> Status[RemittanceOut]:
    user = staff_user(request)
    access.require(user, CREATE, Remittance)
    village = access.get_visible_or_404(user, ProgrammeVillage.objects.all(), pk=village_id)
    household = None
    if payload.household_id is not None:
        household = CensusHousehold.objects.filter(programme_village=village,
                                                   pk=payload.household_id).first()
        if household is None:
            raise ValidationError({"household_id": _("Rumah tangga tidak ditemukan di desa ini")})
    remittance = coop_services.remittance_record(
        actor=user, programme_village=village, amount=payload.amount,
        received_on=payload.received_on, channel=payload.channel,
        census_household=household, country=payload.country.upper(), note=payload.note)
    return Status(201, _remittance_out(remittance))

