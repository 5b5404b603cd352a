"""Coarse times for anonymous actions.

A stored timestamp precise to the second can be joined to a line of some log (a reverse
proxy's, a provider's) that carries the sender's address. What an anonymous person does
(a public report, a look-up with a receipt, information added to a report) is therefore
stored only to the hour: enough to count and to order a queue, too coarse to single out
one request among the others of that hour.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta

from django.utils import timezone

ANONYMOUS_RESOLUTION = timedelta(hours=1)


def coarse(moment: datetime | None = None) -> datetime:
    """`moment` (default now) truncated to the hour. Every time zone the project uses is a
    whole number of hours from UTC, so the truncation is the same in local time."""
    moment = moment or timezone.now()
    return moment.replace(minute=0, second=0, microsecond=0)
