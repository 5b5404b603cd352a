"""Pillars 2 and 3 services: business groups, members, equipment, trainings and
attendance, turnover; community-parenting activities and attendance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.utils import timezone

from lindung.people.services import person_create
from lindung.villages.models import TrainingAttendance
from lindung.villages.models import TurnoverReport
from lindung.villages.services import business
from lindung.villages.services import parenting
from tests.fixtures.villages import VillageData
from tests.fixtures.villages import months_ago

TODAY = timezone.localdate


def test_it_builds_a_business_group(village_data: VillageData) -> None:
    officer = village_data.villages.world.users["village_officer"]
    group = village_data.group
    with pytest.raises(ValidationError):  # already a member
        business.business_member_add(actor=officer, group=group, person=village_data.mother,
                                     role="member", joined_on=TODAY())
    outsider = village_data.villages.world.jabar_person
    with pytest.raises(PermissionDenied):  # a person outside the officer's area
        business.business_member_add(actor=officer, group=group, person=outsider,
                                     role="member", joined_on=TODAY())
    neighbour = person_create(actor=None, name="Kota Lain",
                              village=village_data.villages.jabar.village)
    with pytest.raises(ValidationError):  # lives in another village
        business.business_member_add(actor=None, group=group, person=neighbour,
                                     role="member", joined_on=TODAY())
    member = group.members.get(person=village_data.mother)
    business.business_member_leave(actor=officer, member=member, left_on=TODAY())
    business.business_member_add(actor=officer, group=group, person=village_data.mother,
                                 role="member", joined_on=TODAY())  # may join again
    receipt = business.equipment_receive(actor=officer, group=group, item="Alat tenun",
                                         quantity=2, value=3_000_000, source="ministry",
                                         received_on=TODAY())
    assert receipt.region_code == group.region_code
    with pytest.raises(ValidationError):
        business.equipment_receive(actor=officer, group=group, item="x", quantity=0, value=1,
                                   source="own", received_on=TODAY())


def test_turnover_is_one_figure_per_month_corrected_in_place(
        village_data: VillageData) -> None:
    officer = village_data.villages.world.users["village_officer"]
    group = village_data.group
    business.turnover_report(actor=officer, group=group, period=months_ago(1, 20),
                             turnover=2_750_000, note="koreksi")
    report = TurnoverReport.objects.get(group=group, period=months_ago(1, 1))
    assert report.turnover == 2_750_000
    with pytest.raises(ValidationError):
        business.turnover_report(actor=officer, group=group,
                                 period=TODAY() + timedelta(days=40), turnover=1)
    with pytest.raises(ValidationError):
        business.turnover_report(actor=officer, group=group, period=months_ago(2),
                                 turnover=-1)


def test_it_records_training_attendance(village_data: VillageData) -> None:
    officer = village_data.villages.world.users["village_officer"]
    training = village_data.training
    mother = village_data.mother
    assert business.training_attendance_record(actor=officer, training=training,
                                               present={mother: True}) == 1
    assert business.training_attendance_record(actor=officer, training=training,
                                               present={mother: True}) == 0
    assert business.training_attendance_record(actor=officer, training=training,
                                               present={mother: False}) == 1
    assert not TrainingAttendance.objects.get(training=training, person=mother).present
    with pytest.raises(ValidationError):  # an instructor from another village
        instructor = business.instructor_add(actor=None,
                                             programme_village=village_data.villages.jabar,
                                             name="Pak Dedi", expertise="kopi")
        business.training_create(actor=None, programme_village=village_data.villages.ntt,
                                 title="Kopi", topic="technical", held_on=TODAY(),
                                 instructors=[instructor])


def test_only_enrolled_children_attend_activities(village_data: VillageData) -> None:
    from lindung.people.choices import HouseholdRelation
    from lindung.villages.models import ChildProfile
    from lindung.villages.services import census

    officer = village_data.villages.world.users["village_officer"]
    sibling = census.census_member_add(
        actor=officer, census_household=village_data.household, member=census.MemberInput(
            name="Adik Ndun", relation=HouseholdRelation.CHILD,
            birth_date=TODAY() - timedelta(days=1500)))
    not_enrolled = ChildProfile.objects.get(person=sibling)
    activity = parenting.activity_create(actor=officer,
                                         programme_village=village_data.villages.ntt,
                                         kind="counselling", title="Konseling",
                                         held_on=TODAY())
    with pytest.raises(ValidationError):
        parenting.activity_attendance_set(actor=officer, activity=activity,
                                          children=[not_enrolled])
    assert parenting.activity_attendance_set(actor=officer, activity=activity,
                                             children=[village_data.child]) == 1
    assert parenting.activity_attendance_set(actor=officer, activity=activity,
                                             children=[village_data.child]) == 0
    with pytest.raises(ValidationError):
        parenting.activity_create(actor=officer, programme_village=village_data.villages.ntt,
                                  kind="counselling", title="Besok",
                                  held_on=TODAY() + timedelta(days=1))
    with pytest.raises(PermissionDenied):
        parenting.activity_create(actor=village_data.villages.world.users["desk_kupang"],
                                  programme_village=village_data.villages.ntt,
                                  kind="counselling", title="Loket", held_on=TODAY())
