"""Charts drawn on the server as inline SVG: no JavaScript library, no outside request.

Each chart is drawn at its natural size in CSS pixels (``width``/``height`` attributes; the
stylesheet only shrinks it to the screen, ``.chart { max-width:100%; height:auto }``), so
its text is 12 px on a desktop and on a 336 px phone column alike rather than growing
with the page. Bars keep a maximum width (a single month is a column, not a block); a count
has whole-number ticks; every value is written in the active language and titled for
screen readers and hover. Colours are presentation attributes, so the page's
Content-Security-Policy needs nothing more. Progress bars are ``progress`` below."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import pgettext

from lindung.common.formatting import Number
from lindung.common.formatting import number

ACCENT, WARN, BAD, GREY, BLUE = "#0b6e4f", "#9a6700", "#b42318", "#8c959f", "#1f6feb"
INK, MUTED, LINE, SOFT = "#1b1f24", "#57606a", "#d0d7de", "#f3f6f8"
WIDTH = 336            # a 360 px phone's column; wider screens keep the natural size
FONT = 12
CHAR_W = 6.6           # average width of a 12 px character, for fitting labels
MAX_BAR = 28
_ids = count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Number]
    color: str = ACCENT


def short(value: float, *, whole: bool = True) -> str:
    """An axis figure: 1.234, 12,5 rb, 3,4 jt (the suffixes in the active language)."""
    size = abs(value)
    if size >= 1_000_000_000:
        suffix = pgettext("angka ringkas: miliar", "M")
        return f"{number(value / 1_000_000_000, 1)} {suffix}"
    if size >= 1_000_000:
        suffix = pgettext("angka ringkas: juta", "jt")
        return f"{number(value / 1_000_000, 1)} {suffix}"
    if size >= 100_000:
        suffix = pgettext("angka ringkas: ribu", "rb")
        return f"{number(value / 1000, 0)} {suffix}"
    return number(value, 0 if whole or float(value).is_integer() else 1)


def ticks(peak: float, *, whole: bool = True, most: int = 5) -> list[float]:
    """Evenly spaced axis values from 0 up to at least `peak`, at most `most` + 1 of them;
    whole numbers for a count (never 0.2 or 0.5 of a person)."""
    if peak <= 0:
        return [0.0, 1.0]
    raw = peak / most
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * magnitude:
            step = factor * magnitude
            break
    if whole:
        step = max(1.0, float(math.ceil(step)))
    top = math.ceil(peak / step - 1e-9)
    return [step * index for index in range(top + 1)]


def _open(title: str, width: float, height: float) -> list[str]:
    chart_id = f"chart-{next(_ids)}"
    return [format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{id}">'
        '<title id="{id}">{title}</title>', w=f"{width:g}", h=f"{height:g}", id=chart_id,
        title=title)]


def _text(x: float, y: float, text: str, *, anchor: str = "start", color: str = MUTED,
          size: int = FONT, bold: bool = False) -> str:
    return format_html('<text x="{}" y="{}" font-size="{}" text-anchor="{}" fill="{}"{}>{}'
                       '</text>', f"{x:.1f}", f"{y:.1f}", size, anchor, color,
                       mark_safe(' font-weight="bold"') if bold else "", text)


def _empty(parts: list[str], x: float, y: float) -> None:
    parts.append(_text(x, y, gettext("belum ada data"), anchor="middle"))


def _legend(series: Sequence[Series], width: float, y: float) -> tuple[list[str], float]:
    """Legend entries, wrapped to the width; returns them and the height they take."""
    parts: list[str] = []
    x, line = 0.0, 0
    for item in series:
        item_w = 18 + CHAR_W * len(item.name) + 10
        if x and x + item_w > width:
            x, line = 0.0, line + 1
        top = y + line * 18
        parts.append(format_html('<rect x="{}" y="{}" width="12" height="12" fill="{}"/>',
                                 f"{x:.1f}", f"{top:.1f}", item.color))
        parts.append(_text(x + 16, top + 10.5, item.name, color=INK))
        x += item_w
    return parts, (line + 1) * 18 + 4


def columns(*, title: str, labels: Sequence[str], series: Sequence[Series],
            unit: str = "", whole: bool = True, width: int = WIDTH) -> SafeString:
    """Vertical columns, one group per label (a month, a year), one column per series,
    with a value axis. `whole`: the values are counts (whole-number ticks)."""
    values = [float(v) for item in series for v in item.values]
    axis = ticks(max(values, default=0.0), whole=whole)
    peak = axis[-1] or 1.0
    axis_w = max(CHAR_W * max(len(short(t, whole=whole)) for t in axis) + 8, 24)
    legend, legend_h = _legend(series, width, 4) if len(series) > 1 else ([], 0.0)
    top, plot_h = legend_h + 10, 150
    bottom = top + plot_h
    height = bottom + 24
    plot_w = width - axis_w - 4
    parts = _open(title, width, height) + legend
    for tick in axis:
        y = bottom - plot_h * tick / peak
        parts.append(format_html('<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}" '
                                 'stroke-width="1"/>', f"{axis_w:.1f}", width, LINE,
                                 y=f"{y:.1f}"))
        parts.append(_text(axis_w - 6, y + 4, short(tick, whole=whole), anchor="end"))
    if not labels:
        _empty(parts, axis_w + plot_w / 2, top + plot_h / 2)
    groups = max(len(labels), 1)
    group_w = plot_w / groups
    bar_w = min(max(group_w * 0.8 / max(len(series), 1), 2.0), MAX_BAR)
    widest = max((len(label) for label in labels), default=1)
    every = max(1, math.ceil((CHAR_W * widest + 8) / group_w))
    suffix = f" {unit}" if unit else ""
    for index, label in enumerate(labels):
        x0 = axis_w + group_w * index + (group_w - bar_w * len(series)) / 2
        for place, item in enumerate(series):
            value = float(item.values[index]) if index < len(item.values) else 0.0
            bar_h = plot_h * value / peak
            parts.append(format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>',
                f"{x0 + bar_w * place:.1f}", f"{bottom - bar_h:.1f}",
                f"{max(bar_w - 1, 1):.1f}", f"{bar_h:.1f}", item.color,
                f"{item.name}, {label}: {number(value, 0 if whole else 1)}{suffix}"))
        if index % every == 0 or (index == len(labels) - 1 and every == 1):
            parts.append(_text(axis_w + group_w * (index + 0.5), bottom + 17, label,
                               anchor="middle"))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bars(*, title: str, rows: Sequence[tuple[str, Number]], unit: str = "",
         whole: bool = True, limit: int = 12, width: int = WIDTH) -> SafeString:
    """Horizontal bars, one row per label (in the order given), the label above its bar
    and the value after it: long labels stay readable on a phone."""
    shown = list(rows[:limit])
    row_h = 36
    height = max(row_h * len(shown), 24) + 4
    parts = _open(title, width, height)
    if not shown:
        _empty(parts, width / 2, 16)
    peak = max((float(v) for _label, v in shown), default=0.0) or 1.0
    longest_value = max((len(number(v, 0 if whole else 1)) for _l, v in shown), default=1)
    bar_room = width - CHAR_W * longest_value - 8
    max_chars = int(width / CHAR_W)
    suffix = f" {unit}" if unit else ""
    for index, (label, value) in enumerate(shown):
        top = index * row_h
        text = label if len(label) <= max_chars else label[:max_chars - 1] + "…"
        bar = bar_room * float(value) / peak
        if value and bar < 2:
            bar = 2
        figure = number(value, 0 if whole else 1)
        parts.append(_text(0, top + 13, text, color=INK))
        parts.append(format_html(
            '<rect x="0" y="{}" width="{}" height="14" fill="{}"><title>{}</title></rect>',
            top + 18, f"{bar:.1f}", ACCENT, f"{label}: {figure}{suffix}"))
        parts.append(_text(bar + 4, top + 30, figure))
    parts.append("</svg>")
    return mark_safe("".join(parts))


def share_bar(*, title: str, parts: Sequence[tuple[str, Number, str]], unit: str = "",
              width: int = WIDTH) -> SafeString:
    """One horizontal bar split into shares (e.g. remittances by use), with a legend."""
    total = sum(float(value) for _label, value, _color in parts)
    legend_series = [Series(f"{label} {number(100 * float(value) / total, 0)}%"
                            if total else label, [], color)
                     for label, value, color in parts]
    legend, legend_h = _legend(legend_series, width, 34)
    height = 34 + legend_h
    out = _open(title, width, height)
    if not total:
        out.append(format_html('<rect x="0" y="4" width="{}" height="22" fill="{}"/>',
                               width, SOFT))
        out.append(_text(8, 20, gettext("belum ada data")))
    x = 0.0
    suffix = f" {unit}" if unit else ""
    for label, value, color in parts:
        w = width * float(value) / total if total else 0.0
        if w > 0:
            out.append(format_html(
                '<rect x="{}" y="4" width="{}" height="22" fill="{}"><title>{}</title></rect>',
                f"{x:.1f}", f"{w:.1f}", color,
                f"{label}: {number(value)}{suffix} ({number(100 * float(value) / total, 0)}%)"))
        x += w
    out.extend(legend)
    out.append("</svg>")
    return mark_safe("".join(out))


def progress(value: Number | None, maximum: Number = 100, *, label: str = "") -> SafeString:
    """A progress bar with its figure in words for screen readers ("3 dari 8" or "40%")."""
    done = float(value or 0)
    top = float(maximum) or 1.0
    text = (f"{number(done)}/{number(top)}" if maximum != 100
            else f"{number(done, 0)}%")
    return format_html('<progress class="progress" max="{}" value="{}"{}>{}</progress>',
                       f"{top:g}", f"{min(done, top):g}",
                       format_html(' aria-label="{}"', label) if label else "", text)


__all__ = ["ACCENT", "BAD", "BLUE", "GREY", "WARN", "Series", "bars", "columns",
           "progress", "share_bar", "short", "ticks"]
