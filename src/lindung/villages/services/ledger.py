"""The cooperative's double-entry ledger: the chart of accounts, posting, reversing,
closing periods. Every movement of money in pillar 4 goes through `journal_entry_post`.

Invariants (tested with hypothesis in tests/villages/test_ledger.py):
- each entry: at least two lines, each a positive whole-rupiah debit or credit, debits equal
  credits; posted to postable (non-control) accounts of the same cooperative;
- entries are append-only; corrections are reversing entries, at most one per entry;
- nothing is posted on or before the end of the latest closed period, nor in the future;
- balances are never stored: `selectors.ledger` sums the lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_noop

from lindung.accounts.models import User
from lindung.common import stored_text
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.villages.choices import AccountRole
from lindung.villages.choices import AccountType
from lindung.villages.choices import EntryKind
from lindung.villages.dates import month_bounds
from lindung.villages.models import AccountingPeriod
from lindung.villages.models import Cooperative
from lindung.villages.models import CoopMember
from lindung.villages.models import JournalEntry
from lindung.villages.models import JournalLine
from lindung.villages.models import LedgerAccount
from lindung.villages.models import Loan
from lindung.villages.services import reversals
from lindung.villages.services.common import invalid
from lindung.villages.services.common import require

# A ceiling far above any village cooperative's figures, well inside a 64-bit integer.
MAX_AMOUNT = 10**13


@dataclass(frozen=True)
class Line:
    account: LedgerAccount
    debit: int = 0
    credit: int = 0


# code, name, type, role, is a control account
DEFAULT_CHART: tuple[tuple[str, str, str, str, bool], ...] = (
    ("1100", "Kas", AccountType.ASSET, AccountRole.CASH, False),
    ("1110", "Bank", AccountType.ASSET, AccountRole.BANK, False),
    ("1200", "Piutang pinjaman anggota", AccountType.ASSET, AccountRole.LOANS_RECEIVABLE, True),
    ("2100", "Simpanan sukarela anggota", AccountType.LIABILITY, AccountRole.VOLUNTARY_SAVINGS,
     True),
    ("3100", "Simpanan pokok", AccountType.EQUITY, AccountRole.PRINCIPAL_SAVINGS, True),
    ("3200", "Simpanan wajib", AccountType.EQUITY, AccountRole.MANDATORY_SAVINGS, True),
    ("3300", "Modal hibah/donasi", AccountType.EQUITY, AccountRole.CAPITAL, False),
    ("3400", "SHU ditahan", AccountType.EQUITY, AccountRole.RETAINED_SURPLUS, False),
    ("4100", "Pendapatan jasa pinjaman", AccountType.INCOME, AccountRole.INTEREST_INCOME, False),
    ("4200", "Pendapatan administrasi", AccountType.INCOME, AccountRole.FEE_INCOME, False),
    ("5100", "Beban operasional", AccountType.EXPENSE, AccountRole.OPERATING_EXPENSE, False),
    ("5200", "Beban penghapusan piutang", AccountType.EXPENSE, AccountRole.LOAN_LOSS, False),
)


def chart_create(*, actor: User | None, cooperative: Cooperative) -> None:
    LedgerAccount.objects.bulk_create(
        LedgerAccount(cooperative=cooperative, region_code=cooperative.region_code, code=code,
                      name=name, type=kind, role=role, is_control=control, created_by=actor,
                      updated_by=actor)
        for code, name, kind, role, control in DEFAULT_CHART)


def account_for(cooperative: Cooperative, role: str) -> LedgerAccount:
    return LedgerAccount.objects.get(cooperative=cooperative, role=role, parent__isnull=True)


@transaction.atomic
def sub_account_create(*, actor: User | None, cooperative: Cooperative, parent_role: str,
                       suffix: str, name: str, role: str,
                       member: CoopMember | None = None) -> LedgerAccount:
    parent = account_for(cooperative, parent_role)
    account = LedgerAccount(cooperative=cooperative, region_code=cooperative.region_code,
                            code=f"{parent.code}.{suffix}", name=name[:200], type=parent.type,
                            role=role, parent=parent, member=member, created_by=actor,
                            updated_by=actor)
    account.full_clean()
    account.save()
    return account


@transaction.atomic
def ledger_account_create(*, actor: User | None, cooperative: Cooperative, code: str,
                          name: str, type: str) -> LedgerAccount:
    """An extra account the cooperative needs (e.g. another expense)."""
    account = LedgerAccount(cooperative=cooperative, region_code=cooperative.region_code,
                            code=code.strip(), name=name.strip(), type=type,
                            role=AccountRole.OTHER, created_by=actor, updated_by=actor)
    require(actor, CREATE, account)
    if LedgerAccount.objects.filter(cooperative=cooperative, code=account.code).exists():
        raise invalid("code", gettext("Kode akun %(code)s sudah dipakai") % {"code": account.code})
    audit.save_recorded(account, actor=actor, action=AuditAction.CREATE,
                        detail={"code": account.code})
    return account


def latest_closed_end(cooperative: Cooperative) -> date | None:
    value: date | None = cooperative.periods.filter(closed_at__isnull=False).aggregate(
        end=Max("ends_on"))["end"]
    return value


def period_for(*, actor: User | None, cooperative: Cooperative, day: date) -> AccountingPeriod:
    """The open monthly period for `day`, created when it is the first entry of the month."""
    closed_until = latest_closed_end(cooperative)
    if closed_until is not None and day <= closed_until:
        raise invalid("entry_date", gettext("Periode buku sampai %(closed_until)s sudah ditutup; "
                                            "catat koreksi di periode yang masih terbuka")
                                        % {"closed_until": format(closed_until, "%d-%m-%Y")})
    start, end = month_bounds(day)
    period, _ = AccountingPeriod.objects.get_or_create(
        cooperative=cooperative, starts_on=start,
        defaults={"ends_on": end, "region_code": cooperative.region_code, "created_by": actor,
                  "updated_by": actor})
    if period.is_closed:  # pragma: no cover - guarded by latest_closed_end above
        raise invalid("entry_date", gettext("Periode ini sudah ditutup"))
    return period


def _check_lines(cooperative: Cooperative, lines: Sequence[Line]) -> int:
    if len(lines) < 2:
        raise invalid(None, gettext("Jurnal harus punya minimal dua baris"))
    debits = credits = 0
    for line in lines:
        for amount in (line.debit, line.credit):
            if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
                raise invalid(None,
                              gettext("Jumlah harus bilangan bulat rupiah yang tidak negatif"))
            if amount > MAX_AMOUNT:
                raise invalid(None, gettext("Jumlah terlalu besar"))
        if (line.debit > 0) == (line.credit > 0):
            raise invalid(None, gettext("Setiap baris harus debit atau kredit (tidak keduanya, "
                                        "tidak nol)"))
        if line.account.cooperative_id != cooperative.pk:
            raise invalid(None, gettext("Akun milik koperasi lain"))
        if line.account.is_control:
            raise invalid(None, gettext("Akun induk %(code)s tidak bisa dijurnal langsung")
                                    % {"code": line.account.code})
        debits += line.debit
        credits += line.credit
    if debits != credits:
        raise invalid(None, gettext("Jurnal tidak seimbang: debit %(debits)s ≠ kredit %(credits)s")
                                % {"debits": format(debits, ","), "credits": format(credits, ",")})
    return debits


@transaction.atomic
def journal_entry_post(*, actor: User | None, cooperative: Cooperative, entry_date: date,
                       memo: str, lines: Sequence[Line], kind: str = EntryKind.MANUAL,
                       member: CoopMember | None = None, loan: Loan | None = None,
                       reverses: JournalEntry | None = None,
                       synthetic: bool = False) -> JournalEntry:
    probe = JournalEntry(cooperative=cooperative, region_code=cooperative.region_code)
    require(actor, CREATE, probe)
    # One writer per cooperative at a time: entry numbers and balance checks stay exact.
    Cooperative.objects.select_for_update().filter(pk=cooperative.pk).first()
    if entry_date > timezone.localdate():
        raise invalid("entry_date", gettext("Tanggal jurnal belum terjadi"))
    if not memo.strip():
        raise invalid("memo", gettext("Keterangan jurnal wajib diisi"))
    total = _check_lines(cooperative, lines)
    period = period_for(actor=actor, cooperative=cooperative, day=entry_date)
    number = (cooperative.entries.aggregate(n=Max("number"))["n"] or 0) + 1
    entry = JournalEntry(cooperative=cooperative, region_code=cooperative.region_code,
                         number=number, entry_date=entry_date, period=period, kind=kind,
                         memo=memo.strip()[:300], member=member, loan=loan, reverses=reverses,
                         synthetic=synthetic, created_by=actor, updated_by=actor)
    entry.full_clean(validate_constraints=False)
    entry.save()
    JournalLine.objects.bulk_create(
        JournalLine(entry=entry, account=line.account, debit=line.debit, credit=line.credit,
                    created_by=actor, updated_by=actor) for line in lines)
    sums = entry.lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    if sums["d"] != total or sums["c"] != total:  # pragma: no cover - defence in depth
        raise invalid(None, gettext("Jurnal tidak seimbang"))
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=entry,
                        region_code=entry.region_code,
                        detail={"number": number, "kind": kind, "lines": len(lines)})
    return entry


@transaction.atomic
def journal_entry_reverse(*, actor: User | None, entry: JournalEntry, reason: str,
                          on: date | None = None) -> JournalEntry:
    """Post the mirror image of `entry` (debits become credits) on `on` (default today).
    Records that an entry carries (a repayment, a disbursement) are undone with it."""

    require(actor, CHANGE, entry)
    entry = JournalEntry.objects.select_related("cooperative").get(pk=entry.pk)
    day = on or timezone.localdate()
    if entry.kind == EntryKind.REVERSAL:
        raise invalid(None, gettext("Jurnal pembalik tidak bisa dibalik lagi; buat jurnal yang "
                                    "benar"))
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise invalid(None, gettext("Jurnal #%(number)s sudah dibalik") % {"number": entry.number})
    if day < entry.entry_date:
        raise invalid("on", gettext("Tanggal pembalik sebelum tanggal jurnal asli"))
    if not reason.strip():
        raise invalid("reason", gettext("Alasan pembalikan wajib diisi"))
    lines = [Line(account=line.account, debit=line.credit, credit=line.debit)
             for line in entry.lines.select_related("account")]
    reversals.before_reversal(entry=entry, lines=lines)
    reversal = journal_entry_post(
        actor=actor, cooperative=entry.cooperative, entry_date=day,
        memo=stored_text.keep(gettext_noop("Pembalik jurnal #%(number)s: %(reason)s"),
                              number=entry.number, reason=reason.strip()[:200]), lines=lines,
        kind=EntryKind.REVERSAL, member=entry.member, loan=entry.loan, reverses=entry,
        synthetic=entry.synthetic)
    reversals.after_reversal(actor=actor, entry=entry, reversal=reversal)
    return reversal


@transaction.atomic
def accounting_period_close(*, actor: User | None, period: AccountingPeriod) -> AccountingPeriod:
    require(actor, CHANGE, period)
    period = AccountingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise invalid(None, gettext("Periode ini sudah ditutup"))
    if period.ends_on >= timezone.localdate():
        raise invalid(None, gettext("Periode hanya bisa ditutup setelah bulannya berakhir"))
    if AccountingPeriod.objects.filter(cooperative_id=period.cooperative_id,
                                       starts_on__lt=period.starts_on,
                                       closed_at__isnull=True).exists():
        raise invalid(None, gettext("Tutup dulu periode sebelumnya"))
    period.closed_at = timezone.now()
    period.closed_by = actor
    period.updated_by = actor
    period.save(update_fields=["closed_at", "closed_by", "updated_by", "updated_at"])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=period,
                        region_code=period.region_code,
                        detail={"fields": ["closed_at"], "period": str(period)})
    return period
