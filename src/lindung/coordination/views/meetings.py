"""Coordination meetings: list, create, and one page where coordinators add the agenda,
participants and decisions (each decision may create a follow-up) and record the
minutes; owners mark follow-ups done."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.bodylimit import body_limit
from lindung.common.routes import route
from lindung.common.views import attempt
from lindung.common.views import form_page
from lindung.common.views import page
from lindung.common.views import succeeded
from lindung.coordination import selectors
from lindung.coordination import services
from lindung.coordination.access import REPORT_PROGRESS
from lindung.coordination.choices import MeetingLevel
from lindung.coordination.choices import MeetingStatus
from lindung.coordination.forms.common import EVIDENCE_RULES
from lindung.coordination.forms.meetings import AgendaForm
from lindung.coordination.forms.meetings import DecisionForm
from lindung.coordination.forms.meetings import FollowUpCloseForm
from lindung.coordination.forms.meetings import MeetingForm
from lindung.coordination.forms.meetings import MeetingUpdateForm
from lindung.coordination.forms.meetings import ParticipantsForm
from lindung.coordination.models import Action
from lindung.coordination.models import FollowUp
from lindung.coordination.models import Meeting
from lindung.coordination.views.common import checked_files
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.pages import list_page
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW


@route("meetings/", name="meeting_list")
@staff_view(VIEW, Meeting)
def meeting_list(request: HttpRequest, user: User) -> HttpResponse:
    meetings = access.visible(user, Meeting.objects.select_related("organiser", "region"))
    level = request.GET.get("level", "")
    if level in MeetingLevel.values:
        meetings = meetings.filter(level=level)
    return list_page(request, user, "coordination/meeting_list.html",
                     meetings.order_by("-held_on", "-created_at"), Meeting, per_page=30,
                     context={"level": level, "levels": MeetingLevel.choices})


@route("meetings/new/", name="meeting_create")
@staff_view(CREATE, Meeting)
def meeting_create(request: HttpRequest, user: User) -> HttpResponse:
    form = MeetingForm(request.POST or None, plans=selectors.visible_plans(user),
                       initial={"held_on": timezone.localdate(), "organiser": user.agency_id,
                                "region": user.scope_code,
                                "level": MeetingLevel.REGIONAL if user.scope_code
                                else MeetingLevel.NATIONAL,
                                "status": MeetingStatus.PLANNED})
    return form_page(
        request, "coordination/form.html", form,
        lambda data: services.meeting_create(actor=user, **data),
        lambda meeting: redirect("coordination:meeting_detail", meeting_id=meeting.pk),
        {"title": "meeting_new"})


def _actions_for(user: Any) -> Any:
    return access.visible(user, Action.objects.select_related("plan")).exclude(
        status__in=("done", "cancelled")).order_by("plan__start_year", "code")


@route("meetings/<uuid:meeting_id>/", name="meeting_detail")
@body_limit(EVIDENCE_RULES.body_bytes)
@staff_view()
def meeting_detail(request: HttpRequest, user: User, meeting_id: UUID) -> HttpResponse:
    meeting = access.get_visible_or_404(user, Meeting.objects.select_related(
        "organiser", "region", "plan"), pk=meeting_id)
    can_change = access.can(user, CHANGE, meeting)
    posted = request.POST.get("form") if request.method == "POST" else None
    if posted:
        access.require(user, CHANGE, meeting)
    data = request.POST if request.method == "POST" else None
    forms: dict[str, Any] = {}
    if can_change:
        forms = {
            "agenda": AgendaForm(data if posted == "agenda" else None, prefix="agenda"),
            "decision": DecisionForm(data if posted == "decision" else None, prefix="decision",
                                     meeting=meeting, actions=_actions_for(user)),
            "participants": ParticipantsForm(
                data if posted == "participants" else None, prefix="participants",
                initial={"participants": list(meeting.participants.values_list("pk",
                                                                               flat=True))}),
            "update": MeetingUpdateForm(
                data if posted == "update" else None,
                request.FILES if posted == "update" else None, prefix="update",
                initial={"status": meeting.status, "summary": meeting.summary}),
        }
    form = forms.get(posted or "")
    if form is not None and form.is_valid():
        done = attempt(form, lambda: _apply(posted or "", form, meeting, user))
        if done is not None:
            return redirect("coordination:meeting_detail", meeting_id=meeting.pk)
    follow_ups = list(meeting.follow_ups.select_related("owner", "decision", "action"))
    return page(request, "coordination/meeting_detail.html", {
        "meeting": meeting, "can_change": can_change, "forms": forms,
        "attendance": meeting.attendance.select_related("agency"),
        "agenda": meeting.agenda.all(),
        "decisions": meeting.decisions.prefetch_related("follow_ups__owner"),
        "follow_ups": follow_ups, "today": timezone.localdate(),
        "closable": {f.pk for f in follow_ups if access.can(user, REPORT_PROGRESS, f)},
        "evidence": meeting.evidence.all()}, list(forms.values()))


def _apply(posted: str, form: Any, meeting: Meeting, user: Any) -> object | None:
    data = form.cleaned_data
    if posted == "agenda":
        return services.agenda_item_add(actor=user, meeting=meeting, **data)
    if posted == "participants":
        return services.meeting_participants_set(actor=user, meeting=meeting,
                                                 participants=list(data["participants"]))
    if posted == "update":
        files = checked_files(form)
        if files is None:
            return None
        return services.meeting_update(actor=user, meeting=meeting, status=data["status"],
                                       summary=data["summary"], files=files)
    follow_ups = []
    if data.get("follow_up_title"):
        follow_ups.append(services.FollowUpSpec(
            title=data["follow_up_title"], owner=data["follow_up_owner"],
            deadline=data["follow_up_deadline"], action=data.get("follow_up_action")))
    try:
        return services.decision_record(actor=user, meeting=meeting, text=data["text"],
                                        agenda_item=data.get("agenda_item"),
                                        follow_ups=follow_ups)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        # The follow-up's fields carry a prefix on the decision form.
        raise ValidationError({_FOLLOW_UP_FIELDS.get(name, name): messages
                               for name, messages in exc.message_dict.items()}) from exc


_FOLLOW_UP_FIELDS = {"owner": "follow_up_owner", "deadline": "follow_up_deadline",
                     "title": "follow_up_title", "action": "follow_up_action"}


@route("follow-ups/<uuid:follow_up_id>/close/", name="follow_up_close")
@staff_view()
def follow_up_close(request: HttpRequest, user: User, follow_up_id: UUID) -> HttpResponse:
    follow_up = access.get_visible_or_404(user, FollowUp.objects.select_related("meeting"),
                                          pk=follow_up_id)
    form = FollowUpCloseForm(request.POST or None, initial={"status": "done"})
    if request.method == "POST":
        if form.is_valid() and succeeded(form, lambda: services.follow_up_close(
                actor=user, follow_up=follow_up, status=form.cleaned_data["status"],
                note=form.cleaned_data["note"])):
            return redirect("coordination:meeting_detail", meeting_id=follow_up.meeting_id)
    else:
        access.require(user, REPORT_PROGRESS, follow_up)
    return page(request, "coordination/form.html", {
        "form": form, "title": "follow_up_close", "follow_up": follow_up}, (form,))
