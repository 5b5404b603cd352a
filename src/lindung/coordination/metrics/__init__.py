"""Named metrics (see registry.py). Importing this package registers them all."""

from lindung.coordination.metrics import (  # noqa: F401  (registration)
    coordination,
    ltsa,
    prevention,
    reports,
    villages,
)
from lindung.coordination.metrics.registry import (
    SECTIONS,
    Metric,
    MetricValue,
    SourceUnavailable,
    all_metrics,
    calendar_years,
    compute,
    compute_for,
    get_metric,
    memo_scope,
    metric_choices,
    register_metric,
)

__all__ = [
    "SECTIONS",
    "Metric",
    "MetricValue",
    "SourceUnavailable",
    "all_metrics",
    "calendar_years",
    "compute",
    "compute_for",
    "get_metric",
    "memo_scope",
    "metric_choices",
    "register_metric",
]
