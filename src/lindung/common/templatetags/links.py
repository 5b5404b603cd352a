"""``{% load links %}`` then ``{% public_url "ltsa:track" %}``: the absolute public address
of a page (common.links), for what the reader writes down or prints."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from lindung.common.links import public_url as _public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def public_url(context: Any, name: str, *args: Any) -> str:
    return _public_url(reverse(name, args=args), getattr(context, "request", None))
