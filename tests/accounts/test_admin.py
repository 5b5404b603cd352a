"""Administering accounts: who may administer whom (the matrix, pages and services), posts
that fit the role, invitation and reset links, deactivation taking effect at once."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lindung.accounts.models import AccountLink
from lindung.accounts.models import ApiToken
from lindung.accounts.models import User
from lindung.accounts.rules import may_administer
from lindung.accounts.rules import users_visible
from lindung.accounts.services import AccountFields
from lindung.accounts.services import LinkRefused
from lindung.accounts.services import account_link_use
from lindung.accounts.services import api_token_create
from lindung.accounts.services import login_failure_record
from lindung.accounts.services import login_locked
from lindung.accounts.services import password_reset_send
from lindung.accounts.services import two_factor_reset
from lindung.accounts.services import user_create
from lindung.accounts.services import user_deactivate
from lindung.accounts.services import user_update
from lindung.core.models import AuditEvent
from lindung.core.models import OutboxMessage
from lindung.core.roles import Role
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from tests.conftest import NTT_VILLAGE
from tests.conftest import World
from tests.fixtures.permissions import USER_ADMIN_RULE
from tests.fixtures.permissions import user_admin_statuses

NEW_PASSWORD = "laut-sawu-biru-2026"


@dataclass
class Posts:
    world: World
    kupang: Site
    bandung: Site
    ltsa: Site
    village: Site


@pytest.fixture
def posts(world: World) -> Posts:
    return Posts(
        world=world, kupang=world.embarkation,
        bandung=Site.objects.create(kind=SiteKind.EMBARKATION_POINT, name="Bandara Husein",
                                    region_id="32.04", region_code="32.04"),
        ltsa=Site.objects.create(kind=SiteKind.LTSA_CENTRE, name="LTSA Kupang",
                                 region_id="53.01", region_code="53.01"),
        village=Site.objects.create(kind=SiteKind.VILLAGE_POST, name="Pos Desmigratif Oenesu",
                                    region_id=NTT_VILLAGE, region_code=NTT_VILLAGE))


def _officer(site: Site, **extra: str) -> AccountFields:
    return AccountFields(role=Role.TASKFORCE_OFFICER, site_id=str(site.pk),
                         email="yanti@example.org", **extra)


def _link_of(user: User) -> str:
    body = OutboxMessage.objects.filter(recipient=user.email).latest("created_at").body
    match = re.search(r"/accounts/invite/([\w-]+)/", body)
    assert match, body
    return match.group(1)


# ---------------------------------------------------------------------------------------------
# The rule


ACTORS = ["admin", "coord_ntt", "coord_jabar", "analyst", "taskforce_kupang", "desk_kupang",
          "village_officer", "machine"]


@pytest.mark.parametrize(("actor", "allowed"), [
    ("admin", {"admin", "analyst", "coord_ntt", "coord_jabar", "taskforce_kupang",
               "desk_kupang", "village_officer", "machine"}),
    ("coord_ntt", {"taskforce_kupang", "desk_kupang", "village_officer"}),
    ("coord_jabar", set()),
    ("analyst", set()), ("taskforce_kupang", set()), ("desk_kupang", set()),
    ("village_officer", set()), ("machine", set()),
])
def test_it_lets_each_role_administer_only_whom_the_rule_says(world: World, actor: str,
                                                              allowed: set[str]) -> None:
    users = world.users
    assert {name for name, user in users.items()
            if may_administer(users[actor], user)} == allowed
    visible = set(users_visible(users[actor]).values_list("username", flat=True))
    assert visible & set(users) == allowed


def test_it_never_lets_a_coordinator_give_a_role_at_or_above_their_own(world: World) -> None:
    coord = world.users["coord_ntt"]
    for role in (Role.ADMIN, Role.ANALYST, Role.COORDINATOR, Role.MACHINE_CLIENT):
        assert not may_administer(coord, role, "53.71")
    for role in (Role.TASKFORCE_OFFICER, Role.DESK_OFFICER, Role.VILLAGE_OFFICER):
        assert may_administer(coord, role, "53.71")
        assert not may_administer(coord, role, "32.04")
        assert not may_administer(coord, role, "")


# ---------------------------------------------------------------------------------------------
# Creating, with a post that fits the role


def test_it_creates_an_officer_for_the_kupang_point_and_sends_an_invitation(
        posts: Posts) -> None:
    admin = posts.world.users["admin"]
    created = user_create(actor=admin, username="yanti.satgas", fields=_officer(posts.kupang),
                          base_url="https://lindung.example.go.id")
    user = created.user
    assert user.role == Role.TASKFORCE_OFFICER and user.site == posts.kupang
    assert user.scope_region_id == "53.71" and not user.has_usable_password()
    message = OutboxMessage.objects.get(recipient="yanti@example.org")
    assert created.link in message.body
    assert message.body.count("https://lindung.example.go.id/accounts/invite/") == 2
    # Only the hash of the token is stored.
    token = _link_of(user)
    assert not AccountLink.objects.filter(digest=token).exists()
    event = AuditEvent.objects.get(entity="accounts.user", object_id=str(user.pk),
                                   action="create")
    assert event.actor == admin
    assert event.detail["after"]["role"] == Role.TASKFORCE_OFFICER
    assert event.detail["after"]["site"] == str(posts.kupang.pk)


def test_it_refuses_a_post_that_does_not_exist(posts: Posts) -> None:
    with pytest.raises(ValidationError) as refused:
        user_create(actor=posts.world.users["admin"], username="x",
                    fields=AccountFields(role=Role.TASKFORCE_OFFICER, site_id=str(uuid.uuid4()),
                                         email="x@example.org"))
    assert "tidak ditemukan" in refused.value.message_dict["site"][0]
    assert not User.objects.filter(username="x").exists()


@pytest.mark.parametrize(("role", "site", "field"), [
    (Role.TASKFORCE_OFFICER, "ltsa", "site"),
    (Role.DESK_OFFICER, "kupang", "site"),
    (Role.VILLAGE_OFFICER, "kupang", "site"),
    (Role.DESK_OFFICER, "ltsa", "desk"),  # an LTSA desk officer needs a desk
    (Role.COORDINATOR, "kupang", "site"),
    (Role.ANALYST, "kupang", "site"),
])
def test_it_refuses_a_post_of_the_wrong_kind_for_the_role(posts: Posts, role: str, site: str,
                                                          field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        user_create(actor=posts.world.users["admin"], username="x",
                    fields=AccountFields(role=role, site_id=str(getattr(posts, site).pk),
                                         email="x@example.org"))
    assert field in refused.value.message_dict


def test_it_posts_each_role_where_it_works(posts: Posts) -> None:
    admin = posts.world.users["admin"]
    desk = user_create(actor=admin, username="loket", fields=AccountFields(
        role=Role.DESK_OFFICER, site_id=str(posts.ltsa.pk), desk="health",
        phone="+6281234567")).user
    assert desk.scope_region_id == "53.01" and desk.desk == "health"
    assert OutboxMessage.objects.filter(recipient="+6281234567", channel="sms").exists()
    village = user_create(actor=admin, username="desa", fields=AccountFields(
        role=Role.VILLAGE_OFFICER, site_id=str(posts.village.pk), email="d@example.org")).user
    assert village.scope_region_id == NTT_VILLAGE
    coord = user_create(actor=admin, username="koord", fields=AccountFields(
        role=Role.COORDINATOR, region_code="53", email="k@example.org")).user
    assert coord.scope_region_id == "53" and coord.site is None
    with pytest.raises(ValidationError) as missing:
        user_create(actor=admin, username="koord2", fields=AccountFields(
            role=Role.COORDINATOR, region_code="99", email="k@example.org"))
    assert "99" in missing.value.message_dict["region"][0]


def test_it_refuses_a_coordinator_making_an_admin_with_the_reason(posts: Posts) -> None:
    with pytest.raises(ValidationError) as refused:
        user_create(actor=posts.world.users["coord_ntt"], username="boss",
                    fields=AccountFields(role=Role.ADMIN, email="b@example.org"))
    assert "Koordinator daerah hanya dapat" in refused.value.message_dict["role"][0]
    with pytest.raises(ValidationError) as outside:
        user_create(actor=posts.world.users["coord_ntt"], username="jabar",
                    fields=_officer(posts.bandung))
    assert "di luar wilayah" in outside.value.message_dict["site"][0]
    with pytest.raises(PermissionDenied):
        user_create(actor=posts.world.users["analyst"], username="x",
                    fields=_officer(posts.kupang))
    assert not User.objects.filter(username__in=["boss", "jabar", "x"]).exists()


def test_it_lets_a_coordinator_post_an_officer_inside_the_region(posts: Posts) -> None:
    coord = posts.world.users["coord_ntt"]
    user = user_create(actor=coord, username="yanti", fields=_officer(posts.kupang)).user
    # Moving them out of the region, or promoting them, is refused.
    with pytest.raises(ValidationError):
        user_update(actor=coord, user=user, fields=_officer(posts.bandung))
    with pytest.raises(ValidationError):
        user_update(actor=coord, user=user, fields=AccountFields(
            role=Role.COORDINATOR, region_code="53", email="yanti@example.org"))
    moved = user_update(actor=coord, user=user, fields=AccountFields(
        role=Role.VILLAGE_OFFICER, site_id=str(posts.village.pk), email="yanti@example.org"))
    assert moved.site == posts.village
    event = AuditEvent.objects.filter(entity="accounts.user", object_id=str(user.pk),
                                      action="update").latest("at")
    assert event.detail["before"]["role"] == Role.TASKFORCE_OFFICER
    assert event.detail["after"]["role"] == Role.VILLAGE_OFFICER
    with pytest.raises(PermissionDenied):
        user_update(actor=posts.world.users["coord_jabar"], user=moved,
                    fields=AccountFields.of(moved))


# ---------------------------------------------------------------------------------------------
# One-time links


def test_it_sets_the_password_from_the_invitation_once(posts: Posts) -> None:
    user = user_create(actor=posts.world.users["admin"], username="yanti",
                       fields=_officer(posts.kupang)).user
    token = _link_of(user)
    client = Client()
    url = reverse("accounts:account_link", args=[token])
    assert client.get(url).status_code == 200
    mismatch = client.post(url, {"password": NEW_PASSWORD, "password_again": "other-one-99"})
    assert mismatch.status_code == 400
    weak = client.post(url, {"password": "yanti", "password_again": "yanti"})
    assert weak.status_code == 400
    done = client.post(url, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Reused: refused with a clear page.
    reused = client.get(url)
    assert reused.status_code == 410
    assert "sudah dipakai" in reused.content.decode()
    with pytest.raises(LinkRefused) as refused:
        account_link_use(token=token, password="another-phrase-77")
    assert refused.value.reason == "used"


def test_it_refuses_an_expired_or_unknown_link(posts: Posts) -> None:
    user = user_create(actor=posts.world.users["admin"], username="yanti",
                       fields=_officer(posts.kupang)).user
    token = _link_of(user)
    AccountLink.objects.filter(user=user).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    expired = Client().get(reverse("accounts:account_link", args=[token]))
    assert expired.status_code == 410 and "kedaluwarsa" in expired.content.decode()
    posted = Client().post(reverse("accounts:account_link", args=[token]),
                           {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert posted.status_code == 410
    user.refresh_from_db()
    assert not user.has_usable_password()
    unknown = Client().get(reverse("accounts:account_link", args=["not-a-token"]))
    assert unknown.status_code == 410 and "tidak dikenal" in unknown.content.decode()


def test_it_resets_a_password_so_the_old_one_and_its_sessions_stop(world: World) -> None:
    officer = world.users["taskforce_kupang"]
    officer.email = "kupang@example.org"
    officer.save()
    session = world.client_for("taskforce_kupang")
    assert session.get(reverse("site:staff_home")).status_code == 200
    password_reset_send(actor=world.users["admin"], user=officer)
    officer.refresh_from_db()
    assert not officer.has_usable_password()
    assert session.get(reverse("site:staff_home")).status_code == 302
    token = _link_of(officer)
    account_link_use(token=token, password=NEW_PASSWORD)
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)
    with pytest.raises(PermissionDenied):
        password_reset_send(actor=world.users["coord_jabar"], user=officer)


def test_it_releases_a_lockout(world: World) -> None:
    officer = world.users["taskforce_kupang"]
    for _ in range(5):
        login_failure_record(username=officer.username, user=officer)
    assert login_locked(username=officer.username)
    admin = world.client_for("admin")
    page = admin.get(reverse("accounts:user_detail", args=[officer.pk]))
    assert "Buka kunci masuk" in page.content.decode()
    assert admin.post(reverse("accounts:user_unlock", args=[officer.pk])).status_code == 302
    assert not login_locked(username=officer.username)
    assert world.client_for("coord_jabar").post(
        reverse("accounts:user_unlock", args=[officer.pk])).status_code == 404


# ---------------------------------------------------------------------------------------------
# Deactivation


def test_it_deactivates_at_once_sessions_and_tokens(world: World) -> None:
    officer = world.client_for("taskforce_kupang")
    assert officer.get(reverse("site:staff_home")).status_code == 200
    token = api_token_create(actor=None, user=world.users["machine"], name="m")
    machine = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert machine.get("/api/v1/screening/points").status_code == 200
    admin = world.users["admin"]
    user_deactivate(actor=admin, user=world.users["taskforce_kupang"], reason="pindah tugas")
    user_deactivate(actor=admin, user=world.users["machine"])
    assert officer.get(reverse("site:staff_home")).status_code == 302
    assert officer.get("/api/v1/people/?q=maria").status_code == 401
    assert machine.get("/api/v1/screening/points").status_code == 401
    assert ApiToken.objects.get(user=world.users["machine"]).revoked_at is not None
    # Never deleted; the history says who, why, before and after.
    event = AuditEvent.objects.filter(
        entity="accounts.user", object_id=str(world.users["taskforce_kupang"].pk)).latest("at")
    assert event.actor == admin and event.detail["reason"] == "pindah tugas"
    assert event.detail["before"] == {"is_active": True}
    assert User.objects.filter(username="taskforce_kupang", is_active=False).exists()
    with pytest.raises(ValidationError):
        user_deactivate(actor=admin, user=admin)


# ---------------------------------------------------------------------------------------------
# Pages: the matrix


def _status(world: World, actor: str, method: str, url: str,
            data: dict[str, str] | None = None) -> int:
    client = world.client_for(actor)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return int(response.status_code)


@pytest.mark.parametrize("actor", USER_ADMIN_RULE)
def test_it_answers_the_user_pages_by_the_rule(posts: Posts, actor: str) -> None:
    world = posts.world
    target = world.users["desk_kupang"] if actor != "desk_kupang" else world.users[
        "village_officer"]
    create = {"username": "baru", "role": Role.TASKFORCE_OFFICER, "site": str(posts.kupang.pk),
              "email": "baru@example.org"}
    got = {
        "list": _status(world, actor, "get", reverse("accounts:user_list")),
        "create": _status(world, actor, "post", reverse("accounts:user_create"), create),
        "edit": _status(world, actor, "get", reverse("accounts:user_edit", args=[target.pk])),
        "deactivate": _status(world, actor, "post",
                              reverse("accounts:user_deactivate", args=[target.pk])),
        "token": _status(world, actor, "get", reverse(
            "accounts:token_create", args=[world.users["machine"].pk])),
    }
    pages = {"list": 200, "create": 302, "edit": 200, "deactivate": 302, "token": 200}
    assert got == user_admin_statuses(actor, pages, refused=400)


def test_it_lists_with_filters_and_shows_the_history(posts: Posts) -> None:
    world = posts.world
    admin = world.client_for("admin")
    listing = admin.get(reverse("accounts:user_list"), {"role": Role.COORDINATOR})
    names = [u.username for u in listing.context["page"]]
    assert names == ["coord_jabar", "coord_ntt"]
    coord = world.client_for("coord_ntt").get(reverse("accounts:user_list"))
    assert {u.username for u in coord.context["page"]} == {
        "taskforce_kupang", "desk_kupang", "village_officer"}
    officer = world.users["taskforce_kupang"]
    user_deactivate(actor=world.users["admin"], user=officer)
    inactive = admin.get(reverse("accounts:user_list"), {"status": "inactive"})
    assert [u.username for u in inactive.context["page"]] == ["taskforce_kupang"]
    detail = admin.get(reverse("accounts:user_detail", args=[officer.pk])).content.decode()
    assert "is_active" in detail and "admin" in detail
    assert admin.post(reverse("accounts:user_reactivate", args=[officer.pk])).status_code == 302
    officer.refresh_from_db()
    assert officer.is_active


def test_it_shows_field_errors_on_the_create_page(posts: Posts) -> None:
    coord = posts.world.client_for("coord_ntt")
    response = coord.post(reverse("accounts:user_create"), {
        "username": "boss", "role": Role.ADMIN, "email": "b@example.org"})
    assert response.status_code == 400
    assert "role" in response.context["form"].errors  # admin is not among the choices
    missing = posts.world.client_for("admin").post(reverse("accounts:user_create"), {
        "username": "x", "role": Role.TASKFORCE_OFFICER, "site": str(uuid.uuid4()),
        "email": "x@example.org"})
    assert missing.status_code == 400
    assert "site" in missing.context["form"].errors


def test_it_resets_a_lost_second_factor_with_the_password(world: World) -> None:
    officer = world.users["taskforce_kupang"]
    officer.email = "kupang@example.org"
    officer.save()
    assert officer.has_two_factor
    admin = world.client_for("admin")
    page = admin.get(reverse("accounts:user_detail", args=[officer.pk])).content.decode()
    assert "Atur ulang verifikasi dua langkah" in page
    assert world.client_for("coord_jabar").post(
        reverse("accounts:user_two_factor_reset", args=[officer.pk])).status_code == 404
    assert admin.post(reverse("accounts:user_two_factor_reset",
                              args=[officer.pk])).status_code == 302
    officer.refresh_from_db()
    assert not officer.has_two_factor and not officer.has_usable_password()
    # Only whoever receives the link gets in, and is sent to enrol again.
    account_link_use(token=_link_of(officer), password=NEW_PASSWORD)
    client = Client()
    client.post(reverse("accounts:login"), {"username": officer.username,
                                            "password": NEW_PASSWORD})
    response = client.get(reverse("site:staff_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")
    with pytest.raises(ValidationError):
        two_factor_reset(actor=world.users["admin"], user=officer)
