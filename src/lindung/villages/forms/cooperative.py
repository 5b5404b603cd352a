"""Forms of pillar 4: the cooperative, members, savings, loans, the ledger, remittances."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.common.countries import country_choices
from lindung.villages.choices import AccountType
from lindung.villages.choices import LoanPurpose
from lindung.villages.choices import RemittanceChannel
from lindung.villages.choices import RemittanceUse
from lindung.villages.choices import SavingsKind
from lindung.villages.forms.common import PersonPickField
from lindung.villages.forms.common import RupiahField
from lindung.villages.forms.common import date_field


class CooperativeForm(forms.Form):
    name = forms.CharField(label=_("Nama koperasi"), max_length=200)
    registration_number = forms.CharField(label=_("Nomor badan hukum"), max_length=100,
                                          required=False)
    founded_on = date_field(_("Tanggal berdiri"))


class CoopMemberForm(forms.Form):
    person = PersonPickField(label=_("Warga desa"))
    joined_on = date_field(_("Tanggal masuk"))


class SavingsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Simpanan"), choices=SavingsKind.choices,
                             initial=SavingsKind.VOLUNTARY)
    direction = forms.ChoiceField(label=_("Transaksi"),
                                  choices=[("deposit", _("setor")), ("withdraw", _("tarik"))])
    amount = RupiahField(label=_("Jumlah (Rp)"))
    on = date_field(_("Tanggal"))


class LoanApplyForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Jenis pinjaman"), choices=LoanPurpose.choices)
    principal = RupiahField(label=_("Pokok pinjaman (Rp)"))
    monthly_rate = forms.DecimalField(label=_("Jasa per bulan (%)"), min_value=Decimal(0),
                                      max_value=Decimal(10), decimal_places=2,
                                      initial=Decimal("1.00"))
    term_months = forms.IntegerField(label=_("Jangka waktu (bulan)"), min_value=1,
                                     max_value=120, initial=12)
    applied_on = date_field(_("Tanggal pengajuan"))
    destination_country = forms.ChoiceField(label=_("Negara tujuan (pembiayaan "
                                                    "pemberangkatan/PMI)"), required=False,
                                            choices=country_choices())
    business_group = forms.ChoiceField(label=_("Kelompok usaha (pinjaman usaha)"),
                                       required=False, choices=[("", "—")])
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, groups: list[tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["business_group"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *(groups or [])]


class LoanDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Keputusan"),
                                 choices=[("approve", _("setujui")), ("reject", _("tolak"))])
    on = date_field(_("Tanggal"))
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class DateOnlyForm(forms.Form):
    on = date_field(_("Tanggal"))


class RepayForm(forms.Form):
    amount = RupiahField(label=_("Jumlah dibayar (Rp)"))
    on = date_field(_("Tanggal bayar"))


class WriteOffForm(forms.Form):
    on = date_field(_("Tanggal"))
    reason = forms.CharField(label=_("Alasan"), max_length=200)


class CashForm(forms.Form):
    kind = forms.ChoiceField(label=_("Transaksi kas"),
                             choices=[("capital", _("terima modal/hibah")),
                                      ("expense", _("bayar beban"))])
    amount = RupiahField(label=_("Jumlah (Rp)"))
    on = date_field(_("Tanggal"))
    memo = forms.CharField(label=_("Keterangan"), max_length=200)


class AccountForm(forms.Form):
    code = forms.RegexField(label=_("Kode akun"), regex=r"^[0-9]{4}(\.[0-9]{1,4})?$",
                            max_length=20)
    name = forms.CharField(label=_("Nama akun"), max_length=200)
    type = forms.ChoiceField(label=_("Jenis"), choices=AccountType.choices)


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Alasan koreksi"), max_length=200)
    on = date_field(_("Tanggal jurnal pembalik"))


class RemittanceForm(forms.Form):
    received_on = date_field(_("Tanggal diterima"))
    amount = RupiahField(label=_("Jumlah (Rp)"))
    channel = forms.ChoiceField(label=_("Saluran"), choices=RemittanceChannel.choices)
    country = forms.ChoiceField(label=_("Dari negara"), required=False,
                                choices=country_choices())
    household = forms.ChoiceField(label=_("Rumah tangga penerima"), required=False,
                                  choices=[("", "—")])
    sender = PersonPickField(label=_("Pengirim (PMI)"), required=False)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, households: list[tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["household"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *(households or [])]


class AllocationForm(forms.Form):
    use = forms.ChoiceField(label=_("Digunakan untuk"), choices=RemittanceUse.choices)
    amount = RupiahField(label=_("Jumlah (Rp)"))
    purpose = forms.CharField(label=_("Keterangan (misal: modal warung, renovasi rumah)"),
                              max_length=200, required=False)
    savings = forms.ChoiceField(label=_("Disetor ke simpanan sukarela anggota koperasi"),
                                required=False, choices=[("", "—")])

    def __init__(self, *args: Any, savings: list[tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["savings"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *(savings or [])]
