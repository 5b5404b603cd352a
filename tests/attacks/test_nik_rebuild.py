"""Attack: rebuild a NIK from what a page shows a role without identity access.

A NIK is region (6 digits) + birth date with the sex in the day (6) + serial (4). The
person page shows a village officer the person's village, birth date and sex beside the
masked number; the mask must not add the one part none of those gives, the serial, so that
the officer is left with 10,000 candidates, not one."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_the_page_leaves_the_serial_unknown(world: World) -> None:
    person = world.ntt_person
    assert person.nik and person.birth_date
    page = world.client_for("village_officer").get(
        reverse("people:detail", args=[person.pk])).content.decode()
    masked = re.findall(r"\d{4,6}•{6,12}\d{0,4}", page)
    assert masked, "the masked number is on the page"
    for shown in masked:
        assert shown == person.nik[:6] + "•" * 10
    # Everything else the page gives: region code, birth date, sex. The serial is not there,
    # so the rebuilt number still has four unknown digits.
    rebuilt_prefix = person.nik[:12]
    assert person.nik not in page
    assert not re.search(re.escape(rebuilt_prefix) + r"\d{4}", page)
