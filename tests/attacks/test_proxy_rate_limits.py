"""Attack: behind the reverse proxy every visitor was one visitor (issue 18 #2).

A real nginx, started from this test with the project's own locations file
(deploy/nginx/lindung-locations.conf, as deploy/cluster.sh does), proxies to a live server.
Two clients coming through nginx from different addresses are rate-limited separately; a
client that forges X-Forwarded-For, through nginx or straight at the app server (not a
trusted proxy), is still counted as itself.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_django.live_server_helper import LiveServer

REPO = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK)
                                  else None)
TRACK_LIMIT = 10  # lindung.ltsa.limits.TRACK_POLICY
ALICE, BOB, MALLORY = "127.0.0.21", "127.0.0.22", "127.0.0.23"

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (Debian: apt-get "
                                                      "install nginx; .ci/run installs it)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(directory: Path, port: int, upstream: str) -> Path:
    locations = (REPO / "deploy/nginx/lindung-locations.conf").read_text()
    (directory / "locations.conf").write_text(
        locations.replace("@ACCESS_LOG@", str(directory / "access.log")))
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (directory / temp).mkdir()
    user = "user root;" if os.geteuid() == 0 else ""
    conf = directory / "nginx.conf"
    conf.write_text(f"""
{user}
daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 64; }}
http {{
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    log_format lindung_noaddr '$request_method $uri $status';
    upstream lindung_app {{ server {upstream}; }}
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        set $lindung_static_root {directory}/static/;
        include {directory}/locations.conf;
    }}
}}
""")
    return conf


@pytest.fixture
def nginx(tmp_path: Path, live_server: LiveServer) -> Iterator[int]:
    assert NGINX is not None
    port = _free_port()
    upstream = live_server.url.removeprefix("http://")
    conf = _config(tmp_path, port, upstream)
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(tmp_path / 'error.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def _track(port: int, source: str, forwarded: str | None = None) -> int:
    """One public receipt look-up (a wrong code) from `source`; the HTTP status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                            source_address=(source, 0))
    headers = {"Content-Type": "application/json", "Host": "127.0.0.1"}
    if forwarded is not None:
        headers["X-Forwarded-For"] = forwarded
    body = json.dumps({"receipt_code": "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01",
                       "birth_date": "1990-01-01"})
    connection.request("POST", "/api/v1/ltsa/track", body=body, headers=headers)
    status = connection.getresponse().status
    connection.close()
    return status


@pytest.fixture
def trusting_nginx(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # nginx connects to the app from here


@pytest.mark.django_db(transaction=True)
def test_two_clients_behind_nginx_are_limited_separately(trusting_nginx: None,
                                                         nginx: int) -> None:
    statuses = [_track(nginx, ALICE) for _ in range(TRACK_LIMIT + 1)]
    assert statuses == [404] * TRACK_LIMIT + [429]
    assert _track(nginx, BOB) == 404  # Bob is not locked out by Alice


@pytest.mark.django_db(transaction=True)
def test_a_forged_forwarding_header_through_nginx_does_not_make_a_new_client(
        trusting_nginx: None, nginx: int) -> None:
    statuses = [_track(nginx, MALLORY, forwarded=f"198.51.100.{n}")
                for n in range(TRACK_LIMIT + 1)]
    assert statuses[-1] == 429
    assert _track(nginx, BOB) == 404


@pytest.mark.django_db(transaction=True)
def test_a_forged_forwarding_header_sent_straight_to_the_app_is_ignored(
        trusting_nginx: None, live_server: LiveServer, nginx: int) -> None:
    app_port = int(live_server.url.rsplit(":", 1)[1])
    # Mallory talks to the app server directly (not a trusted proxy) and claims to be Bob's
    # address, then someone new every time: the header is not believed.
    statuses = [_track(app_port, MALLORY, forwarded=BOB if n == 0 else f"203.0.113.{n}")
                for n in range(TRACK_LIMIT + 1)]
    assert statuses[-1] == 429
    assert _track(nginx, BOB) == 404  # Bob, through nginx, was never counted
