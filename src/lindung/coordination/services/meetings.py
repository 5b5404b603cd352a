"""Writes of coordination meetings: the meeting and its participants, agenda, decisions,
and the follow-ups decisions create (owned by one of the meeting's stakeholders)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.uploads import CheckedFile
from lindung.coordination.access import REPORT_PROGRESS
from lindung.coordination.choices import FollowUpStatus
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.choices import ParticipantRole
from lindung.coordination.models import Action
from lindung.coordination.models import AgendaItem
from lindung.coordination.models import Decision
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Meeting
from lindung.coordination.models import MeetingParticipant
from lindung.coordination.models import PlanPeriod
from lindung.coordination.services.common import check
from lindung.coordination.services.common import clean_text
from lindung.coordination.services.common import evidence_attach
from lindung.coordination.services.common import evidence_names
from lindung.coordination.services.common import refuse
from lindung.coordination.services.common import region_code_of
from lindung.coordination.services.common import require_in_scope
from lindung.coordination.services.flags import flags_refresh_subject
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.directory.models import Agency
from lindung.regions.models import Region


def _check_place(*, level: str, region: Region | None, country: str) -> None:
    check(level in MeetingLevel.values, "level", _("Tingkat rapat tidak dikenal"))
    if level == MeetingLevel.NATIONAL:
        check(region is None, "region", _("Rapat nasional tidak memiliki wilayah"))
    if level == MeetingLevel.REGIONAL:
        check(region is not None, "region", _("Rapat daerah memerlukan wilayah"))
    if level == MeetingLevel.CROSS_BORDER:
        check(len(country) == 2 and country.isalpha() and country != "ID", "country",
              _("Rapat lintas negara memerlukan negara mitra (kode ISO dua huruf, bukan ID)"))
    else:
        check(not country, "country", _("Negara mitra hanya untuk rapat lintas negara"))


@transaction.atomic
def meeting_create(*, actor: User, title: str, level: str, held_on: date, place: str,
                   organiser: Agency, participants: Sequence[Agency] = (),
                   region: Region | None = None, country: str = "",
                   plan: PlanPeriod | None = None, summary: str = "",
                   status: str = MeetingStatus.PLANNED) -> Meeting:
    country = (country or "").upper()
    _check_place(level=level, region=region, country=country)
    check(status in MeetingStatus.values, "status", _("Status tidak dikenal"))
    check(not (status == MeetingStatus.HELD and held_on > timezone.localdate()), "status",
          _("Rapat di masa depan belum terlaksana"))
    meeting = Meeting(title=clean_text(title, 200), level=level, region=region,
                      region_code=region_code_of(region), country=country, held_on=held_on,
                      place=clean_text(place, 200), organiser=organiser, plan=plan,
                      summary=clean_text(summary, 10000), status=status, created_by=actor,
                      updated_by=actor)
    require_in_scope(actor, CREATE, meeting)
    check(bool(meeting.title), "title", _("Judul rapat wajib diisi"))
    check(bool(meeting.place), "place", _("Tempat wajib diisi"))
    if plan is not None:
        check(access.can(actor, VIEW, plan), "plan", _("Rencana aksi tidak ditemukan"))
    meeting.full_clean()
    meeting.save()
    MeetingParticipant.objects.create(meeting=meeting, agency=organiser,
                                      role=ParticipantRole.CHAIR)
    others = {a.pk: a for a in participants if a.pk != organiser.pk}
    MeetingParticipant.objects.bulk_create(
        [MeetingParticipant(meeting=meeting, agency=a) for a in others.values()])
    audit.record_object(actor=actor, action=AuditAction.CREATE, obj=meeting,
                        region_code=meeting.region_code,
                        detail={"level": level, "country": country,
                                "participants": sorted([organiser.code,
                                                        *(a.code for a in others.values())])})
    return meeting


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, status: str, summary: str = "",
                   files: Sequence[CheckedFile] = ()) -> Meeting:
    """Record how the meeting went: its status, the minutes, and the minutes' files."""
    access.require(actor, CHANGE, meeting)
    check(status in MeetingStatus.values, "status", _("Status tidak dikenal"))
    check(not (status == MeetingStatus.HELD and meeting.held_on > timezone.localdate()),
          "status", _("Rapat di masa depan belum terlaksana"))
    before = {"status": meeting.status, "summary": meeting.summary}
    meeting.status, meeting.summary = status, clean_text(summary, 10000)
    meeting.updated_by = actor
    audit.save_recorded(meeting, actor=actor, action=AuditAction.UPDATE,
                        detail={"fields": audit.changed_fields(
                            before, {"status": meeting.status, "summary": meeting.summary}),
                            "evidence": evidence_names(list(files))})
    evidence_attach(actor=actor, files=list(files), region_code=meeting.region_code,
                    meeting=meeting)
    return meeting


