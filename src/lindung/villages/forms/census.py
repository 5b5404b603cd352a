"""Forms of pillar 1: programme villages, households and members, stays abroad, children
and cards, the census import, the service log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.accounts.models import User
from lindung.common.countries import country_choices
from lindung.people.choices import HouseholdRelation
from lindung.people.choices import MigrationStatus
from lindung.people.choices import Sex
from lindung.regions.choices import RegionLevel
from lindung.regions.forms import NikField
from lindung.regions.forms import RegionField
from lindung.villages.census_import.columns import FIELDS
from lindung.villages.choices import CardKind
from lindung.villages.choices import CardStatus
from lindung.villages.choices import SchoolStatus
from lindung.villages.choices import ServiceKind
from lindung.villages.choices import VillageStatus
from lindung.villages.forms.common import PersonPickField
from lindung.villages.forms.common import date_field
from lindung.villages.forms.common import not_future
from lindung.villages.services.census import AbroadInput
from lindung.villages.services.census import ChildInput
from lindung.villages.services.census import MemberInput

PROCEDURAL_CHOICES = [("", _("tidak diketahui")), ("yes", _("ya, prosedural")),
                      ("no", _("tidak, non-prosedural"))]


def _procedural(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ProgrammeVillageForm(forms.Form):
    village = RegionField(label=_("Desa/kelurahan"), level=RegionLevel.VILLAGE)
    cohort_year = forms.IntegerField(label=_("Tahun angkatan"), min_value=2016, max_value=2100)
    special_ntt = forms.BooleanField(label=_("Program Khusus NTT"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=VillageStatus.choices,
                               initial=VillageStatus.ACTIVE)
    post_address = forms.CharField(label=_("Alamat Pos/Rumah Desmigratif"), max_length=300,
                                   required=False)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class ProgrammeVillageEditForm(ProgrammeVillageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["village"]


class OfficerForm(forms.Form):
    officer = forms.ModelChoiceField(label=_("Petugas desa"), queryset=User.objects.none())

    def __init__(self, *args: Any, officers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = officers if officers is not None else User.objects.none()


def _stay_fields(*, country_required: bool) -> tuple[forms.Field, ...]:
    """The fields of a stay abroad, in this order: country, employer, placement agency,
    occupation, departed on, procedural (a member's form and a stay's own form)."""
    return (
        forms.ChoiceField(label=_("Negara tujuan"), required=country_required,
                          choices=country_choices(blank=None if country_required else "—")),
        forms.CharField(label=_("Majikan/pemberi kerja"), max_length=200, required=False),
        forms.CharField(label=_("Perusahaan penempatan (P3MI)"), max_length=200,
                        required=False),
        forms.CharField(label=_("Pekerjaan"), max_length=100, required=False),
        date_field(_("Berangkat sejak"), required=False, today=False),
        forms.ChoiceField(label=_("Berangkat secara prosedural?"), required=False,
                          choices=PROCEDURAL_CHOICES),
    )


def _abroad_input(data: dict[str, Any], **more: Any) -> AbroadInput:
    """The stay abroad of a form's cleaned data (`_stay_fields`), as the census service
    takes it."""
    return AbroadInput(country=data["country"], employer=data["employer"],
                       placement_agency_name=data["placement_agency_name"],
                       occupation=data["occupation"], departed_on=data["departed_on"],
                       procedural=_procedural(data["procedural"]), **more)


class MemberForm(forms.Form):
    """A household member, with what the census knows: abroad, returned, a child."""

    name = forms.CharField(label=_("Nama sesuai KTP"), max_length=200)
    nik = NikField(help_text=_("16 angka; kosongkan bila tidak tahu."))
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=[("", "—"), *Sex.choices],
                            required=False)
    birth_date = date_field(_("Tanggal lahir"), required=False, today=False)
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100, required=False)
    relation = forms.ChoiceField(label=_("Hubungan dalam rumah tangga"),
                                 choices=HouseholdRelation.choices)
    phone = forms.CharField(label=_("Nomor HP"), max_length=32, required=False)
    migration_status = forms.ChoiceField(
        label=_("Status PMI"), required=False,
        choices=[("", _("— otomatis dari data luar negeri —")),
                 (MigrationStatus.NONE, MigrationStatus.NONE.label),
                 (MigrationStatus.PROSPECTIVE, MigrationStatus.PROSPECTIVE.label)])
    abroad = forms.BooleanField(label=_("Sedang/pernah bekerja di luar negeri"), required=False)
    country, employer, placement_agency_name, occupation, departed_on, procedural = (
        _stay_fields(country_required=False))
    returned_on = date_field(_("Tanggal pulang (purna PMI)"), required=False, today=False)
    school_status = forms.ChoiceField(label=_("Status sekolah (anak)"), required=False,
                                      choices=[("", "—"), *SchoolStatus.choices])
    kis_status = forms.ChoiceField(label=_("KIS anak"), required=False,
                                   choices=[("", "—"), *CardStatus.choices])
    kip_status = forms.ChoiceField(label=_("KIP anak"), required=False,
                                   choices=[("", "—"), *CardStatus.choices])
    enrol = forms.BooleanField(label=_("Ikut community parenting"), required=False)
    #: Chosen among the likely matches shown before saving (radio buttons of
    #: people/_candidates.html, outside the fieldsets).
    existing = forms.UUIDField(required=False)

    def __init__(self, *args: Any, head: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if head:
            self.fields["relation"].initial = HouseholdRelation.HEAD
            self.fields["relation"].widget = forms.HiddenInput()

    FIELDSETS = (
        (_("Identitas"), ("name", "nik", "sex", "birth_date", "birth_place", "relation",
                          "phone", "migration_status")),
        (_("Bekerja di luar negeri"), ("abroad", "country", "employer", "placement_agency_name",
                                       "occupation", "departed_on", "procedural",
                                       "returned_on")),
        (_("Anak"), ("school_status", "kis_status", "kip_status", "enrol")),
    )

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names if name in self.fields])
                for legend, names in self.FIELDSETS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("birth_date", "departed_on", "returned_on"):
            try:
                not_future(data.get(name))
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        if data.get("abroad") and not data.get("country"):
            self.add_error("country", _("Pilih negara tujuan."))
        return data

    def member_input(self, *, not_same: Sequence[str] = ()) -> MemberInput:
        """The member as the census service takes it; ``not_same``: the likely matches the
        officer answered "not the same person" for (the hidden ``not_same`` fields)."""
        data = self.cleaned_data
        abroad = None
        if data.get("abroad"):
            abroad = _abroad_input(data, returned_on=data["returned_on"])
        child = None
        if data.get("school_status") or data.get("kis_status") or data.get("kip_status") or \
                data.get("enrol"):
            child = ChildInput(school_status=data["school_status"] or SchoolStatus.UNKNOWN,
                               kis_status=data["kis_status"], kip_status=data["kip_status"],
                               enrol=bool(data.get("enrol")))
        return MemberInput(name=data["name"], relation=data["relation"], nik=data["nik"],
                           sex=data["sex"], birth_date=data["birth_date"],
                           birth_place=data["birth_place"], phone=data["phone"],
                           migration_status=data.get("migration_status") or "",
                           abroad=abroad, child=child, existing=data.get("existing"),
                           not_same=tuple(not_same))


class HouseholdForm(forms.Form):
    address = forms.CharField(label=_("Alamat (dusun, RT/RW)"), max_length=300, required=False)
    family_card_number = forms.CharField(
        label=_("Nomor KK"), max_length=24, required=False,
        help_text=_("16 angka, bila ada. Disimpan hanya sebagai kunci tersandi."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    census_date = date_field(_("Tanggal pendataan"))


class StayAbroadForm(forms.Form):
    country, employer, placement_agency_name, occupation, departed_on, procedural = (
        _stay_fields(country_required=True))

    def abroad_input(self) -> AbroadInput:
        return _abroad_input(self.cleaned_data)


class ReturnForm(forms.Form):
    returned_on = date_field(_("Tanggal pulang"))
    note = forms.CharField(label=_("Catatan kepulangan"), max_length=300, required=False)


class CardForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kartu"), choices=CardKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=CardStatus.choices)
    on = date_field(_("Tanggal"))
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class EnrolForm(forms.Form):
    enrolled_on = date_field(_("Ikut community parenting sejak"))


class SchoolForm(forms.Form):
    school_status = forms.ChoiceField(label=_("Status sekolah"), choices=SchoolStatus.choices)
    school_name = forms.CharField(label=_("Nama sekolah"), max_length=200, required=False)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Berkas sensus (.xlsx, .xls, .ods, .csv)"))
    census_date = date_field(_("Tanggal pendataan"))


class MappingForm(forms.Form):
    """One choice per column of the sheet: which census field it holds (or none)."""

    def __init__(self, *args: Any, headers: list[str], mapping: dict[str, str],
                 samples: list[list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— abaikan kolom ini —")), *((f.name, f.label) for f in FIELDS)]
        for index, header in enumerate(headers):
            examples = [row[index] for row in samples if index < len(row) and row[index]]
            help_text = (_("Contoh: %(values)s") % {"values": ", ".join(examples[:3])}
                         if examples else "")
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("(kolom %(n)s tanpa judul)") % {"n": index + 1},
                choices=choices, required=False, initial=mapping.get(str(index), ""),
                help_text=help_text)

    def mapping(self) -> dict[str, str]:
        return {name.removeprefix("col_"): value for name, value in self.cleaned_data.items()
                if value}


class ServiceLogForm(forms.Form):
    kind = forms.ChoiceField(label=_("Layanan"), choices=ServiceKind.choices)
    served_on = date_field(_("Tanggal"))
    person = PersonPickField(label=_("Warga yang dilayani"), required=False)
    cpmi_verified = forms.ChoiceField(
        label=_("Hasil verifikasi CPMI"), required=False,
        choices=[("", "—"), ("yes", _("terverifikasi")), ("no", _("tidak terverifikasi"))])
    ltsa_application_id = forms.UUIDField(label=_("ID permohonan LTSA (bila ada)"),
                                          required=False)
    job_order_id = forms.UUIDField(label=_("ID job order (bila ada)"), required=False)
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def verified(self) -> bool | None:
        return _procedural(self.cleaned_data.get("cpmi_verified") or "")
