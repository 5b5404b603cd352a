"""API tokens: machine clients only, read-only or write, limited to modules, expiring,
listed and revocable; nobody else ever gets one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lindung.accounts.models import ApiToken
from lindung.accounts.services import api_token_create
from lindung.accounts.services import api_token_revoke
from lindung.core.models import AuditEvent
from tests.conftest import World

POINTS = "/api/v1/screening/points"
MANIFESTS = "/api/v1/screening/manifests"


def _bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.parametrize("name", ["admin", "analyst", "coord_ntt", "taskforce_kupang",
                                  "desk_kupang", "village_officer"])
def test_it_never_gives_a_token_to_a_person(world: World, name: str) -> None:
    with pytest.raises(ValidationError) as refused:
        api_token_create(actor=world.users["admin"], user=world.users[name], name="x")
    assert "klien mesin" in refused.value.message_dict["user"][0]
    page = world.client_for("admin").get(
        reverse("accounts:token_create", args=[world.users[name].pk]))
    assert page.status_code == 403
    assert not ApiToken.objects.exists()


def test_it_issues_a_token_from_the_page_and_shows_it_once(world: World) -> None:
    machine = world.users["machine"]
    admin = world.client_for("admin")
    url = reverse("accounts:token_create", args=[machine.pk])
    response = admin.post(url, {"name": "Imigrasi El Tari", "write": "read",
                                "modules": ["screening"], "valid_days": "30"})
    assert response.status_code == 200
    token = response.context["token"]
    assert token.startswith("ldg_") and token in response.content.decode()
    row = ApiToken.objects.get(user=machine)
    assert row.digest == ApiToken.hash(token) and not row.write
    assert row.modules == ["screening"]
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)
    detail = admin.get(reverse("accounts:user_detail", args=[machine.pk])).content.decode()
    assert row.prefix in detail and token not in detail
    assert AuditEvent.objects.filter(entity="accounts.apitoken", object_id=str(row.pk),
                                     actor=world.users["admin"]).exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"name": "x", "write": "read", "modules": ["screening"], "valid_days": "400"},
     "valid_days"),
    ({"name": "x", "write": "read", "valid_days": "30"}, "modules"),
    ({"name": "x", "write": "read", "modules": ["accounts"], "valid_days": "30"}, "modules"),
    ({"name": "x", "write": "read", "modules": ["screening"]}, "valid_days"),
])
def test_it_refuses_a_token_without_a_valid_scope_or_expiry(world: World, data: dict[str, str],
                                                            field: str) -> None:
    response = world.client_for("admin").post(
        reverse("accounts:token_create", args=[world.users["machine"].pk]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ApiToken.objects.exists()


def test_it_lets_a_read_only_token_only_read(world: World) -> None:
    token = api_token_create(actor=None, user=world.users["machine"], name="r",
                             modules=["screening"])
    client = _bearer(token)
    assert client.get(POINTS).status_code == 200
    refused = client.post(MANIFESTS, "{}", content_type="application/json")
    assert refused.status_code == 403 and "hanya-baca" in refused.json()["detail"]
    client.cookies["django_language"] = "en"  # a client may ask for English
    english = client.post(MANIFESTS, "{}", content_type="application/json").json()["detail"]
    assert "read-only" in english and "hanya-baca" not in english
    writer = _bearer(api_token_create(actor=None, user=world.users["machine"], name="w",
                                      write=True, modules=["screening"]))
    assert writer.post(MANIFESTS, "{}", content_type="application/json").status_code == 422


def test_it_refuses_a_token_outside_its_modules(world: World) -> None:
    client = _bearer(api_token_create(actor=None, user=world.users["machine"], name="p",
                                      write=True, modules=["prevention"]))
    refused = client.get(POINTS)
    assert refused.status_code == 403 and "screening" in refused.json()["detail"]
    assert client.get("/api/v1/prevention/departures").status_code == 200


def test_it_refuses_a_revoked_or_expired_token(world: World) -> None:
    machine = world.users["machine"]
    token = api_token_create(actor=None, user=machine, name="t")
    client = _bearer(token)
    assert client.get(POINTS).status_code == 200
    row = ApiToken.objects.get(user=machine)
    admin = world.client_for("admin")
    assert admin.post(reverse("accounts:token_revoke", args=[row.pk])).status_code == 302
    assert client.get(POINTS).status_code == 401
    with pytest.raises(ValidationError):
        api_token_revoke(actor=world.users["admin"], token=ApiToken.objects.get(pk=row.pk))
    expiring = api_token_create(actor=None, user=machine, name="e")
    ApiToken.objects.filter(digest=ApiToken.hash(expiring)).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert _bearer(expiring).get(POINTS).status_code == 401


def test_it_lets_only_those_who_administer_the_machine_client_issue_or_revoke(
        world: World) -> None:
    machine = world.users["machine"]
    for name in ("coord_ntt", "analyst", "taskforce_kupang"):
        with pytest.raises(PermissionDenied):
            api_token_create(actor=world.users[name], user=machine, name="x")
    token = api_token_create(actor=world.users["admin"], user=machine, name="ok")
    row = ApiToken.objects.get(digest=ApiToken.hash(token))
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=world.users["coord_ntt"], token=row)
    assert world.client_for("coord_ntt").post(
        reverse("accounts:token_revoke", args=[row.pk])).status_code == 404