@transaction.atomic
def meeting_participants_set(*, actor: User, meeting: Meeting,
                             participants: Sequence[Agency]) -> Meeting:
    """The meeting's stakeholders besides the organiser (who always takes part)."""
    access.require(actor, CHANGE, meeting)
    wanted = {a.pk: a for a in participants if a.pk != meeting.organiser_id}
    current = set(meeting.attendance.exclude(agency_id=meeting.organiser_id)
                  .values_list("agency_id", flat=True))
    removed = current - set(wanted)
    owners = list(Agency.objects.filter(pk__in=removed, coordination_follow_ups__meeting=meeting)
                  .distinct())
    if owners:
        names = ", ".join(str(a) for a in owners)
        raise refuse("participants",
                     _("%(names)s masih pelaksana tindak lanjut rapat ini; pindahkan tindak "
                       "lanjutnya dulu") % {"names": names})
    meeting.attendance.filter(agency_id__in=removed).delete()
    MeetingParticipant.objects.bulk_create(
        [MeetingParticipant(meeting=meeting, agency=wanted[pk]) for pk in set(wanted) - current])
    audit.record_object(actor=actor, action=AuditAction.UPDATE, obj=meeting,
                        region_code=meeting.region_code,
                        detail={"fields": ["participants"],
                                "participants": sorted(a.code for a in wanted.values())})
    return meeting


@transaction.atomic
def agenda_item_add(*, actor: User, meeting: Meeting, title: str, note: str = "") -> AgendaItem:
    access.require(actor, CHANGE, meeting)
    item = AgendaItem(meeting=meeting, title=clean_text(title, 300), note=clean_text(note, 3000),
                      position=meeting.agenda.count() + 1, created_by=actor, updated_by=actor)
    check(bool(item.title), "title", _("Isi acara rapat"))
    audit.save_recorded(item, actor=actor, action=AuditAction.CREATE,
                        region_code=meeting.region_code, detail={"meeting": str(meeting.pk)})
    return item


@dataclass(frozen=True)
class FollowUpSpec:
    title: str
    owner: Agency
    deadline: date
    action: Action | None = None


@transaction.atomic
def decision_record(*, actor: User, meeting: Meeting, text: str,
                    agenda_item: AgendaItem | None = None,
                    follow_ups: Sequence[FollowUpSpec] = ()) -> Decision:
    """A decision of the meeting, with the follow-up actions it creates."""
    access.require(actor, CHANGE, meeting)
    check(agenda_item is None or agenda_item.meeting_id == meeting.pk, "agenda_item",
          _("Acara ini bukan dari rapat ini"))
    decision = Decision(meeting=meeting, agenda_item=agenda_item, text=clean_text(text, 3000),
                        position=meeting.decisions.count() + 1, created_by=actor,
                        updated_by=actor)
    check(bool(decision.text), "text", _("Tulis keputusannya"))
    audit.save_recorded(decision, actor=actor, action=AuditAction.CREATE,
                        region_code=meeting.region_code,
                        detail={"meeting": str(meeting.pk), "follow_ups": len(follow_ups)})
    for spec in follow_ups:
        follow_up_create(actor=actor, decision=decision, title=spec.title, owner=spec.owner,
                         deadline=spec.deadline, action=spec.action)
    return decision


@transaction.atomic
def follow_up_create(*, actor: User, decision: Decision, title: str, owner: Agency,
                     deadline: date, action: Action | None = None) -> FollowUp:
    meeting = decision.meeting
    access.require(actor, CHANGE, meeting)
    stakeholders = list(meeting.participants.all())
    if all(agency.pk != owner.pk for agency in stakeholders):
        names = ", ".join(sorted(str(a) for a in stakeholders))
        raise refuse("owner",
                     _("Pelaksana '%(owner)s' bukan pemangku kepentingan rapat ini; pilih salah "
                       "satu peserta (%(names)s) atau tambahkan '%(owner)s' sebagai peserta dulu")
                         % {"owner": owner, "names": names})
    check(deadline >= meeting.held_on, "deadline",
          _("Tenggat %(deadline)s sebelum tanggal rapat %(held_on)s")
              % {"deadline": format(deadline, "%d-%m-%Y"),
                 "held_on": format(meeting.held_on, "%d-%m-%Y")})
    if action is not None:
        check(access.can(actor, VIEW, action), "action",
              _("Kegiatan rencana aksi tidak ditemukan"))
    follow_up = FollowUp(meeting=meeting, decision=decision, title=clean_text(title, 300),
                         owner=owner, deadline=deadline, action=action,
                         region_code=meeting.region_code, created_by=actor, updated_by=actor)
    check(bool(follow_up.title), "title", _("Tulis tindak lanjutnya"))
    audit.save_recorded(follow_up, actor=actor, action=AuditAction.CREATE,
                        detail={"meeting": str(meeting.pk), "owner": owner.code,
                                "deadline": deadline.isoformat()})
    return follow_up


@transaction.atomic
def follow_up_close(*, actor: User, follow_up: FollowUp, status: str, note: str = "",
                    today: date | None = None) -> FollowUp:
    """Mark a follow-up done (or cancelled, with a reason), by the meeting's coordinators or
    the owning stakeholder's staff; reopening is for coordinators."""
    today = today or timezone.localdate()
    check(status in FollowUpStatus.values, "status", _("Status tidak dikenal"))
    if status == FollowUpStatus.OPEN:
        access.require(actor, CHANGE, follow_up)
    else:
        access.require(actor, REPORT_PROGRESS, follow_up)
    note = clean_text(note, 2000)
    check(status != FollowUpStatus.CANCELLED or bool(note), "note",
          _("Sebutkan alasan pembatalan"))
    before = follow_up.status
    follow_up.status = status
    follow_up.completed_on = today if status == FollowUpStatus.DONE else None
    follow_up.completion_note = note
    follow_up.updated_by = actor
    audit.save_recorded(follow_up, actor=actor, action=AuditAction.UPDATE,
                        detail={"fields": ["status", "completed_on", "completion_note"],
                                "from": before, "to": status})

    flags_refresh_subject(follow_up=follow_up, today=today)
    return follow_up
