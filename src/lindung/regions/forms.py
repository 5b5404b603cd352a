"""A form field that picks a region by code, with a type-ahead list of names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from lindung.regions.models import Region
from lindung.regions.nik import NikError
from lindung.regions.nik import clean_nik
from lindung.regions.selectors import region_search


class RegionInput(forms.TextInput):
    template_name = "regions/region_input.html"

    def __init__(self, level: str | None = None, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.level = level

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["lookup_url"] = reverse_lazy("regions:lookup")
        context["level"] = self.level or ""
        context["list_id"] = f"{name}-regions"
        return context


class RegionField(forms.CharField):
    """Accepts an official code ("53.01.02.2001") or a name that resolves to one region."""

    default_error_messages = {
        "unknown": _("Wilayah '%(value)s' tidak ditemukan. Ketik nama lalu pilih dari daftar, "
                     "atau isi kode Kemendagri."),
        "ambiguous": _("Nama '%(value)s' cocok dengan beberapa wilayah. Pilih dari daftar."),
        "level": _("Pilih wilayah pada tingkat %(level)s."),
    }

    def __init__(self, *, level: str | None = None, **kwargs: Any) -> None:
        self.level = level
        kwargs.setdefault("widget", RegionInput(level=level))
        kwargs.setdefault("max_length", 120)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Region):
            return value.code
        return value

    def clean(self, value: Any) -> Region | None:
        text = super().clean(value)
        if not text:
            return None
        text = str(text).strip()
        code = text.split(" ", 1)[0]
        region = Region.objects.filter(code=code).first()
        if region is None:
            matches = region_search(text, level=self.level, limit=2)
            if not matches:
                raise forms.ValidationError(self.error_messages["unknown"], code="unknown",
                                            params={"value": text})
            if len(matches) > 1 and matches[0].search_name == matches[1].search_name:
                raise forms.ValidationError(self.error_messages["ambiguous"], code="ambiguous",
                                            params={"value": text})
            region = matches[0]
        if self.level and region.level != self.level:
            raise forms.ValidationError(self.error_messages["level"], code="level",
                                        params={"level": region.get_level_display()})
        return region


class NikField(forms.CharField):
    """A NIK as a person types it: 16 digits, spaces, dots and dashes allowed; empty when
    not known. Cleans to the 16 digits, or refuses with the reason (its ``NikError`` code)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("NIK"))
        kwargs.setdefault("max_length", 24)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric",
                                                           "autocomplete": "off"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        raw: str = super().clean(value) or ""
        if not raw.strip():
            return ""
        try:
            return clean_nik(raw)
        except NikError as exc:
            raise forms.ValidationError(str(exc), code=exc.code) from exc
