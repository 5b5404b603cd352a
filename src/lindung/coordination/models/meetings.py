"""Coordination meetings (national, regional, cross-border): participants, agenda, decisions,
and follow-up actions whose owners are among the meeting's stakeholders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lindung.common.models import StrFormatModel
from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.choices import ParticipantRole
from lindung.core.models import BaseModel
from lindung.core.models import OptionallyRegionScopedModel

if TYPE_CHECKING:
    from lindung.directory.models import Agency


class Meeting(OptionallyRegionScopedModel):
    title = models.CharField(_("judul rapat"), max_length=200)
    level = models.CharField(_("tingkat"), max_length=16, choices=MeetingLevel.choices)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("wilayah"))
    country = models.CharField(_("negara mitra (lintas negara)"), max_length=2, blank=True)
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200)
    organiser = models.ForeignKey("directory.Agency", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("penyelenggara"))
    participants: models.ManyToManyField[Agency, MeetingParticipant] = models.ManyToManyField(
        "directory.Agency", through="MeetingParticipant",
                                          related_name="coordination_meetings")
    plan = models.ForeignKey("coordination.PlanPeriod", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="meetings",
                             verbose_name=_("rencana aksi terkait"))
    status = models.CharField(_("status"), max_length=16, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    summary = models.TextField(_("ringkasan / notulen"), max_length=10000, blank=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["held_on", "region_code"], name="coordination_meeting_on")]

    str_format = "{title} ({held_on:%Y-%m-%d})"


class MeetingParticipant(StrFormatModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("peran"), max_length=16, choices=ParticipantRole.choices,
                            default=ParticipantRole.MEMBER)
    attended = models.BooleanField(_("hadir"), default=True)

    class Meta:
        ordering = ["role", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "agency"],
                                               name="coordination_participant_unique")]

    str_format = "{meeting_id} {agency_id}"


class AgendaItem(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("acara"), max_length=300)
    note = models.TextField(_("catatan"), max_length=3000, blank=True)

    class Meta:
        ordering = ["position", "created_at"]

    str_format = "{title}"


class Decision(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="decisions", verbose_name=_("acara"))
    position = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(_("keputusan"), max_length=3000)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(OptionallyRegionScopedModel):
    """A follow-up action a decision creates: an owner among the meeting's stakeholders, a
    deadline, tracked until done (or cancelled). It may feed a plan action."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="follow_ups")
    title = models.CharField(_("tindak lanjut"), max_length=300)
    owner = models.ForeignKey("directory.Agency", on_delete=models.PROTECT,
                              related_name="coordination_follow_ups",
                              verbose_name=_("pelaksana"))
    deadline = models.DateField(_("tenggat"))
    status = models.CharField(_("status"), max_length=16, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.OPEN)
    completed_on = models.DateField(_("selesai pada"), null=True, blank=True)
    completion_note = models.TextField(_("catatan penyelesaian"), max_length=2000, blank=True)
    action = models.ForeignKey("coordination.Action", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="follow_ups",
                               verbose_name=_("kegiatan rencana aksi terkait"))

    class Meta:
        ordering = ["deadline", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=FollowUpStatus.DONE) | Q(completed_on__isnull=False),
                name="coordination_follow_up_done_date"),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="coordination_follow_up_due")]

    str_format = "{title}"

    @property
    def is_open(self) -> bool:
        return self.status == FollowUpStatus.OPEN
