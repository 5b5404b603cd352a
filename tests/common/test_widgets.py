"""The date picker receives ISO dates in every language (a localised value shows blank); the
kernel's checkboxes field."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from lindung.common.widgets import Checkboxes
from lindung.ltsa.forms import PaymentForm


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_writes_initial_dates_in_iso_form(language: str) -> None:
    with translation.override(language):
        html = str(PaymentForm(initial={"paid_on": date(2026, 12, 6)})["paid_on"])
    assert 'type="date"' in html and 'value="2026-12-06"' in html


def test_checkboxes_take_any_of_the_list_and_none_by_default() -> None:
    field = Checkboxes("Topics", [("a", "A"), ("b", "B")])
    assert field.clean([]) == []
    assert field.clean(["a", "b"]) == ["a", "b"]


    class TopicsForm(forms.Form):
        topics = field

    assert str(TopicsForm()["topics"]).count('type="checkbox"') == 2
    with pytest.raises(ValidationError):
        field.clean(["c"])


def test_required_checkboxes_refuse_none_ticked() -> None:
    field = Checkboxes("Topics", [("a", "A")], required=True)
    with pytest.raises(ValidationError):
        field.clean([])
