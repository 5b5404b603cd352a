"""Ledger reads: every balance is the sum of its journal lines, computed here, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import timedelta

from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum

from lindung.common import stored_text
from lindung.villages.choices import AccountRole
from lindung.villages.choices import AccountType
from lindung.villages.models import Cooperative
from lindung.villages.models import JournalLine
from lindung.villages.models import LedgerAccount
from lindung.villages.models import SavingsAccount
from lindung.villages.models.ledger import DEBIT_NORMAL


def _lines(cooperative: Cooperative, as_of: date | None) -> QuerySet[JournalLine]:
    lines = JournalLine.objects.filter(entry__cooperative=cooperative)
    if as_of is not None:
        lines = lines.filter(entry__entry_date__lte=as_of)
    return lines


def raw_balances(cooperative: Cooperative, as_of: date | None = None) -> dict[str, tuple[int, int]]:
    """account id (str) -> (sum of debits, sum of credits)."""
    rows = (_lines(cooperative, as_of).values("account_id")
            .annotate(d=Sum("debit"), c=Sum("credit")))
    return {str(row["account_id"]): (int(row["d"] or 0), int(row["c"] or 0)) for row in rows}


def signed(account_type: str, debit: int, credit: int) -> int:
    """A balance on the account's normal side (assets and expenses: debit minus credit)."""
    return debit - credit if account_type in DEBIT_NORMAL else credit - debit


def account_balance(account: LedgerAccount, as_of: date | None = None) -> int:
    lines = JournalLine.objects.filter(Q(account=account) | Q(account__parent=account))
    if as_of is not None:
        lines = lines.filter(entry__entry_date__lte=as_of)
    sums = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    return signed(account.type, int(sums["d"] or 0), int(sums["c"] or 0))


def role_balance(cooperative: Cooperative, role: str, as_of: date | None = None) -> int:
    account = LedgerAccount.objects.get(cooperative=cooperative, role=role, parent__isnull=True)
    return account_balance(account, as_of)


def cash_balance(cooperative: Cooperative) -> int:
    return role_balance(cooperative, AccountRole.CASH)


def savings_balance(savings: SavingsAccount, as_of: date | None = None) -> int:
    return account_balance(savings.ledger_account, as_of)


@dataclass(frozen=True)
class TrialBalanceRow:
    account: LedgerAccount
    debit: int
    credit: int
    balance: int  # on the account's normal side
    depth: int


@dataclass(frozen=True)
class TrialBalance:
    rows: list[TrialBalanceRow]
    total_debit: int
    total_credit: int
    by_type: dict[str, int]

    @property
    def balanced(self) -> bool:
        return self.total_debit == self.total_credit

    @property
    def equation_holds(self) -> bool:
        """Assets = liabilities + equity + (income - expenses)."""
        t = self.by_type
        return t[AccountType.ASSET] == (t[AccountType.LIABILITY] + t[AccountType.EQUITY]
                                        + t[AccountType.INCOME] - t[AccountType.EXPENSE])


def trial_balance(cooperative: Cooperative, as_of: date | None = None,
                  include_sub_accounts: bool = True) -> TrialBalance:
    raw = raw_balances(cooperative, as_of)
    accounts = list(cooperative.accounts.select_related("parent").order_by("code"))
    children: dict[str, list[LedgerAccount]] = {}
    for account in accounts:
        if account.parent_id:
            children.setdefault(str(account.parent_id), []).append(account)
    rows: list[TrialBalanceRow] = []
    by_type = {value: 0 for value in AccountType.values}
    total_debit = total_credit = 0
    for account in accounts:
        if account.parent_id:
            continue
        debit, credit = raw.get(str(account.pk), (0, 0))
        subs = children.get(str(account.pk), [])
        for sub in subs:
            sub_debit, sub_credit = raw.get(str(sub.pk), (0, 0))
            debit, credit = debit + sub_debit, credit + sub_credit
        total_debit += debit
        total_credit += credit
        balance = signed(account.type, debit, credit)
        by_type[account.type] += balance
        rows.append(TrialBalanceRow(account, debit, credit, balance, 0))
        if include_sub_accounts:
            for sub in subs:
                sub_debit, sub_credit = raw.get(str(sub.pk), (0, 0))
                if sub_debit or sub_credit:
                    rows.append(TrialBalanceRow(sub, sub_debit, sub_credit,
                                                signed(sub.type, sub_debit, sub_credit), 1))
    return TrialBalance(rows=rows, total_debit=total_debit, total_credit=total_credit,
                        by_type=by_type)


@dataclass(frozen=True)
class StatementLine:
    entry_date: date
    number: int
    memo: str
    debit: int
    credit: int
    balance: int


def account_statement(account: LedgerAccount, *, start: date | None = None,
                      end: date | None = None) -> tuple[int, list[StatementLine], int]:
    """(opening balance, lines with running balance, closing balance) on the normal side."""
    opening = account_balance(account, start - timedelta(days=1)) if start else 0
    lines = JournalLine.objects.filter(account=account).select_related("entry")
    if start:
        lines = lines.filter(entry__entry_date__gte=start)
    if end:
        lines = lines.filter(entry__entry_date__lte=end)
    running = opening
    out: list[StatementLine] = []
    for line in lines.order_by("entry__entry_date", "entry__number"):
        running += signed(account.type, int(line.debit), int(line.credit))
        out.append(StatementLine(line.entry.entry_date, line.entry.number,
                                 stored_text.show(line.entry.memo),
                                 int(line.debit), int(line.credit), running))
    return opening, out, running
