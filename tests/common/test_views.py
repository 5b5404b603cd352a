"""The kernel's view plumbing: current user, service refusals on forms, page status,
confirmations of staff actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.test import RequestFactory
from django.urls import reverse

from lindung.common.views import ConfirmationMiddleware
from lindung.common.views import attempt
from lindung.common.views import confirm
from lindung.common.views import errors_onto_form
from lindung.common.views import form_on_page
from lindung.common.views import page
from lindung.common.views import posted_action
from lindung.common.views import quiet
from lindung.common.views import staff_user
from lindung.common.views import succeeded
from lindung.common.views import uuid_or_none
from lindung.people.models import Person
from tests.conftest import NTT_VILLAGE
from tests.conftest import World


class NameForm(forms.Form):
    name = forms.CharField()


def test_staff_user_is_the_logged_in_user_and_refuses_anonymous(world: World) -> None:
    request = RequestFactory().get("/")
    request.user = world.users["coord_ntt"]
    assert staff_user(request) == world.users["coord_ntt"]
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        staff_user(request)


def test_a_refusal_lands_on_the_named_field_else_above_the_form() -> None:
    form = NameForm({"name": "x"})
    assert form.is_valid()
    errors_onto_form(form, ValidationError({"name": "Nama sudah ada.",
                                            "elsewhere": "Bidang lain salah."}))
    assert form.errors["name"] == ["Nama sudah ada."]
    assert form.non_field_errors() == ["Bidang lain salah."]
    plain = NameForm({"name": "x"})
    assert plain.is_valid()
    errors_onto_form(plain, ValidationError("Ditolak."))
    assert plain.non_field_errors() == ["Ditolak."] and "name" not in plain.errors


def test_attempt_returns_the_result_or_none_with_the_refusal_on_the_form() -> None:
    form = NameForm({"name": "x"})
    assert form.is_valid()
    assert attempt(form, lambda: 42) == 42 and not form.errors

    def refuse() -> int:
        raise ValidationError({"name": "Tidak boleh."})

    assert attempt(form, refuse) is None
    assert form.errors["name"] == ["Tidak boleh."]
    other = NameForm({"name": "x"})
    assert other.is_valid()
    assert succeeded(other, lambda: None) is True
    assert succeeded(other, refuse) is False and other.errors["name"] == ["Tidak boleh."]


def test_a_post_whose_form_has_errors_answers_400(world: World) -> None:
    factory = RequestFactory()
    invalid = NameForm({"name": ""})
    assert not invalid.is_valid()
    request = factory.post("/", {"name": ""})
    request.user = world.users["coord_ntt"]
    assert page(request, "pager.html", {}, (invalid, None)).status_code == 400
    request = factory.get("/", {"name": ""})
    request.user = world.users["coord_ntt"]
    assert page(request, "pager.html", {}, (invalid,)).status_code == 200
    request = factory.post("/", {"name": "x"})
    request.user = world.users["coord_ntt"]
    valid = NameForm({"name": "x"})
    assert page(request, "pager.html", {}, (valid,)).status_code == 200


def test_posted_action_hands_only_the_posted_form_to_its_call() -> None:
    done: list[tuple[str, object]] = []

    def call(action: str) -> Callable[[dict[str, Any]], str]:
        def run(data: dict[str, Any]) -> str:
            if action == "refused":
                raise ValidationError("Ditolak.")
            done.append((action, data["name"]))
            return action
        return run

    calls = {action: call(action) for action in ("rename", "other", "refused")}
    factory = RequestFactory()

    def forms_for(request: HttpRequest) -> dict[str, NameForm]:
        posted = request.POST.get("action")
        return {action: NameForm(request.POST if posted == action else None)
                for action in calls}

    request = factory.post("/", {"action": "rename", "name": "x"})
    assert posted_action(request, forms_for(request), calls) is True
    assert done == [("rename", "x")]
    request = factory.post("/", {"action": "rename", "name": ""})
    assert posted_action(request, forms_for(request), calls) is False
    request = factory.post("/", {"action": "unknown", "name": "x"})
    assert posted_action(request, forms_for(request), calls) is False
    request = factory.get("/", {"action": "rename", "name": "x"})
    assert posted_action(request, forms_for(request), calls) is False
    request = factory.post("/", {"action": "refused", "name": "x"})
    forms = forms_for(request)
    assert posted_action(request, forms, calls) is False
    assert forms["refused"].non_field_errors() == ["Ditolak."]
    assert done == [("rename", "x")]


def test_form_on_page_goes_back_to_the_page_or_draws_it_again_with_the_errors(
        world: World) -> None:
    factory = RequestFactory()
    saved: list[object] = []

    def draw(form: NameForm) -> dict[str, Any]:
        return {"page": None, "form": form}

    request = factory.post("/", {"name": "x"})
    request.user = world.users["coord_ntt"]
    form = NameForm(request.POST)
    response = form_on_page(request, form, lambda data: saved.append(data["name"]),
                            "/record/", "pager.html", lambda: draw(form))
    assert (response.status_code, response["Location"], saved) == (302, "/record/", ["x"])

    def refuse(data: dict[str, Any]) -> None:
        raise ValidationError({"name": "Tidak boleh."})

    for posted, call in (({"name": ""}, saved.append), ({"name": "y"}, refuse)):
        request = factory.post("/", posted)
        request.user = world.users["coord_ntt"]
        again = NameForm(request.POST)
        response = form_on_page(request, again, call, "/record/", "pager.html",
                                lambda: draw(again))  # noqa: B023 (drawn within the loop)
        assert response.status_code == 400 and again.errors
    assert saved == ["x"]


def test_uuid_or_none() -> None:
    assert uuid_or_none("not-a-uuid") is None and uuid_or_none(None) is None
    assert str(uuid_or_none("12345678-1234-5678-1234-567812345678")).startswith("12345678")


def _through_middleware(request: HttpRequest,
                        view: Callable[[HttpRequest], HttpResponse]) -> list[str]:
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    ConfirmationMiddleware(view)(request)
    return [str(m) for m in request._messages._queued_messages]  # type: ignore[attr-defined]


def test_a_staff_post_that_redirects_confirms(world: World) -> None:
    request = RequestFactory().post("/")
    request.user = world.users["coord_ntt"]
    assert _through_middleware(request, lambda r: HttpResponseRedirect("/")) == ["Tersimpan."]


def test_a_message_the_view_gave_is_not_doubled(world: World) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        confirm(request, "Laporan ditugaskan.")
        return HttpResponseRedirect("/")

    request = RequestFactory().post("/")
    request.user = world.users["coord_ntt"]
    assert _through_middleware(request, view) == ["Laporan ditugaskan."]


def test_no_confirmation_for_reads_anonymous_posts_failed_forms_or_quiet_views(
        world: World) -> None:
    factory = RequestFactory()
    read = factory.get("/")
    read.user = world.users["coord_ntt"]
    assert _through_middleware(read, lambda r: HttpResponseRedirect("/")) == []
    public = factory.post("/")
    public.user = AnonymousUser()
    assert _through_middleware(public, lambda r: HttpResponseRedirect("/")) == []
    failed = factory.post("/")
    failed.user = world.users["coord_ntt"]
    assert _through_middleware(failed, lambda r: HttpResponse(status=400)) == []


def test_an_htmx_answer_carries_its_messages_out_of_band(world: World) -> None:
    def view(request: HttpRequest) -> HttpResponse:
        confirm(request, "Keputusan dicatat.")
        return HttpResponse("<div id='row'>ok</div>")

    request = RequestFactory().post("/", headers={"HX-Request": "true"})
    request.user = world.users["coord_ntt"]
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    response = ConfirmationMiddleware(view)(request)
    body = response.content.decode()
    assert body.startswith("<div id='row'>ok</div>")
    assert 'id="messages"' in body and 'hx-swap-oob="true"' in body
    assert "Keputusan dicatat." in body


def test_a_saved_person_confirms_on_the_next_page(world: World) -> None:
    client = world.client_for("village_officer")
    response = client.post(reverse("people:create"), {
        "name": "Yohanes Benu", "nik": "", "sex": "M", "birth_date": "1990-01-01",
        "village": NTT_VILLAGE, "migration_status": "prospective"}, follow=True)
    assert Person.objects.filter(name="Yohanes Benu").exists()
    assert [str(m) for m in response.context["messages"]] == ["Tersimpan."]
    assert 'role="status"' in response.content.decode()


def test_the_language_switch_and_the_login_are_quiet(world: World) -> None:
    client = world.client_for("coord_ntt")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/staff/"},
                           headers={"Origin": "http://testserver"})
    assert response.status_code == 302
    assert list(get_messages(response.wsgi_request)) == []
    assert getattr(quiet(lambda r: HttpResponse()), "lindung_quiet", False)
