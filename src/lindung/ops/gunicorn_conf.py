"""gunicorn settings of `lindung serve` (and of deploy/systemd): logs as JSON lines with no
client address, timeouts that fit behind nginx, and the clean-up prometheus_client's
multiprocess mode needs when a worker process exits."""

from __future__ import annotations

import os
from typing import Any

from lindung.conf import env_int

# A request taking longer than this is killed (the proxy gives up a little later).
timeout = env_int("LINDUNG_WEB_TIMEOUT", 30)
graceful_timeout = 20
# nginx keeps connections to the app servers open (deploy/nginx: upstream keepalive).
keepalive = 75
# Workers restart after this many requests (with jitter): bounded memory, nothing lost.
max_requests = env_int("LINDUNG_WEB_MAX_REQUESTS", 20000)
max_requests_jitter = 2000

# gunicorn's own messages as JSON lines; the access log's lines (format in
# core/management/commands/serve.py: no client address, no query string) are JSON already.
errorlog = "-"
logconfig_dict: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "lindung.common.jsonlog.JsonFormatter"},
                   "line": {"format": "%(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json",
                             "stream": "ext://sys.stdout"},
                 "access": {"class": "logging.StreamHandler", "formatter": "line",
                            "stream": "ext://sys.stdout"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}


def child_exit(server: Any, worker: Any) -> None:
    """A worker process ended: its live gauges leave the multiprocess metrics."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
