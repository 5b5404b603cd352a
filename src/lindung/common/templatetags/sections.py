"""``{% load sections %}`` then ``{% section "case-stats" title %}…{% endsection %}``: a
section labelled by its heading, ``<section aria-labelledby="case-stats"><h2
id="case-stats">title</h2>…</section>``. With ``shown=flag`` the section is written only
when the flag is true (a part of the page the reader may not see)."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression
from django.template.base import NodeList
from django.template.base import Parser
from django.template.base import Token
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

register = template.Library()


class SectionNode(template.Node):
    def __init__(self, ident: FilterExpression, title: FilterExpression,
                 shown: FilterExpression | None, nodelist: NodeList) -> None:
        self.ident, self.title, self.shown, self.nodelist = ident, title, shown, nodelist

    def render(self, context: Any) -> SafeString:
        if self.shown is not None and not self.shown.resolve(context):
            return mark_safe("")
        body = mark_safe(self.nodelist.render(context))
        ident = self.ident.resolve(context)
        return format_html('<section aria-labelledby="{0}">\n  <h2 id="{0}">{1}</h2>{2}</section>',
                           ident, self.title.resolve(context), body)


@register.tag("section")
def section(parser: Parser, token: Token) -> SectionNode:
    bits = token.split_contents()
    if len(bits) not in (3, 4) or (len(bits) == 4 and not bits[3].startswith("shown=")):
        raise template.TemplateSyntaxError(
            f'"{bits[0]}" takes an id, a title and optionally shown=…: {token.contents}')
    shown = parser.compile_filter(bits[3].removeprefix("shown=")) if len(bits) == 4 else None
    nodelist = parser.parse(("endsection",))
    parser.delete_first_token()
    return SectionNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), shown,
                       nodelist)
