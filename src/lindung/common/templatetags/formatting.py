"""Template filters for numbers, money, percentages, dates and times (see
``lindung.common.formatting``): ``{% load formatting %}`` then ``{{ n|number }}``,
``{{ x|percent }}``, ``{{ amount|rupiah }}``, ``{{ d|day }}``, ``{{ t|moment }}``,
``{{ elapsed|duration }}``, and
countries by name: ``{{ code|country }}`` (``lindung.common.countries``); a message kept in
a row, in the reader's language: ``{{ flag.detail|shown }}`` (``lindung.common.stored_text``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django import template

from lindung.common import countries, formatting, stored_text

register = template.Library()


@register.filter
def shown(value: str | None) -> str:
    return stored_text.show(value or "")


@register.filter
def number(value: formatting.Number | None, places: int = 0) -> str:
    return formatting.number(value, places)


@register.filter
def percent(value: formatting.Number | None, places: int = 1) -> str:
    return formatting.percent(value, places)


@register.filter
def rupiah(value: formatting.Number | None) -> str:
    return formatting.rupiah(value)


@register.filter
def day(value: date | None) -> str:
    return formatting.day(value)


@register.filter
def moment(value: datetime | None) -> str:
    return formatting.moment(value)


@register.filter
def duration(value: timedelta | None) -> str:
    """A waiting time: "3 hari 4 jam" (``lindung.common.formatting.duration``)."""
    return formatting.duration(value)


@register.filter
def country(code: str | None) -> str:
    """The country's name in the reader's language ("MY" → "Malaysia")."""
    return countries.country_name(code or "")
