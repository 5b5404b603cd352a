"""Helpers of the Desmigratif views (the generic ones are in ``lindung.common.views``)."""

from __future__ import annotations

from uuid import UUID

from django.db import models

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.roles import VIEW
from lindung.people.models import Person
from lindung.villages.models import ProgrammeVillage


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
