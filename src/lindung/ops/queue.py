"""The task queue made visible and resilient.

- :class:`ResilientRedisHuey`: when Redis does not answer, queuing a task logs a structured
  ``task.enqueue_failed`` event and counts it, instead of failing the request that asked
  for the work after its transaction committed. Work queued this way is never lost: the
  outbox is delivered by a periodic task, and :func:`lindung.ops.tasks.stalled_work_resume`
  queues again the manifests that wait without a worker.
- Signals: every task run is counted and timed (``lindung_tasks_total``,
  ``lindung_task_duration_seconds``, ``lindung_task_wait_seconds``) and every failure is
  logged as a ``task.failed`` event with the task's name, id and retries left.
- With Redis, the time each task was queued is kept in a sorted set beside the queue, so
  that ``lindung_task_queue_oldest_age_seconds`` shows how long the oldest one has waited.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

from huey import RedisHuey
from huey import signals

from lindung.common.cache import UNAVAILABLE
from lindung.ops.instruments import ENQUEUE_FAILURES
from lindung.ops.instruments import TASK_SECONDS
from lindung.ops.instruments import TASK_WAIT
from lindung.ops.instruments import TASKS

log = logging.getLogger("lindung.tasks")
_started: dict[str, float] = {}
_started_lock = threading.Lock()


class ResilientRedisHuey(RedisHuey):  # type: ignore[misc]
    def enqueue(self, task: Any) -> Any:
        try:
            return super().enqueue(task)
        except UNAVAILABLE as exc:
            ENQUEUE_FAILURES.labels(task.name).inc()
            log.warning("task %s not queued: queue unreachable", task.name,
                        extra={"event": "task.enqueue_failed", "task": task.name,
                               "task_id": task.id, "error": type(exc).__name__})
            return None


def _redis(huey: Any) -> Any:
    return getattr(huey.storage, "conn", None)


def _waiting_key(huey: Any) -> str:
    return f"huey.enqueued.{huey.name}"


def oldest_waiting_age() -> float:
    """Seconds the oldest queued task has waited (with Redis; 0 otherwise or when empty)."""
    from huey.contrib.djhuey import HUEY

    conn = _redis(HUEY)
    if conn is None or not hasattr(conn, "zrange"):
        return 0.0
    oldest = conn.zrange(_waiting_key(HUEY), 0, 0, withscores=True)
    return max(0.0, time.time() - float(oldest[0][1])) if oldest else 0.0


def _huey() -> Any:
    from huey.contrib.djhuey import HUEY  # configured by Django's settings at first use

    return HUEY


def _forget(task: Any) -> float | None:
    """Take the task off the waiting set; when it was queued (None when unknown)."""
    conn = _redis(_huey())
    if conn is None or not hasattr(conn, "zscore"):
        return None
    try:
        queued = conn.zscore(_waiting_key(_huey()), task.id)
        conn.zrem(_waiting_key(_huey()), task.id)
    except UNAVAILABLE:
        return None
    return None if queued is None else float(queued)


def _enqueued(signal: str, task: Any) -> None:
    conn = _redis(_huey())
    if conn is None or not hasattr(conn, "zadd") or task.eta is not None:
        return
    with contextlib.suppress(*UNAVAILABLE):  # the enqueue itself fails next, and says so
        conn.zadd(_waiting_key(_huey()), {task.id: time.time()})


def _executing(signal: str, task: Any) -> None:
    queued = _forget(task)
    if queued is not None:
        TASK_WAIT.labels(task.name).observe(max(0.0, time.time() - queued))
    with _started_lock:
        _started[task.id] = time.perf_counter()


def _finished(task: Any, outcome: str) -> None:
    TASKS.labels(task.name, outcome).inc()
    with _started_lock:
        began = _started.pop(task.id, None)
    if began is not None:
        TASK_SECONDS.labels(task.name).observe(time.perf_counter() - began)


def _complete(signal: str, task: Any) -> None:
    _finished(task, "ok")


def _error(signal: str, task: Any, exc: BaseException | None = None) -> None:
    _finished(task, "error")
    log.error("task %s failed", task.name,
              extra={"event": "task.failed", "task": task.name, "task_id": task.id,
                     "retries_left": task.retries,
                     "error": type(exc).__name__ if exc else ""})


def _retrying(signal: str, task: Any) -> None:
    TASKS.labels(task.name, "retry").inc()
    log.warning("task %s retried in %ss", task.name, task.retry_delay,
                extra={"event": "task.retrying", "task": task.name, "task_id": task.id,
                       "retries_left": task.retries, "delay_s": task.retry_delay})


def _dropped(signal: str, task: Any) -> None:
    _forget(task)
    TASKS.labels(task.name, signal).inc()


def connect_signals() -> None:
    """Count every task (queued, waited, ran, failed, retried, dropped) through Huey's
    signals."""
    huey = _huey()
    huey.signal(signals.SIGNAL_ENQUEUED)(_enqueued)
    huey.signal(signals.SIGNAL_EXECUTING)(_executing)
    huey.signal(signals.SIGNAL_COMPLETE)(_complete)
    huey.signal(signals.SIGNAL_ERROR)(_error)
    huey.signal(signals.SIGNAL_RETRYING)(_retrying)
    huey.signal(signals.SIGNAL_REVOKED, signals.SIGNAL_EXPIRED, signals.SIGNAL_CANCELED)(_dropped)
