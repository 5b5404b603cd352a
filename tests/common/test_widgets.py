"""The date picker receives ISO dates in every language (a localised value shows blank)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from lindung.ltsa.forms import PaymentForm


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_writes_initial_dates_in_iso_form(language: str) -> None:
    with translation.override(language):
        html = str(PaymentForm(initial={"paid_on": date(2026, 12, 6)})["paid_on"])
    assert 'type="date"' in html and 'value="2026-12-06"' in html
