from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.core.management.base import CommandParser

# The access log names what was asked and how it went, never who asked: no client address
# (%(h)s), no query string, no user agent or referrer, no time finer than the log's own line.
# A public report or a receipt look-up must not be joinable to an address (docs/security.md).
# One JSON object a line, like every other log (docs/operations.md).
ACCESS_LOG_FORMAT = '{"event":"http.access","request":"%(m)s %(U)s","status":%(s)s,"s":%(L)s}'


class Command(BaseCommand):
    help = "Serve Lindung with gunicorn (static files through WhiteNoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int,
                            default=int(os.environ.get("LINDUNG_WEB_WORKERS", "3")))

    def handle(self, *args: Any, **options: Any) -> None:
        bind = f"{options['host']}:{options['port']}"
        # Log handlers, timeouts and metrics clean-up: lindung/ops/gunicorn_conf.py.
        argv = [sys.executable, "-m", "gunicorn", "lindung.wsgi:application",
                "--config", "python:lindung.ops.gunicorn_conf",
                "--bind", bind, "--workers", str(options["workers"]), "--threads", "4",
                "--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT]
        self.stdout.write(f"Lindung on http://{bind}/")
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
