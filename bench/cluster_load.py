"""Load on the local national topology (`make cluster`) through nginx, with Locust.

    .venv/bin/python bench/cluster_load.py --seconds 60 --users 64 [--out result.json]
        [--receipts receipts.txt] [--site-id UUID --token ldg_...] [--started FILE]

Closed loop, no think time (each of the ``--users`` simulated visitors sends its next
request as soon as the last one is answered), mixed like a national day:

- visitors (weight 12): the landing page, the LTSA home, the LTSA checker with queries most
  of which were never asked before (a random name and number: a cache miss), the fee page
  for a random country and occupation, the tracking page;
- reporters (weight 2): open the public report form, take 3.5 s to fill it (the form refuses
  faster ones), send it, read the receipt code, and track the report with it;
- officers (weight 1): screen a manifest of 20-60 passengers through the API.

Each request carries an address of its own in X-Forwarded-For (IPv6 documentation prefix
2001:db8::/32, never a real host; nginx in the cluster believes it from loopback only), as
many visitors behind an upstream load balancer would. Prints and writes per-route
throughput, p50/p95/p99 and errors; ``--receipts`` collects every receipt code the server
accepted (with the report's description marker), for the fault drill to find in the
database.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import string
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import gevent  # type: ignore[import-untyped]
from locust import FastHttpUser
from locust import User
from locust import constant
from locust import events
from locust import task
from locust.env import Environment

ADDRESSES = itertools.count(1)
ACCEPTED: list[tuple[str, str]] = []
CONFIG: dict[str, Any] = {"site_id": "", "token": "", "countries": ["MY"],
                          "occupations": ["household_worker"]}
TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STARTED_RE = re.compile(r'name="started" value="([^"]+)"')
RECEIPT_RE = re.compile(r'id="receipt-code"><strong>([^<]+)</strong>')
WORDS = ["karya", "nusantara", "mandiri", "jaya", "sejahtera", "abadi", "putra", "bina",
         "tenaga", "kerja", "global", "indo", "sumber", "makmur", "prima", "utama"]
FIRST = ["Maria", "Yohanes", "Siti", "Dewi", "Agus", "Yosef", "Fransiska", "Petrus", "Ani",
         "Rina", "Budi", "Kornelis", "Theresia", "Markus", "Lusia", "Hendrik"]
LAST = ["Ndun", "Tefa", "Bani", "Lake", "Nomleni", "Sabu", "Manu", "Kase", "Tanu", "Boimau"]


def _forwarded() -> dict[str, str]:
    return {"X-Forwarded-For": f"2001:db8::{next(ADDRESSES):x}"}


class Visitor(FastHttpUser):
    weight = 12
    wait_time = constant(0)

    @task(3)
    def landing(self) -> None:
        self.client.get("/", headers=_forwarded(), name="landing")

    @task(1)
    def ltsa_home(self) -> None:
        self.client.get("/ltsa/", headers=_forwarded(), name="ltsa home")

    @task(4)
    def checker(self) -> None:
        if random.random() < 0.8:  # never asked before
            query = f"{random.choice(WORDS)} {random.choice(WORDS)} {random.randint(1, 10**6)}"
        else:
            query = random.choice(["karya nusantra", "bina tenaga", "PT Jaya Abadi"])
        self.client.get("/ltsa/check/", params={"q": query}, headers=_forwarded(),
                        name="ltsa checker")

    @task(2)
    def fees(self) -> None:
        self.client.get("/ltsa/fees/", params={"country": random.choice(CONFIG["countries"]),
                                               "occupation": random.choice(
                                                   CONFIG["occupations"])},
                        headers=_forwarded(), name="ltsa fees")

    @task(1)
    def track_page(self) -> None:
        self.client.get("/reports/track/", headers=_forwarded(), name="tracking page")


class Reporter(FastHttpUser):
    weight = 2
    wait_time = constant(0)

    @task
    def report_and_track(self) -> None:
        form = self.client.get("/reports/new/", headers=_forwarded(), name="report form")
        text = form.text or ""
        token, started = TOKEN_RE.search(text), STARTED_RE.search(text)
        if not token or not started:
            return
        gevent.sleep(3.5)  # a person filling the form (faster ones are refused)
        marker = "".join(random.choices(string.ascii_uppercase, k=10))
        data = {"csrfmiddlewaretoken": token.group(1), "started": started.group(1),
                "category": random.choice(["broker", "fake_job", "excess_fees"]),
                "description": f"Ada calo menawarkan kerja ke luar negeri tanpa izin. "
                               f"Kode uji {marker}.",
                "region": "53.71", "website": ""}
        with self.client.post("/reports/new/", data=data, headers=_forwarded(),
                              name="report submit", catch_response=True) as sent:
            receipt = RECEIPT_RE.search(sent.text or "")
            if sent.status_code != 200 or not receipt:
                sent.failure(f"no receipt (status {sent.status_code})")
                return
            code = receipt.group(1).strip()
            ACCEPTED.append((code, marker))
        with self.client.post("/reports/track/", data={
                "csrfmiddlewaretoken": token.group(1), "code": code},
                headers=_forwarded(), name="tracking look-up", catch_response=True) as found:
            if found.status_code != 200:
                found.failure(f"receipt not tracked (status {found.status_code})")


class Officer(FastHttpUser):
    weight = 1
    wait_time = constant(0)

    @task
    def screen_manifest(self) -> None:
        if not CONFIG["token"]:
            return
        passengers = [{"name": f"{random.choice(FIRST)} {random.choice(LAST)} "
                               f"{random.choice(FIRST)}",
                       "birth_date": f"{random.randint(1970, 2004)}-"
                                     f"{random.randint(1, 12):02d}-{random.randint(1, 28):02d}",
                       "sex": random.choice(["L", "P"]),
                       "destination": random.choice(["MY", "HK", "TW"])}
                      for _ in range(random.randint(20, 60))]
        with self.client.post(
                "/api/v1/screening/manifests", name="manifest screening", catch_response=True,
                json={"site_id": CONFIG["site_id"],
                      "departure_date": time.strftime("%Y-%m-%d"),
                      "passengers": passengers},
                headers={"Authorization": f"Bearer {CONFIG['token']}", **_forwarded()}) as r:
            if r.status_code == 422:  # a random duplicate inside the manifest: valid answer
                r.success()


def _options(base: str) -> None:
    """The fee page's own choices of country and occupation (the defaults when the page
    does not answer: the drill starts load on an instance about to lose its database)."""
    for attempt in range(3):
        try:
            html = urllib.request.urlopen(  # noqa: S310
                f"{base}/ltsa/fees/", timeout=10).read().decode()
            break
        except OSError:
            time.sleep(1 + attempt)
    else:
        return
    for field in ("country", "occupation"):
        select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S)
        if select:
            values = [v for v in re.findall(r'<option value="([^"]+)"', select.group(1)) if v]
            if values:
                CONFIG[f"{field.replace('country', 'countrie')}s"] = values


def run(base: str, users: int, seconds: int, started_file: Path | None = None
        ) -> dict[str, Any]:
    _options(base)
    user_classes: list[type[User]] = [Visitor, Reporter]
    if CONFIG["token"] and CONFIG["site_id"]:
        user_classes.append(Officer)
    for cls in user_classes:
        cls.host = base
    env = Environment(user_classes=user_classes, events=events)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    started = time.monotonic()
    if started_file is not None:  # the drill waits for this before it breaks something
        started_file.touch()
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    elapsed = time.monotonic() - started
    routes = {}
    for (name, method), entry in sorted(env.stats.entries.items()):
        routes[f"{method} {name}"] = {
            "requests": entry.num_requests, "failures": entry.num_failures,
            "rps": round(entry.num_requests / elapsed, 1),
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "p99_ms": entry.get_response_time_percentile(0.99)}
    total = env.stats.total
    errors = {f"{error.method} {error.name}: {error.error}": error.occurrences
              for error in env.stats.errors.values()}
    return {"users": users, "seconds": round(elapsed, 1), "requests": total.num_requests,
            "failures": total.num_failures, "rps": round(total.num_requests / elapsed, 1),
            "p50_ms": total.get_response_time_percentile(0.5),
            "p95_ms": total.get_response_time_percentile(0.95),
            "p99_ms": total.get_response_time_percentile(0.99),
            "reports_accepted": len(ACCEPTED), "routes": routes, "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:18080")
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--site-id", default="")
    parser.add_argument("--token", default="")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--receipts", type=Path)
    parser.add_argument("--started", type=Path,
                        help="a file touched once the simulated users are sending requests")
    args = parser.parse_args()
    CONFIG.update(site_id=args.site_id, token=args.token)
    result = run(args.base, args.users, args.seconds, args.started)
    print(f"{result['users']} users, {result['seconds']} s: {result['requests']} requests, "
          f"{result['rps']} req/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
          f"p99 {result['p99_ms']} ms, {result['failures']} errors, "
          f"{result['reports_accepted']} reports accepted")
    print(f"{'route':<28} {'requests':>9} {'req/s':>7} {'p50':>6} {'p95':>6} {'p99':>6} {'err':>5}")
    for route, row in result["routes"].items():
        print(f"{route:<28} {row['requests']:>9} {row['rps']:>7} {row['p50_ms']:>6} "
              f"{row['p95_ms']:>6} {row['p99_ms']:>6} {row['failures']:>5}")
    for error, count in result["errors"].items():
        print(f"  error x{count}: {error[:200]}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=1))
    if args.receipts:
        args.receipts.write_text("".join(f"{code}\t{marker}\n" for code, marker in ACCEPTED))
    return 0


if __name__ == "__main__":
    sys.exit(main())
