"""Form widgets, and the fields drawn with them, shared by every module."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """The browser's date picker. An `<input type="date">` only accepts an ISO date as its
    value, whatever the page's language: a localised initial value ("06-12-2026") shows as
    blank and blocks saving, so the value is always written as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)


class PickerInput(forms.TextInput):
    """A text field that offers a list to pick from as the person types (an HTML
    `<datalist>`: the browser filters it by what is typed, on a phone too) and still takes a
    value typed in full. `options`: (value, label) pairs, e.g. the open job orders."""

    def __init__(self, attrs: dict[str, Any] | None = None,
                 options: list[tuple[str, str]] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.options = list(options or [])

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-options"
        attrs["list"] = list_id
        field = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}">{}</option>', self.options)
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class Checkboxes(forms.MultipleChoiceField):
    """Any of a short list, ticked: several values, drawn as checkboxes (none by default)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, label: Any, choices: Any = (), *, required: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(label=label, choices=choices, required=required, **kwargs)
