"""``{% load charts %}{% progress value maximum label="…" %}``: the one progress bar."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from lindung.common import charts
from lindung.common.formatting import Number

register = template.Library()


@register.simple_tag
def progress(value: Number | None, maximum: Number = 100, label: str = "") -> SafeString:
    return charts.progress(value, maximum, label=label)
