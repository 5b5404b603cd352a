"""Forms of coordination meetings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.common.countries import CountryField
from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.forms.common import AgencyChoiceField
from lindung.coordination.forms.common import AgencyMultipleField
from lindung.coordination.forms.common import EvidenceField
from lindung.coordination.forms.common import agencies
from lindung.coordination.forms.common import date_input
from lindung.coordination.models import Action
from lindung.coordination.models import AgendaItem
from lindung.coordination.models import Meeting
from lindung.coordination.models import PlanPeriod
from lindung.regions.forms import RegionField


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Judul rapat"), max_length=200)
    level = forms.ChoiceField(label=_("Tingkat"), choices=MeetingLevel.choices)
    region = RegionField(label=_("Wilayah (rapat daerah)"), required=False)
    country = CountryField(label=_("Negara mitra (rapat lintas negara)"), required=False)
    held_on = forms.DateField(label=_("Tanggal"), widget=date_input())
    place = forms.CharField(label=_("Tempat"), max_length=200)
    organiser = AgencyChoiceField(label=_("Penyelenggara"), queryset=agencies())
    participants = AgencyMultipleField(label=_("Peserta (pemangku kepentingan)"),
                                       queryset=agencies(), required=False,
                                       widget=forms.CheckboxSelectMultiple)
    plan = forms.ModelChoiceField(label=_("Rencana aksi terkait"), required=False,
                                  queryset=PlanPeriod.objects.none())
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    summary = forms.CharField(label=_("Ringkasan / notulen"), max_length=10000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["organiser"].queryset = agencies()  # type: ignore[attr-defined]
        self.fields["participants"].queryset = agencies()  # type: ignore[attr-defined]


class MeetingUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeetingStatus.choices)
    summary = forms.CharField(label=_("Ringkasan / notulen"), max_length=10000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    evidence = EvidenceField(label=_("Notulen atau daftar hadir (berkas)"))


class ParticipantsForm(forms.Form):
    participants = AgencyMultipleField(label=_("Peserta (pemangku kepentingan)"),
                                       queryset=agencies(), required=False,
                                       widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = agencies()  # type: ignore[attr-defined]


class AgendaForm(forms.Form):
    title = forms.CharField(label=_("Acara"), max_length=300)
    note = forms.CharField(label=_("Catatan"), max_length=3000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    """A decision and, optionally, the follow-up action it creates."""

    text = forms.CharField(label=_("Keputusan"), max_length=3000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    agenda_item = forms.ModelChoiceField(label=_("Acara"), required=False,
                                         queryset=AgendaItem.objects.none())
    follow_up_title = forms.CharField(label=_("Tindak lanjut (kosong bila tidak ada)"),
                                      max_length=300, required=False)
    follow_up_owner = AgencyChoiceField(label=_("Pelaksana tindak lanjut"), required=False,
                                        queryset=agencies())
    follow_up_deadline = forms.DateField(label=_("Tenggat tindak lanjut"), required=False,
                                         widget=date_input())
    follow_up_action = forms.ModelChoiceField(label=_("Kegiatan rencana aksi terkait"),
                                              required=False, queryset=Action.objects.none())

    def __init__(self, *args: Any, meeting: Meeting, actions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda.all()  # type: ignore[attr-defined]
        # Every stakeholder is offered: the service says clearly when the owner is not
        # among the meeting's participants.
        self.fields["follow_up_owner"].queryset = agencies()  # type: ignore[attr-defined]
        self.fields["follow_up_action"].queryset = actions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("follow_up_title"):
            if not data.get("follow_up_owner"):
                self.add_error("follow_up_owner", _("Pilih pelaksana tindak lanjut."))
            if not data.get("follow_up_deadline"):
                self.add_error("follow_up_deadline", _("Isi tenggat tindak lanjut."))
        return data


class FollowUpCloseForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    note = forms.CharField(label=_("Catatan"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
