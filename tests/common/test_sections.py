"""The kernel's labelled section (``{% section %}``): a section named by its h2, left out
when it is not to be shown."""

from __future__ import annotations

import pytest
from django.template import Context
from django.template import Template
from django.template import TemplateSyntaxError


def _render(source: str, **values: object) -> str:
    return Template("{% load sections %}" + source).render(Context(values))


def test_a_section_is_labelled_by_its_heading() -> None:
    html = _render('{% section "case-stats" title %}\n  <p>{{ n }}</p>\n{% endsection %}',
                   title="Kasus & rujukan", n=3)
    assert html == ('<section aria-labelledby="case-stats">\n'
                    '  <h2 id="case-stats">Kasus &amp; rujukan</h2>\n  <p>3</p>\n</section>')


def test_a_section_not_shown_is_not_written() -> None:
    source = '{% section "x" "T" shown=flag %}<p>body</p>{% endsection %}'
    assert _render(source, flag=False) == ""
    assert "<p>body</p>" in _render(source, flag=True)


def test_the_id_and_title_are_required() -> None:
    with pytest.raises(TemplateSyntaxError):
        _render('{% section "x" %}{% endsection %}')
    with pytest.raises(TemplateSyntaxError):
        _render('{% section "x" "T" flag %}{% endsection %}')
