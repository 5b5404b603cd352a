"""User administration over the API and the `lindung user` command: the same rule and
refusals as the pages."""

from __future__ import annotations

import json
import uuid
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from lindung.accounts.models import User
from lindung.core.models import AuditEvent
from lindung.core.models import OutboxMessage
from lindung.core.roles import Role
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from tests.conftest import World
from tests.fixtures.permissions import USER_ADMIN_RULE
from tests.fixtures.permissions import user_admin_statuses

API = "/api/v1/accounts"


def _post(client: Client, path: str, payload: dict[str, Any] | None = None) -> Any:
    return client.post(API + path, json.dumps(payload or {}), content_type="application/json")


def _put(client: Client, path: str, payload: dict[str, Any]) -> Any:
    return client.put(API + path, json.dumps(payload), content_type="application/json")


@pytest.fixture
def bandung(world: World) -> Site:
    return Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Bandara Husein",
                               region_id="32.04", region_code="32.04")


@pytest.mark.parametrize("actor", USER_ADMIN_RULE)
def test_it_answers_the_user_api_by_the_rule(world: World, actor: str) -> None:
    client = world.client_for(actor)
    target = world.users["village_officer" if actor == "desk_kupang" else "desk_kupang"]
    centre = Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA Kupang",
                                 region_id="53.01", region_code="53.01")
    edit = {"role": Role.DESK_OFFICER, "site_id": str(centre.pk), "desk": "health",
            "email": "d@example.org"}
    got = {
        "list": client.get(f"{API}/users").status_code,
        "create": _post(client, "/users", {
            "username": "baru", "role": Role.TASKFORCE_OFFICER,
            "site_id": str(world.embarkation.pk), "email": "baru@example.org"}).status_code,
        "edit": _put(client, f"/users/{target.pk}", edit).status_code,
        "deactivate": _post(client, f"/users/{target.pk}/deactivate").status_code,
        "token": _post(client, f"/users/{world.users['machine'].pk}/tokens", {
            "name": "imigrasi", "modules": ["screening"], "valid_days": 30}).status_code,
    }
    api = {"list": 200, "create": 201, "edit": 200, "deactivate": 200, "token": 201}
    assert got == user_admin_statuses(actor, api, refused=422)


def test_it_creates_over_the_api_with_the_reasons_of_a_refusal(world: World,
                                                               bandung: Site) -> None:
    admin = world.client_for("admin")
    created = _post(admin, "/users", {
        "username": "yanti", "role": Role.TASKFORCE_OFFICER,
        "site_id": str(world.embarkation.pk), "email": "yanti@example.org"})
    assert created.status_code == 201
    body = created.json()
    assert body["site_name"] == "Kupang" and body["region_code"] == "53.71"
    assert not body["has_password"]
    assert OutboxMessage.objects.filter(recipient="yanti@example.org").exists()
    missing = _post(admin, "/users", {
        "username": "x", "role": Role.TASKFORCE_OFFICER, "site_id": str(uuid.uuid4()),
        "email": "x@example.org"})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["field"] == "site"
    boss = _post(world.client_for("coord_ntt"), "/users", {
        "username": "boss", "role": Role.ADMIN, "email": "b@example.org"})
    assert boss.status_code == 422
    [error] = boss.json()["detail"]
    assert error["field"] == "role" and "Koordinator daerah hanya dapat" in error["message"]
    outside = _post(world.client_for("coord_ntt"), "/users", {
        "username": "jabar", "role": Role.TASKFORCE_OFFICER, "site_id": str(bandung.pk),
        "email": "j@example.org"})
    assert outside.status_code == 422 and outside.json()["detail"][0]["field"] == "site"


