"""The work statistics (site/statistics.py) read screening, referral and case records through the
shared "statistics" capability: counts within the reader's area (and post), never rows."""

from __future__ import annotations

from lindung.core import access
from lindung.site.models import AlertStatistic
from lindung.site.models import CaseStatistic
from lindung.site.models import ReferralStatistic
from lindung.site.models import ScreenedPassengerStatistic

access.register(ScreenedPassengerStatistic, access.Policy(
    "statistics", region_field="region_code", site_field="manifest__site_id"))
access.register(AlertStatistic, access.Policy("statistics", region_field="region_code",
                                              site_field="site_id"))
access.register(ReferralStatistic, access.Policy("statistics", region_field="region_code"))
access.register(CaseStatistic, access.Policy("statistics", region_field="region_code"))
