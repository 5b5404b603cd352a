"""Fuzzing the whole API from its OpenAPI document (issue 18 #16): Schemathesis generates
requests for every operation (valid and invalid parameters, bodies and paths), each sent
as a machine client (Bearer token) and as an officer (session cookie); no request may get
a 5xx. A few examples per operation and identity keep it within CI's time (it runs in
`make test`); `LINDUNG_FUZZ_EXAMPLES` raises the count for a deeper run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import settings
from schemathesis import GenerationMode

from lindung.accounts.services import api_token_create
from tests.conftest import World

EXAMPLES = int(os.environ.get("LINDUNG_FUZZ_EXAMPLES", "4"))


def _schema() -> Any:
    """The document the API serves, read from the router (no request, no database)."""
    from lindung.api.api import api
    from lindung.wsgi import application

    document = api.get_openapi_schema(path_prefix="/api/v1")
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    return loaded


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """Schemathesis calls the WSGI application itself, whose end of request closes the
    database connection (Django's test client turns that off, as here): the test's
    transaction must outlive each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def identities(world: World, monkeypatch: pytest.MonkeyPatch,
               connection_kept: None) -> list[dict[str, Any]]:
    """A machine client's token and an officer's session (created once per operation), on
    an instance whose SMS webhook is configured (unconfigured, it answers 503 on purpose)."""
    monkeypatch.setenv("LINDUNG_WEBHOOK_SECRET", "fuzz-" + "s" * 40)
    token = api_token_create(actor=None, user=world.users["machine"], name="fuzz", write=True)
    officer = world.client_for("coord_ntt")
    return [{"headers": {"Authorization": f"Bearer {token}"}},
            {"cookies": {"sessionid": officer.cookies["sessionid"].value}}]


schema = _schema()


@schema.parametrize()  # type: ignore[untyped-decorator]  # schemathesis is untyped here
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_generated_request_gets_a_server_error(case: Any,
                                                  identities: list[dict[str, Any]]) -> None:
    for identity in identities:
        response = case.call(**identity)
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} {case.query} {response.status_code}")


@pytest.mark.parametrize(("path", "params"), [
    ("/api/v1/regions/", {"q": "Kup\x00ang"}),
    ("/api/v1/regions/", {"q": "Kupang", "level": "\x00\U0010ffff"}),
    ("/api/v1/regions/", {"q": "'; DROP TABLE--\u202e", "level": "village"}),
    ("/api/v1/screening/alerts", {"offset": str(10**19)}),
    ("/api/v1/screening/alerts", {"limit": "-5"}),
    ("/api/v1/screening/alerts", {"offset": "-1", "limit": str(10**19)}),
    ("/api/v1/reports/", {"offset": str(10**19)}),
    ("/api/v1/prevention/statistics", {"year": "0"}),
])
def test_the_requests_fuzzing_found_are_refused_not_failed(
        identities: list[dict[str, Any]], path: str, params: dict[str, str]) -> None:
    from django.test import Client

    client = Client(HTTP_AUTHORIZATION=identities[0]["headers"]["Authorization"])
    response = client.get(path, params)
    assert response.status_code in (200, 400, 422), response.content


def test_both_identities_are_let_in(identities: list[dict[str, Any]]) -> None:
    """The fuzzing reaches the operations themselves, not only the authentication."""
    from django.test import Client

    token = Client(HTTP_AUTHORIZATION=identities[0]["headers"]["Authorization"])
    assert token.get("/api/v1/screening/alerts").status_code == 200
    officer = Client()
    officer.cookies["sessionid"] = identities[1]["cookies"]["sessionid"]
    assert officer.get("/api/v1/screening/alerts").status_code == 200
