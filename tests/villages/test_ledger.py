"""The cooperative's double-entry ledger: posting rules, immutability (ORM and database
triggers), reversals, closed periods, and a hypothesis property test that no sequence of
operations breaks the balance invariants."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.db import connection
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from lindung.people.services import person_create
from lindung.villages.choices import AccountRole
from lindung.villages.choices import LoanPurpose
from lindung.villages.choices import LoanStatus
from lindung.villages.choices import SavingsKind
from lindung.villages.models import AccountingPeriod
from lindung.villages.models import Cooperative
from lindung.villages.models import CoopMember
from lindung.villages.models import JournalEntry
from lindung.villages.models import JournalLine
from lindung.villages.models import LedgerAccount
from lindung.villages.models import LedgerImmutableError
from lindung.villages.models import Loan
from lindung.villages.selectors import ledger as ledger_selectors
from lindung.villages.selectors.cooperative import loan_state
from lindung.villages.services import cooperative as coop
from lindung.villages.services.ledger import Line
from lindung.villages.services.ledger import account_for
from lindung.villages.services.ledger import accounting_period_close
from lindung.villages.services.ledger import journal_entry_post
from lindung.villages.services.ledger import journal_entry_reverse
from tests.fixtures.villages import months_ago

pytestmark = pytest.mark.django_db


def _member(cooperative: Cooperative, name: str = "Yakobus Lay") -> CoopMember:
    person = person_create(actor=None, name=name, village=cooperative.programme_village.village)
    return coop.coop_member_add(actor=None, cooperative=cooperative, person=person,
                                joined_on=months_ago(12, 1))


def test_it_creates_a_chart_and_balances_from_lines(cooperative: Cooperative) -> None:
    trial = ledger_selectors.trial_balance(cooperative)
    assert trial.balanced and trial.equation_holds
    assert ledger_selectors.cash_balance(cooperative) == 50_000_000
    cash = account_for(cooperative, AccountRole.CASH)
    assert JournalLine.objects.filter(account=cash).aggregate(s=Sum("debit"))["s"] == 50_000_000


def test_it_refuses_unbalanced_and_malformed_entries(cooperative: Cooperative) -> None:
    cash = account_for(cooperative, AccountRole.CASH)
    expense = account_for(cooperative, AccountRole.OPERATING_EXPENSE)
    control = account_for(cooperative, AccountRole.LOANS_RECEIVABLE)
    cases: list[list[Line]] = [
        [Line(cash, debit=100), Line(expense, credit=99)],
        [Line(cash, debit=100)],
        [Line(cash, debit=100, credit=100), Line(expense, credit=0)],
        [Line(cash, debit=-5), Line(expense, credit=-5)],
        [Line(control, debit=100), Line(cash, credit=100)],
    ]
    before = JournalEntry.objects.count()
    for lines in cases:
        with pytest.raises(ValidationError) as err:
            journal_entry_post(actor=None, cooperative=cooperative, entry_date=months_ago(1),
                               memo="Uji", lines=lines)
        assert str(err.value) and " / " not in str(err.value)
    assert JournalEntry.objects.count() == before


def test_it_never_updates_or_deletes_entries(cooperative: Cooperative) -> None:
    entry = JournalEntry.objects.filter(cooperative=cooperative).first()
    assert entry is not None
    entry.memo = "diubah"
    with pytest.raises(LedgerImmutableError):
        entry.save()
    with pytest.raises(LedgerImmutableError):
        entry.delete()
    with pytest.raises(LedgerImmutableError):
        JournalLine.objects.filter(entry=entry).update(debit=1)
    with pytest.raises(LedgerImmutableError):
        JournalEntry.objects.filter(pk=entry.pk).delete()


def test_it_is_protected_by_database_triggers_too(cooperative: Cooperative) -> None:
    line = JournalLine.objects.filter(entry__cooperative=cooperative).first()
    assert line is not None
    table = JournalLine._meta.db_table
    key = line.pk.hex if connection.vendor == "sqlite" else line.pk
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET debit = debit + 1 WHERE id = %s", [key])  # noqa: S608
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [key])  # noqa: S608


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_it_checks_the_balance_at_commit_on_postgresql(cooperative: Cooperative) -> None:
    entry = JournalEntry.objects.filter(cooperative=cooperative).first()
    assert entry is not None
    cash = account_for(cooperative, AccountRole.CASH)
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalLine.objects.bulk_create([JournalLine(entry=entry, account=cash, debit=1)])
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_it_corrects_with_a_reversing_entry(cooperative: Cooperative) -> None:
    member = _member(cooperative)
    voluntary = member.savings_accounts.get(kind=SavingsKind.VOLUNTARY)
    deposit = coop.savings_deposit(actor=None, savings=voluntary, amount=200_000,
                                   on=months_ago(1))
    assert ledger_selectors.savings_balance(voluntary) == 200_000
    reversal = journal_entry_reverse(actor=None, entry=deposit, reason="salah anggota")
    assert reversal.reverses == deposit
    assert ledger_selectors.savings_balance(voluntary) == 0
    with pytest.raises(ValidationError):
        journal_entry_reverse(actor=None, entry=deposit, reason="lagi")
    with pytest.raises(ValidationError):
        journal_entry_reverse(actor=None, entry=reversal, reason="balik pembalik")


def test_it_refuses_postings_into_a_closed_period(cooperative: Cooperative) -> None:
    periods = list(AccountingPeriod.objects.filter(cooperative=cooperative))
    for period in periods:
        accounting_period_close(actor=None, period=period)
    cash = account_for(cooperative, AccountRole.CASH)
    capital = account_for(cooperative, AccountRole.CAPITAL)
    with pytest.raises(ValidationError) as err:
        journal_entry_post(actor=None, cooperative=cooperative, entry_date=months_ago(13, 20),
                           memo="Terlambat", lines=[Line(cash, debit=1), Line(capital, credit=1)])
    assert "ditutup" in str(err.value)
    # An earlier month that never had a period is closed too.
    with pytest.raises(ValidationError):
        journal_entry_post(actor=None, cooperative=cooperative, entry_date=months_ago(20),
                           memo="Jauh sebelumnya",
                           lines=[Line(cash, debit=1), Line(capital, credit=1)])
    # The closed period cannot be reopened, not even with SQL.
    period = periods[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE villages_accountingperiod SET closed_at = NULL WHERE id = %s",
                       [period.pk.hex if connection.vendor == "sqlite" else period.pk])
    # and the current month is still open
    journal_entry_post(actor=None, cooperative=cooperative, entry_date=timezone.localdate(),
                       memo="Tepat", lines=[Line(cash, debit=1), Line(capital, credit=1)])


def test_it_closes_periods_in_order_and_only_after_they_end(cooperative: Cooperative) -> None:
    cash = account_for(cooperative, AccountRole.CASH)
    capital = account_for(cooperative, AccountRole.CAPITAL)
    journal_entry_post(actor=None, cooperative=cooperative, entry_date=months_ago(2),
                       memo="Hibah", lines=[Line(cash, debit=5), Line(capital, credit=5)])
    current = journal_entry_post(actor=None, cooperative=cooperative,
                                 entry_date=timezone.localdate(), memo="Hibah",
                                 lines=[Line(cash, debit=5), Line(capital, credit=5)])
    later = AccountingPeriod.objects.get(cooperative=cooperative,
                                         starts_on=months_ago(2, 1))
    with pytest.raises(ValidationError):
        accounting_period_close(actor=None, period=later)  # the earlier month is open
    with pytest.raises(ValidationError):
        accounting_period_close(actor=None, period=current.period)  # not ended yet


def test_it_disburses_schedules_and_repays_a_loan(cooperative: Cooperative) -> None:
    member = _member(cooperative)
    loan = coop.loan_apply(actor=None, member=member, purpose=LoanPurpose.BUSINESS,
                           principal=1_000_000, term_months=4, monthly_rate=Decimal("1.5"),
                           applied_on=months_ago(6))
    coop.loan_decide(actor=None, loan=loan, approve=True, on=months_ago(6))
    coop.loan_disburse(actor=None, loan=loan, on=months_ago(6))
    loan.refresh_from_db()
    assert loan.status == LoanStatus.DISBURSED
    schedule = list(loan.installments.order_by("number"))
    assert [i.principal_due for i in schedule] == [250_000] * 4
    assert {i.interest_due for i in schedule} == {15_000}
    state = loan_state(loan, timezone.localdate())
    assert state.outstanding_principal == 1_000_000 and state.days_past_due > 30
    repayment = coop.loan_repay(actor=None, loan=loan, amount=265_000, on=months_ago(5))
    assert (repayment.principal_part, repayment.interest_part) == (250_000, 15_000)
    with pytest.raises(ValidationError):
        coop.loan_repay(actor=None, loan=loan, amount=10_000_000, on=months_ago(4))
    coop.loan_repay(actor=None, loan=loan, amount=795_000, on=months_ago(4))
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REPAID
    assert loan_state(loan, timezone.localdate()).outstanding_principal == 0
    interest = account_for(cooperative, AccountRole.INTEREST_INCOME)
    assert ledger_selectors.account_balance(interest) == 60_000
    # Reversing the last repayment re-opens the loan.
    last = loan.repayments.order_by("-paid_on").first()
    assert last is not None
    journal_entry_reverse(actor=None, entry=last.entry, reason="cek kosong")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.DISBURSED
    assert loan_state(loan, timezone.localdate()).outstanding_principal == 750_000


def test_it_keeps_savings_and_cash_from_going_below_zero(cooperative: Cooperative) -> None:
    member = _member(cooperative)
    voluntary = member.savings_accounts.get(kind=SavingsKind.VOLUNTARY)
    coop.savings_deposit(actor=None, savings=voluntary, amount=100, on=months_ago(1))
    with pytest.raises(ValidationError):
        coop.savings_withdraw(actor=None, savings=voluntary, amount=101, on=months_ago(1))
    loan = coop.loan_apply(actor=None, member=member, purpose=LoanPurpose.DEPARTURE,
                           principal=60_000_000, term_months=12, applied_on=months_ago(1),
                           destination_country="TW")
    coop.loan_decide(actor=None, loan=loan, approve=True, on=months_ago(1))
    with pytest.raises(ValidationError) as err:
        coop.loan_disburse(actor=None, loan=loan, on=months_ago(1))
    assert "Kas tidak cukup" in str(err.value)


# -- the property test ----------------------------------------------------------------------

OPERATIONS = st.lists(st.tuples(
    st.sampled_from(["deposit", "withdraw", "apply", "disburse", "repay", "reverse", "manual",
                     "close", "expense"]),
    st.integers(min_value=0, max_value=3),  # which member / loan / entry
    st.integers(min_value=-1_000, max_value=3_000_000),  # an amount (sometimes invalid)
    st.integers(min_value=0, max_value=200),  # days ago
), min_size=1, max_size=25)


def _check_invariants(cooperative: Cooperative) -> None:
    lines = JournalLine.objects.filter(entry__cooperative=cooperative)
    totals = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    assert totals["d"] == totals["c"]
    for entry in JournalEntry.objects.filter(cooperative=cooperative).prefetch_related("lines"):
        entry_lines = list(entry.lines.all())
        assert len(entry_lines) >= 2
        assert sum(x.debit for x in entry_lines) == sum(x.credit for x in entry_lines)
        assert all((x.debit > 0) != (x.credit > 0) for x in entry_lines)
    trial = ledger_selectors.trial_balance(cooperative)
    assert trial.balanced and trial.equation_holds
    for account in LedgerAccount.objects.filter(cooperative=cooperative):
        own = lines.filter(account=account).aggregate(d=Sum("debit"), c=Sum("credit"))
        sub = lines.filter(account__parent=account).aggregate(d=Sum("debit"), c=Sum("credit"))
        debit = (own["d"] or 0) + (sub["d"] or 0)
        credit = (own["c"] or 0) + (sub["c"] or 0)
        balance = ledger_selectors.account_balance(account)
        assert balance == ledger_selectors.signed(account.type, debit, credit)
        if account.role in (AccountRole.CASH, AccountRole.MEMBER_SAVINGS, AccountRole.LOAN):
            assert balance >= 0, account.code
    for loan in Loan.objects.filter(cooperative=cooperative, status=LoanStatus.DISBURSED):
        state = loan_state(loan, timezone.localdate())
        assert state.outstanding_principal == loan.principal - state.principal_paid
    closed = AccountingPeriod.objects.filter(cooperative=cooperative, closed_at__isnull=False)
    for period in closed:
        assert not JournalEntry.objects.filter(
            period=period, created_at__gt=period.closed_at).exists()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(operations=OPERATIONS)
def test_no_sequence_of_operations_breaks_the_balance_invariants(
        cooperative: Cooperative, operations: list[tuple[str, int, int, int]]) -> None:
    today = timezone.localdate()
    sid = transaction.savepoint()
    try:
        members = [_member(cooperative, name) for name in ("Ana Lay", "Beni Tse", "Cici Ora")]
        for name, which, amount, days_ago in operations:
            day = today - timedelta(days=days_ago)
            member = members[which % len(members)]
            try:
                with transaction.atomic():
                    _apply(cooperative, member, name, which, amount, day)
            except ValidationError:
                pass  # refused operations leave nothing behind (checked below)
            _check_invariants(cooperative)
    finally:
        transaction.savepoint_rollback(sid)


def _apply(cooperative: Cooperative, member: CoopMember, name: str, which: int, amount: int,
           day: date) -> None:
    voluntary = member.savings_accounts.get(kind=SavingsKind.VOLUNTARY)
    loans = list(Loan.objects.filter(cooperative=cooperative).order_by("number"))
    if name == "deposit":
        coop.savings_deposit(actor=None, savings=voluntary, amount=amount, on=day)
    elif name == "withdraw":
        coop.savings_withdraw(actor=None, savings=voluntary, amount=amount, on=day)
    elif name == "apply":
        loan = coop.loan_apply(actor=None, member=member, purpose=LoanPurpose.BUSINESS,
                               principal=amount, term_months=which + 1, applied_on=day)
        coop.loan_decide(actor=None, loan=loan, approve=True, on=day)
    elif name == "disburse" and loans:
        coop.loan_disburse(actor=None, loan=loans[which % len(loans)], on=day)
    elif name == "repay" and loans:
        coop.loan_repay(actor=None, loan=loans[which % len(loans)], amount=amount, on=day)
    elif name == "reverse":
        entries = list(JournalEntry.objects.filter(cooperative=cooperative).order_by("-number"))
        journal_entry_reverse(actor=None, entry=entries[which % len(entries)], reason="uji",
                              on=max(day, entries[which % len(entries)].entry_date))
    elif name == "manual":
        cash = account_for(cooperative, AccountRole.CASH)
        capital = account_for(cooperative, AccountRole.CAPITAL)
        # sometimes unbalanced on purpose (amount + which)
        journal_entry_post(actor=None, cooperative=cooperative, entry_date=day, memo="Uji",
                           lines=[Line(cash, debit=amount),
                                  Line(capital, credit=amount + (which == 3))])
    elif name == "expense":
        coop.expense_pay(actor=None, cooperative=cooperative, amount=amount, on=day, memo="ATK")
    elif name == "close":
        period = AccountingPeriod.objects.filter(cooperative=cooperative,
                                                 closed_at__isnull=True).order_by(
            "starts_on").first()
        if period is not None:
            accounting_period_close(actor=None, period=period)
