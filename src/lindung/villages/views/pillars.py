"""Pillar 2 (business groups, trainings, turnover) and pillar 3 (children, activities,
attendance) pages."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Count
from django.db.models import Q
from django.db.models import Sum
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.routes import route
from lindung.common.views import attempt
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import posted_action
from lindung.common.views import succeeded
from lindung.common.views import uuid_or_none
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import VIEW
from lindung.villages.forms.pillars import ActivityForm
from lindung.villages.forms.pillars import BusinessGroupForm
from lindung.villages.forms.pillars import BusinessMemberForm
from lindung.villages.forms.pillars import BusinessStatusForm
from lindung.villages.forms.pillars import CheckListForm
from lindung.villages.forms.pillars import EquipmentForm
from lindung.villages.forms.pillars import InstructorForm
from lindung.villages.forms.pillars import TrainingForm
from lindung.villages.forms.pillars import TurnoverForm
from lindung.villages.models import ActivityAttendance
from lindung.villages.models import BusinessGroup
from lindung.villages.models import ChildProfile
from lindung.villages.models import ParentingActivity
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Training
from lindung.villages.models import TrainingAttendance
from lindung.villages.services import business as business_services
from lindung.villages.services import parenting as parenting_services
from lindung.villages.views.common import may_add
from lindung.villages.views.common import offer_people
from lindung.villages.views.common import village_add_form
from lindung.villages.views.common import village_page
from lindung.villages.views.common import village_people


@route("<uuid:village_id>/businesses/", name="businesses")
@village_page(BusinessGroup)
def business_list(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    form, group = village_add_form(request, user, village, BusinessGroup, BusinessGroupForm,
                                   business_services.business_group_create)
    if group is not None:
        return redirect("villages:business", group_id=group.pk)
    groups = access.visible(user, BusinessGroup.objects.filter(programme_village=village)
                            ).annotate(
        members_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
        turnover_total=Sum("turnover__turnover")).order_by("name")
    return page(request, "villages/business_list.html", {
        "village": village, "groups": groups, "form": form,
        "trainings": Training.objects.filter(programme_village=village).count()}, (form,))


@route("businesses/<uuid:group_id>/", name="business")
@staff_view()
def business_detail(request: HttpRequest, user: User, group_id: UUID) -> HttpResponse:
    group = access.get_visible_or_404(user, BusinessGroup.objects.select_related(
        "programme_village__village"), VIEW, pk=group_id)
    can_change = access.can(user, CHANGE, group)
    action = request.POST.get("action", "")
    forms_by_action = {
        "member": BusinessMemberForm(request.POST if action == "member" else None,
                                     prefix="member"),
        "equipment": EquipmentForm(request.POST if action == "equipment" else None,
                                   prefix="equipment"),
        "turnover": TurnoverForm(request.POST if action == "turnover" else None,
                                 prefix="turnover"),
        "status": BusinessStatusForm(request.POST if action == "status" else None,
                                     prefix="status", initial={"status": group.status}),
    }
    offer_people(forms_by_action["member"], "person",
                 access.visible(user, village_people(group.programme_village)))
    if can_change and posted_action(request, forms_by_action, {
            "member": lambda data: business_services.business_member_add(
                actor=user, group=group, **data),
            "equipment": lambda data: business_services.equipment_receive(
                actor=user, group=group, item=data["item"], quantity=data["quantity"],
                value=data["value"] or 0, source=data["source"],
                received_on=data["received_on"]),
            "turnover": lambda data: business_services.turnover_report(
                actor=user, group=group, period=data["period"], turnover=data["turnover"],
                profit=data["profit"], note=data["note"]),
            "status": lambda data: business_services.business_group_update(
                actor=user, group=group, status=data["status"])}):
        return redirect("villages:business", group_id=group.pk)
    if request.method == "POST" and can_change and action == "leave":
        member_id = uuid_or_none(request.POST.get("member"))
        member = (group.members.filter(pk=member_id, left_on__isnull=True).first()
                  if member_id else None)
        if member is not None:
            business_services.business_member_leave(actor=user, member=member,
                                                    left_on=timezone.localdate())
        return redirect("villages:business", group_id=group.pk)
    return page(request, "villages/business_detail.html", {
        "group": group, "village": group.programme_village, "can_change": can_change,
        "forms": forms_by_action if can_change else {},
        "members": group.members.select_related("person").order_by("left_on", "joined_on"),
        "equipment": group.equipment.all(), "turnover": group.turnover.all()[:24],
        "trainings": group.trainings.all()[:10],
    }, tuple(forms_by_action.values()))


@route("<uuid:village_id>/trainings/", name="trainings")
@village_page(Training)
def training_list(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    can_create = may_add(user, village, Training)
    action = request.POST.get("action", "")
    groups = BusinessGroup.objects.filter(programme_village=village)
    instructors = village.instructors.all()
    form = TrainingForm(request.POST if action == "training" else None, groups=groups,
                        instructors=instructors, prefix="training") if can_create else None
    instructor_form = InstructorForm(request.POST if action == "instructor" else None,
                                     prefix="instructor") if can_create else None
    if request.method == "POST" and form is not None and instructor_form is not None:
        if action == "training" and form.is_valid():
            data = form.cleaned_data
            training = attempt(form, lambda: business_services.training_create(
                actor=user, programme_village=village, title=data["title"],
                topic=data["topic"], held_on=data["held_on"], hours=data["hours"],
                group=data["group"], instructors=list(data["instructors"])))
            if training is not None:
                return redirect("villages:training", training_id=training.pk)
        elif action == "instructor" and instructor_form.is_valid() and succeeded(
                instructor_form, lambda: business_services.instructor_add(
                    actor=user, programme_village=village, **instructor_form.cleaned_data)):
            return redirect("villages:trainings", village_id=village.pk)
    trainings = access.visible(user, Training.objects.filter(programme_village=village)
                               ).select_related("group").annotate(
        present=Count("attendance", filter=Q(attendance__present=True))).order_by("-held_on")
    return page(request, "villages/training_list.html", {
        "village": village, "form": form, "instructor_form": instructor_form,
        "trainings": trainings[:100], "instructors": instructors}, (form, instructor_form))


@route("trainings/<uuid:training_id>/", name="training")
@staff_view()
def training_detail(request: HttpRequest, user: User, training_id: UUID) -> HttpResponse:
    training = access.get_visible_or_404(user, Training.objects.select_related(
        "programme_village__village", "group"), VIEW, pk=training_id)
    village = training.programme_village
    people = access.visible(user, village_people(village))
    if training.group_id:
        group_people = people.filter(business_memberships__group_id=training.group_id)
        if group_people.exists():
            people = group_people
    people = people.order_by("name")[:300]
    marked = dict(TrainingAttendance.objects.filter(training=training)
                  .values_list("person_id", "present"))
    choices = [(str(p.pk), p.name) for p in people]
    form = CheckListForm(request.POST or None, choices=choices,
                         initial={"chosen": [str(k) for k, v in marked.items() if v]})
    can_change = access.can(user, CHANGE, training)
    if request.method == "POST" and can_change and form.is_valid():
        chosen = set(form.cleaned_data["chosen"])
        by_id = {str(p.pk): p for p in people}
        present = {person: key in chosen for key, person in by_id.items()
                   if key in chosen or person.pk in marked}
        if attempt(form, lambda: business_services.training_attendance_record(
                actor=user, training=training, present=present) is not None):
            return redirect("villages:training", training_id=training.pk)
    return page(request, "villages/training_detail.html", {
        "training": training, "village": village, "form": form, "can_change": can_change,
        "present": sum(1 for v in marked.values() if v)}, (form,))


@route("<uuid:village_id>/parenting/", name="parenting")
@village_page(ParentingActivity)
def parenting(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    form, activity = village_add_form(request, user, village, ParentingActivity, ActivityForm,
                                      parenting_services.activity_create)
    if activity is not None:
        return redirect("villages:activity", activity_id=activity.pk)
    children = access.visible(user, ChildProfile.objects.filter(programme_village=village)
                              ).select_related("person").prefetch_related("cards")
    show = request.GET.get("show", "enrolled")
    if show == "enrolled":
        children = children.filter(enrolled_on__isnull=False, left_on__isnull=True)
    elif show == "cards":
        children = children.filter(cards__status__in=["needed", "applied"]).distinct()
    listing = paginated(request, children.order_by("person__name"), 30)
    activities = access.visible(user, ParentingActivity.objects.filter(
        programme_village=village)).annotate(present=Count("attendance")).order_by("-held_on")
    return page(request, "villages/parenting.html", {
        "village": village, "form": form, "page": listing, "show": show,
        "activities": activities[:50]}, (form,))


@route("activities/<uuid:activity_id>/", name="activity")
@staff_view()
def activity_detail(request: HttpRequest, user: User, activity_id: UUID) -> HttpResponse:
    activity = access.get_visible_or_404(user, ParentingActivity.objects.select_related(
        "programme_village__village"), VIEW, pk=activity_id)
    village = activity.programme_village
    enrolled = ChildProfile.objects.filter(
        programme_village=village, enrolled_on__lte=activity.held_on).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=activity.held_on)).select_related(
        "person").order_by("person__name")
    present = set(ActivityAttendance.objects.filter(activity=activity)
                  .values_list("child_id", flat=True))
    form = CheckListForm(request.POST or None,
                         choices=[(str(c.pk), c.person.name) for c in enrolled],
                         initial={"chosen": [str(pk) for pk in present]})
    can_change = access.can(user, CHANGE, activity)
    if request.method == "POST" and can_change and form.is_valid():
        chosen = [c for c in enrolled if str(c.pk) in set(form.cleaned_data["chosen"])]
        if attempt(form, lambda: parenting_services.activity_attendance_set(
                actor=user, activity=activity, children=chosen) is not None):
            return redirect("villages:activity", activity_id=activity.pk)
    return page(request, "villages/activity_detail.html", {
        "activity": activity, "village": village, "form": form, "can_change": can_change,
        "present": len(present)}, (form,))
