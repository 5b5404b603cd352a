"""Forms of the action plan."""

from __future__ import annotations

from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import ActionStatus
from lindung.coordination.choices import Direction
from lindung.coordination.choices import IndicatorMethod
from lindung.coordination.choices import PlanKind
from lindung.coordination.choices import PlanStatus
from lindung.coordination.choices import Unit
from lindung.coordination.forms.common import AgencyChoiceField
from lindung.coordination.forms.common import AgencyMultipleField
from lindung.coordination.forms.common import EvidenceField
from lindung.coordination.forms.common import agencies
from lindung.coordination.forms.common import date_input
from lindung.coordination.metrics import metric_choices
from lindung.coordination.models import Goal
from lindung.coordination.models import PlanPeriod
from lindung.regions.forms import RegionField


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Nama rencana"), max_length=200,
                           help_text=_("mis. RAN PP TPPO 2025–2029 atau RAD PP TPPO Provinsi"))
    kind = forms.ChoiceField(label=_("Jenis"), choices=PlanKind.choices,
                             initial=PlanKind.FIVE_YEAR)
    region = RegionField(label=_("Wilayah (kosong = rencana nasional)"), required=False)
    start_year = forms.IntegerField(label=_("Tahun mulai"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Tahun akhir"), min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices,
                               initial=PlanStatus.ACTIVE)
    legal_basis = forms.CharField(label=_("Dasar hukum"), max_length=300, required=False,
                                  help_text=_("mis. Perpres 22/2021 jo. Perpres 49/2023"))
    description = forms.CharField(label=_("Uraian"), max_length=3000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class GoalForm(forms.Form):
    code = forms.CharField(label=_("Kode sasaran"), max_length=16)
    title = forms.CharField(label=_("Sasaran"), max_length=300)
    description = forms.CharField(label=_("Uraian"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Sasaran"), queryset=Goal.objects.none())
    code = forms.CharField(label=_("Kode kegiatan"), max_length=16)
    title = forms.CharField(label=_("Kegiatan"), max_length=300)
    description = forms.CharField(label=_("Uraian"), max_length=3000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    responsible = AgencyChoiceField(label=_("Penanggung jawab"), queryset=agencies())
    supporting = AgencyMultipleField(label=_("Instansi pendukung"), queryset=agencies(),
                                     required=False,
                                     widget=forms.SelectMultiple(attrs={"size": 6}))
    start_date = forms.DateField(label=_("Mulai"), required=False,
                                 widget=date_input())
    deadline = forms.DateField(label=_("Tenggat"), widget=date_input())

    def __init__(self, *args: Any, plan: PlanPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = agencies()  # type: ignore[attr-defined]
        self.fields["supporting"].queryset = agencies()  # type: ignore[attr-defined]


class ActionProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    progress = forms.IntegerField(label=_("Kemajuan (%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("Catatan kemajuan"), max_length=3000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    evidence = EvidenceField()


def _decimal(value: str, label: str) -> Decimal:
    try:
        return Decimal(value.replace(",", ".").strip())
    except InvalidOperation as exc:
        raise forms.ValidationError(_("'%(value)s' bukan angka (%(label)s)."),
                                    params={"value": value, "label": label}) from exc


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Kode indikator"), max_length=16)
    name = forms.CharField(label=_("Nama indikator"), max_length=300)
    goal = forms.ModelChoiceField(label=_("Sasaran"), queryset=Goal.objects.none(),
                                  required=False)
    method = forms.ChoiceField(label=_("Cara pengukuran"), choices=IndicatorMethod.choices)
    metric = forms.ChoiceField(label=_("Metrik sistem (untuk indikator yang dihitung)"),
                               required=False)
    unit = forms.ChoiceField(label=_("Satuan"), choices=Unit.choices)
    direction = forms.ChoiceField(label=_("Arah"), choices=Direction.choices)
    definition = forms.CharField(label=_("Definisi"), max_length=2000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    baseline_value = forms.CharField(label=_("Nilai dasar (baseline)"), max_length=20,
                                     required=False)
    baseline_year = forms.IntegerField(label=_("Tahun baseline"), required=False,
                                       min_value=2000, max_value=2100)

    def __init__(self, *args: Any, plan: PlanPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["goal"].queryset = plan.goals.all()  # type: ignore[attr-defined]
        self.fields["metric"].choices = [("", "—"), *metric_choices()]  # type: ignore[attr-defined]
        for year in plan.years:
            self.fields[f"target_{year}"] = forms.CharField(
                label=_("Target %(year)s") % {"year": year}, max_length=20, required=False)

    def clean_baseline_value(self) -> Decimal | None:
        raw = self.cleaned_data.get("baseline_value", "")
        return _decimal(raw, "baseline") if raw.strip() else None

    def targets(self) -> dict[int, Decimal]:
        found = {}
        for year in self.plan.years:
            raw = self.cleaned_data.get(f"target_{year}", "")
            if raw and raw.strip():
                found[year] = _decimal(raw, str(year))
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for year in self.plan.years:
            raw = data.get(f"target_{year}", "")
            if raw and raw.strip():
                try:
                    _decimal(raw, str(year))
                except forms.ValidationError as exc:
                    self.add_error(f"target_{year}", exc)
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"code": data["code"], "name": data["name"], "goal": data.get("goal"),
                "method": data["method"], "metric": data.get("metric") or "",
                "unit": data["unit"], "direction": data["direction"],
                "definition": data.get("definition", ""),
                "baseline_value": data.get("baseline_value"),
                "baseline_year": data.get("baseline_year"), "targets": self.targets()}


class TargetForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    value = forms.CharField(label=_("Target"), max_length=20)

    def __init__(self, *args: Any, plan: PlanPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in plan.years]  # type: ignore[attr-defined]

    def clean_value(self) -> Decimal:
        return _decimal(self.cleaned_data.get("value", ""), "target")


class ProgressForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Periode"), coerce=int, initial=0,
        choices=[(0, _("Setahun penuh")), (1, _("Triwulan I (s.d. Maret)")),
                 (2, _("Triwulan II (s.d. Juni)")), (3, _("Triwulan III (s.d. September)")),
                 (4, _("Triwulan IV (s.d. Desember)"))])
    value = forms.CharField(label=_("Nilai capaian"), max_length=20)
    narrative = forms.CharField(label=_("Uraian capaian"), max_length=3000,
                                widget=forms.Textarea(attrs={"rows": 3}))
    evidence = EvidenceField()

    def __init__(self, *args: Any, plan: PlanPeriod, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in plan.years]  # type: ignore[attr-defined]

    def clean_value(self) -> Decimal:
        return _decimal(self.cleaned_data.get("value", ""), "value")
