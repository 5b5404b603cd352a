"""The doors of the staff pages: `staff_view` hands the page its user after the one entity
check, and refuses like `staff_required` before that."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.http import HttpResponse
from django.test import RequestFactory

from lindung.accounts.models import User
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.models import AuditEvent
from lindung.core.roles import VIEW
from tests.conftest import World


@staff_view(VIEW, AuditEvent)
def audit_page(request: HttpRequest, user: User, word: str) -> HttpResponse:
    return HttpResponse(f"{user.username} {word}")


def _get(user: object) -> HttpResponse:
    request = RequestFactory().get("/staff/x/")
    request.user = user  # type: ignore[assignment]
    return audit_page(request, word="hello")


def test_it_hands_the_page_its_user_and_the_url_arguments(world: World) -> None:
    response = _get(world.users["analyst"])
    assert response.content == b"analyst hello"


def test_it_refuses_a_role_without_the_capability_with_the_reason(world: World) -> None:
    with pytest.raises(access.Denied) as refused:
        _get(world.users["taskforce_kupang"])
    assert "Peran Anda" in str(refused.value.why)


def test_it_sends_an_anonymous_visitor_to_log_in_and_refuses_a_machine_client(
        world: World) -> None:
    response = _get(AnonymousUser())
    assert response.status_code == 302
    assert "/staff/x/" in response["Location"]
    with pytest.raises(access.Denied):
        _get(world.users["machine"])


def test_it_takes_an_action_with_its_entity_or_neither() -> None:
    with pytest.raises(TypeError):
        staff_view(VIEW)
