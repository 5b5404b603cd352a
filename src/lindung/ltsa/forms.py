"""Forms of the LTSA pages (public and staff)."""

from __future__ import annotations

from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lindung.common.countries import country_name
from lindung.common.widgets import DateInput
from lindung.common.widgets import PickerInput
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa import receipts
from lindung.ltsa import search
from lindung.ltsa.choices import ComplaintStatus
from lindung.ltsa.choices import CostComponent
from lindung.ltsa.choices import Country
from lindung.ltsa.choices import Currency
from lindung.ltsa.choices import LicenceStatus
from lindung.ltsa.choices import MaritalStatus
from lindung.ltsa.choices import OfficeKind
from lindung.ltsa.choices import Payer
from lindung.ltsa.choices import RejectionReason
from lindung.ltsa.models import JobOrder
from lindung.ltsa.models import Occupation
from lindung.ltsa.services import ComponentInput
from lindung.people.choices import Sex
from lindung.regions.choices import RegionLevel
from lindung.regions.forms import NikField
from lindung.regions.forms import RegionField

_DATE = DateInput()


def _country_choices(blank: str = "—") -> list[tuple[str, Any]]:
    return [("", blank), *Country.choices]


class PublicSelect(forms.Select):
    """Django's select with its markup written here rather than through a template include
    per option and a loop per option's attributes: the public fee and job pages draw theirs
    on every request that misses the cache (docs/deployment.md, "Where the time went")."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [format_html('<select name="{}"{}>', widget["name"],
                                        flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(format_html('<option value="{}"{}>{}</option>', option["value"],
                                     flatatt(option["attrs"]), option["label"])
                         for option in options)
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # every part escaped by format_html


class OccupationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Occupation) -> str:
        return obj.name


class CheckForm(forms.Form):
    q = forms.CharField(label=_("Nama P3MI, nomor SIP3MI, atau nomor job order (SIP2MI)"),
                        max_length=120, min_length=2,
                        widget=forms.TextInput(attrs={
                            "autocomplete": "off", "placeholder": "PT ... / KEP... / SIP2MI..."}))


class FeeForm(forms.Form):
    country = forms.ChoiceField(label=_("Negara tujuan"), choices=_country_choices(),
                                widget=PublicSelect)
    occupation = OccupationChoiceField(label=_("Jabatan"), queryset=Occupation.objects.all(),
                                       to_field_name="code", required=False,
                                       empty_label=_("semua jabatan"), widget=PublicSelect)


class JobsForm(forms.Form):
    country = forms.ChoiceField(label=_("Negara tujuan"), choices=_country_choices(),
                                required=False, widget=PublicSelect)
    occupation = OccupationChoiceField(label=_("Jabatan"), queryset=Occupation.objects.all(),
                                       to_field_name="code", required=False,
                                       empty_label=_("semua jabatan"), widget=PublicSelect)
    region = RegionField(label=_("Daerah asal (provinsi, kabupaten, atau desa)"),
                         required=False)


class TrackForm(forms.Form):
    receipt_code = forms.CharField(
        label=_("Kode tanda terima"), max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off",
                                      "placeholder": "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"}))
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=_DATE)

    def clean_receipt_code(self) -> str:
        code: str = self.cleaned_data["receipt_code"]
        if not receipts.receipt_code_clean(code):
            raise forms.ValidationError(_("Kode tanda terima terdiri dari 24 huruf dan angka."))
        return code


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Cari dulu: NIK, nomor paspor, atau nama"), max_length=120)


class NewPersonForm(forms.Form):
    name = forms.CharField(label=_("Nama sesuai KTP"), max_length=200)
    nik = NikField()
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=[("", "—"), *Sex.choices],
                            required=False)
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=_DATE)
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    village = RegionField(label=_("Desa/kelurahan tempat tinggal"), level=RegionLevel.VILLAGE)
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)


class RegistrationForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("LTSA"), queryset=Site.objects.none())
    permit_number = forms.CharField(label=_("Nomor job order (SIP2MI)"), max_length=80)
    planned_departure = forms.DateField(label=_("Rencana tanggal berangkat"), widget=_DATE)
    marital_status = forms.ChoiceField(label=_("Status perkawinan"),
                                       choices=MaritalStatus.choices)

    def __init__(self, *args: Any, centres: Any = None, job_orders: Any = (),
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["centre"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = centres if centres is not None else Site.objects.filter(
            kind=SiteKind.LTSA_CENTRE)
        # Picked from the open job orders (typed to search), or typed in full.
        self.fields["permit_number"].widget = PickerInput(options=[
            (job.permit_number, f"{job.agency.name} · {job.occupation.shown_name} · "
                                f"{country_name(job.destination_country)} · "
                                f"{_('berlaku sampai')} {job.valid_until:%d-%m-%Y}")
            for job in job_orders])
        self.fields["permit_number"].help_text = _(
            "Ketik nomor, nama P3MI atau jabatan lalu pilih dari job order yang masih "
            "terbuka.")

    def clean_permit_number(self) -> JobOrder:
        raw: str = self.cleaned_data["permit_number"]
        job = (JobOrder.objects.select_related("agency", "occupation")
               .filter(search_number=search.normalise_number(raw)).first())
        if job is None:
            raise forms.ValidationError(_(
                "Job order dengan nomor ini tidak terdaftar. Periksa nomornya di halaman "
                "pemeriksa publik."))
        return job


class DecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("verify", _("Verifikasi")), ("reject", _("Tolak")),
                                        ("reopen", _("Ajukan ulang"))])
    expires_on = forms.DateField(label=_("Berlaku sampai"), required=False, widget=_DATE)
    reason = forms.ChoiceField(label=_("Alasan penolakan"),
                               choices=[("", "—"), *RejectionReason.choices], required=False)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)
    confirm_revoke = forms.BooleanField(
        label=_("Saya paham sertifikat siap berangkat akan dicabut"), required=False)


class PaymentForm(forms.Form):
    component = forms.ChoiceField(label=_("Komponen biaya"), choices=CostComponent.choices)
    amount = forms.DecimalField(label=_("Jumlah"), max_digits=14, decimal_places=2,
                                min_value=Decimal("0.01"))
    currency = forms.ChoiceField(label=_("Mata uang"), choices=Currency.choices)
    paid_to = forms.CharField(label=_("Dibayar kepada"), max_length=200)
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=_DATE)
    payer_reference = forms.CharField(label=_("Nomor kuitansi dari penerima (bila ada)"),
                                      max_length=80, required=False)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Alasan pembatalan"), max_length=300)


class ReceiptForm(forms.Form):
    receipt_code = forms.CharField(max_length=40, widget=forms.HiddenInput)


class AgencyForm(forms.Form):
    name = forms.CharField(label=_("Nama perusahaan"), max_length=200)
    head_office_region = RegionField(label=_("Wilayah kantor pusat"), required=False)
    address = forms.CharField(label=_("Alamat kantor pusat"), max_length=300, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)


class LicenceForm(forms.Form):
    number = forms.CharField(label=_("Nomor SIP3MI"), max_length=80)
    issued_on = forms.DateField(label=_("Tanggal terbit"), widget=_DATE)
    valid_until = forms.DateField(label=_("Berlaku sampai"), widget=_DATE)
    status = forms.ChoiceField(label=_("Status"), choices=LicenceStatus.choices)


class LicenceStatusForm(forms.Form):
    licence = forms.UUIDField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status baru"), choices=LicenceStatus.choices)
    reason = forms.CharField(label=_("Alasan"), max_length=300)
    on = forms.DateField(label=_("Tanggal keputusan"), widget=_DATE, initial=timezone.localdate)


class OfficeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis kantor"), choices=OfficeKind.choices,
                             initial=OfficeKind.BRANCH)
    region = RegionField(label=_("Wilayah"))
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    contact_name = forms.CharField(label=_("Nama kontak"), max_length=120, required=False)
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)
    email = forms.EmailField(label=_("Surel"), required=False)


class JobOrderForm(forms.Form):
    permit_number = forms.CharField(label=_("Nomor SIP2MI"), max_length=80)
    employer_name = forms.CharField(label=_("Pemberi kerja"), max_length=200)
    destination_country = forms.ChoiceField(label=_("Negara tujuan"), choices=Country.choices)
    occupation = OccupationChoiceField(label=_("Jabatan"), queryset=Occupation.objects.all(),
                                       to_field_name="code")
    quota = forms.IntegerField(label=_("Kuota"), min_value=1)
    salary_amount = forms.DecimalField(label=_("Gaji per bulan"), max_digits=12,
                                       decimal_places=2, min_value=Decimal(0))
    salary_currency = forms.ChoiceField(label=_("Mata uang gaji"), choices=Currency.choices)
    contract_months = forms.IntegerField(label=_("Lama kontrak (bulan)"), min_value=1,
                                         max_value=120)
    valid_from = forms.DateField(label=_("Berlaku mulai"), widget=_DATE)
    valid_until = forms.DateField(label=_("Berlaku sampai"), widget=_DATE)
    recruitment_region = RegionField(label=_("Daerah rekrutmen (kosong: seluruh Indonesia)"),
                                     required=False)


class FeeScheduleForm(forms.Form):
    destination_country = forms.ChoiceField(label=_("Negara tujuan"), choices=Country.choices)
    occupation = OccupationChoiceField(label=_("Jabatan"), queryset=Occupation.objects.all(),
                                       to_field_name="code", required=False,
                                       empty_label=_("semua jabatan tanpa jadwal sendiri"))
    currency = forms.ChoiceField(label=_("Mata uang"), choices=Currency.choices,
                                 initial=Currency.IDR)
    effective_from = forms.DateField(label=_("Berlaku mulai"), widget=_DATE)
    effective_to = forms.DateField(label=_("Berlaku sampai"), widget=_DATE, required=False)
    legal_basis = forms.CharField(label=_("Dasar hukum (kutip peraturannya)"), max_length=300)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)
    synthetic = forms.BooleanField(label=_("Data contoh (sintetis), bukan angka resmi"),
                                   required=False)
    components = forms.CharField(
        label=_("Komponen, satu per baris: komponen; pembayar; jumlah[; mata uang]"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Contoh: passport; worker; 350000. Komponen: %(components)s. Pembayar: "
                    "worker, employer, government.") % {
            "components": ", ".join(CostComponent.values)})

    def clean_components(self) -> list[ComponentInput]:
        rows: list[ComponentInput] = []
        currency = self.data.get("currency", "")
        for number, line in enumerate(str(self.cleaned_data["components"]).splitlines(), 1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            if len(parts) not in (3, 4):
                raise forms.ValidationError(
                    _("Baris %(n)s: tulis komponen; pembayar; jumlah[; mata uang].")
                    % {"n": number})
            component, payer, amount = parts[:3]
            if component not in CostComponent.values:
                raise forms.ValidationError(_("Baris %(n)s: komponen '%(c)s' tidak dikenal.") % {
                    "n": number, "c": component})
            if payer not in Payer.values:
                raise forms.ValidationError(_("Baris %(n)s: pembayar '%(p)s' tidak dikenal.") % {
                    "n": number, "p": payer})
            try:
                value = Decimal(amount.replace(".", "").replace(",", ".")) if "," in amount \
                    else Decimal(amount)
            except InvalidOperation as exc:
                raise forms.ValidationError(_("Baris %(n)s: jumlah '%(a)s' bukan angka.") % {
                    "n": number, "a": amount}) from exc
            rows.append(ComponentInput(component, payer, value,
                                       parts[3].upper() if len(parts) == 4 else currency))
        if not rows:
            raise forms.ValidationError(_("Tulis sedikitnya satu komponen."))
        return rows


class ComplaintForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ComplaintStatus.choices)
    report_reference = forms.CharField(label=_("Nomor laporan pengaduan (bila diteruskan)"),
                                       max_length=64, required=False)


class CertificateLookupForm(forms.Form):
    """The short serial printed on a ready-to-depart certificate, typed at the port."""

    serial = forms.CharField(label=_("Nomor seri sertifikat"), max_length=20,
                             help_text=_("8 huruf/angka di bawah kode QR, misalnya K7QM-3XPA."),
                             widget=forms.TextInput(attrs={"autocomplete": "off",
                                                           "autocapitalize": "characters",
                                                           "spellcheck": "false"}))


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Foto CPMI (diambil di LTSA)"),
                            help_text=_("Ditampilkan kepada petugas yang memeriksa sertifikat "
                                        "di tempat keberangkatan. Lokasi dan data lain dalam "
                                        "berkas foto dibuang."))


class CentreContactsForm(forms.Form):
    """A centre's contacts, printed on the applicant's receipt (empty: not known)."""

    address = forms.CharField(label=_("Alamat"), max_length=300, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    phone = forms.CharField(label=_("Telepon"), max_length=64, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    email = forms.EmailField(label=_("Surel"), required=False)
