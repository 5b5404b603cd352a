"""The counters and histograms that requests and background tasks add to as they run
(exported by ``ops.metrics``). Their own module so that the queue (which counts tasks) and the
metrics page (which reads the queue's depth) do not import each other."""

from __future__ import annotations

from prometheus_client import Counter
from prometheus_client import Histogram

REQUESTS = Counter("lindung_http_requests_total", "HTTP requests served, by route and status",
                   ["method", "route", "status"])
LATENCY = Histogram("lindung_http_request_duration_seconds",
                    "Time to answer a request, by route", ["route"],
                    buckets=(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
TASKS = Counter("lindung_tasks_total", "Background tasks run, by task and outcome",
                ["task", "outcome"])
TASK_SECONDS = Histogram("lindung_task_duration_seconds", "Run time of background tasks",
                         ["task"], buckets=(.05, .25, 1, 5, 15, 60, 300, 1800))
TASK_WAIT = Histogram("lindung_task_wait_seconds",
                      "Time a background task waited in the queue before a worker took it",
                      ["task"], buckets=(.05, .25, 1, 5, 15, 60, 300, 1800))
ENQUEUE_FAILURES = Counter("lindung_task_enqueue_failures_total",
                           "Tasks that could not be queued (queue unreachable)", ["task"])
