"""Forms of pillar 2 (business groups, trainings, turnover) and pillar 3 (activities)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.common.widgets import Checkboxes
from lindung.villages.choices import ActivityKind
from lindung.villages.choices import BusinessMemberRole
from lindung.villages.choices import BusinessStatus
from lindung.villages.choices import EquipmentSource
from lindung.villages.choices import TrainingTopic
from lindung.villages.choices import VillagePotential
from lindung.villages.forms.common import PersonPickField
from lindung.villages.forms.common import RupiahField
from lindung.villages.forms.common import date_field
from lindung.villages.forms.common import not_future
from lindung.villages.models import BusinessGroup
from lindung.villages.models import Instructor


class BusinessGroupForm(forms.Form):
    name = forms.CharField(label=_("Nama kelompok usaha"), max_length=200)
    product = forms.CharField(label=_("Produk/jasa"), max_length=200)
    potential = forms.ChoiceField(label=_("Potensi desa yang dipakai"),
                                  choices=VillagePotential.choices)
    potential_note = forms.CharField(label=_("Keterangan potensi"), max_length=300,
                                     required=False)
    founded_on = date_field(_("Mulai usaha"), required=False, today=False)


class BusinessStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=BusinessStatus.choices)


class BusinessMemberForm(forms.Form):
    person = PersonPickField(label=_("Anggota (warga desa)"))
    role = forms.ChoiceField(label=_("Peran"), choices=BusinessMemberRole.choices,
                             initial=BusinessMemberRole.MEMBER)
    joined_on = date_field(_("Bergabung"))


class EquipmentForm(forms.Form):
    item = forms.CharField(label=_("Peralatan"), max_length=200)
    quantity = forms.IntegerField(label=_("Jumlah"), min_value=1, initial=1)
    value = RupiahField(label=_("Nilai (Rp)"), allow_zero=True, required=False)
    source = forms.ChoiceField(label=_("Sumber"), choices=EquipmentSource.choices)
    received_on = date_field(_("Diterima"))


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m")


class MonthField(forms.DateField):
    widget = MonthInput

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, str) and len(value) == 7 and value[4] == "-":
            value = value + "-01"
        result = super().to_python(value)
        return result.replace(day=1) if result else None


class TurnoverForm(forms.Form):
    period = MonthField(label=_("Bulan"), initial=lambda: timezone.localdate().replace(day=1))
    turnover = RupiahField(label=_("Omzet (Rp)"), allow_zero=True)
    profit = RupiahField(label=_("Laba (Rp)"), allow_zero=True, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class InstructorForm(forms.Form):
    name = forms.CharField(label=_("Nama instruktur"), max_length=200)
    expertise = forms.CharField(label=_("Keahlian"), max_length=200)
    organisation = forms.CharField(label=_("Lembaga"), max_length=200, required=False)
    certified = forms.BooleanField(label=_("Bersertifikat kompetensi"), required=False)


class TrainingForm(forms.Form):
    title = forms.CharField(label=_("Judul pelatihan"), max_length=200)
    topic = forms.ChoiceField(label=_("Topik"), choices=TrainingTopic.choices)
    held_on = date_field(_("Tanggal"))
    hours = forms.IntegerField(label=_("Jam pelajaran"), min_value=1, max_value=500, initial=2)
    group = forms.ModelChoiceField(label=_("Kelompok usaha"), required=False,
                                   queryset=BusinessGroup.objects.none())
    instructors = forms.ModelMultipleChoiceField(label=_("Instruktur"), required=False,
                                                 queryset=Instructor.objects.none(),
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, groups: Any = None, instructors: Any = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        instructor_field = self.fields["instructors"]
        assert isinstance(group_field, forms.ModelChoiceField)
        assert isinstance(instructor_field, forms.ModelMultipleChoiceField)
        if groups is not None:
            group_field.queryset = groups
        if instructors is not None:
            instructor_field.queryset = instructors

    def clean_held_on(self) -> date:
        value: date = self.cleaned_data["held_on"]
        not_future(value)
        return value


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kegiatan"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    held_on = date_field(_("Tanggal"))
    facilitator = forms.CharField(label=_("Pendamping"), max_length=200, required=False)
    note = forms.CharField(label=_("Catatan"), max_length=300, required=False)


class CheckListForm(forms.Form):
    """A list of checkboxes (who attended), built from (value, label) pairs."""

    chosen = Checkboxes(_("Hadir"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chosen"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
