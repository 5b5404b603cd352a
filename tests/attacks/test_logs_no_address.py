"""Attack: join a report to its reporter's address through the logs and stored times.

The real server (`lindung serve`, gunicorn) takes a public report and a receipt look-up from
a distinct loopback address; neither its access log nor its application log may carry that
address, and the times stored for the anonymous actions are to the hour only.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.attacks import live_stack


@pytest.fixture(scope="module")
def stack() -> Iterator[live_stack.LiveStack]:
    with tempfile.TemporaryDirectory(prefix="lindung-attack-") as folder:
        var_dir = Path(folder)
        live_stack.migrate(var_dir)
        running = live_stack.start(var_dir)
        try:
            yield running
        finally:
            live_stack.stop(running)


def test_report_and_lookup_leave_no_client_address_in_any_log(
        stack: live_stack.LiveStack) -> None:
    fields = stack.form_fields("/reports/new/")
    submitted = stack.request("POST", "/reports/new/", form={
        **fields, "category": "broker", "website": "",
        "description": "Calo menawarkan kerja di luar negeri tanpa izin."})
    assert submitted.status == 200, submitted.body[:500]
    match = re.search(r'id="receipt-code"><strong>([A-Z0-9-]+)<', submitted.body)
    assert match, "the receipt page shows the code"
    code = match.group(1)

    track_fields = stack.form_fields("/reports/track/")
    tracked = stack.request("POST", "/reports/track/", form={**track_fields, "code": code})
    assert tracked.status == 200, tracked.body[:500]
    wrong = stack.request("POST", "/reports/track/",
                          form={**track_fields, "code": "AAAA-BBBB-CCCC-DDDD"})
    assert wrong.status == 400

    logs = stack.logs()
    # The logs were captured: the requests are there, by method and path only.
    assert '"request":"POST /reports/new/","status":200' in logs
    assert '"request":"POST /reports/track/","status":200' in logs
    assert live_stack.CLIENT_ADDRESS not in logs
    assert code not in logs

    # What the anonymous reporter did is stored to the hour: the report, its audit rows.
    database = sqlite3.connect(Path(stack.stdout_path.parent) / "lindung.sqlite3")
    try:
        times = database.execute(
            "SELECT received_at, created_at, updated_at FROM reports_publicreport").fetchall()
        audit_times = database.execute(
            "SELECT at FROM core_auditevent WHERE entity = 'reports.publicreport'").fetchall()
    finally:
        database.close()
    assert len(times) == 1
    assert len(audit_times) == 2  # the report received, then read with its receipt
    for stamp in [*times[0], *(row[0] for row in audit_times)]:
        assert re.search(r"\d{2}:00:00(\.0+)?$", stamp), stamp
