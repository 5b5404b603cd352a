"""Forms of the stakeholder directory."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.common.countries import CountryField
from lindung.common.widgets import Checkboxes
from lindung.coordination.choices import AgreementKind
from lindung.coordination.choices import ServiceKind
from lindung.coordination.choices import StakeholderCategory
from lindung.coordination.forms.common import AgencyChoiceField
from lindung.coordination.forms.common import AgencyMultipleField
from lindung.coordination.forms.common import EvidenceField
from lindung.coordination.forms.common import agencies
from lindung.coordination.forms.common import date_input
from lindung.coordination.models import Agreement
from lindung.directory.choices import AgencyKind
from lindung.directory.choices import AgencyLevel
from lindung.regions.forms import RegionField


class StakeholderFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama"), max_length=100, required=False)
    category = forms.ChoiceField(label=_("Kategori"), required=False,
                                 choices=[("", _("Semua")), *StakeholderCategory.choices])
    level = forms.ChoiceField(label=_("Tingkat"), required=False,
                              choices=[("", _("Semua")), *AgencyLevel.choices])
    service = forms.ChoiceField(label=_("Layanan"), required=False,
                                choices=[("", _("Semua")), *ServiceKind.choices])
    country = CountryField(label=_("Negara"), required=False)


class StakeholderForm(forms.Form):
    name = forms.CharField(label=_("Nama"), max_length=200)
    name_en = forms.CharField(label=_("Nama dalam bahasa Inggris"), max_length=200,
                              required=False,
                              help_text=_("Ditampilkan kepada pembaca berbahasa Inggris; "
                                          "kosong: nama di atas."))
    short_name = forms.CharField(label=_("Singkatan"), max_length=60, required=False)
    category = forms.ChoiceField(label=_("Kategori pemangku kepentingan"),
                                 choices=StakeholderCategory.choices)
    kind = forms.ChoiceField(label=_("Jenis instansi"), choices=AgencyKind.choices)
    level = forms.ChoiceField(label=_("Tingkat"), choices=AgencyLevel.choices)
    region = RegionField(label=_("Wilayah (untuk tingkat provinsi, kabupaten/kota, desa)"),
                         required=False)
    country = CountryField(label=_("Negara"), initial="ID")
    services = Checkboxes(_("Layanan yang ditawarkan"), ServiceKind.choices)
    mandate = forms.CharField(label=_("Mandat dan peran"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    phone = forms.CharField(label=_("Telepon"), max_length=64, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    website = forms.URLField(label=_("Situs"), required=False, assume_scheme="https")


class StakeholderEditForm(StakeholderForm):
    active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Nama kontak"), max_length=150)
    position = forms.CharField(label=_("Jabatan / unit"), max_length=150, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)
    receives_alerts = forms.BooleanField(label=_("Menerima peringatan tindak lanjut"),
                                         required=False, initial=True)


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis perjanjian"), choices=AgreementKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    number = forms.CharField(label=_("Nomor"), max_length=100, required=False)
    parties = AgencyMultipleField(label=_("Para pihak"), queryset=agencies(),
                                  widget=forms.CheckboxSelectMultiple)
    scope = forms.CharField(label=_("Ruang lingkup"), max_length=3000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    services = Checkboxes(_("Layanan yang dicakup"), ServiceKind.choices)
    region = RegionField(label=_("Wilayah berlaku (kosong = nasional/internasional)"),
                         required=False)
    signed_on = forms.DateField(label=_("Tanggal ditandatangani"),
                                widget=date_input())
    valid_from = forms.DateField(label=_("Berlaku sejak"),
                                 widget=date_input())
    valid_until = forms.DateField(label=_("Berlaku sampai"), required=False,
                                  widget=date_input())
    evidence = EvidenceField(label=_("Dokumen perjanjian (PDF, paling banyak 5 berkas)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = agencies()  # type: ignore[attr-defined]


class PathwayForm(forms.Form):
    receiver = AgencyChoiceField(label=_("Penerima rujukan"), queryset=agencies())
    case_kind = forms.ChoiceField(label=_("Jenis kasus / layanan"), choices=ServiceKind.choices)
    region = RegionField(label=_("Wilayah asal kasus (kosong = seluruh Indonesia)"),
                         required=False)
    country = CountryField(label=_("Negara (kosong = semua)"), required=False)
    priority = forms.IntegerField(label=_("Prioritas (1 = pertama)"), min_value=1, max_value=9,
                                  initial=5)
    agreement = forms.ModelChoiceField(label=_("Dasar perjanjian"), required=False,
                                       queryset=Agreement.objects.order_by("title"))
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = agencies()  # type: ignore[attr-defined]


class SuggestForm(forms.Form):
    case_kind = forms.ChoiceField(label=_("Jenis kasus / layanan"), choices=ServiceKind.choices)
    region = RegionField(label=_("Wilayah kasus"), required=False)
    country = CountryField(label=_("Negara (untuk kasus di luar negeri)"), required=False)
