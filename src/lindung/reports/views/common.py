"""Helpers of the officers' report and case pages (the generic ones are in
``lindung.common.views``)."""

from __future__ import annotations

from django.http import HttpRequest

from lindung.accounts.models import User
from lindung.people import selectors as people_selectors
from lindung.people import services as people_services
from lindung.people.models import Person
from lindung.reports.forms import PersonPickForm


def people_found(request: HttpRequest, user: User, context: str,
                 ) -> tuple[PersonPickForm, list[Person]]:
    """The registry search of a page that links a person (GET q): its form and the first 20
    people found in the user's area, whose reading is logged under `context`."""
    pick = PersonPickForm(request.GET or None)
    found: list[Person] = []
    if pick.is_valid() and pick.cleaned_data["q"]:
        found = list(people_selectors.person_search(user=user, query=pick.cleaned_data["q"])[:20])
        people_services.people_read(actor=user, people=found, context=context)
    return pick, found
