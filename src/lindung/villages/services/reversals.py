"""Reversals of journal entries: what an entry carries (a loan disbursement, a repayment)
is checked before and undone after the ledger posts the mirror entry
(`services.ledger.journal_entry_reverse`). Its own module so that the ledger calls it
without importing the cooperative services, which post through the ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.villages.choices import AccountRole
from lindung.villages.choices import EntryKind
from lindung.villages.choices import LoanStatus
from lindung.villages.models import JournalEntry
from lindung.villages.models import Loan
from lindung.villages.models import LoanInstallment
from lindung.villages.models import LoanRepayment
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.services.common import invalid
from lindung.villages.services.common import update

if TYPE_CHECKING:
    from lindung.villages.services.ledger import Line


def before_reversal(*, entry: JournalEntry, lines: list[Line]) -> None:
    """Refuse a reversal that would leave a record inconsistent."""
    if entry.kind == EntryKind.LOAN_DISBURSEMENT and entry.loan_id is not None and \
            LoanRepayment.objects.filter(loan_id=entry.loan_id,
                                         reversal_entry__isnull=True).exists():
        raise invalid(None, _("Balik dulu angsuran pinjaman ini sebelum membalik pencairannya"))
    if entry.kind == EntryKind.LOAN_WRITE_OFF:
        raise invalid(None, _("Penghapusan piutang tidak bisa dibalik di sini"))
    # No account may end below zero on its normal side because of the reversal
    # (savings paid out twice, cash that is not there).
    for line in lines:
        account = line.account
        if account.role in (AccountRole.CASH, AccountRole.MEMBER_SAVINGS, AccountRole.LOAN):
            balance = ledger_selectors.account_balance(account)
            change = ledger_selectors.signed(account.type, line.debit, line.credit)
            if balance + change < 0:
                raise invalid(None, _("Pembalikan membuat saldo %(code)s negatif")
                                        % {"code": account.code})


def after_reversal(*, actor: User | None, entry: JournalEntry, reversal: JournalEntry) -> None:
    if entry.kind == EntryKind.LOAN_REPAYMENT:
        repayment = LoanRepayment.objects.select_related("loan").get(entry=entry)
        update(repayment, actor=actor, changes={"reversal_entry": reversal},
               allowed={"reversal_entry"})
        loan = repayment.loan
        if loan.status == LoanStatus.REPAID:
            update(loan, actor=actor, changes={"status": LoanStatus.DISBURSED, "closed_on": None},
                   allowed={"status", "closed_on"})
    elif entry.kind == EntryKind.LOAN_DISBURSEMENT and entry.loan_id is not None:
        loan = Loan.objects.get(pk=entry.loan_id)
        LoanInstallment.objects.filter(loan=loan).delete()
        update(loan, actor=actor, changes={"status": LoanStatus.APPROVED, "disbursed_on": None},
               allowed={"status", "disbursed_on"})
