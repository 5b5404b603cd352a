"""The periodic report request form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import ReportKind
from lindung.coordination.forms.common import year_choices
from lindung.coordination.models import PlanPeriod
from lindung.regions.forms import RegionField


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Jenis laporan"), choices=ReportKind.choices)
    region = RegionField(label=_("Wilayah (kosong = seluruh wilayah kerja Anda)"),
                         required=False)
    start_year = forms.TypedChoiceField(label=_("Tahun (awal)"), coerce=int)
    plan = forms.ModelChoiceField(label=_("Rencana aksi (kosong = rencana wilayah itu)"),
                                  required=False, queryset=PlanPeriod.objects.none())

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start_year"].choices = year_choices(ahead=0, back=20)  # type: ignore[attr-defined]
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]


class ReportNarrativeForm(forms.Form):
    """The narrative sections of a report, written by the coordinator (Perpres 22/2021)."""

    achievements = forms.CharField(label=_("Capaian kegiatan"), required=False, max_length=5000,
                                   widget=forms.Textarea(attrs={"rows": 5}))
    obstacles = forms.CharField(label=_("Hambatan"), required=False, max_length=5000,
                                widget=forms.Textarea(attrs={"rows": 5}))
    recommendations = forms.CharField(label=_("Rekomendasi"), required=False, max_length=5000,
                                      widget=forms.Textarea(attrs={"rows": 5}))
