"""Records seen through the shared "statistics" capability (site/access.py): counted within
the reader's area, never shown one by one (site/statistics.py). Proxies: no table of their
own. They live in the site app, the top layer, which may read every domain app."""

from __future__ import annotations

from lindung.reports.models import Case
from lindung.reports.models import Referral
from lindung.screening.models import Alert
from lindung.screening.models import ScreenedPassenger


class ScreenedPassengerStatistic(ScreenedPassenger):
    class Meta:
        proxy = True


class AlertStatistic(Alert):
    class Meta:
        proxy = True


class ReferralStatistic(Referral):
    class Meta:
        proxy = True


class CaseStatistic(Case):
    class Meta:
        proxy = True
