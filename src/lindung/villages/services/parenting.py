"""Pillar 3: community-parenting activities and attendance (children and their KIS/KIP
cards are in services.census)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.villages.models import ActivityAttendance
from lindung.villages.models import ChildProfile
from lindung.villages.models import ParentingActivity
from lindung.villages.models import ProgrammeVillage
from lindung.villages.services.common import create
from lindung.villages.services.common import invalid
from lindung.villages.services.common import require


@transaction.atomic
def activity_create(*, actor: User | None, programme_village: ProgrammeVillage, kind: str,
                    title: str, held_on: date, facilitator: str = "", note: str = "",
                    synthetic: bool = False) -> ParentingActivity:
    activity = ParentingActivity(programme_village=programme_village,
                                 region_code=programme_village.region_code, kind=kind,
                                 title=title.strip(), held_on=held_on,
                                 facilitator=facilitator.strip(), note=note, synthetic=synthetic)
    require(actor, CREATE, activity)
    if held_on > timezone.localdate():
        raise invalid("held_on", _("Tanggal kegiatan belum terjadi"))
    return create(activity, actor=actor, detail={"kind": kind})


@transaction.atomic
def activity_attendance_set(*, actor: User | None, activity: ParentingActivity,
                            children: list[ChildProfile]) -> int:
    """Mark these children as present (others already marked stay); returns how many were
    added. Only enrolled children of the same village."""
    require(actor, CHANGE, activity)
    present = set(ActivityAttendance.objects.filter(activity=activity)
                  .values_list("child_id", flat=True))
    added = 0
    for child in children:
        if child.programme_village_id != activity.programme_village_id:
            raise invalid("children", _("Anak dari desa lain"))
        if child.enrolled_on is None or child.enrolled_on > activity.held_on or (
                child.left_on is not None and child.left_on < activity.held_on):
            raise invalid("children", _("%(name)s belum/tidak terdaftar di community parenting "
                                        "pada tanggal kegiatan") % {"name": child.person.name})
        if child.pk in present:
            continue
        create(ActivityAttendance(activity=activity, child=child,
                                  region_code=activity.region_code), actor=actor)
        added += 1
    return added
