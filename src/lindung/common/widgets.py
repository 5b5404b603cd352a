"""Form widgets shared by every module."""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """The browser's date picker. An `<input type="date">` only accepts an ISO date as its
    value, whatever the page's language: a localised initial value ("06-12-2026") shows as
    blank and blocks saving, so the value is always written as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=ISO_DATE)
