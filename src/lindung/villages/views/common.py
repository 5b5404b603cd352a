"""Helpers shared by the Desmigratif views."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lindung.accounts.models import User
from lindung.accounts.roles import VIEW
from lindung.core import access
from lindung.people.models import Person
from lindung.villages.forms.common import add_service_errors
from lindung.villages.models import ProgrammeVillage


def uuid_or_none(value: object) -> UUID | None:
    """A submitted id as a UUID, or None when it is missing or malformed."""
    try:
        return UUID(str(value))
    except ValueError:
        return None


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def programme_village_for(user: User, village_id: UUID,
                          entity: type[models.Model]) -> ProgrammeVillage:
    """The village, if the user's role may see `entity` records at all (else 403) and the
    village is in their scope (else 404)."""
    access.require(user, VIEW, entity)
    return access.get_visible_or_404(
        user, ProgrammeVillage.objects.select_related("village__parent__parent", "regency"),
        VIEW, pk=village_id)


def village_people(programme_village: ProgrammeVillage) -> models.QuerySet[Person]:
    """The registry people living in the village (census households or address)."""
    return Person.objects.filter(region_code=programme_village.region_code)


def page(request: HttpRequest, template: str, context: dict[str, Any],
         forms: tuple[Any, ...] = ()) -> HttpResponse:
    """Render; 400 when a submitted form has errors (so tests and HTMX can tell)."""
    status = 400 if any(form is not None and form.is_bound and form.errors
                        for form in forms) else 200
    return render(request, template, context, status=status)


def apply(form: Any, action: Any) -> Any:
    """Run a service call for a valid form; on a ValidationError put it on the form and
    return None."""
    try:
        return action()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
