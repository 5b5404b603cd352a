"""The cooperative's double-entry ledger.

Rules, enforced here (ORM) and by database triggers (migration 0002):
- a journal entry has at least two lines; each line is a debit or a credit of a positive
  whole number of rupiah; debits equal credits (checked by the posting service, and by a
  deferred constraint trigger on PostgreSQL at commit);
- entries and lines are never updated or deleted: a mistake is corrected by a reversing
  entry (`JournalEntry.reverses`);
- nothing is posted into a closed accounting period, and a closed period stays closed;
- no balance is stored anywhere: every balance is the sum of its lines.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.common import stored_text
from lindung.core.models import BaseModel
from lindung.core.models import RegionScopedModel
from lindung.villages.choices import AccountRole
from lindung.villages.choices import AccountType
from lindung.villages.choices import EntryKind


class LedgerImmutableError(PermissionError):
    """Journal entries and lines are append-only."""


IMMUTABLE_MESSAGE = (_("Jurnal tidak boleh diubah atau dihapus; buat jurnal pembalik"))


DEBIT_NORMAL = frozenset({AccountType.ASSET, AccountType.EXPENSE})


class LedgerAccount(RegionScopedModel):
    """An account of one cooperative's chart. Control accounts (loans receivable, the
    savings kinds) are not posted to: their balance is the sum of their sub-accounts (one
    per loan, one per member savings account)."""

    cooperative = models.ForeignKey("villages.Cooperative", on_delete=models.PROTECT,
                                    related_name="accounts")
    code = models.CharField(_("kode akun"), max_length=20)
    name = models.CharField(_("nama akun"), max_length=200)
    type = models.CharField(_("jenis"), max_length=10, choices=AccountType.choices)
    role = models.CharField(_("fungsi"), max_length=20, choices=AccountRole.choices,
                            default=AccountRole.OTHER)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    is_control = models.BooleanField(default=False)
    member = models.ForeignKey("villages.CoopMember", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="accounts")

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "code"], name="ledgeraccount_code"),
        ]

    str_format = "{code} {name}"

    @property
    def debit_normal(self) -> bool:
        return self.type in DEBIT_NORMAL


class AccountingPeriod(RegionScopedModel):
    """A calendar month of one cooperative's books. Once closed, nothing is posted into it
    and it is never reopened (a database trigger refuses both)."""

    cooperative = models.ForeignKey("villages.Cooperative", on_delete=models.PROTECT,
                                    related_name="periods")
    starts_on = models.DateField(_("awal"))
    ends_on = models.DateField(_("akhir"))
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "starts_on"],
                                    name="accountingperiod_unique_start"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                   name="accountingperiod_ends_after_start"),
        ]

    str_format = "{starts_on:%Y-%m}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise LedgerImmutableError(IMMUTABLE_MESSAGE)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise LedgerImmutableError(IMMUTABLE_MESSAGE)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise LedgerImmutableError(IMMUTABLE_MESSAGE)


class AppendOnlyModel(BaseModel):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise LedgerImmutableError(IMMUTABLE_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise LedgerImmutableError(IMMUTABLE_MESSAGE)


class JournalEntry(AppendOnlyModel):
    cooperative = models.ForeignKey("villages.Cooperative", on_delete=models.PROTECT,
                                    related_name="entries")
    region_code = models.CharField(max_length=16, db_index=True, editable=False)
    number = models.PositiveIntegerField(_("nomor jurnal"))
    entry_date = models.DateField(_("tanggal"))
    period = models.ForeignKey(AccountingPeriod, on_delete=models.PROTECT,
                               related_name="entries")
    kind = models.CharField(_("jenis"), max_length=20, choices=EntryKind.choices)
    memo = models.CharField(_("keterangan"), max_length=300)
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reversal", verbose_name=_("membalik jurnal"))
    member = models.ForeignKey("villages.CoopMember", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="entries")
    loan = models.ForeignKey("villages.Loan", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="entries")
    synthetic = models.BooleanField(default=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"],
                                    name="journalentry_unique_number"),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.entry_date} {stored_text.show(self.memo)}"


class JournalLine(AppendOnlyModel):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="lines")
    debit = models.BigIntegerField(_("debit (Rp)"), default=0)
    credit = models.BigIntegerField(_("kredit (Rp)"), default=0)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "-debit", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0, credit=0) | Q(debit=0, credit__gt=0)),
                name="journalline_one_side_positive"),
        ]
        indexes = [models.Index(fields=["account", "entry"])]

    str_format = "{account_id} D{debit} K{credit}"
