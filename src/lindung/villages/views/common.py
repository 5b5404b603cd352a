"""Helpers of the Desmigratif views (the generic ones are in ``lindung.common.views``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from typing import TypeVar
from uuid import UUID

from django.db import models
from django.http import HttpRequest
from django.http import HttpResponse

from lindung.accounts.models import User
from lindung.common.views import submitted
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.villages.forms.common import PersonPickField
from lindung.villages.models import ProgrammeVillage

VillagePage = Callable[[HttpRequest, User, ProgrammeVillage], HttpResponse]
T = TypeVar("T")


def village_page(entity: type[models.Model], action: str = VIEW,
                 ) -> Callable[[VillagePage], Callable[[HttpRequest, UUID], HttpResponse]]:
    """A staff page of one programme village (the URL's `village_id`) about its `entity`
    records: the role may `action` them at all (else 403) and the village is in the user's
    area (else 404). The view receives the user and the village."""

    def decorate(view: VillagePage) -> Callable[[HttpRequest, UUID], HttpResponse]:
        @staff_view(action, entity)
        @wraps(view)
        def village_view(request: HttpRequest, user: User, village_id: UUID) -> HttpResponse:
            village = access.get_visible_or_404(user, ProgrammeVillage.objects.select_related(
                "village__parent__parent", "regency"), VIEW, pk=village_id)
            return view(request, user, village)

        return village_view

    return decorate


def village_people(programme_village: ProgrammeVillage) -> models.QuerySet[Person]:
    """The registry people living in the village (census households or address)."""
    return Person.objects.filter(region_code=programme_village.region_code)


def may_add(user: User, village: ProgrammeVillage, entity: type[models.Model]) -> bool:
    """Whether the user's role may add `entity` records, and in this village's region."""
    return access.can(user, CREATE, entity(region_code=village.region_code))


def village_add_form(request: HttpRequest, user: User, village: ProgrammeVillage,
                     entity: type[models.Model], form_class: Callable[..., Any],
                     create: Callable[..., T]) -> tuple[Any, T | None]:
    """The form of a village page adding an `entity` record (None when the user may not),
    and the record the service `create` made of it for the village when it was posted."""
    form = form_class(request.POST or None) if may_add(user, village, entity) else None
    return form, submitted(request, form, lambda data: create(
        actor=user, programme_village=village, **data))


def offer_people(form: Any, field: str, people: models.QuerySet[Person]) -> None:
    """Let the form's person pick field `field` choose among `people` (no form: nothing)."""
    if form is None:
        return
    pick = form.fields[field]
    assert isinstance(pick, PersonPickField)
    pick.set_queryset(people)
