"""Forms of the reports app: the public report, receipts, and the officers' work."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import User
from lindung.common.countries import country_choices
from lindung.common.countries import country_name_lazy
from lindung.common.uploads import MB
from lindung.common.uploads import PDF
from lindung.common.uploads import PHOTOS
from lindung.common.uploads import CheckedFile
from lindung.common.uploads import UploadError
from lindung.common.uploads import UploadRules
from lindung.common.uploads import check_files
from lindung.common.widgets import Checkboxes
from lindung.common.widgets import DateInput
from lindung.conf import env_int
from lindung.directory.models import Agency
from lindung.directory.models import Site
from lindung.regions.forms import RegionField
from lindung.reports.choices import CLOSE_REASONS
from lindung.reports.choices import OFFICER_CHANNELS
from lindung.reports.choices import REJECT_REASONS
from lindung.reports.choices import CaseStatus
from lindung.reports.choices import ConsentBasis
from lindung.reports.choices import EventType
from lindung.reports.choices import IloIndicator
from lindung.reports.choices import LabourExploitation
from lindung.reports.choices import LegalStage
from lindung.reports.choices import MessageKind
from lindung.reports.choices import MethodOfControl
from lindung.reports.choices import MethodOfRecruitment
from lindung.reports.choices import PerpetratorRole
from lindung.reports.choices import ReferralReason
from lindung.reports.choices import ReferralService
from lindung.reports.choices import ReportCategory
from lindung.reports.choices import ReportPersonRole
from lindung.reports.choices import ReportStatus
from lindung.reports.choices import Urgency
from lindung.reports.choices import WebsiteOrApp

# A person needs a few seconds to fill in the form; a script does not.
MIN_FILL_SECONDS = env_int("LINDUNG_REPORT_MIN_FILL_SECONDS", 3)
MAX_FORM_AGE_SECONDS = 24 * 3600
# Photos and PDFs from reporters: 5 files, 5 MB each, 15 MB together.
ATTACHMENT_RULES = UploadRules(types=PHOTOS | {PDF}, max_files=5, max_file_bytes=5 * MB,
                               max_total_bytes=15 * MB)
_SIGNER_SALT = "lindung.reports.form-started"


def form_started_token() -> str:
    return signing.TimestampSigner(salt=_SIGNER_SALT).sign(str(int(time.time())))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ATTACHMENT_RULES.accept}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class AttachmentsMixin(forms.Form):
    attachments = MultipleFileField(
        label=_("Foto atau dokumen (boleh dikosongkan)"),
        help_text=_("Foto (JPEG, PNG, WEBP, HEIC) atau PDF, paling banyak 5 berkas, 5 MB per "
                    "berkas. Foto disimpan ulang hanya dengan gambarnya: lokasi (GPS), waktu, "
                    "data kamera dan gambar lain di dalam berkas dihapus, foto HEIC menjadi "
                    "JPEG. Berkas PDF disimpan apa adanya."))

    def clean_attachments(self) -> list[CheckedFile]:
        files: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        try:
            return check_files(files, rules=ATTACHMENT_RULES)
        except UploadError as exc:
            raise forms.ValidationError(str(exc), code="attachment") from exc


class ReportDetailsForm(forms.Form):
    """What every report asks, on the public form and when an officer logs one."""

    category = forms.ChoiceField(label=_("Apa yang ingin Anda laporkan?"),
                                 choices=ReportCategory.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Apa yang terjadi?"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ceritakan dengan kata-kata Anda sendiri: siapa, apa, bagaimana."))
    immediate_danger = forms.BooleanField(
        label=_("Ada orang dalam bahaya, atau akan berangkat dalam 2 hari"), required=False)
    region = RegionField(label=_("Di mana? (desa, kecamatan, atau kabupaten/kota)"),
                         required=False,
                         help_text=_("Ketik nama lalu pilih dari daftar."))
    place_text = forms.CharField(label=_("Keterangan tempat"), max_length=300, required=False,
                                 help_text=_("Misalnya nama dusun, pelabuhan, atau alamat."))
    incident_date = forms.DateField(label=_("Kapan?"), required=False,
                                    widget=DateInput())
    destination_country = forms.ChoiceField(label=_("Negara tujuan (bila ada)"),
                                            choices=country_choices(), required=False)
    recruiter_name = forms.CharField(label=_("Nama perekrut/calo"), max_length=200,
                                     required=False)
    recruiter_phone = forms.CharField(label=_("Nomor telepon perekrut"), max_length=32,
                                      required=False,
                                      widget=forms.TextInput(attrs={"inputmode": "tel"}))
    recruiter_social = forms.CharField(label=_("Akun media sosial perekrut"), max_length=100,
                                       required=False,
                                       help_text=_("Misalnya akun Facebook, TikTok, atau "
                                                   "nomor WhatsApp."))
    people_at_risk = forms.CharField(label=_("Siapa yang berisiko?"), max_length=1000,
                                     required=False, widget=forms.Textarea(attrs={"rows": 2}))
    people_at_risk_count = forms.IntegerField(label=_("Berapa orang?"), min_value=1,
                                              max_value=1000, required=False)
    missing_person_name = forms.CharField(
        label=_("Nama anggota keluarga yang hilang (bila ada)"), max_length=200, required=False)

    def clean_recruiter_phone(self) -> str:
        raw: str = self.cleaned_data.get("recruiter_phone", "")
        digits = "".join(ch for ch in raw if ch.isdigit())
        if raw.strip() and not 6 <= len(digits) <= 15:
            raise forms.ValidationError(_("Nomor telepon harus 6–15 angka."))
        return raw

    def report_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for key in ("website", "started", "attachments", "channel"):
            data.pop(key, None)
        return data


class PublicReportForm(AttachmentsMixin, ReportDetailsForm):
    contact = forms.CharField(
        label=_("Kontak Anda (boleh dikosongkan)"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Nama, nomor telepon, atau surel, hanya bila Anda ingin dihubungi. "
                    "Hanya petugas yang berwenang dapat melihatnya."))
    contact_consent = forms.BooleanField(label=_("Petugas boleh menghubungi saya"),
                                         required=False)
    # Honeypot: hidden from people, filled by bots.
    website = forms.CharField(required=False, label=_("Jangan diisi"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))
    started = forms.CharField(widget=forms.HiddenInput)

    field_order = ["category", "description", "immediate_danger", "region", "place_text",
                   "incident_date", "destination_country", "recruiter_name", "recruiter_phone",
                   "recruiter_social", "people_at_risk", "people_at_risk_count",
                   "missing_person_name", "attachments", "contact", "contact_consent"]

    def visible_fields(self) -> list[forms.BoundField]:
        return [f for f in super().visible_fields() if f.name != "website"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise forms.ValidationError(_("Formulir tidak dapat diterima. Muat ulang halaman "
                                          "dan coba lagi."), code="honeypot")
        try:
            started = int(signing.TimestampSigner(salt=_SIGNER_SALT).unsign(
                data.get("started", ""), max_age=MAX_FORM_AGE_SECONDS))
        except (signing.BadSignature, ValueError) as exc:
            raise forms.ValidationError(_("Formulir sudah terlalu lama dibuka atau rusak. "
                                          "Muat ulang halaman dan coba lagi."),
                                        code="expired") from exc
        if time.time() - started < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("Formulir dikirim terlalu cepat. Periksa isian Anda "
                                          "lalu kirim lagi."), code="too_fast")
        return data


class OfficerReportForm(AttachmentsMixin, ReportDetailsForm):
    """A report an officer takes by phone, at a desk, or in the field."""

    channel = forms.ChoiceField(label=_("Diterima melalui"),
                                choices=[(c.value, c.label) for c in OFFICER_CHANNELS])
    contact = forms.CharField(label=_("Kontak pelapor (bila bersedia)"), max_length=500,
                              required=False, widget=forms.Textarea(attrs={"rows": 2}))
    contact_consent = forms.BooleanField(label=_("Pelapor bersedia dihubungi"), required=False)

    field_order = ["channel", *PublicReportForm.field_order]


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Kode tanda terima"), max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false",
                                      "placeholder": "XXXX-XXXX-XXXX-XXXX"}))


class ReporterUpdateForm(AttachmentsMixin, forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    body = forms.CharField(label=_("Tambahan informasi"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 4}))


class ReportFilterForm(forms.Form):
    STATUS_CHOICES = [("open", _("Semua yang terbuka")), ("", _("Semua")),
                      *ReportStatus.choices]
    q = forms.CharField(label=_("Nomor laporan"), max_length=20, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    category = forms.ChoiceField(label=_("Kategori"),
                                 choices=[("", _("Semua")), *ReportCategory.choices],
                                 required=False)
    overdue = forms.BooleanField(label=_("Hanya yang lewat tenggat"), required=False)


class TriageForm(forms.Form):
    category = forms.ChoiceField(label=_("Kategori"), choices=ReportCategory.choices)
    urgency = forms.ChoiceField(label=_("Urgensi"), choices=Urgency.choices)
    responsible_agency = forms.ModelChoiceField(label=_("Instansi penanggung jawab"),
                                                queryset=Agency.objects.all(), required=False)
    site = forms.ModelChoiceField(label=_("Lokasi (titik embarkasi, LTSA, perwakilan)"),
                                  queryset=Site.objects.all(), required=False)
    region = RegionField(label=_("Wilayah"), required=False)


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Alasan (untuk menolak atau menutup)"), required=False,
                               choices=[("", "—"), *[(r.value, r.label) for r in
                                                     dict.fromkeys((*REJECT_REASONS,
                                                                    *CLOSE_REASONS))]])
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    assignee = forms.ModelChoiceField(label=_("Petugas"), queryset=User.objects.none(),
                                      required=False)

    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if assignees is not None:
            self.fields["assignee"].queryset = assignees  # type: ignore[attr-defined]


class MessageForm(forms.Form):
    """A message on a report. The internal note is the default (and what the form returns
    to after each send): a reply reaches the reporter, so sending one is a deliberate choice."""

    kind = forms.ChoiceField(
        label=_("Jenis"), initial=MessageKind.INTERNAL_NOTE.value, widget=forms.RadioSelect,
        choices=[(MessageKind.INTERNAL_NOTE.value,
                  _("Catatan internal (hanya petugas yang melihat)")),
                 (MessageKind.PUBLIC_REPLY.value,
                  _("Balasan untuk pelapor (terlihat oleh pelapor di halaman lacak)"))])
    body = forms.CharField(label=_("Pesan"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class PersonLinkForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Peran"), choices=ReportPersonRole.choices)


class ReferralForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("Instansi tujuan"), queryset=Agency.objects.all())
    to_site = forms.ModelChoiceField(label=_("Lokasi tujuan (mis. perwakilan RI)"),
                                     queryset=Site.objects.all(), required=False)
    service = forms.ChoiceField(label=_("Layanan yang diminta"), choices=ReferralService.choices)
    reason = forms.ChoiceField(label=_("Alasan rujukan"), choices=ReferralReason.choices)
    details = forms.CharField(label=_("Rincian"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    consent_basis = forms.ChoiceField(label=_("Dasar berbagi data"),
                                      choices=ConsentBasis.choices, widget=forms.RadioSelect)
    consent_note = forms.CharField(label=_("Catatan persetujuan"), max_length=300,
                                   required=False,
                                   help_text=_("Misalnya: persetujuan lisan melalui telepon, "
                                               "tanggal dan saksi."))


class ReferralResponseForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Terima")), ("reject", _("Tolak"))],
                                 widget=forms.HiddenInput)
    note = forms.CharField(label=_("Catatan / alasan"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReferralRevokeForm(forms.Form):
    note = forms.CharField(label=_("Alasan pembatalan"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


# --- cases -----------------------------------------------------------------------------


class CaseOpenForm(forms.Form):
    title = forms.CharField(label=_("Judul kasus"), max_length=200)
    summary = forms.CharField(label=_("Ringkasan"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    region = RegionField(label=_("Wilayah"), required=False)


class CaseUpdateForm(forms.Form):
    title = forms.CharField(label=_("Judul kasus"), max_length=200)
    summary = forms.CharField(label=_("Ringkasan"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(label=_("Status (HTCDS)"), choices=CaseStatus.choices)
    legal_stage = forms.ChoiceField(label=_("Tahap proses hukum"), choices=LegalStage.choices)
    police_report_number = forms.CharField(label=_("Nomor laporan polisi"), max_length=60,
                                           required=False)
    ilo_indicators = Checkboxes(_("Indikator kerja paksa ILO"), IloIndicator.choices)
    reason_for_case_closure = forms.CharField(label=_("Alasan penutupan kasus"),
                                              max_length=2000, required=False,
                                              widget=forms.Textarea(attrs={"rows": 2}))


class VictimForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput)
    agreement_to_manage_personal_data = forms.BooleanField(
        label=_("Korban setuju data pribadinya dikelola"), required=False)
    method_of_recruitment = Checkboxes(_("Cara perekrutan"), MethodOfRecruitment.choices)
    methods_of_control = Checkboxes(_("Cara pengendalian"), MethodOfControl.choices)
    type_of_labour_exploitation = Checkboxes(_("Jenis eksploitasi kerja"),
                                             LabourExploitation.choices)
    recruitment_websites_and_apps = Checkboxes(_("Situs/aplikasi perekrutan"), WebsiteOrApp.choices)
    details_of_vulnerabilities = forms.CharField(
        label=_("Rincian kerentanan"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}))


class SuspectForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Nama"), max_length=200, required=False)
    role_in_process = Checkboxes(_("Peran"), PerpetratorRole.choices, required=True)
    role_details = forms.CharField(label=_("Rincian peran"), max_length=2000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)
    social_handle = forms.CharField(label=_("Akun media sosial"), max_length=100,
                                    required=False)
    organisation = forms.CharField(label=_("Organisasi/perusahaan"), max_length=200,
                                   required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("person") and not (data.get("name") or "").strip():
            raise forms.ValidationError(_("Isi nama tersangka atau pilih orang dari registri."))
        return data


class EventForm(forms.Form):
    type = forms.ChoiceField(label=_("Jenis peristiwa"), choices=EventType.choices)
    date = forms.DateField(label=_("Tanggal"), required=False,
                           widget=DateInput())
    region = RegionField(label=_("Wilayah di Indonesia"), required=False)
    city = forms.CharField(label=_("Kota"), max_length=100, required=False)
    state = forms.CharField(label=_("Provinsi/negara bagian"), max_length=100, required=False)
    country = forms.ChoiceField(label=_("Negara"), choices=[("ID", country_name_lazy("ID")),
                                                            *country_choices()[1:]],
                                initial="ID")
    description = forms.CharField(label=_("Uraian"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class PersonPickForm(forms.Form):
    q = forms.CharField(label=_("Cari orang (NIK, paspor, atau nama)"), max_length=120,
                        required=False)
