"""The real stack for attack tests: `lindung serve` (gunicorn) on a free loopback port, on a
fresh SQLite database of its own, its stdout and stderr captured to files.

The client connects from another loopback address (127.0.0.x, x != 1) so that its address
is distinct from the one the server binds: a test can then look for it in the logs.
"""

from __future__ import annotations

import http.client
import http.cookies
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINDUNG = str(Path(sys.executable).with_name("lindung"))
CLIENT_ADDRESS = "127.0.0.77"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stack_env(var_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "LINDUNG_TESTING"}}
    env.update({"LINDUNG_VAR_DIR": str(var_dir), "LINDUNG_HTTPS": "0",
                "LINDUNG_SECRET_KEY": "attack-suite-" + "k" * 40,
                "LINDUNG_REPORT_MIN_FILL_SECONDS": "0", "LINDUNG_STATIC_NO_MANIFEST": "1",
                "PYTHONUNBUFFERED": "1"})
    return env


@dataclass
class Response:
    status: int
    body: str
    headers: dict[str, str]


@dataclass
class LiveStack:
    port: int
    process: subprocess.Popen[bytes]
    stdout_path: Path
    stderr_path: Path
    cookies: dict[str, str] = field(default_factory=dict)

    def logs(self) -> str:
        return self.stdout_path.read_text() + "\n" + self.stderr_path.read_text()

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                source_address=(CLIENT_ADDRESS, 0))
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent.setdefault("Referer", f"http://127.0.0.1:{self.port}{path}")
        connection.request(method, path, body=body, headers=sent)
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        for header in answer.headers.get_all("Set-Cookie") or []:
            jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        connection.close()
        return Response(answer.status, text, dict(answer.headers.items()))

    def form_fields(self, path: str) -> dict[str, str]:
        """The hidden inputs of the form on `path` (CSRF token, start token)."""
        page = self.request("GET", path).body
        fields = {}
        for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
            name = re.search(r'name="([^"]+)"', tag)
            value = re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = value.group(1) if value else ""
        return fields


def migrate(var_dir: Path) -> None:
    env = stack_env(var_dir)
    for command in (["migrate", "-v0"], ["createcachetable"]):
        subprocess.run([LINDUNG, *command], env=env, check=True, cwd=REPO,
                       capture_output=True, timeout=600)


def start(var_dir: Path, extra_env: dict[str, str] | None = None) -> LiveStack:
    port = free_port()
    env = {**stack_env(var_dir), **(extra_env or {})}
    stdout_path, stderr_path = var_dir / "serve.out", var_dir / "serve.err"
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        process = subprocess.Popen(
            [LINDUNG, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=env, cwd=REPO, stdout=out, stderr=err, start_new_session=True)
    stack = LiveStack(port, process, stdout_path, stderr_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"lindung serve exited: {stack.logs()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return stack
        except OSError:
            time.sleep(0.2)
    stop(stack)
    raise RuntimeError("lindung serve did not start within 120 s")


def stop(stack: LiveStack) -> None:
    if stack.process.poll() is None:
        os.killpg(stack.process.pid, signal.SIGTERM)
        try:
            stack.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(stack.process.pid, signal.SIGKILL)
            stack.process.wait(timeout=20)
