"""Loan states (what is paid, what is late) and the cooperative's portfolio at risk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import QuerySet
from django.db.models import Sum

from lindung.villages.choices import LoanStatus
from lindung.villages.models import JournalLine
from lindung.villages.models import Loan
from lindung.villages.models import LoanInstallment
from lindung.villages.models import LoanRepayment

PAR_DAYS = 30


@dataclass(frozen=True)
class InstallmentState:
    installment: LoanInstallment
    principal_paid: int
    interest_paid: int

    @property
    def settled(self) -> bool:
        inst = self.installment
        return (self.principal_paid >= inst.principal_due
                and self.interest_paid >= inst.interest_due)

    @property
    def remaining(self) -> int:
        inst = self.installment
        return int(inst.principal_due + inst.interest_due) - self.principal_paid \
            - self.interest_paid


@dataclass(frozen=True)
class LoanState:
    loan: Loan
    installments: list[InstallmentState]
    principal_paid: int
    interest_paid: int
    outstanding_principal: int  # the balance of the loan's ledger account
    days_past_due: int

    @property
    def interest_remaining(self) -> int:
        return sum(int(s.installment.interest_due) for s in self.installments) - \
            self.interest_paid

    @property
    def payoff_amount(self) -> int:
        return sum(s.remaining for s in self.installments)


def allocate(installments: Iterable[LoanInstallment], principal_paid: int,
             interest_paid: int) -> list[InstallmentState]:
    """Spread what was paid over the instalments in order (each: interest, then principal)."""
    states: list[InstallmentState] = []
    for inst in installments:
        interest = min(int(inst.interest_due), interest_paid)
        interest_paid -= interest
        principal = min(int(inst.principal_due), principal_paid)
        principal_paid -= principal
        states.append(InstallmentState(inst, principal, interest))
    return states


def split_payment(installments: Iterable[LoanInstallment], principal_paid: int,
                  interest_paid: int, amount: int) -> tuple[int, int]:
    """How a new payment of `amount` splits into (principal, interest): instalment by
    instalment, interest first. Raises ValueError if it exceeds what is still owed."""
    principal_part = interest_part = 0
    for state in allocate(installments, principal_paid, interest_paid):
        if amount <= 0:
            break
        inst = state.installment
        interest = min(int(inst.interest_due) - state.interest_paid, amount)
        amount -= interest
        interest_part += interest
        principal = min(int(inst.principal_due) - state.principal_paid, amount)
        amount -= principal
        principal_part += principal
    if amount > 0:
        raise ValueError("more than owed")
    return principal_part, interest_part


def paid_totals(loan: Loan) -> tuple[int, int]:
    sums = LoanRepayment.objects.filter(loan=loan, reversal_entry__isnull=True).aggregate(
        p=Sum("principal_part"), i=Sum("interest_part"))
    return int(sums["p"] or 0), int(sums["i"] or 0)


def _outstanding(loan: Loan) -> int:
    if loan.ledger_account_id is None:
        return 0
    sums = JournalLine.objects.filter(account_id=loan.ledger_account_id).aggregate(
        d=Sum("debit"), c=Sum("credit"))
    return int(sums["d"] or 0) - int(sums["c"] or 0)


def _days_past_due(states: list[InstallmentState], on: date) -> int:
    for state in states:
        if not state.settled and state.installment.due_on < on:
            return (on - state.installment.due_on).days
    return 0


def loan_state(loan: Loan, on: date) -> LoanState:
    principal_paid, interest_paid = paid_totals(loan)
    states = allocate(loan.installments.order_by("number"), principal_paid, interest_paid)
    return LoanState(loan=loan, installments=states, principal_paid=principal_paid,
                     interest_paid=interest_paid, outstanding_principal=_outstanding(loan),
                     days_past_due=_days_past_due(states, on)
                     if loan.status == LoanStatus.DISBURSED else 0)


@dataclass(frozen=True)
class Portfolio:
    loans: int
    outstanding: int
    at_risk: int  # outstanding principal of loans more than PAR_DAYS late
    late_loans: int

    @property
    def par_percent(self) -> float | None:
        return round(self.at_risk * 100 / self.outstanding, 1) if self.outstanding else None


def portfolio(loans: QuerySet[Loan], on: date, days: int = PAR_DAYS) -> Portfolio:
    """Portfolio at risk over the running loans, in four queries whatever their number."""
    running = list(loans.filter(status=LoanStatus.DISBURSED).values_list(
        "id", "ledger_account_id"))
    if not running:
        return Portfolio(0, 0, 0, 0)
    loan_ids = [loan_id for loan_id, _ in running]
    accounts = {account_id: loan_id for loan_id, account_id in running}
    outstanding: dict[UUID, int] = {}
    for row in (JournalLine.objects.filter(account_id__in=list(accounts))
                .values("account_id").annotate(d=Sum("debit"), c=Sum("credit"))):
        outstanding[accounts[row["account_id"]]] = int(row["d"] or 0) - int(row["c"] or 0)
    paid: dict[UUID, tuple[int, int]] = {}
    for row in (LoanRepayment.objects.filter(loan_id__in=loan_ids, reversal_entry__isnull=True)
                .values("loan_id").annotate(p=Sum("principal_part"), i=Sum("interest_part"))):
        paid[row["loan_id"]] = (int(row["p"] or 0), int(row["i"] or 0))
    schedules: dict[UUID, list[LoanInstallment]] = {}
    for inst in LoanInstallment.objects.filter(loan_id__in=loan_ids).order_by("loan_id",
                                                                                "number"):
        schedules.setdefault(inst.loan_id, []).append(inst)
    total = at_risk = late = 0
    for loan_id in loan_ids:
        balance = outstanding.get(loan_id, 0)
        total += balance
        principal_paid, interest_paid = paid.get(loan_id, (0, 0))
        states = allocate(schedules.get(loan_id, []), principal_paid, interest_paid)
        if _days_past_due(states, on) > days:
            at_risk += balance
            late += 1
    return Portfolio(loans=len(loan_ids), outstanding=total, at_risk=at_risk, late_loans=late)
