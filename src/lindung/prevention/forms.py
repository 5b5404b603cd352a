"""Forms of the prevention app."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import User
from lindung.common.countries import country_choices
from lindung.common.widgets import Checkboxes
from lindung.common.widgets import DateInput
from lindung.core import access
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.people.models import Person
from lindung.people.selectors import person_search
from lindung.people.services import people_read
from lindung.prevention.choices import DisseminationTopic
from lindung.prevention.choices import PreventionOutcome
from lindung.prevention.choices import PreventionReason
from lindung.regions.forms import RegionField
from lindung.reports.models import Case

MAX_PEOPLE = 200
_UUID = re.compile(r"^[0-9a-fA-F-]{32,36}$")


class PreventedDepartureForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Titik embarkasi/debarkasi"),
                                  queryset=Site.objects.filter(
                                      kind=SiteKind.EMBARKATION_POINT).order_by("name"))
    date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    people = forms.CharField(
        label=_("Orang yang dicegah"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("NIK atau nomor paspor, satu orang per baris. Orang yang belum ada di "
                    "registri didaftarkan dulu."))
    destination_country = forms.ChoiceField(label=_("Negara tujuan"),
                                            choices=country_choices())
    reason = forms.ChoiceField(label=_("Alasan pencegahan"), choices=PreventionReason.choices)
    reason_note = forms.CharField(label=_("Keterangan alasan"), max_length=300, required=False)
    acting_agency = forms.ModelChoiceField(label=_("Instansi yang mencegah"),
                                           queryset=Agency.objects.all())
    outcome = forms.ChoiceField(label=_("Tindak lanjut"), choices=PreventionOutcome.choices)
    case_reference = forms.CharField(label=_("Nomor kasus TPPO (bila kasus dibuka)"),
                                     max_length=20, required=False)
    recruiter_name = forms.CharField(label=_("Perekrut/calo yang diduga"), max_length=200,
                                     required=False)
    recruiter_phone = forms.CharField(label=_("Telepon perekrut"), max_length=32,
                                      required=False)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Tanggal tidak boleh di masa depan."))
        return day

    def clean_people(self) -> list[Person]:
        lines = [line.strip() for line in self.cleaned_data["people"].splitlines()
                 if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Tulis sedikitnya satu NIK atau nomor paspor."))
        if len(lines) > MAX_PEOPLE:
            raise forms.ValidationError(_("Paling banyak %(n)d orang sekali catat.")
                                        % {"n": MAX_PEOPLE})
        people: list[Person] = []
        missing: list[str] = []
        for line in lines:
            person = self._find(line)
            if person is None:
                missing.append(line[:24])
            elif person not in people:
                people.append(person)
        if missing:
            raise forms.ValidationError(
                _("Tidak ditemukan di registri (dalam wilayah Anda): %(ids)s. Daftarkan orang "
                  "itu dulu di registri orang.") % {"ids": ", ".join(missing)})
        return people

    def _find(self, text: str) -> Person | None:
        if _UUID.match(text):
            try:
                return access.visible(self.user, Person.objects.all()).filter(
                    pk=UUID(text)).first()
            except ValueError:
                return None
        found = list(person_search(user=self.user, query=text)[:2])
        people_read(actor=self.user, people=found, context="prevention-people-picker")
        digits = re.sub(r"[\s.\-]", "", text)
        exact_id = digits.isdigit() and len(digits) == 16
        if len(found) == 1 and (exact_id or len(text) <= 12):
            return found[0]
        return None

    def clean_case_reference(self) -> Case | None:
        reference = self.cleaned_data.get("case_reference", "").strip().upper()
        if not reference:
            return None
        case = access.visible(self.user, Case.objects.all()).filter(reference=reference).first()
        if case is None:
            raise forms.ValidationError(_("Kasus %(ref)s tidak ditemukan di wilayah Anda.")
                                        % {"ref": reference})
        return case


class DisseminationForm(forms.Form):
    date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    region = RegionField(label=_("Wilayah (desa, kecamatan, atau kabupaten/kota)"))
    place = forms.CharField(label=_("Tempat"), max_length=200)
    site = forms.ModelChoiceField(label=_("Lokasi satgas (bila ada)"),
                                  queryset=Site.objects.all(), required=False)
    agency = forms.ModelChoiceField(label=_("Instansi penyelenggara"),
                                    queryset=Agency.objects.all())
    audience_size = forms.IntegerField(label=_("Jumlah peserta"), min_value=1,
                                       max_value=100000)
    topics = Checkboxes(_("Topik"), DisseminationTopic.choices, required=True)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class StatisticsFilterForm(forms.Form):
    region = RegionField(label=_("Wilayah"), required=False,
                         help_text=_("Kosongkan untuk seluruh wilayah kerja Anda."))
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args: Any, user: User, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["year"].choices = [("", _("Semua tahun")),  # type: ignore[attr-defined]
                                       *[(y, str(y)) for y in years]]

    def clean_region(self) -> Any:
        region = self.cleaned_data.get("region")
        if region is not None and not access.area_of(self.user).covers(region.code):
            raise forms.ValidationError(_("Wilayah ini di luar lingkup kerja Anda."))
        return region
