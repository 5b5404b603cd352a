from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.common.widgets import DateInput
from lindung.people.choices import FamilyRelation
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.people.choices import Sex
from lindung.regions.choices import RegionLevel
from lindung.regions.forms import NikField
from lindung.regions.forms import RegionField


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Nama sesuai KTP"), max_length=200)
    nik = NikField(help_text=_("16 angka; spasi dan titik boleh. "
                               "Kosongkan bila tidak tahu."))
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=[("", "—"), *Sex.choices],
                            required=False)
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False,
                                 widget=DateInput())
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    village = RegionField(label=_("Desa/kelurahan tempat tinggal"), level=RegionLevel.VILLAGE,
                          required=False)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)
    passport_name = forms.CharField(label=_("Nama sesuai paspor"), max_length=200,
                                    required=False)
    passport_number = forms.CharField(label=_("Nomor paspor"), max_length=20, required=False)
    migration_status = forms.ChoiceField(label=_("Status migrasi"),
                                         choices=MigrationStatus.choices,
                                         initial=MigrationStatus.NONE)
    household_relation = forms.ChoiceField(label=_("Hubungan dalam rumah tangga"),
                                           choices=[("", "—"), *HouseholdRelation.choices],
                                           required=False)

    def __init__(self, *args: Any, identity: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not identity:  # roles that may not see identity numbers may not edit them either
            del self.fields["nik"]
            del self.fields["passport_number"]

    def clean_phone(self) -> str:
        raw: str = self.cleaned_data.get("phone", "")
        digits = "".join(ch for ch in raw if ch.isdigit() or ch == "+")
        if raw and not (8 <= len(digits.lstrip("+")) <= 15):
            raise forms.ValidationError(_("Nomor telepon harus 8–15 angka."))
        return digits

    def person_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {key: value for key, value in data.items() if value not in (None,)}


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Cari NIK, nomor paspor, atau nama"), max_length=120,
                        required=False)


class FamilyLinkForm(forms.Form):
    relation = forms.ChoiceField(label=_("Orang ini adalah"), choices=FamilyRelation.choices)
    relative = forms.CharField(label=_("NIK atau nama kerabat"), max_length=120)
