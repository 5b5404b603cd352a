"""Charts drawn on the server as inline SVG: no JavaScript library, no outside request, and
readable on a 360 px phone (labels above the bars, the drawing scales to the screen width).
Every text that goes into the SVG is escaped."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from lindung.prevention.statistics.selectors import Table

WIDTH = 320
ROW_HEIGHT = 34
BAR_HEIGHT = 12
ACCENT = "#0b6e4f"
MUTED = "#57606a"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def bar_chart(table: Table, *, limit: int = 12) -> SafeString:
    """Horizontal bars, one row per value, biggest first (as the table is sorted)."""
    rows = table.rows[:limit]
    if not rows:
        return SafeString("")
    height = ROW_HEIGHT * len(rows) + 4
    parts = [format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg">', WIDTH, height, table.title)]
    label_width = WIDTH - 60
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT
        bar = max(round(row.share * label_width), 1 if row.value else 0)
        label = row.label if len(row.label) <= 48 else row.label[:47] + "…"
        parts.append(format_html(
            '<text x="0" y="{}" font-size="11" fill="{}">{}</text>'
            '<rect x="0" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
            top + 12, MUTED, label, top + 16, bar, BAR_HEIGHT, ACCENT, row.label,
            _number(row.value), bar + 4, top + 26, MUTED, _number(row.value)))
    parts.append(mark_safe("</svg>"))
    return SafeString("".join(parts))


def column_chart(table: Table) -> SafeString:
    """Vertical columns over time (months), oldest left, with the first and last labels."""
    rows = table.rows
    if not rows:
        return SafeString("")
    height, base, top_margin = 150, 130, 12
    gap = 2
    width = max((WIDTH - gap * len(rows)) / len(rows), 2)
    peak = max(r.value for r in rows) or 1
    parts = [format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg">', WIDTH, height, table.title)]
    for index, row in enumerate(rows):
        column = round((base - top_margin) * row.value / peak)
        x = round(index * (width + gap), 1)
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
            x, base - column, round(width, 1), column, ACCENT, row.label, _number(row.value)))
    parts.append(format_html(
        '<text x="0" y="{}" font-size="11" fill="{}">{}</text>'
        '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="end">{}</text>'
        '<text x="0" y="10" font-size="10" fill="{}">{} {}</text>',
        height - 4, MUTED, rows[0].label, WIDTH, height - 4, MUTED, rows[-1].label, MUTED,
        gettext("maks."), _number(peak)))
    parts.append(mark_safe("</svg>"))
    return SafeString("".join(parts))
