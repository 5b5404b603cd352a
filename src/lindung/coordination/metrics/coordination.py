"""Metrics of this app itself: coordination meetings, their follow-ups, agreements."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.choices import Unit
from lindung.coordination.metrics.registry import MetricValue
from lindung.coordination.metrics.registry import period_words
from lindung.coordination.metrics.registry import region_words
from lindung.coordination.metrics.registry import register_metric
from lindung.coordination.metrics.registry import share
from lindung.coordination.metrics.registry import whole
from lindung.coordination.metrics.registry import within
from lindung.coordination.models import Agreement
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Meeting

APP = "lindung.coordination"
SOURCE = _("Rapat koordinasi, tindak lanjut, dan perjanjian (modul koordinasi)")


@register_metric(name="coordination.meetings_held", label=_("Rapat koordinasi terlaksana"),
                 unit=Unit.COUNT, section="coordination", source_app=APP, source_label=SOURCE)
def meetings_held(region_code: str, start: date, end: date) -> MetricValue:
    count = Meeting.objects.filter(within(region_code), status=MeetingStatus.HELD,
                                   held_on__gte=start, held_on__lte=end).count()
    return MetricValue(whole(count), Unit.COUNT, str(SOURCE),
                       f"coordination.Meeting: count(*) where status = held, "
                       f"{region_words(region_code)}, held_on {period_words(start, end)}")


@register_metric(name="coordination.follow_ups_done_share",
                 label=_("Tindak lanjut rapat yang selesai"), unit=Unit.PERCENT,
                 section="coordination", source_app=APP, source_label=SOURCE, kind="ratio")
def follow_ups_done_share(region_code: str, start: date, end: date) -> MetricValue:
    due = FollowUp.objects.filter(within(region_code), deadline__gte=start, deadline__lte=end)
    due = due.exclude(status=FollowUpStatus.CANCELLED)
    done = due.filter(status=FollowUpStatus.DONE).count()
    return MetricValue(share(done, due.count()), Unit.PERCENT, str(SOURCE),
                       f"coordination.FollowUp: 100 × count(status = done) / count(*) where "
                       f"status != cancelled, {region_words(region_code)}, deadline "
                       f"{period_words(start, end)}")


@register_metric(name="coordination.agreements_in_force",
                 label=_("Perjanjian kerja sama yang berlaku"), unit=Unit.COUNT,
                 section="coordination", source_app=APP, source_label=SOURCE, snapshot=True)
def agreements_in_force(region_code: str, start: date, end: date) -> MetricValue:
    from django.db.models import Q

    count = Agreement.objects.filter(within(region_code), valid_from__lte=end).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=end)).count()
    return MetricValue(whole(count), Unit.COUNT, str(SOURCE),
                       f"coordination.Agreement: count(*) where {region_words(region_code)}, "
                       f"in force on {end.isoformat()}")
