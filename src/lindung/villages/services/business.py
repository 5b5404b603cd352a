"""Pillar 2: business groups, their members, equipment, instructors, trainings with
attendance, and turnover per month."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.people.choices import MigrationStatus
from lindung.people.models import Person
from lindung.villages.models import BusinessGroup
from lindung.villages.models import BusinessMember
from lindung.villages.models import EquipmentReceipt
from lindung.villages.models import Instructor
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Training
from lindung.villages.models import TrainingAttendance
from lindung.villages.models import TurnoverReport
from lindung.villages.services.common import create
from lindung.villages.services.common import invalid
from lindung.villages.services.common import require
from lindung.villages.services.common import update


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise invalid(field, _("Tanggal belum terjadi"))


def _same_village(person: Person, region_code: str, actor: User | None) -> None:
    if actor is not None:
        access.require(actor, VIEW, person)
    if person.region_code != region_code:
        raise invalid("person", _("Orang ini tidak tinggal di desa ini"))


@transaction.atomic
def business_group_create(*, actor: User | None, programme_village: ProgrammeVillage,
                          name: str, product: str, potential: str, potential_note: str = "",
                          founded_on: date | None = None,
                          synthetic: bool = False) -> BusinessGroup:
    group = BusinessGroup(programme_village=programme_village,
                          region_code=programme_village.region_code, name=name.strip(),
                          product=product.strip(), potential=potential,
                          potential_note=potential_note, founded_on=founded_on,
                          synthetic=synthetic)
    require(actor, CREATE, group)
    if founded_on:
        _not_future(founded_on, "founded_on")
    if BusinessGroup.objects.filter(programme_village=programme_village,
                                    name__iexact=group.name).exists():
        raise invalid("name", _("Nama kelompok usaha sudah dipakai di desa ini"))
    return create(group, actor=actor, detail={"potential": potential})


@transaction.atomic
def business_group_update(*, actor: User, group: BusinessGroup, **changes: object
                          ) -> BusinessGroup:
    require(actor, CHANGE, group)
    return update(group, actor=actor, changes=dict(changes),
                  allowed={"name", "product", "potential", "potential_note", "status",
                           "founded_on"})


@transaction.atomic
def business_member_add(*, actor: User | None, group: BusinessGroup, person: Person,
                        role: str, joined_on: date) -> BusinessMember:
    require(actor, CHANGE, group)
    _same_village(person, group.region_code, actor)
    _not_future(joined_on, "joined_on")
    if BusinessMember.objects.filter(group=group, person=person, left_on__isnull=True).exists():
        raise invalid("person", _("Orang ini sudah menjadi anggota kelompok"))
    member = BusinessMember(group=group, person=person, region_code=group.region_code,
                            role=role, joined_on=joined_on,
                            is_returned_pmi=person.migration_status == MigrationStatus.RETURNED)
    return create(member, actor=actor, detail={"role": role})


@transaction.atomic
def business_member_leave(*, actor: User | None, member: BusinessMember,
                          left_on: date) -> BusinessMember:
    require(actor, CHANGE, member)
    if member.left_on is not None:
        raise invalid("left_on", _("Anggota ini sudah keluar"))
    if left_on < member.joined_on:
        raise invalid("left_on", _("Tanggal keluar sebelum tanggal bergabung"))
    return update(member, actor=actor, changes={"left_on": left_on}, allowed={"left_on"})


@transaction.atomic
def equipment_receive(*, actor: User | None, group: BusinessGroup, item: str, quantity: int,
                      value: int, source: str, received_on: date) -> EquipmentReceipt:
    require(actor, CHANGE, group)
    _not_future(received_on, "received_on")
    if quantity < 1 or value < 0:
        raise invalid("quantity", _("Jumlah minimal 1 dan nilai tidak negatif"))
    receipt = EquipmentReceipt(group=group, region_code=group.region_code, item=item.strip(),
                               quantity=quantity, value=value, source=source,
                               received_on=received_on)
    return create(receipt, actor=actor, detail={"source": source})


@transaction.atomic
def instructor_add(*, actor: User | None, programme_village: ProgrammeVillage, name: str,
                   expertise: str, organisation: str = "", certified: bool = False
                   ) -> Instructor:
    instructor = Instructor(programme_village=programme_village,
                            region_code=programme_village.region_code, name=name.strip(),
                            expertise=expertise.strip(), organisation=organisation.strip(),
                            certified=certified)
    require(actor, CREATE, instructor)
    return create(instructor, actor=actor)


@transaction.atomic
def training_create(*, actor: User | None, programme_village: ProgrammeVillage, title: str,
                    topic: str, held_on: date, hours: int = 1,
                    group: BusinessGroup | None = None,
                    instructors: list[Instructor] | None = None) -> Training:
    training = Training(programme_village=programme_village,
                        region_code=programme_village.region_code, title=title.strip(),
                        topic=topic, held_on=held_on, hours=hours, group=group)
    require(actor, CREATE, training)
    _not_future(held_on, "held_on")
    if group is not None and group.programme_village_id != programme_village.pk:
        raise invalid("group", _("Kelompok usaha dari desa lain"))
    for instructor in instructors or []:
        if instructor.programme_village_id != programme_village.pk:
            raise invalid("instructors", _("Instruktur dari desa lain"))
    create(training, actor=actor, detail={"topic": topic})
    if instructors:
        training.instructors.set(instructors)
    return training


@transaction.atomic
def training_attendance_record(*, actor: User | None, training: Training,
                               present: dict[Person, bool]) -> int:
    """Record who attended (True) or was absent (False); returns how many rows changed."""
    require(actor, CHANGE, training)
    changed = 0
    for person, attended in present.items():
        _same_village(person, training.region_code, actor)
        row = TrainingAttendance.objects.filter(training=training, person=person).first()
        if row is None:
            create(TrainingAttendance(training=training, person=person,
                                      region_code=training.region_code, present=attended),
                   actor=actor, detail={"present": attended})
            changed += 1
        elif row.present != attended:
            update(row, actor=actor, changes={"present": attended}, allowed={"present"})
            changed += 1
    return changed


@transaction.atomic
def turnover_report(*, actor: User | None, group: BusinessGroup, period: date, turnover: int,
                    profit: int | None = None, note: str = "") -> TurnoverReport:
    """The turnover of one month; reporting the same month again corrects it."""
    require(actor, CHANGE, group)
    month = period.replace(day=1)
    if month > timezone.localdate().replace(day=1):
        raise invalid("period", _("Bulan belum terjadi"))
    if turnover < 0:
        raise invalid("turnover", _("Omzet tidak boleh negatif"))
    existing = TurnoverReport.objects.filter(group=group, period=month).first()
    if existing is not None:
        return update(existing, actor=actor,
                      changes={"turnover": turnover, "profit": profit, "note": note},
                      allowed={"turnover", "profit", "note"})
    report = TurnoverReport(group=group, region_code=group.region_code, period=month,
                            turnover=turnover, profit=profit, note=note)
    return create(report, actor=actor, detail={"period": month.isoformat()})
