"""Logging in: throttling, two-factor (TOTP without replay, recovery codes), who must enrol,
the API refusing an unenrolled session, self-service password change."""

from __future__ import annotations

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lindung.accounts.models import RecoveryCode
from lindung.accounts.models import User
from lindung.accounts.services import CodeResult
from lindung.accounts.services import recovery_code_use
from lindung.accounts.services import recovery_codes_generate
from lindung.accounts.services import totp_check
from lindung.core.choices import AuditAction
from lindung.core.models import AuditEvent
from lindung.core.roles import Role
from lindung.core.roles import two_factor_roles
from tests.conftest import PASSWORD
from tests.conftest import World
from tests.conftest import totp_code


def _login(client: Client, username: str, password: str) -> int:
    response = client.post(reverse("accounts:login"),
                           {"username": username, "password": password})
    return response.status_code


def _second(client: Client, code: str) -> int:
    return client.post(reverse("accounts:two_factor_verify"), {"code": code}).status_code


def test_it_refuses_a_wrong_password_then_accepts_the_right_one(world: World) -> None:
    client = Client()
    assert _login(client, "coord_ntt", "wrong-password") == 401
    assert _login(client, "coord_ntt", PASSWORD) == 302
    assert _second(client, totp_code(world.users["coord_ntt"])) == 302
    assert client.get(reverse("site:staff_home")).status_code == 200
    actions = list(AuditEvent.objects.filter(entity="accounts.user")
                   .values_list("action", flat=True))
    assert AuditAction.LOGIN_FAILED in actions and AuditAction.LOGIN in actions


def test_it_locks_the_login_after_repeated_failures(world: World) -> None:
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
    assert _second(client, "000000") == 401
    assert _second(client, totp_code(world.users["admin"])) == 302
    assert client.get(reverse("site:staff_home")).status_code == 200


def test_it_refuses_a_replayed_totp_code_with_the_reason(world: World) -> None:
    admin = world.users["admin"]
    code = totp_code(admin)
    first = Client()
    _login(first, "admin", PASSWORD)
    assert _second(first, code) == 302
    # The same code again, inside its 30-second window: refused, and said why.
    second = Client()
    _login(second, "admin", PASSWORD)
    response = second.post(reverse("accounts:two_factor_verify"), {"code": code})
    assert response.status_code == 401
    assert "sudah dipakai" in response.content.decode()
    assert second.get(reverse("site:staff_home")).status_code == 302
    # An earlier step than the last one used is refused too.
    admin.refresh_from_db()
    assert admin.totp_last_step is not None
    earlier = pyotp.TOTP(admin.totp_secret).generate_otp(admin.totp_last_step - 1)
    assert totp_check(user=admin, code=earlier) is not CodeResult.OK


def test_it_logs_in_with_a_recovery_code_once(world: World) -> None:
    admin = world.users["admin"]
    codes = recovery_codes_generate(user=admin)
    assert len(codes) == 10 and len(set(codes)) == 10
    client = Client()
    _login(client, "admin", PASSWORD)
    response = client.post(reverse("accounts:two_factor_verify"), {"code": codes[3].upper()})
    assert response.status_code == 302
    assert client.get(reverse("site:staff_home")).status_code == 200
    # Used twice: refused with the reason.
    again = Client()
    _login(again, "admin", PASSWORD)
    refused = again.post(reverse("accounts:two_factor_verify"), {"code": codes[3]})
    assert refused.status_code == 401
    assert "sudah dipakai" in refused.content.decode()
    assert recovery_code_use(user=admin, code="zzzzz-zzzzz") is CodeResult.INVALID


def test_it_stores_recovery_codes_hashed_and_a_new_set_replaces_the_old(world: World) -> None:
    admin = world.users["admin"]
    old = recovery_codes_generate(user=admin)
    stored = set(RecoveryCode.objects.filter(user=admin).values_list("digest", flat=True))
    assert not stored & set(old)
    new = recovery_codes_generate(user=admin)
    assert recovery_code_use(user=admin, code=old[0]) is CodeResult.INVALID
    assert recovery_code_use(user=admin, code=new[0]) is CodeResult.OK
    assert RecoveryCode.objects.filter(user=admin).count() == 10


