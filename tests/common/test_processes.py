"""Worker processes of the large jobs: the operator's setting first, one under tests."""

from __future__ import annotations

import os

from django.test import override_settings

from lindung.common.processes import worker_processes


@override_settings(SCREENING_PROCESSES=3)
def test_the_named_setting_wins() -> None:
    assert worker_processes("SCREENING_PROCESSES") == 3


@override_settings(TESTING=True)
def test_one_process_under_tests_when_unset() -> None:
    assert worker_processes("NO_SUCH_PROCESSES_SETTING") == 1


@override_settings(TESTING=False)
def test_up_to_two_cores_otherwise() -> None:
    expected = max(1, min(2, os.cpu_count() or 1))
    assert worker_processes("NO_SUCH_PROCESSES_SETTING") == expected
