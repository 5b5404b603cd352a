"""Charts as server-rendered inline SVG: no JavaScript library, no outside request, readable
on a 360 px phone (the viewBox scales), each bar titled with its value for screen readers
and hover. Colours are presentation attributes, so the page's CSP needs no inline style."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

ACCENT, WARN, BAD, GREY, BLUE = "#0b6e4f", "#9a6700", "#b42318", "#8c959f", "#1f6feb"
_ids = count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    color: str = ACCENT


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = float(10 ** math.floor(math.log10(value)))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def _fmt(value: float) -> str:
    if value >= 1_000_000_000:
        return f"{value / 1_000_000_000:.1f} M".replace(".0 ", " ")
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} jt".replace(".0 ", " ")
    if value >= 10_000:
        return f"{value / 1000:.0f} rb"
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:.1f}"


def bar_chart(*, title: str, labels: Sequence[str], series: Sequence[Series],
              width: int = 640, height: int = 260, unit: str = "") -> SafeString:
    """Grouped vertical bars, one group per label, one bar per series."""
    chart_id = f"chart-{next(_ids)}"
    left, right, top, bottom = 56, 8, 28 + 16 * (len(series) > 1), 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max([v for s in series for v in s.values] or [0]))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" aria-labelledby="{chart_id}" class="chart">',
             f'<title id="{chart_id}">{escape(title)}</title>',
             f'<text x="{left}" y="16" font-size="14" font-weight="bold" fill="#1b1f24">'
             f'{escape(title)}</text>']
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#d0d7de" stroke-width="1"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="#57606a">{escape(_fmt(value))}</text>')
    if series and len(series) > 1:
        legend_x = left
        for item in series:
            parts.append(f'<rect x="{legend_x}" y="24" width="10" height="10" '
                         f'fill="{item.color}"/>')
            parts.append(f'<text x="{legend_x + 14}" y="33" font-size="11" fill="#1b1f24">'
                         f'{escape(item.name)}</text>')
            legend_x += 22 + 7 * len(item.name)
    groups = max(len(labels), 1)
    group_w = plot_w / groups
    bar_w = max(min(group_w * 0.8 / max(len(series), 1), 48), 2)
    every = max(1, math.ceil(groups / 12))
    for index, label in enumerate(labels):
        x0 = left + group_w * index + (group_w - bar_w * len(series)) / 2
        for number, item in enumerate(series):
            value = float(item.values[index]) if index < len(item.values) else 0.0
            bar_h = plot_h * value / peak if peak else 0.0
            x = x0 + bar_w * number
            y = top + plot_h - bar_h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" '
                         f'height="{bar_h:.1f}" fill="{item.color}"><title>'
                         f'{escape(item.name)} {escape(label)}: {escape(_fmt(value))}'
                         f'{escape(" " + unit if unit else "")}</title></rect>')
        if index % every == 0:
            cx = left + group_w * (index + 0.5)
            parts.append(f'<text x="{cx:.1f}" y="{height - bottom + 16}" font-size="11" '
                         f'text-anchor="middle" fill="#57606a">{escape(label)}</text>')
    if not labels:
        parts.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" font-size="13" '
                     f'text-anchor="middle" fill="#57606a">{escape(_("belum ada data"))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def share_bar(*, title: str, parts: Sequence[tuple[str, float, str]], width: int = 640,
              unit: str = "") -> SafeString:
    """One horizontal bar split into shares (e.g. remittances by use), with a legend."""
    chart_id = f"chart-{next(_ids)}"
    height = 84
    total = sum(value for _, value, _ in parts)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="100%" role="img" aria-labelledby="{chart_id}" class="chart">',
           f'<title id="{chart_id}">{escape(title)}</title>',
           f'<text x="0" y="16" font-size="14" font-weight="bold" fill="#1b1f24">'
           f'{escape(title)}</text>']
    x = 0.0
    if not total:
        out.append(f'<rect x="0" y="26" width="{width}" height="22" fill="#f3f6f8"/>')
        out.append('<text x="8" y="42" font-size="12" fill="#57606a">'
                   f'{escape(_("belum ada data"))}</text>')
    legend_x = 0
    for label, value, color in parts:
        share = value / total if total else 0
        w = width * share
        percent = f"{share * 100:.0f}%"
        if w > 0:
            out.append(f'<rect x="{x:.1f}" y="26" width="{w:.1f}" height="22" fill="{color}">'
                       f'<title>{escape(label)}: {escape(_fmt(value))}'
                       f'{escape(" " + unit if unit else "")} ({percent})</title></rect>')
        x += w
        out.append(f'<rect x="{legend_x}" y="60" width="10" height="10" fill="{color}"/>')
        text = f"{label} {percent}" if total else label
        out.append(f'<text x="{legend_x + 14}" y="69" font-size="11" fill="#1b1f24">'
                   f'{escape(text)}</text>')
        legend_x += 24 + 7 * len(text)
    out.append("</svg>")
    return mark_safe("".join(out))
