"""Pillar 4: the cooperative, its members, savings, loans and remittances. Every movement
of money is a journal entry (`services.ledger.journal_entry_post`); the records here point
at the entries that carry them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Max
from django.db.models import Sum
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.common import stored_text
from lindung.common.stored_text import Both
from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.villages.choices import AccountRole
from lindung.villages.choices import EntryKind
from lindung.villages.choices import LoanPurpose
from lindung.villages.choices import LoanStatus
from lindung.villages.choices import RemittanceUse
from lindung.villages.choices import SavingsKind
from lindung.villages.dates import add_months
from lindung.villages.models import CensusHousehold
from lindung.villages.models import Cooperative
from lindung.villages.models import CoopMember
from lindung.villages.models import JournalEntry
from lindung.villages.models import LedgerAccount
from lindung.villages.models import Loan
from lindung.villages.models import LoanInstallment
from lindung.villages.models import LoanRepayment
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Remittance
from lindung.villages.models import RemittanceAllocation
from lindung.villages.models import SavingsAccount
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.selectors.cooperative import paid_totals
from lindung.villages.selectors.cooperative import split_payment
from lindung.villages.services.common import create
from lindung.villages.services.common import invalid
from lindung.villages.services.common import require
from lindung.villages.services.common import update
from lindung.villages.services.ledger import MAX_AMOUNT
from lindung.villages.services.ledger import Line
from lindung.villages.services.ledger import account_for
from lindung.villages.services.ledger import chart_create
from lindung.villages.services.ledger import journal_entry_post
from lindung.villages.services.ledger import sub_account_create

# Memos of the entries this module posts are kept messages (common/stored_text.py): the
# ledger is append-only and read by officers of either language ({{ entry.memo|shown }}).


def _both(label: Callable[[], Any]) -> Both:
    """A choice's label in both languages, as a kept message's parameter."""
    with translation.override("id"):
        indonesian = str(label())
    with translation.override("en"):
        return Both(indonesian, str(label()))


_SAVINGS_PARENT = {SavingsKind.PRINCIPAL: AccountRole.PRINCIPAL_SAVINGS,
                   SavingsKind.MANDATORY: AccountRole.MANDATORY_SAVINGS,
                   SavingsKind.VOLUNTARY: AccountRole.VOLUNTARY_SAVINGS}


def _positive(amount: int, field: str = "amount") -> None:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise invalid(field, _("Jumlah harus bilangan bulat rupiah lebih dari nol"))
    if amount > MAX_AMOUNT:
        raise invalid(field, _("Jumlah terlalu besar"))


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise invalid(field, _("Tanggal belum terjadi"))


def _lock(cooperative: Cooperative) -> None:
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()


# -- the cooperative and its members ---------------------------------------------------------


@transaction.atomic
def cooperative_create(*, actor: User | None, programme_village: ProgrammeVillage, name: str,
                       founded_on: date, registration_number: str = "",
                       synthetic: bool = False) -> Cooperative:
    cooperative = Cooperative(programme_village=programme_village,
                              region_code=programme_village.region_code, name=name.strip(),
                              registration_number=registration_number.strip(),
                              founded_on=founded_on, synthetic=synthetic)
    require(actor, CREATE, cooperative)
    _not_future(founded_on, "founded_on")
    if Cooperative.objects.filter(programme_village=programme_village).exists():
        raise invalid(None, _("Desa ini sudah punya koperasi Desmigratif"))
    create(cooperative, actor=actor)
    chart_create(actor=actor, cooperative=cooperative)
    return cooperative


@transaction.atomic
def coop_member_add(*, actor: User | None, cooperative: Cooperative, person: Person,
                    joined_on: date) -> CoopMember:
    """A member, with a principal, a mandatory and a voluntary savings account."""
    if actor is not None:
        access.require(actor, VIEW, person)
    _lock(cooperative)
    _not_future(joined_on, "joined_on")
    if CoopMember.objects.filter(cooperative=cooperative, person=person).exists():
        raise invalid("person", _("Orang ini sudah menjadi anggota koperasi"))
    number = (cooperative.members.aggregate(n=Max("member_number"))["n"] or 0) + 1
    member = CoopMember(cooperative=cooperative, person=person,
                        region_code=cooperative.region_code, member_number=number,
                        joined_on=joined_on)
    require(actor, CREATE, member)
    create(member, actor=actor, detail={"member_number": number})
    for kind, parent_role in _SAVINGS_PARENT.items():
        account = sub_account_create(
            actor=actor, cooperative=cooperative, parent_role=parent_role,
            suffix=f"{number:04d}", name=f"{SavingsKind(kind).label} {number:04d}",
            role=AccountRole.MEMBER_SAVINGS, member=member)
        SavingsAccount.objects.create(cooperative=cooperative, member=member,
                                      region_code=cooperative.region_code, kind=kind,
                                      ledger_account=account, opened_on=joined_on,
                                      created_by=actor, updated_by=actor)
    return member


@transaction.atomic
def coop_member_leave(*, actor: User | None, member: CoopMember, left_on: date) -> CoopMember:
    require(actor, CHANGE, member)
    if member.left_on is not None:
        raise invalid("left_on", _("Anggota ini sudah keluar"))
    if member.loans.filter(status__in=[LoanStatus.DISBURSED, LoanStatus.APPROVED,
                                       LoanStatus.APPLIED]).exists():
        raise invalid(None, _("Anggota masih punya pinjaman berjalan atau diajukan"))
    for savings in member.savings_accounts.all():
        if ledger_selectors.savings_balance(savings) != 0:
            raise invalid(None, _("Kembalikan dulu semua simpanan anggota (saldo harus nol)"))
    if left_on < member.joined_on:
        raise invalid("left_on", _("Tanggal keluar sebelum tanggal masuk"))
    return update(member, actor=actor, changes={"left_on": left_on}, allowed={"left_on"})


# -- cash in and out -------------------------------------------------------------------------


def _cash(cooperative: Cooperative) -> LedgerAccount:
    return account_for(cooperative, AccountRole.CASH)


def _require_cash(cooperative: Cooperative, amount: int) -> None:
    available = ledger_selectors.cash_balance(cooperative)
    if available < amount:
        raise invalid("amount", _("Kas tidak cukup (tersedia Rp%(available)s)")
                                    % {"available": format(available, ",")})


@transaction.atomic
def capital_receive(*, actor: User | None, cooperative: Cooperative, amount: int, on: date,
                    memo: str, synthetic: bool = False) -> JournalEntry:
    """A grant or capital contribution (e.g. the ministry's start-up fund)."""
    _positive(amount)
    return journal_entry_post(
        actor=actor, cooperative=cooperative, entry_date=on, memo=memo,
        kind=EntryKind.CAPITAL, synthetic=synthetic,
        lines=[Line(_cash(cooperative), debit=amount),
               Line(account_for(cooperative, AccountRole.CAPITAL), credit=amount)])


@transaction.atomic
def expense_pay(*, actor: User | None, cooperative: Cooperative, amount: int, on: date,
                memo: str, account: LedgerAccount | None = None) -> JournalEntry:
    _positive(amount)
    _lock(cooperative)
    _require_cash(cooperative, amount)
    target = account or account_for(cooperative, AccountRole.OPERATING_EXPENSE)
    if target.type != "expense":
        raise invalid("account", _("Pilih akun beban"))
    return journal_entry_post(actor=actor, cooperative=cooperative, entry_date=on, memo=memo,
                              kind=EntryKind.EXPENSE,
                              lines=[Line(target, debit=amount),
                                     Line(_cash(cooperative), credit=amount)])


@transaction.atomic
def savings_deposit(*, actor: User | None, savings: SavingsAccount, amount: int, on: date,
                    memo: str = "", synthetic: bool = False) -> JournalEntry:
    _positive(amount)
    member = savings.member
    if member.left_on is not None:
        raise invalid(None, _("Anggota ini sudah keluar"))
    cooperative = savings.cooperative
    return journal_entry_post(
        actor=actor, cooperative=cooperative, entry_date=on,
        memo=memo or f"Setoran {savings.get_kind_display()} anggota {member.label}",
        kind=EntryKind.SAVINGS_DEPOSIT, member=member, synthetic=synthetic,
        lines=[Line(_cash(cooperative), debit=amount),
               Line(savings.ledger_account, credit=amount)])


@transaction.atomic
def savings_withdraw(*, actor: User | None, savings: SavingsAccount, amount: int, on: date,
                     memo: str = "") -> JournalEntry:
    """Voluntary savings any time; principal and mandatory savings only to a member who is
    leaving (no running loan)."""
    _positive(amount)
    cooperative = savings.cooperative
    _lock(cooperative)
    member = savings.member
    if savings.kind != SavingsKind.VOLUNTARY and member.loans.filter(
            status__in=[LoanStatus.DISBURSED, LoanStatus.APPROVED]).exists():
        raise invalid(None, _("Simpanan pokok/wajib hanya bisa ditarik saat keluar dan tanpa "
                              "pinjaman berjalan"))
    balance = ledger_selectors.savings_balance(savings)
    if balance < amount:
        raise invalid("amount", _("Saldo simpanan tidak cukup (saldo Rp%(balance)s)")
                                    % {"balance": format(balance, ",")})
    _require_cash(cooperative, amount)
    return journal_entry_post(
        actor=actor, cooperative=cooperative, entry_date=on,
        memo=memo or f"Penarikan {savings.get_kind_display()} anggota {member.label}",
        kind=EntryKind.SAVINGS_WITHDRAWAL, member=member,
        lines=[Line(savings.ledger_account, debit=amount),
               Line(_cash(cooperative), credit=amount)])


# -- loans -----------------------------------------------------------------------------------


def loan_schedule(*, principal: int, monthly_rate: Decimal, term_months: int,
                  disbursed_on: date) -> list[tuple[int, date, int, int]]:
    """(number, due date, principal, interest) per month: flat interest on the principal,
    the principal in equal parts with the remainder in the last instalment."""
    interest = int((Decimal(principal) * monthly_rate / 100).quantize(Decimal(1),
                                                                      rounding=ROUND_HALF_UP))
    part, remainder = divmod(principal, term_months)
    return [(n, add_months(disbursed_on, n), part + (remainder if n == term_months else 0),
             interest) for n in range(1, term_months + 1)]


@transaction.atomic
def loan_apply(*, actor: User | None, member: CoopMember, purpose: str, principal: int,
               term_months: int, applied_on: date, monthly_rate: Decimal = Decimal("1.00"),
               business_group_id: UUID | str | None = None, destination_country: str = "",
               note: str = "", synthetic: bool = False) -> Loan:
    _positive(principal, "principal")
    _not_future(applied_on, "applied_on")
    cooperative = member.cooperative
    _lock(cooperative)
    if member.left_on is not None:
        raise invalid(None, _("Anggota ini sudah keluar"))
    if purpose == LoanPurpose.DEPARTURE and not destination_country:
        raise invalid("destination_country", _("Pembiayaan pemberangkatan harus menyebut negara "
                                               "tujuan"))
    number = (cooperative.loans.aggregate(n=Max("number"))["n"] or 0) + 1
    loan = Loan(cooperative=cooperative, member=member, region_code=cooperative.region_code,
                number=number, purpose=purpose, principal=principal, monthly_rate=monthly_rate,
                term_months=term_months, applied_on=applied_on,
                business_group_id=business_group_id, destination_country=destination_country,
                note=note, synthetic=synthetic)
    require(actor, CREATE, loan)
    return create(loan, actor=actor, detail={"number": number, "purpose": purpose,
                                             "term_months": term_months})


@transaction.atomic
def loan_decide(*, actor: User | None, loan: Loan, approve: bool, on: date,
                note: str = "") -> Loan:
    require(actor, CHANGE, loan)
    if loan.status != LoanStatus.APPLIED:
        raise invalid(None, _("Hanya pinjaman yang diajukan bisa diputuskan"))
    if on < loan.applied_on:
        raise invalid("on", _("Tanggal keputusan sebelum tanggal pengajuan"))
    _not_future(on, "on")
    return update(loan, actor=actor, changes={
        "status": LoanStatus.APPROVED if approve else LoanStatus.REJECTED, "decided_on": on,
        "note": note or loan.note}, allowed={"status", "decided_on", "note"})


@transaction.atomic
def loan_disburse(*, actor: User | None, loan: Loan, on: date) -> JournalEntry:
    require(actor, CHANGE, loan)
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.status != LoanStatus.APPROVED:
        raise invalid(None, _("Hanya pinjaman yang disetujui bisa dicairkan"))
    if loan.decided_on and on < loan.decided_on:
        raise invalid("on", _("Tanggal pencairan sebelum tanggal persetujuan"))
    cooperative = loan.cooperative
    _lock(cooperative)
    _require_cash(cooperative, int(loan.principal))
    if loan.ledger_account is None:
        loan.ledger_account = sub_account_create(
            actor=actor, cooperative=cooperative, parent_role=AccountRole.LOANS_RECEIVABLE,
            suffix=f"{loan.number:04d}", name=f"Piutang pinjaman {loan.label}",
            role=AccountRole.LOAN, member=loan.member)
    entry = journal_entry_post(
        actor=actor, cooperative=cooperative, entry_date=on,
        memo=stored_text.keep(gettext_noop("Pencairan pinjaman %(loan)s (%(purpose)s)"),
                              loan=loan.label, purpose=_both(loan.get_purpose_display)),
        kind=EntryKind.LOAN_DISBURSEMENT, member=loan.member, loan=loan,
        synthetic=loan.synthetic,
        lines=[Line(loan.ledger_account, debit=int(loan.principal)),
               Line(_cash(cooperative), credit=int(loan.principal))])
    LoanInstallment.objects.filter(loan=loan).delete()
    LoanInstallment.objects.bulk_create(
        LoanInstallment(loan=loan, region_code=loan.region_code, number=n, due_on=due,
                        principal_due=principal, interest_due=interest, created_by=actor,
                        updated_by=actor)
        for n, due, principal, interest in loan_schedule(
            principal=int(loan.principal), monthly_rate=loan.monthly_rate,
            term_months=loan.term_months, disbursed_on=on))
    update(loan, actor=actor, changes={"status": LoanStatus.DISBURSED, "disbursed_on": on,
                                       "ledger_account": loan.ledger_account},
           allowed={"status", "disbursed_on", "ledger_account"})
    return entry


@transaction.atomic
def loan_repay(*, actor: User | None, loan: Loan, amount: int, on: date) -> LoanRepayment:
    """A repayment, split instalment by instalment into interest (income) and principal
    (back from the loan's receivable)."""
    _positive(amount)
    require(actor, CHANGE, loan)
    loan = Loan.objects.select_for_update(of=("self",)).select_related(
        "ledger_account").get(pk=loan.pk)
    if loan.status != LoanStatus.DISBURSED or loan.ledger_account is None:
        raise invalid(None, _("Pinjaman ini tidak sedang berjalan"))
    if loan.disbursed_on and on < loan.disbursed_on:
        raise invalid("on", _("Tanggal bayar sebelum pencairan"))
    principal_paid, interest_paid = paid_totals(loan)
    installments = list(loan.installments.order_by("number"))
    try:
        principal_part, interest_part = split_payment(installments, principal_paid,
                                                      interest_paid, amount)
    except ValueError:
        owed = sum(i.amount_due for i in installments) - principal_paid - interest_paid
        raise invalid("amount", _("Melebihi sisa pinjaman (sisa Rp%(owed)s)")
                                    % {"owed": format(owed, ",")}) from None
    cooperative = loan.cooperative
    lines = [Line(_cash(cooperative), debit=amount)]
    if principal_part:
        lines.append(Line(loan.ledger_account, credit=principal_part))
    if interest_part:
        lines.append(Line(account_for(cooperative, AccountRole.INTEREST_INCOME),
                          credit=interest_part))
    entry = journal_entry_post(
        actor=actor, cooperative=cooperative, entry_date=on,
        memo=stored_text.keep(gettext_noop("Angsuran pinjaman %(loan)s"), loan=loan.label),
        kind=EntryKind.LOAN_REPAYMENT,
        member=loan.member, loan=loan, synthetic=loan.synthetic, lines=lines)
    repayment = LoanRepayment(loan=loan, region_code=loan.region_code, paid_on=on,
                              amount=amount, principal_part=principal_part,
                              interest_part=interest_part, entry=entry)
    create(repayment, actor=actor, detail={"loan": loan.label})
    total_due = sum(i.amount_due for i in installments)
    if principal_paid + interest_paid + amount >= total_due:
        update(loan, actor=actor, changes={"status": LoanStatus.REPAID, "closed_on": on},
               allowed={"status", "closed_on"})
    return repayment


@transaction.atomic
def loan_write_off(*, actor: User | None, loan: Loan, on: date, reason: str) -> JournalEntry:
    require(actor, CHANGE, loan)
    loan = Loan.objects.select_for_update(of=("self",)).select_related(
        "ledger_account").get(pk=loan.pk)
    if loan.status != LoanStatus.DISBURSED or loan.ledger_account is None:
        raise invalid(None, _("Pinjaman ini tidak sedang berjalan"))
    if not reason.strip():
        raise invalid("reason", _("Alasan penghapusan wajib diisi"))
    outstanding = ledger_selectors.account_balance(loan.ledger_account)
    cooperative = loan.cooperative
    entry = journal_entry_post(
        actor=actor, cooperative=cooperative, entry_date=on,
        memo=stored_text.keep(gettext_noop("Penghapusan piutang %(loan)s: %(reason)s"),
                              loan=loan.label, reason=reason.strip()[:200]),
        kind=EntryKind.LOAN_WRITE_OFF, member=loan.member, loan=loan,
        lines=[Line(account_for(cooperative, AccountRole.LOAN_LOSS), debit=outstanding),
               Line(loan.ledger_account, credit=outstanding)])
    update(loan, actor=actor, changes={"status": LoanStatus.WRITTEN_OFF, "closed_on": on},
           allowed={"status", "closed_on"})
    return entry


# -- remittances -----------------------------------------------------------------------------


@transaction.atomic
def remittance_record(*, actor: User | None, programme_village: ProgrammeVillage, amount: int,
                      received_on: date, channel: str,
                      census_household: CensusHousehold | None = None,
                      sender: Person | None = None, country: str = "", note: str = "",
                      synthetic: bool = False) -> Remittance:
    _positive(amount)
    _not_future(received_on, "received_on")
    if census_household is not None and census_household.programme_village_id != \
            programme_village.pk:
        raise invalid("census_household", _("Rumah tangga itu bukan dari desa ini"))
    if sender is not None and census_household is not None and \
            sender.household_id != census_household.household_id:
        raise invalid("sender", _("Pengirim bukan anggota rumah tangga itu"))
    remittance = Remittance(programme_village=programme_village,
                            region_code=programme_village.region_code,
                            census_household=census_household, sender=sender,
                            received_on=received_on, amount=amount, country=country,
                            channel=channel, note=note, synthetic=synthetic)
    require(actor, CREATE, remittance)
    return create(remittance, actor=actor, detail={"channel": channel, "country": country})


def remittance_unallocated(remittance: Remittance) -> int:
    used = remittance.allocations.aggregate(s=Sum("amount"))["s"] or 0
    return int(remittance.amount) - int(used)


@transaction.atomic
def remittance_allocate(*, actor: User | None, remittance: Remittance, use: str, amount: int,
                        purpose: str = "",
                        savings: SavingsAccount | None = None) -> RemittanceAllocation:
    """Record how (part of) a remittance was used; savings deposited with the cooperative
    are posted as a deposit to the member's account."""
    _positive(amount)
    require(actor, CHANGE, remittance)
    remittance = Remittance.objects.select_for_update().get(pk=remittance.pk)
    left = remittance_unallocated(remittance)
    if amount > left:
        raise invalid("amount", _("Melebihi sisa remitansi yang belum dicatat (Rp%(left)s)")
                                    % {"left": format(left, ",")})
    if savings is not None and use != RemittanceUse.SAVINGS:
        raise invalid("savings", _("Rekening simpanan hanya untuk penggunaan 'tabungan'"))
    entry = None
    if savings is not None:
        if savings.region_code != remittance.region_code:
            raise invalid("savings", _("Rekening simpanan dari koperasi desa lain"))
        entry = savings_deposit(actor=actor, savings=savings, amount=amount,
                                on=timezone.localdate(),
                                memo=stored_text.keep(
                                    gettext_noop("Setoran dari remitansi %(day)s"),
                                    day=remittance.received_on))
    allocation = RemittanceAllocation(remittance=remittance, region_code=remittance.region_code,
                                      use=use, amount=amount, purpose=purpose,
                                      savings_entry=entry)
    return create(allocation, actor=actor, detail={"use": use, "deposited": entry is not None})
