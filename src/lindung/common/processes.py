"""How many worker processes a large job forks (a manifest's screening, a registry's
de-duplication): the named setting when the operator set it, one under tests, else up to two,
the cores a small server has."""

from __future__ import annotations

import os

from django.conf import settings

__all__ = ["worker_processes"]


def worker_processes(setting: str) -> int:
    configured = getattr(settings, setting, None)
    if configured:
        return int(configured)
    if getattr(settings, "TESTING", False):
        return 1
    return max(1, min(2, os.cpu_count() or 1))
