"""Pillar 4 (Koperasi Desmigratif): members, savings, loans with schedules and repayments,
and remittances with how families used them. Money moves only through the ledger
(`villages.models.ledger`): these records point at the journal entries that carry them."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RegionScopedModel
from lindung.villages.choices import LoanPurpose
from lindung.villages.choices import LoanStatus
from lindung.villages.choices import RemittanceChannel
from lindung.villages.choices import RemittanceUse
from lindung.villages.choices import SavingsKind


class Cooperative(RegionScopedModel):
    programme_village = models.OneToOneField("villages.ProgrammeVillage",
                                             on_delete=models.PROTECT,
                                             related_name="cooperative")
    name = models.CharField(_("nama koperasi"), max_length=200)
    registration_number = models.CharField(_("nomor badan hukum"), max_length=100, blank=True)
    founded_on = models.DateField(_("tanggal berdiri"))
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["region_code"]

    str_format = "{name}"


class CoopMember(RegionScopedModel):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="coop_memberships", verbose_name=_("anggota"))
    member_number = models.PositiveIntegerField(_("nomor anggota"))
    joined_on = models.DateField(_("tanggal masuk"))
    left_on = models.DateField(_("tanggal keluar"), null=True, blank=True)

    class Meta:
        ordering = ["cooperative", "member_number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "member_number"],
                                    name="coopmember_unique_number"),
            models.UniqueConstraint(fields=["cooperative", "person"],
                                    name="coopmember_unique_person"),
        ]

    str_format = "{label} {person}"

    @property
    def label(self) -> str:
        return f"{self.member_number:04d}"


class SavingsAccount(RegionScopedModel):
    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT,
                                    related_name="savings_accounts")
    member = models.ForeignKey(CoopMember, on_delete=models.PROTECT,
                               related_name="savings_accounts")
    kind = models.CharField(_("jenis simpanan"), max_length=10, choices=SavingsKind.choices)
    ledger_account = models.OneToOneField("villages.LedgerAccount", on_delete=models.PROTECT,
                                          related_name="savings_account")
    opened_on = models.DateField(_("dibuka"))

    class Meta:
        ordering = ["member", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="savingsaccount_unique"),
        ]

    str_format = "{member} {kind}"


class Loan(RegionScopedModel):
    """A member's loan: flat interest per month on the principal, repaid in `term_months`
    monthly instalments. The outstanding principal is the balance of the loan's own ledger
    account."""

    cooperative = models.ForeignKey(Cooperative, on_delete=models.PROTECT, related_name="loans")
    member = models.ForeignKey(CoopMember, on_delete=models.PROTECT, related_name="loans")
    number = models.PositiveIntegerField(_("nomor pinjaman"))
    purpose = models.CharField(_("jenis pinjaman"), max_length=14, choices=LoanPurpose.choices)
    principal = models.BigIntegerField(_("pokok pinjaman (Rp)"))
    monthly_rate = models.DecimalField(_("jasa per bulan (%)"), max_digits=5, decimal_places=2,
                                       default=Decimal("1.00"))
    term_months = models.PositiveSmallIntegerField(_("jangka waktu (bulan)"))
    status = models.CharField(_("status"), max_length=12, choices=LoanStatus.choices,
                              default=LoanStatus.APPLIED, db_index=True)
    applied_on = models.DateField(_("diajukan"))
    decided_on = models.DateField(_("diputuskan"), null=True, blank=True)
    disbursed_on = models.DateField(_("dicairkan"), null=True, blank=True)
    closed_on = models.DateField(_("ditutup"), null=True, blank=True)
    ledger_account = models.OneToOneField("villages.LedgerAccount", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="loan")
    business_group = models.ForeignKey("villages.BusinessGroup", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="loans",
                                       verbose_name=_("kelompok usaha"))
    destination_country = models.CharField(_("negara tujuan"), max_length=2, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["cooperative", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "number"], name="loan_unique_number"),
            models.CheckConstraint(condition=Q(principal__gt=0), name="loan_principal_positive"),
            models.CheckConstraint(condition=Q(term_months__gte=1) & Q(term_months__lte=120),
                                   name="loan_term_range"),
            models.CheckConstraint(condition=Q(monthly_rate__gte=0) & Q(monthly_rate__lte=10),
                                   name="loan_rate_range"),
        ]

    str_format = "{label}"

    @property
    def label(self) -> str:
        return f"P-{self.number:04d}"


class LoanInstallment(RegionScopedModel):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="installments")
    number = models.PositiveSmallIntegerField(_("angsuran ke"))
    due_on = models.DateField(_("jatuh tempo"))
    principal_due = models.BigIntegerField(_("pokok (Rp)"))
    interest_due = models.BigIntegerField(_("jasa (Rp)"))

    class Meta:
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="installment_unique"),
        ]

    str_format = "{loan_id} #{number}"

    @property
    def amount_due(self) -> int:
        return int(self.principal_due + self.interest_due)


class LoanRepayment(RegionScopedModel):
    """A repayment, carried by its journal entry. A wrong repayment is not edited: its
    entry is reversed and `reversal_entry` set, and it no longer counts."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="repayments")
    paid_on = models.DateField(_("tanggal bayar"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    principal_part = models.BigIntegerField(_("pokok (Rp)"))
    interest_part = models.BigIntegerField(_("jasa (Rp)"))
    entry = models.OneToOneField("villages.JournalEntry", on_delete=models.PROTECT,
                                 related_name="repayment")
    reversal_entry = models.OneToOneField("villages.JournalEntry", null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["loan", "paid_on", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="repayment_positive"),
        ]

    str_format = "{loan_id} {paid_on} {amount}"


class Remittance(RegionScopedModel):
    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="remittances")
    census_household = models.ForeignKey("villages.CensusHousehold", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="remittances")
    sender = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("pengirim (PMI)"))
    received_on = models.DateField(_("diterima"))
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    country = models.CharField(_("dari negara"), max_length=2, blank=True)
    channel = models.CharField(_("saluran"), max_length=16, choices=RemittanceChannel.choices)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="remittance_positive"),
        ]

    str_format = "{received_on} {amount}"


class RemittanceAllocation(RegionScopedModel):
    """How (part of) a remittance was used. Savings deposited with the cooperative point
    at the deposit's journal entry."""

    remittance = models.ForeignKey(Remittance, on_delete=models.CASCADE,
                                   related_name="allocations")
    use = models.CharField(_("penggunaan"), max_length=12, choices=RemittanceUse.choices)
    amount = models.BigIntegerField(_("jumlah (Rp)"))
    purpose = models.CharField(_("untuk apa"), max_length=200, blank=True)
    savings_entry = models.OneToOneField("villages.JournalEntry", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["remittance", "use"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_positive"),
        ]

    str_format = "{use} {amount}"
