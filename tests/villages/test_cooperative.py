"""Pillar 4 services around the ledger: members leaving, savings kinds, write-offs,
disbursement reversals, remittances and their use, extra accounts, scope."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone

from lindung.villages.choices import AccountRole
from lindung.villages.choices import LoanStatus
from lindung.villages.choices import SavingsKind
from lindung.villages.models import JournalEntry
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.services import cooperative as coop
from lindung.villages.services.ledger import account_for
from lindung.villages.services.ledger import journal_entry_reverse
from lindung.villages.services.ledger import ledger_account_create
from tests.fixtures.villages import VillageData

TODAY = timezone.localdate


def test_principal_savings_stay_while_a_loan_runs(village_data: VillageData) -> None:
    member = village_data.member
    principal = member.savings_accounts.get(kind=SavingsKind.PRINCIPAL)
    coop.savings_deposit(actor=None, savings=principal, amount=100_000, on=TODAY())
    with pytest.raises(ValidationError):
        coop.savings_withdraw(actor=None, savings=principal, amount=100_000, on=TODAY())
    with pytest.raises(ValidationError):  # a running loan: the member cannot leave
        coop.coop_member_leave(actor=None, member=member, left_on=TODAY())


def test_a_member_leaves_with_savings_paid_out(village_data: VillageData) -> None:
    loan = village_data.loan
    state_total = sum(i.amount_due for i in loan.installments.all())
    coop.loan_repay(actor=None, loan=loan, amount=state_total, on=TODAY())
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REPAID
    member = village_data.member
    voluntary = member.savings_accounts.get(kind=SavingsKind.VOLUNTARY)
    coop.savings_deposit(actor=None, savings=voluntary, amount=250_000, on=TODAY())
    with pytest.raises(ValidationError):  # savings still held
        coop.coop_member_leave(actor=None, member=member, left_on=TODAY())
    coop.savings_withdraw(actor=None, savings=voluntary, amount=250_000, on=TODAY())
    coop.coop_member_leave(actor=None, member=member, left_on=TODAY())
    with pytest.raises(ValidationError):
        coop.savings_deposit(actor=None, savings=voluntary, amount=1, on=TODAY())


def test_a_write_off_moves_the_loan_to_a_loss(village_data: VillageData) -> None:
    loan = village_data.loan
    coop.loan_write_off(actor=None, loan=loan, on=TODAY(), reason="meninggal dunia")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.WRITTEN_OFF
    loss = account_for(village_data.cooperative, AccountRole.LOAN_LOSS)
    assert ledger_selectors.account_balance(loss) == 3_000_000
    assert loan.ledger_account is not None
    assert ledger_selectors.account_balance(loan.ledger_account) == 0
    entry = JournalEntry.objects.get(loan=loan, kind="loan_write_off")
    with pytest.raises(ValidationError):
        journal_entry_reverse(actor=None, entry=entry, reason="salah")


def test_reversing_a_disbursement_needs_its_repayments_reversed_first(
        village_data: VillageData) -> None:
    loan = village_data.loan
    repayment = coop.loan_repay(actor=None, loan=loan, amount=100_000, on=TODAY())
    disbursement = village_data.entry
    with pytest.raises(ValidationError):
        journal_entry_reverse(actor=None, entry=disbursement, reason="batal")
    journal_entry_reverse(actor=None, entry=repayment.entry, reason="batal")
    journal_entry_reverse(actor=None, entry=disbursement, reason="batal")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED and not loan.installments.exists()
    trial = ledger_selectors.trial_balance(village_data.cooperative)
    assert trial.balanced and trial.equation_holds


def test_remittance_use_is_recorded_within_its_amount(village_data: VillageData) -> None:
    remittance = village_data.remittance
    assert coop.remittance_unallocated(remittance) == 3_000_000
    savings = village_data.member.savings_accounts.get(kind=SavingsKind.VOLUNTARY)
    coop.remittance_allocate(actor=None, remittance=remittance, use="savings",
                             amount=1_000_000, savings=savings)
    assert ledger_selectors.savings_balance(savings) == 1_000_000
    with pytest.raises(ValidationError):
        coop.remittance_allocate(actor=None, remittance=remittance, use="consumptive",
                                 amount=2_000_001)
    with pytest.raises(ValidationError):  # a savings account with another use
        coop.remittance_allocate(actor=None, remittance=remittance, use="productive",
                                 amount=1, savings=savings)
    with pytest.raises(PermissionDenied):
        coop.remittance_allocate(actor=village_data.villages.world.users["coord_jabar"],
                                 remittance=remittance, use="consumptive", amount=1)


def test_extra_accounts_and_scope(village_data: VillageData) -> None:
    users = village_data.villages.world.users
    cooperative = village_data.cooperative
    account = ledger_account_create(actor=users["village_officer"], cooperative=cooperative,
                                    code="5300", name="Beban listrik", type="expense")
    coop.expense_pay(actor=users["village_officer"], cooperative=cooperative, amount=50_000,
                     on=TODAY(), memo="Listrik", account=account)
    assert ledger_selectors.account_balance(account) == 50_000
    with pytest.raises(ValidationError):
        ledger_account_create(actor=users["village_officer"], cooperative=cooperative,
                              code="5300", name="Lagi", type="expense")
    with pytest.raises(PermissionDenied):
        ledger_account_create(actor=users["coord_jabar"], cooperative=cooperative,
                              code="5400", name="Luar", type="expense")
    with pytest.raises(ValidationError):  # more cash out than there is
        coop.expense_pay(actor=None, cooperative=cooperative, amount=10**12, on=TODAY(),
                         memo="terlalu banyak")


def test_the_memos_the_cooperative_writes_read_in_each_readers_language(
        village_data: VillageData) -> None:
    """The ledger is append-only and read by officers of either language: the memos the
    services write are kept messages (the loan's purpose in both languages among them)."""
    from django.utils import translation

    from lindung.common import stored_text

    loan = village_data.loan
    disbursed = JournalEntry.objects.get(loan=loan, kind="loan_disbursement")
    coop.loan_write_off(actor=None, loan=loan, on=TODAY(), reason="meninggal dunia")
    written_off = JournalEntry.objects.get(loan=loan, kind="loan_write_off")
    with translation.override("id"):
        assert stored_text.show(disbursed.memo).startswith(f"Pencairan pinjaman {loan.label} (")
        assert stored_text.show(written_off.memo) == (
            f"Penghapusan piutang {loan.label}: meninggal dunia")
        indonesian_purpose = str(loan.get_purpose_display())
    with translation.override("en"):
        english = stored_text.show(disbursed.memo)
        assert english == f"Loan {loan.label} paid out ({loan.get_purpose_display()})"
        assert indonesian_purpose not in english or indonesian_purpose == str(
            loan.get_purpose_display())
        assert stored_text.show(written_off.memo) == (
            f"Loan {loan.label} written off: meninggal dunia")
