"""Fields shared by the Desmigratif forms."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.common.widgets import DateInput
from lindung.people.models import Person

_SHORT_ID = re.compile(r"#([0-9a-f]{8})\s*$")
_BORN = re.compile(r",\s*lahir \d{2}-\d{2}-\d{4}$")


def date_field(label: Any, required: bool = True, today: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(),
                           initial=timezone.localdate if today else None)


class RupiahField(forms.CharField):
    """A whole number of rupiah: "1.500.000", "Rp 1 500 000" and "1500000" are the same."""

    default_error_messages = {
        "invalid": _("Isi jumlah rupiah dengan angka, misalnya 1.500.000."),
        "min": _("Jumlah harus lebih dari nol."),
    }

    def __init__(self, *, allow_zero: bool = False, **kwargs: Any) -> None:
        self.allow_zero = allow_zero
        kwargs.setdefault("max_length", 24)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric",
                                                           "autocomplete": "off"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value)
        if not text:
            return None
        digits = re.sub(r"(?i)rp|[\s.]", "", str(text))
        if digits.endswith(",00"):
            digits = digits[:-3]
        if not digits.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        amount = int(digits)
        if amount == 0 and not self.allow_zero:
            raise forms.ValidationError(self.error_messages["min"], code="min")
        return amount


def person_label(person: Person) -> str:
    born = f", lahir {person.birth_date:%d-%m-%Y}" if person.birth_date else ""
    return f"{person.name}{born} #{person.pk.hex[:8]}"


class PersonPickInput(forms.TextInput):
    template_name = "villages/widgets/person_pick.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.options: list[str] = []

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["options"] = self.options
        context["list_id"] = f"{name}-people"
        return context


class PersonPickField(forms.CharField):
    """A person among `queryset` (the village's people), typed or picked from a list:
    accepts the list's label (which ends in "#<id>") or an exact name that is unique."""

    widget = PersonPickInput
    default_error_messages = {
        "unknown": _("Orang ini tidak ditemukan di desa ini. Pilih dari daftar."),
        "ambiguous": _("Ada beberapa orang dengan nama ini. Pilih dari daftar."),
    }

    def __init__(self, *, queryset: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)
        self.queryset = queryset if queryset is not None else Person.objects.none()

    def set_queryset(self, queryset: QuerySet[Person], limit: int = 500) -> None:
        self.queryset = queryset
        assert isinstance(self.widget, PersonPickInput)
        self.widget.options = [person_label(p) for p in queryset.order_by("name")[:limit]]

    def clean(self, value: Any) -> Person | None:
        text = super().clean(value)
        if not text:
            return None
        match = _SHORT_ID.search(str(text))
        if match:
            name = _BORN.sub("", str(text)[:match.start()].strip()).strip()
            candidates = [p for p in self.queryset.filter(name__iexact=name)
                          if p.pk.hex.startswith(match.group(1))]
            if len(candidates) == 1:
                return candidates[0]
        found = list(self.queryset.filter(name__iexact=str(text).strip())[:2])
        if len(found) == 1:
            return found[0]
        if found:
            raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous")
        raise forms.ValidationError(self.error_messages["unknown"], code="unknown")


def not_future(value: date | None) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Tanggal belum terjadi."))

