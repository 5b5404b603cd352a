"""Operations: liveness and readiness, Prometheus metrics, JSON logs, a cache and a queue
that survive a lost Redis, leases, and the resumption of work whose worker died."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.test import override_settings
from django.utils import timezone
from huey import RedisHuey

from lindung.common.cache import ResilientRedisCache
from lindung.common.jsonlog import JsonFormatter
from lindung.common.lease import lease
from lindung.common.lease import lease_held
from lindung.core.choices import OutboxChannel
from lindung.core.choices import OutboxStatus
from lindung.core.models import BackgroundJob
from lindung.core.models import OutboxMessage
from lindung.ops import tasks as ops_tasks
from lindung.ops.queue import ResilientRedisHuey
from lindung.screening import services
from lindung.screening.manifest import validate_records
from lindung.screening.models import Alert
from lindung.screening.models import ScreeningManifest
from tests.conftest import World

# Nothing listens on port 1 of the loopback: a Redis that is down.
REDIS_DOWN = "redis://127.0.0.1:1/0"


def test_liveness_answers_without_touching_anything(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response.headers["Cache-Control"]


def test_readiness_checks_database_migrations_cache_and_queue(db: None, client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert set(body["checks"]) == {"database", "migrations", "cache", "queue"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["migrations"]["detail"] == "current"


@override_settings(CACHES={"default": {
    "BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_readiness_fails_when_the_cache_keeps_nothing(db: None, client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"]["ok"] is False and checks["database"]["ok"] is True


@override_settings(CACHES={"default": {"BACKEND": "lindung.common.cache.ResilientRedisCache",
                                       "LOCATION": REDIS_DOWN}})
def test_readiness_says_the_cache_is_down_when_redis_is(db: None, client: Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


def _metric(text: str, name: str, **labels: str) -> float:
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        metric, _, label_text = head.partition("{")
        if metric != name:
            continue
        if all(f'{key}="{val}"' in label_text for key, val in labels.items()):
            return float(value)
    raise AssertionError(f"{name} {labels} not in the metrics")


def test_metrics_count_requests_and_show_the_state_of_the_work(world: World,
                                                               client: Client) -> None:
    before = client.get("/metrics").content.decode()
    try:
        served = _metric(before, "lindung_http_requests_total", route="ops:healthz",
                         status="200")
    except AssertionError:
        served = 0.0
    client.get("/healthz")
    client.get("/healthz")
    OutboxMessage.objects.create(channel=OutboxChannel.SMS, recipient="+620000",
                                 body="x", status=OutboxStatus.FAILED, attempts=8)
    OutboxMessage.objects.create(channel=OutboxChannel.SMS, recipient="+620001",
                                 body="y", status=OutboxStatus.PENDING, attempts=2)
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    text = response.content.decode()
    assert _metric(text, "lindung_http_requests_total", route="ops:healthz",
                   status="200") == served + 2
    assert _metric(text, "lindung_http_request_duration_seconds_count",
                   route="ops:healthz") >= 2
    assert _metric(text, "lindung_outbox_failed_deliveries") == 1
    assert _metric(text, "lindung_outbox_retrying") == 1
    assert _metric(text, "lindung_outbox_messages", status="pending") == 1
    assert _metric(text, "lindung_alerts_open") == Alert.objects.filter(status="open").count()
    assert _metric(text, "lindung_task_queue_depth") >= 0
    assert _metric(text, "lindung_jobs", status="queued") == 0
    # A path's ids and queries never become labels.
    client.get("/reports/track/?code=SECRET-123")
    text = client.get("/metrics").content.decode()
    assert "SECRET-123" not in text and "reports:track" in text


@override_settings(LINDUNG_METRICS_TOKEN="s3cret-token")
def test_metrics_ask_for_the_token_when_one_is_set(db: None, client: Client) -> None:
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200


def test_json_logs_are_one_line_with_no_exception_message() -> None:
    logger = logging.getLogger("lindung.test")
    try:
        raise ValueError("NIK 5301050101900001 already exists")
    except ValueError:
        record = logger.makeRecord("lindung.test", logging.ERROR, __file__, 1,
                                   "import %s failed", ("abc",), sys.exc_info(),
                                   extra={"event": "import.failed", "rows": 3})
    line = JsonFormatter().format(record)
    assert "\n" not in line
    payload = json.loads(line)
    assert payload["event"] == "import.failed" and payload["rows"] == 3
    assert payload["msg"] == "import abc failed" and payload["level"] == "error"
    assert payload["exc_type"] == "ValueError" and payload["stack"]
    assert "5301050101900001" not in line


def test_the_cache_degrades_to_misses_while_redis_is_down() -> None:
    down = ResilientRedisCache(REDIS_DOWN, {"OPTIONS": {"socket_connect_timeout": 0.5}})
    assert down.get("k", "default") == "default"
    assert down.get_many(["a", "b"]) == {}
    down.set("k", 1)
    assert down.add("k", 1) is True  # counted as stored: a rate limit does not retry
    assert down.incr("k") == 1
    assert down.delete("k") is False


def test_queueing_while_redis_is_down_is_counted_not_raised() -> None:
    huey = ResilientRedisHuey("lindung-test", url=REDIS_DOWN)

    @huey.task()  # type: ignore[untyped-decorator]
    def work() -> None:
        return None

    assert work() is None
    # The plain Redis queue would have failed the request that queued the work.
    plain = RedisHuey("lindung-test", url=REDIS_DOWN)

    @plain.task()  # type: ignore[untyped-decorator]
    def other() -> None:
        return None

    with pytest.raises(Exception, match=r"(?i)connect"):
        other()


def test_a_lease_keeps_a_second_holder_off_until_released(db: None) -> None:
    with lease("test-work", seconds=30) as mine:
        assert mine is True and lease_held("test-work")
        with lease("test-work", seconds=30) as second:
            assert second is False
        assert lease_held("test-work")
    assert not lease_held("test-work")


def _queued_manifest(world: World, count: int,
                     capture: Any) -> ScreeningManifest:
    names = ["Ana", "Beni", "Citra", "Dodi", "Eka", "Fani", "Gita", "Hadi"]
    rows = [{"name": f"Penumpang {names[i]}", "birth_date": f"19{60 + i}-01-0{1 + i}"}
            for i in range(count)]
    validation = validate_records(rows, today=timezone.localdate())
    assert validation.ok
    with capture(execute=False):  # the queueing is lost, as when Redis was down
        manifest = services.manifest_submit(
            actor=world.users["taskforce_kupang"], site=world.embarkation,
            departure_date=timezone.localdate(), passengers=validation.passengers)
    assert manifest.status == "queued"
    return manifest


def test_stalled_manifests_are_resumed_once(world: World,
                                            django_capture_on_commit_callbacks: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "SYNC_LIMIT", 3)
    monkeypatch.setattr(services, "CHUNK", 2)
    manifest = _queued_manifest(world, 5, django_capture_on_commit_callbacks)
    # Fresh: not stalled yet.
    assert ops_tasks.stalled_work_resume() == 0
    old = timezone.now() - dt.timedelta(minutes=5)
    assert manifest.job_id is not None
    BackgroundJob.objects.filter(pk=manifest.job_id).update(updated_at=old)
    # A worker holds the lease: not touched.
    with lease(f"manifest:{manifest.pk}", seconds=30):
        assert ops_tasks.stalled_work_resume() == 0
    assert ops_tasks.stalled_work_resume() == 1  # runs at once in tests
    manifest.refresh_from_db()
    assert manifest.status == "done" and manifest.screened == 5
    assert sorted(manifest.passengers.values_list("row_number", flat=True)) == [1, 2, 3, 4, 5]
    assert ops_tasks.stalled_work_resume() == 0
    assert not cache.get(f"lease:manifest:{manifest.pk}")


def _failed_with(exc: Exception, path: str) -> Any:
    from django.test import RequestFactory

    from lindung.ops.views import server_error

    try:
        raise exc
    except Exception:  # handler500 runs inside Django's except block, as here
        return server_error(RequestFactory().get(path))


def test_a_request_that_finds_the_database_unreachable_answers_503_with_retry_after() -> None:
    from django.db import InterfaceError
    from django.db import OperationalError

    page = _failed_with(OperationalError("connection refused"), "/ltsa/check/?q=x")
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert b"<h1>" in page.content and b"connection refused" not in page.content
    api = _failed_with(InterfaceError("connection already closed"), "/api/v1/reports")
    assert api.status_code == 503 and json.loads(api.content)["detail"]
    assert _failed_with(ValueError("a fault of the code"), "/ltsa/").status_code == 500
