"""Template filters for numbers, money, percentages, dates and times (see
``lindung.common.formatting``): ``{% load formatting %}`` then ``{{ n|number }}``,
``{{ x|percent }}``, ``{{ amount|rupiah }}``, ``{{ d|day }}``, ``{{ t|moment }}``,
``{{ elapsed|duration }}``, and
countries by name: ``{{ code|country }}`` (``lindung.common.countries``); a message kept in
a row, in the reader's language: ``{{ flag.detail|shown }}`` (``lindung.common.stored_text``)."""

from __future__ import annotations

from django import template

from lindung.common import countries
from lindung.common import formatting
from lindung.common import stored_text

register = template.Library()


@register.filter
def shown(value: str | None) -> str:
    return stored_text.show(value or "")


# The kernel's formatters are the filters themselves: one definition of each format.
for _formatter in (formatting.number, formatting.percent, formatting.rupiah, formatting.day,
                   formatting.moment, formatting.duration):
    register.filter(_formatter.__name__, _formatter)


@register.filter
def country(code: str | None) -> str:
    """The country's name in the reader's language ("MY" → "Malaysia")."""
    return countries.country_name(code or "")