def test_it_issues_lists_and_revokes_tokens_over_the_api(world: World) -> None:
    admin = world.client_for("admin")
    machine = world.users["machine"]
    issued = _post(admin, f"/users/{machine.pk}/tokens", {
        "name": "imigrasi", "write": True, "modules": ["screening"], "valid_days": 30})
    assert issued.status_code == 201
    token = issued.json()["token"]
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert bearer.get("/api/v1/screening/points").status_code == 200
    # A token never reaches the accounts API (not among its modules).
    assert bearer.get(f"{API}/users").status_code == 403
    listed = admin.get(f"{API}/users/{machine.pk}/tokens").json()
    assert [row["prefix"] for row in listed] == [token[4:12]] and "token" not in listed[0]
    person = _post(admin, f"/users/{world.users['admin'].pk}/tokens", {
        "name": "me", "modules": ["screening"], "valid_days": 30})
    assert person.status_code == 422 and person.json()["detail"][0]["field"] == "user"
    too_long = _post(admin, f"/users/{machine.pk}/tokens", {
        "name": "x", "modules": ["screening"], "valid_days": 400})
    assert too_long.status_code == 422
    revoked = _post(admin, f"/tokens/{listed[0]['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert bearer.get("/api/v1/screening/points").status_code == 401


def test_it_deactivates_over_the_api_and_the_session_stops(world: World) -> None:
    officer = world.client_for("taskforce_kupang")
    assert officer.get("/api/v1/people/?q=maria").status_code == 200
    response = _post(world.client_for("admin"),
                     f"/users/{world.users['taskforce_kupang'].pk}/deactivate",
                     {"reason": "pindah"})
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert officer.get("/api/v1/people/?q=maria").status_code == 401


@pytest.mark.unenrolled
def test_it_refuses_the_api_to_an_unenrolled_admin_session(world: World) -> None:
    response = world.client_for("admin").get(f"{API}/users")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


# ---------------------------------------------------------------------------------------------
# The command


def _run(*args: str) -> str:
    out = StringIO()
    call_command("user", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_lists_resets_and_deactivates(world: World) -> None:
    out = _run("create", "yanti", "--role", "taskforce_officer", "--site", "Kupang",
               "--email", "yanti@example.org", "--as", "admin",
               "--base-url", "https://lindung.example.go.id")
    assert "https://lindung.example.go.id/accounts/invite/" in out
    yanti = User.objects.get(username="yanti")
    assert yanti.site == world.embarkation
    listed = _run("list", "--as", "coord_ntt")
    assert "yanti" in listed and "coord_jabar" not in listed
    assert "/accounts/invite/" in _run("invite", "yanti", "--as", "coord_ntt")
    assert "/accounts/invite/" in _run("reset", "yanti", "--as", "admin")
    _run("deactivate", "yanti", "--as", "admin", "--reason", "pindah tugas")
    yanti.refresh_from_db()
    assert not yanti.is_active
    assert "yanti" in _run("list", "--inactive", "--as", "admin")
    event = AuditEvent.objects.filter(entity="accounts.user", object_id=str(yanti.pk)).latest(
        "at")
    assert event.actor == world.users["admin"]


@pytest.mark.parametrize(("args", "message"), [
    (("create", "x", "--role", "taskforce_officer", "--site", "Tidak Ada", "--email",
      "x@example.org", "--as", "admin"), "site: Pos kerja tidak ditemukan"),
    (("create", "x", "--role", "admin", "--email", "x@example.org", "--as", "coord_ntt"),
     "role: Koordinator daerah hanya dapat"),
    (("create", "x", "--role", "admin", "--email", "x@example.org"),
     "administrator nasional pertama"),
    (("deactivate", "taskforce_kupang", "--as", "coord_jabar"), "tidak ditemukan"),
    (("deactivate", "taskforce_kupang"), "--as"),
    (("reset", "admin", "--as", "analyst"), "tidak ditemukan"),
])
def test_the_command_refuses_with_the_reason(world: World, args: tuple[str, ...],
                                             message: str) -> None:
    with pytest.raises(CommandError) as refused:
        _run(*args)
    assert message in str(refused.value)
    assert not User.objects.filter(username="x").exists()


@pytest.mark.unenrolled
def test_the_command_creates_the_first_administrator_without_an_actor(db: None) -> None:
    out = _run("create", "root", "--role", "admin", "--email", "root@example.org")
    assert "/accounts/invite/" in out
    with pytest.raises(CommandError):
        _run("create", "second", "--role", "admin", "--email", "s@example.org")
    assert User.objects.get(username="root").role == Role.ADMIN
