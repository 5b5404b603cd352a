"""Metrics in the Prometheus text format.

Request counts and latencies are counted in each process; under gunicorn (several worker
processes, several app servers on a host) and in the task workers they are written to the
directory named by ``PROMETHEUS_MULTIPROC_DIR`` and added up at scrape time
(prometheus_client's multiprocess mode; the directory is emptied when the host's services
start, see deploy/). The state of the work (queue depth and age, open alerts, outbox
failures, background jobs) is read from the database and the queue at each scrape.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db.models import Count
from django.db.models import Min
from django.db.models import QuerySet
from django.utils import timezone
from prometheus_client import CollectorRegistry
from prometheus_client import generate_latest
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from lindung.common.cache import CACHE_FAILURES
from lindung.core.choices import JobStatus
from lindung.core.choices import OutboxStatus
from lindung.core.models import BackgroundJob
from lindung.core.models import OutboxMessage
from lindung.ops import queue
from lindung.ops.instruments import ENQUEUE_FAILURES
from lindung.ops.instruments import LATENCY
from lindung.ops.instruments import REQUESTS
from lindung.ops.instruments import TASK_SECONDS
from lindung.ops.instruments import TASK_WAIT
from lindung.ops.instruments import TASKS
from lindung.screening.choices import AlertStatus
from lindung.screening.models import Alert


class StateCollector(Collector):
    """Gauges read at scrape time from the database and the queue."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from huey.contrib.djhuey import HUEY

        now = timezone.now()
        depth = GaugeMetricFamily("lindung_task_queue_depth", "Tasks waiting in the queue")
        scheduled = GaugeMetricFamily("lindung_task_queue_scheduled",
                                      "Tasks scheduled for later (retries with back-off)")
        age = GaugeMetricFamily("lindung_task_queue_oldest_age_seconds",
                                "Age of the oldest task waiting in the queue (0 when empty)")
        try:
            depth.add_metric([], HUEY.pending_count())
            scheduled.add_metric([], HUEY.scheduled_count())
            age.add_metric([], queue.oldest_waiting_age())
        except Exception:  # noqa: S110 - an unreachable queue shows as missing gauges
            pass
        yield depth
        yield scheduled
        yield age

        yield _gauge("lindung_alerts_open", "Screening alerts still open",
                     Alert.objects.filter(status=AlertStatus.OPEN).count())

        outbox, counts = _by_status("lindung_outbox_messages", "Outbox messages by status",
                                    OutboxMessage.objects.all(), OutboxStatus.values)
        yield outbox
        yield _gauge("lindung_outbox_retrying",
                     "Pending outbox messages whose delivery failed at least once (waiting "
                     "for their next attempt)",
                     OutboxMessage.objects.filter(status=OutboxStatus.PENDING,
                                                  attempts__gt=0).count())
        yield _gauge("lindung_outbox_failed_deliveries",
                     "Outbox messages given up after every attempt failed",
                     counts.get(OutboxStatus.FAILED, 0))
        yield _gauge("lindung_outbox_oldest_pending_age_seconds",
                     "Age of the oldest undelivered outbox message",
                     _age(OutboxMessage.objects.filter(status=OutboxStatus.PENDING), now))

        jobs, _counts = _by_status("lindung_jobs", "Background jobs by status",
                                   BackgroundJob.objects.all(), JobStatus.values)
        yield jobs
        yield _gauge("lindung_jobs_oldest_queued_age_seconds",
                     "Age of the oldest job still waiting for a worker",
                     _age(BackgroundJob.objects.filter(status=JobStatus.QUEUED), now))


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    gauge = GaugeMetricFamily(name, documentation)
    gauge.add_metric([], value)
    return gauge


def _by_status(name: str, documentation: str, rows: QuerySet[Any], statuses: list[str],
               ) -> tuple[GaugeMetricFamily, dict[str, int]]:
    """A gauge of the rows by status (every status, 0 when none), and the counts."""
    counts = dict(rows.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    gauge = GaugeMetricFamily(name, documentation, labels=["status"])
    for status in statuses:
        gauge.add_metric([status], counts.get(status, 0))
    return gauge, counts


def _age(rows: QuerySet[Any], now: datetime) -> float:
    """Seconds since the oldest of the rows was created (0 when there is none)."""
    oldest = rows.aggregate(at=Min("created_at"))["at"]
    return (now - oldest).total_seconds() if oldest else 0.0

def exposition() -> bytes:
    """The text exposition of every metric of this host (all processes when in multiprocess
    mode) and of the state of the work."""
    registry: Any
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = CollectorRegistry()
        for collector in (REQUESTS, LATENCY, TASKS, TASK_SECONDS, TASK_WAIT, ENQUEUE_FAILURES,
                          CACHE_FAILURES):
            registry.register(collector)
    registry.register(StateCollector())
    return generate_latest(registry)


def route_of(request: Any) -> str:
    """A label with few values: the URL pattern's name, never the path (ids, queries)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name:
        return str(match.view_name)
    return "unmatched"


def observe_request(request: Any, status: int, started: float) -> float:
    route = route_of(request)
    elapsed = time.perf_counter() - started
    REQUESTS.labels(request.method or "", route, str(status)).inc()
    LATENCY.labels(route).observe(elapsed)
    return elapsed

