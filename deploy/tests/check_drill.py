"""Assertions of the fault drill, run with the cluster's settings:

    deploy/cluster.sh exec .venv/bin/python deploy/tests/check_drill.py receipts FILE
    deploy/cluster.sh exec .venv/bin/python deploy/tests/check_drill.py manifest ID ROWS

``receipts``: every receipt code the server accepted opens the report it was given for
(the report's description carries the marker written beside the code). ``manifest``: the
manifest finished once, with each passenger screened exactly once and at most one alert
per passenger. Exits non-zero with the reason when an assertion fails.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django


def receipts(path: Path) -> str:
    from lindung.reports.services import report_by_receipt

    lines = [line.split("\t") for line in path.read_text().splitlines() if line.strip()]
    missing = []
    for code, marker in lines:
        try:
            report = report_by_receipt(code=code)
        except Exception as exc:
            missing.append(f"{code}: {type(exc).__name__}")
            continue
        if marker not in report.description:
            missing.append(f"{code}: opens another report")
    if missing:
        raise SystemExit(f"FAIL: {len(missing)} of {len(lines)} accepted reports not found: "
                         f"{missing[:5]}")
    return f"ok: all {len(lines)} accepted reports are in the database with their receipts"


def manifest(manifest_id: str, rows: int) -> str:
    from django.db.models import Count

    from lindung.screening.models import Alert
    from lindung.screening.models import ScreenedPassenger
    from lindung.screening.models import ScreeningManifest

    found = ScreeningManifest.objects.get(pk=manifest_id)
    passengers = ScreenedPassenger.objects.filter(manifest=found)
    distinct = passengers.values("row_number").distinct().count()
    doubled = (Alert.objects.filter(manifest=found).values("passenger_id")
               .annotate(n=Count("id")).filter(n__gt=1).count())
    problems = []
    if found.status != "done":
        problems.append(f"status {found.status}")
    if found.screened != rows or passengers.count() != rows or distinct != rows:
        problems.append(f"screened {found.screened}, rows {passengers.count()}, "
                        f"distinct {distinct}, expected {rows}")
    if doubled:
        problems.append(f"{doubled} passengers with more than one alert")
    if found.job is not None and found.job.status != "done":
        problems.append(f"job {found.job.status}")
    if problems:
        raise SystemExit(f"FAIL: manifest {manifest_id}: {'; '.join(problems)}")
    alerts = Alert.objects.filter(manifest=found).count()
    return (f"ok: manifest finished once: {rows} passengers each screened once, {alerts} "
            f"alerts, none doubled")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
    django.setup()
    kind = sys.argv[1]
    if kind == "receipts":
        print(receipts(Path(sys.argv[2])))
    elif kind == "manifest":
        print(manifest(sys.argv[2], int(sys.argv[3])))
    else:
        raise SystemExit(f"unknown check {kind}")


if __name__ == "__main__":
    main()
