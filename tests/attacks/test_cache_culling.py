"""Attack: fill the shared cache until it culls, and the login lockout is gone (issue 18 #8).

The database cache keeps at most 300 entries (Django's MAX_ENTRIES) and, when full, deletes
a third of them. The public LTSA pages are cached per query string, so 300 GETs to
`/ltsa/?x=N` fill it, and the next make it cull. Security counters live in the kernel's
counter table instead (lindung.common.ratelimit), which this cannot touch.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lindung.common.models import RateCounter
from tests.conftest import PASSWORD
from tests.conftest import World

FLOOD = 310  # 300 fill the cache, the next ones make it cull


def _login(client: Client, username: str, password: str) -> int:
    return client.post(reverse("accounts:login"),
                       {"username": username, "password": password}).status_code


def test_a_cache_flood_leaves_the_login_lockout_in_place(world: World) -> None:
    guesser = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        assert _login(guesser, "coord_ntt", "tebakan-salah") == 401
    assert _login(guesser, "coord_ntt", PASSWORD) == 429
    # Where the lockout counter used to be kept, and under the key it had.
    cache.set("login-failures:0123456789abcdef", settings.LOGIN_FAILURE_LIMIT, timeout=900)

    visitor = Client()
    for n in range(FLOOD):
        assert visitor.get(f"/ltsa/?x={n}").status_code == 200

    # The flood did cull the cache: an entry like the old counter is gone ...
    assert cache.get("login-failures:0123456789abcdef") is None
    # ... but the lockout holds, even for the right password.
    assert _login(guesser, "coord_ntt", PASSWORD) == 429
    assert _login(Client(), "coord_ntt", PASSWORD) == 429
    assert RateCounter.objects.filter(key__startswith="login-failures:").exists()
