"""Forms of the screening pages (the per-row checks live in lindung.screening.manifest)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.common.countries import country_choices
from lindung.common.widgets import Checkboxes
from lindung.common.widgets import DateInput
from lindung.directory.models import Site
from lindung.prevention.choices import PreventionOutcome
from lindung.prevention.choices import PreventionReason
from lindung.screening.choices import AlertResolution
from lindung.screening.choices import Journey
from lindung.screening.services import NEW_PERSON

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024  # the file and the rest of its form


class _SiteForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Titik embarkasi"), queryset=Site.objects.none(),
                                  empty_label=None)
    departure_date = forms.DateField(label=_("Tanggal keberangkatan"),
                                     widget=DateInput())
    reference = forms.CharField(label=_("Kapal/penerbangan (boleh kosong)"), max_length=100,
                                required=False)
    journey = forms.ChoiceField(label=_("Jenis perjalanan"), choices=Journey.choices,
                                initial=Journey.INTERNATIONAL, required=False,
                                help_text=_("Perjalanan dalam negeri ke titik transit yang "
                                            "dikenal (Batam, Nunukan, Entikong, Tanjung "
                                            "Pinang...) diperiksa sebagai perjalanan transit."))
    destination = forms.CharField(label=_("Pelabuhan/bandara tujuan (boleh kosong)"),
                                  max_length=100, required=False)

    def clean_journey(self) -> str:
        """Not said: the strictest kind, an international departure."""
        return str(self.cleaned_data.get("journey") or Journey.INTERNATIONAL)

    def __init__(self, *args: Any, sites: QuerySet[Site], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("departure_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        field = self.fields["site"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sites


class ManifestUploadForm(_SiteForm):
    file = forms.FileField(label=_("Manifes (CSV atau XLSX)"),
                           help_text=_("Baris pertama berisi judul kolom: Nama, NIK, Paspor, "
                                       "Tanggal lahir, Jenis kelamin, Tempat lahir, Tujuan, "
                                       "Sertifikat. Semua baris harus benar; bila ada yang "
                                       "salah, tidak ada yang disimpan."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Berkas lebih dari 20 MB."))
        return upload


class PassengerForm(_SiteForm):
    name = forms.CharField(label=_("Nama penumpang"), max_length=200)
    nik = forms.CharField(label=_("NIK"), max_length=24, required=False,
                          widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                        "autocomplete": "off"}))
    passport = forms.CharField(label=_("Nomor paspor"), max_length=20, required=False)
    birth_date = forms.CharField(label=_("Tanggal lahir"), required=False,
                                 widget=DateInput())
    sex = forms.ChoiceField(label=_("Jenis kelamin"), required=False,
                            choices=[("", "—"), ("L", _("laki-laki")), ("P", _("perempuan"))])
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    destination = forms.CharField(label=_("Negara tujuan"), max_length=100, required=False)
    certificate = forms.CharField(label=_("Kode sertifikat siap berangkat (dari QR)"),
                                  max_length=1000, required=False)

    PASSENGER_FIELDS = ("name", "nik", "passport", "birth_date", "sex", "birth_place",
                        "destination", "certificate")

    def passenger(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or None for name in self.PASSENGER_FIELDS}


class AlertResolveForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Penyelesaian"), choices=AlertResolution.choices)
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    destination_country = forms.ChoiceField(label=_("Negara tujuan (bila dicegah)"),
                                            required=False, choices=[])
    reason = forms.ChoiceField(label=_("Alasan pencegahan"), required=False, choices=[])
    outcome = forms.ChoiceField(label=_("Tindak lanjut"), required=False, choices=[])
    recruiter_name = forms.CharField(label=_("Nama perekrut/calo (bila ada)"), max_length=200,
                                     required=False)
    recruiter_phone = forms.CharField(label=_("Telepon perekrut (bila ada)"), max_length=32,
                                      required=False)

    def __init__(self, *args: Any, possible: Sequence[tuple[str, str]] = (),
                 **kwargs: Any) -> None:
        """``possible``: (person id, label) of the registered people the screening found
        possibly the same as an unidentified passenger; the officer then says who this
        is before a prevented departure is recorded (search before create)."""
        super().__init__(*args, **kwargs)
        if possible:
            self.fields["person"] = forms.ChoiceField(
                label=_("Siapa penumpang ini? (bila dicegah)"), required=False,
                widget=forms.RadioSelect,
                choices=[*possible, (NEW_PERSON, _("Orang baru: daftarkan dari data penumpang"))])
        self.fields["destination_country"].choices = country_choices()  # type: ignore[attr-defined]
        self.fields["reason"].choices = [("", "—"), *PreventionReason.choices]  # type: ignore[attr-defined]
        self.fields["outcome"].choices = [("", "—"), *PreventionOutcome.choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("resolution") == AlertResolution.PREVENTED_DEPARTURE:
            for name in ("destination_country", "reason", "outcome",
                         *(["person"] if "person" in self.fields else [])):
                if not data.get(name):
                    self.add_error(name, _("Wajib diisi bila keberangkatan dicegah."))
        return data

    def prevention(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name, "") for name in (
            "destination_country", "reason", "outcome", "recruiter_name", "recruiter_phone",
            "person")}


class WatchlistCorrectForm(forms.Form):
    """Correct a watchlist entry (its kind and source record stay)."""

    name = forms.CharField(label=_("Nama"), max_length=200)
    aliases = forms.CharField(label=_("Nama lain (pisahkan dengan ;)"), max_length=300,
                              required=False)
    birth_date = forms.DateField(label=_("Tanggal lahir"), required=False, widget=DateInput())
    nik = forms.CharField(label=_("NIK"), max_length=40, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)
    social_handle = forms.CharField(label=_("Akun media sosial"), max_length=100,
                                    required=False)
    reason = forms.CharField(label=_("Alasan masuk daftar pantau"), max_length=300,
                             required=False)


class WatchlistRetireForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pensiun"), max_length=300,
                             help_text=_("Entri tidak dihapus: tetap tercatat dengan alasan "
                                         "ini dan tidak lagi dicocokkan."))


class WatchlistMergeForm(forms.Form):
    others = Checkboxes(_("Gabungkan entri ini ke entri yang sedang dibuka"), required=True)

    def __init__(self, *args: Any, choices: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["others"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(choices)
