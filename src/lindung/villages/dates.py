"""Month arithmetic for schedules, periods and monthly series."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_bounds(day: date) -> tuple[date, date]:
    start = day.replace(day=1)
    return start, date(start.year, start.month, calendar.monthrange(start.year,
                                                                    start.month)[1])
