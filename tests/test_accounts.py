from __future__ import annotations

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from lindung.accounts.models import User
from lindung.accounts.services import api_token_create
from lindung.core.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD, World


def _login(client: Client, username: str, password: str) -> int:
    response = client.post(reverse("accounts:login"),
                           {"username": username, "password": password})
    return response.status_code


def test_it_refuses_a_wrong_password_then_accepts_the_right_one(world: World) -> None:
    client = Client()
    assert _login(client, "coord_ntt", "wrong-password") == 401
    assert _login(client, "coord_ntt", PASSWORD) == 302
    assert client.get(reverse("site:staff_home")).status_code == 200
    actions = list(AuditEvent.objects.filter(entity="accounts.user")
                   .values_list("action", flat=True))
    assert AuditAction.LOGIN_FAILED in actions and AuditAction.LOGIN in actions


def test_it_locks_the_login_after_repeated_failures(world: World,
                                                    settings: pytest.FixtureRequest) -> None:
    client = Client()
    for _ in range(5):
        assert _login(client, "coord_ntt", "nope") == 401
    # Locked now, even with the right password.
    assert _login(client, "coord_ntt", PASSWORD) == 429
    assert client.get(reverse("site:staff_home")).status_code == 302


def test_it_counts_failures_per_username(world: World) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "coord_ntt", "nope")
    assert _login(client, "coord_jabar", PASSWORD) == 302


def test_it_asks_for_the_second_factor_when_enabled(world: World) -> None:
    client = Client()
    assert _login(client, "admin", PASSWORD) == 302
    # Not logged in yet: the code is still needed.
    assert client.get(reverse("site:staff_home")).status_code == 302
    bad = client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})
    assert bad.status_code == 401
    code = pyotp.TOTP(world.users["admin"].totp_secret).now()
    good = client.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert good.status_code == 302
    assert client.get(reverse("site:staff_home")).status_code == 200


def test_it_makes_administrators_set_up_two_factor(world: World) -> None:
    admin = world.users["admin"]
    admin.totp_secret = ""
    admin.totp_confirmed_at = None
    admin.save()
    client = Client()
    client.force_login(admin)
    response = client.get(reverse("people:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")
    setup = client.get(reverse("accounts:two_factor_setup"))
    assert setup.status_code == 200
    admin.refresh_from_db()
    assert admin.totp_secret and not admin.has_two_factor
    client.post(reverse("accounts:two_factor_setup"),
                {"code": pyotp.TOTP(admin.totp_secret).now()})
    admin.refresh_from_db()
    assert admin.has_two_factor
    assert client.get(reverse("people:list")).status_code == 200


def test_it_stores_the_totp_secret_encrypted(world: World) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT totp_secret FROM accounts_user WHERE username = %s", ["admin"])
        raw = cursor.fetchone()[0]
    assert raw and world.users["admin"].totp_secret not in raw


def test_it_authenticates_api_tokens_and_stores_only_their_hash(world: World) -> None:
    token = api_token_create(actor=world.users["admin"], user=world.users["coord_ntt"],
                             name="checkpoint")
    client = Client()
    url = "/api/v1/people/?q=maria"
    assert client.get(url).status_code == 401
    assert client.get(url, HTTP_AUTHORIZATION="Bearer ldg_not-a-token").status_code == 401
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert [p["name"] for p in response.json()] == ["Maria Goreti Ndun"]
    assert not User.objects.get(username="coord_ntt").api_tokens.filter(digest=token).exists()


def test_it_applies_the_token_owners_scope(world: World) -> None:
    token = api_token_create(actor=None, user=world.users["coord_jabar"], name="jabar")
    response = Client().get("/api/v1/people/?q=maria", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json() == []
    detail = Client().get(f"/api/v1/people/{world.ntt_person.pk}",
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert detail.status_code == 404