@pytest.mark.unenrolled
def test_it_shows_recovery_codes_once_at_enrolment(world: World) -> None:
    admin = world.users["admin"]
    client = Client()
    client.force_login(admin)
    response = client.get(reverse("people:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")
    assert client.get(reverse("accounts:two_factor_setup")).status_code == 200
    admin.refresh_from_db()
    assert admin.totp_secret and not admin.has_two_factor
    enrolled = client.post(reverse("accounts:two_factor_setup"),
                           {"code": pyotp.TOTP(admin.totp_secret).now()})
    assert enrolled.status_code == 200
    shown = [code for code in enrolled.context["codes"]]
    assert len(shown) == 10 and all(code in enrolled.content.decode() for code in shown)
    admin.refresh_from_db()
    assert admin.has_two_factor
    assert client.get(reverse("people:list")).status_code == 200
    # Shown once: the setup page now only says how many are left.
    page = client.get(reverse("accounts:two_factor_setup")).content.decode()
    assert shown[0] not in page


def test_it_requires_two_factor_of_every_role_that_sees_identities_or_the_audit_log() -> None:
    assert two_factor_roles() == {Role.ADMIN, Role.ANALYST, Role.COORDINATOR,
                                  Role.TASKFORCE_OFFICER, Role.DESK_OFFICER}
    assert not User(role=Role.VILLAGE_OFFICER).two_factor_required
    assert not User(role=Role.MACHINE_CLIENT).two_factor_required


@pytest.mark.unenrolled
@pytest.mark.parametrize("name", ["admin", "analyst", "coord_ntt", "taskforce_kupang",
                                  "desk_kupang"])
def test_it_refuses_pages_and_api_to_an_unenrolled_session(world: World, name: str) -> None:
    client = world.client_for(name)
    page = client.get(reverse("site:staff_home"))
    assert page.status_code == 302 and page["Location"] == reverse("accounts:two_factor_setup")
    api = client.get("/api/v1/people/?q=maria")
    assert api.status_code == 403
    assert "two-factor" in api.json()["detail"]


@pytest.mark.unenrolled
def test_it_lets_an_unenrolled_village_officer_work(world: World) -> None:
    client = world.client_for("village_officer")
    assert client.get(reverse("site:staff_home")).status_code == 200


def test_it_keeps_machine_clients_out_of_the_web_login(world: World) -> None:
    client = Client()
    assert _login(client, "machine", PASSWORD) == 403
    assert client.get(reverse("site:staff_home")).status_code == 302


def test_it_stores_the_totp_secret_encrypted(world: World) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT totp_secret FROM accounts_user WHERE username = %s", ["admin"])
        raw = cursor.fetchone()[0]
    assert raw and world.users["admin"].totp_secret not in raw


def test_it_changes_the_own_password_with_the_current_one(world: World) -> None:
    client = world.client_for("coord_ntt")
    url = reverse("accounts:password_change")
    wrong = client.post(url, {"current": "not-it", "password": "a-new-long-phrase-42",
                              "password_again": "a-new-long-phrase-42"})
    assert wrong.status_code == 400 and "saat ini salah" in wrong.content.decode()
    weak = client.post(url, {"current": PASSWORD, "password": "12345678",
                             "password_again": "12345678"})
    assert weak.status_code == 400
    done = client.post(url, {"current": PASSWORD, "password": "a-new-long-phrase-42",
                             "password_again": "a-new-long-phrase-42"})
    assert done.status_code == 302
    # The session that changed it stays valid; the password is the new one.
    assert client.get(reverse("site:staff_home")).status_code == 200
    user = User.objects.get(username="coord_ntt")
    assert user.check_password("a-new-long-phrase-42")
    assert AuditEvent.objects.filter(entity="accounts.user", object_id=str(user.pk),
                                     detail__fields=["password"]).exists()


def test_it_regenerates_recovery_codes_only_with_a_current_code(world: World) -> None:
    admin = world.users["admin"]
    old = recovery_codes_generate(user=admin)
    client = world.client_for("admin")
    url = reverse("accounts:recovery_codes_regenerate")
    assert client.post(url, {"code": "000000"}).status_code == 302
    assert recovery_code_use(user=admin, code=old[0]) is CodeResult.OK
    fresh = client.post(url, {"code": totp_code(admin)})
    assert fresh.status_code == 200 and len(fresh.context["codes"]) == 10
    assert recovery_code_use(user=admin, code=old[1]) is CodeResult.INVALID
    assert admin.totp_confirmed_at is not None and admin.totp_confirmed_at <= timezone.now()
