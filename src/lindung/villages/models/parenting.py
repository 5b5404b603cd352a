"""Pillar 3 (community parenting): activities for the children of PMI families with their
attendance. Enrolment and KIS/KIP cards are on `ChildProfile`/`ChildCard`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.core.models import RegionScopedModel
from lindung.villages.choices import ActivityKind


class ParentingActivity(RegionScopedModel):
    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="activities")
    kind = models.CharField(_("kegiatan"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    held_on = models.DateField(_("tanggal"))
    facilitator = models.CharField(_("pendamping"), max_length=200, blank=True)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-held_on"]

    str_format = "{title}"


class ActivityAttendance(RegionScopedModel):
    activity = models.ForeignKey(ParentingActivity, on_delete=models.CASCADE,
                                 related_name="attendance")
    child = models.ForeignKey("villages.ChildProfile", on_delete=models.PROTECT,
                              related_name="attendance")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "child"],
                                               name="activityattendance_unique")]

    str_format = "{child_id} at {activity_id}"
