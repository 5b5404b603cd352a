"""Named metrics (see registry.py). Importing this package registers them all."""

from lindung.coordination.metrics import coordination  # noqa: F401  (registration)
from lindung.coordination.metrics import ltsa  # noqa: F401  (registration)
from lindung.coordination.metrics import prevention  # noqa: F401  (registration)
from lindung.coordination.metrics import reports  # noqa: F401  (registration)
from lindung.coordination.metrics import villages  # noqa: F401  (registration)
from lindung.coordination.metrics.registry import SECTIONS
from lindung.coordination.metrics.registry import Metric
from lindung.coordination.metrics.registry import MetricValue
from lindung.coordination.metrics.registry import SourceUnavailable
from lindung.coordination.metrics.registry import all_metrics
from lindung.coordination.metrics.registry import calendar_years
from lindung.coordination.metrics.registry import compute
from lindung.coordination.metrics.registry import compute_for
from lindung.coordination.metrics.registry import get_metric
from lindung.coordination.metrics.registry import memo_scope
from lindung.coordination.metrics.registry import metric_choices
from lindung.coordination.metrics.registry import register_metric

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
