"""The registry of named metrics that computed indicators and the periodic report read.

A metric is a function ``(region_code, period_start, period_end) -> MetricValue``. It
imports the models or selectors of the app it counts *inside* the function, so this app
works when that app is missing or changed: :func:`compute` then answers "source not
available" instead of a number. Where the source app offers a statistics selector (the
task-force statistics), the metric calls it, so its figure equals the statistics page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Any
from typing import TypeVar

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common.disclosure import is_small
from lindung.core.access import may_read_in_area
from lindung.core.roles import Role

log = logging.getLogger("lindung.coordination.metrics")
T = TypeVar("T")

SECTIONS = ("prevention", "reports", "referrals", "dissemination", "ltsa", "villages",
            "coordination")


class SourceUnavailable(RuntimeError):
    """The app a metric counts is not installed, or no longer offers what it reads."""


@dataclass(frozen=True)
class MetricValue:
    value: Decimal | None
    unit: str
    source_description: str
    query_description: str
    available: bool = True
    # A count of 1..10 (or a share/mean over so few) hidden from a reader who does not own
    # the records (lindung.common.disclosure): `value` is then None.
    suppressed: bool = False


MetricFunction = Callable[[str, date, date], MetricValue]


@dataclass(frozen=True)
class Metric:
    name: str
    label: str | Promise
    unit: str
    section: str
    source_app: str  # the Django app the figure comes from, e.g. "lindung.prevention"
    source_label: str | Promise
    function: MetricFunction
    # "sum": additive over years (a five-year value is the sum of its years);
    # "ratio": a mean or share, computed over the whole period.
    kind: str = "sum"
    snapshot: bool = False  # counts what is recorded now; the period does not bound it
    # Counts of people or cases: the access entity whose readers own the records (e.g.
    # "case"); anyone else gets small counts suppressed. "" = not about people.
    owner_entity: str = ""
    # For a share or mean of such records: the count it is taken over.
    base_metric: str = ""


_REGISTRY: dict[str, Metric] = {}


def register_metric(*, name: str, label: str | Promise, unit: str, section: str,
                    source_app: str, source_label: str | Promise, kind: str = "sum",
                    snapshot: bool = False, owner_entity: str = "", base_metric: str = "",
                    ) -> Callable[[MetricFunction], MetricFunction]:
    if section not in SECTIONS:
        raise ValueError(f"unknown section {section}")

    def decorate(function: MetricFunction) -> MetricFunction:
        if name in _REGISTRY and _REGISTRY[name].function is not function:
            raise ValueError(f"metric {name} is already registered")
        _REGISTRY[name] = Metric(name=name, label=label, unit=unit, section=section,
                                 source_app=source_app, source_label=source_label,
                                 function=function, kind=kind, snapshot=snapshot,
                                 owner_entity=owner_entity, base_metric=base_metric)
        return function

    return decorate


def get_metric(name: str) -> Metric:
    try:
        return _REGISTRY[name]
    except KeyError as exc:
        raise LookupError(_("Metrik tidak dikenal: %(name)s") % {"name": name}) from exc


def all_metrics() -> list[Metric]:
    return sorted(_REGISTRY.values(), key=lambda m: SECTIONS.index(m.section))


def metric_choices() -> list[tuple[str, str]]:
    return [(m.name, f"{m.label} ({m.name})") for m in all_metrics()]


def is_available(metric: Metric) -> bool:
    return apps.is_installed(metric.source_app)


def unavailable(metric: Metric, reason: str = "") -> MetricValue:
    return MetricValue(
        value=None, unit=metric.unit, available=False,
        source_description=(_("Sumber belum tersedia: %(source_app)s")
                                % {"source_app": metric.source_app}),
        query_description=reason or "-")


def compute(name: str, region_code: str, period_start: date, period_end: date) -> MetricValue:
    """The metric's value, or "source not available" when its app is missing or no longer
    offers what the metric reads (the error is logged)."""
    metric = get_metric(name)
    if not is_available(metric):
        return unavailable(metric, _("%(app)s tidak terpasang") % {"app": metric.source_app})
    try:
        return metric.function(region_code, period_start, period_end)
    except (SourceUnavailable, ImportError, LookupError, AttributeError, FieldError) as exc:
        log.warning("metric %s unavailable: %s", name, exc)
        return unavailable(metric, f"{type(exc).__name__}: {exc}"[:200])


def reader_owns(reader: Any, metric: Metric, region_code: str) -> bool:
    """Whether `reader` may read the records `metric` counts in `region_code` themselves
    (their role may view the entity and the region is inside their area of work)."""
    if not metric.owner_entity:
        return True
    return may_read_in_area(reader, metric.owner_entity, region_code)


def compute_for(reader: Any, name: str, region_code: str, period_start: date,
                period_end: date) -> MetricValue:
    """The metric's value as `reader` may see it: a count of people or cases from 1 to 10
    (or a share or mean over so few) is suppressed for a reader who does not own the
    records (the one small-cell rule, `lindung.common.disclosure`)."""
    value = compute(name, region_code, period_start, period_end)
    metric = get_metric(name)
    if not value.available or value.value is None or reader_owns(reader, metric, region_code):
        return value
    basis = value.value
    if metric.base_metric:
        base = compute(metric.base_metric, region_code, period_start, period_end)
        basis = base.value if base.value is not None else Decimal(0)
    if is_small(int(basis)):
        return replace(value, value=None, suppressed=True)
    return value


# --- a memo for heavy selectors, scoped to one report or page ---------------------------

_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("coordination_metric_memo", default=None)


@contextmanager
def memo_scope() -> Iterator[None]:
    """Within this block, a selector called twice with the same arguments runs once."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memoised(key: Any, produce: Callable[[], T]) -> T:
    store = _MEMO.get()
    if store is None:
        return produce()
    if key not in store:
        store[key] = produce()
    return store[key]  # type: ignore[no-any-return]


# --- helpers for metric functions -------------------------------------------------------


def system_reader() -> Any:
    """A national analyst that is never saved: the reader through which metrics call other
    apps' statistics selectors (which take a user). Metrics are aggregates; who may see a
    report or indicator is decided by this app's own access policies."""

    return User(username="lindung-metrics", role=Role.ANALYST, is_active=True)


def calendar_years(start: date, end: date) -> list[int] | None:
    """The years of a period made of whole calendar years, else None."""
    if (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31) \
            and start.year <= end.year:
        return list(range(start.year, end.year + 1))
    return None


def month_aligned(start: date, end: date) -> bool:
    return start.day == 1 and (end + timedelta(days=1)).day == 1


def depth(region_code: str) -> int:
    return len(region_code.split(".")) if region_code else 0


def within(region_code: str, field: str = "region_code") -> Q:
    """The region and everything below it, as a prefix range the index can use."""
    if not region_code:
        return Q()
    return ((Q(**{field: region_code}) | Q(**{f"{field}__startswith": region_code + "."}))
            & Q(**{f"{field}__gte": region_code, f"{field}__lt": region_code + "/"}))


def tally_area_q(region_code: str) -> Q:
    """The task-force tallies (`reports.ReportTally`, `prevention.PreventionTally`) keep one
    row set per level, national (""), province and regency (`core.tallies.areas_of`), and
    the statistics selector reads one level with an exact match; so does this."""
    return Q(area_code=region_code)


def aware_range(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) in the project's time zone."""
    zone = timezone.get_current_timezone()
    return (timezone.make_aware(datetime.combine(start, time.min), zone),
            timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone))


def region_words(region_code: str) -> str:
    return f'region_code within "{region_code}"' if region_code else "national (all regions)"


def period_words(start: date, end: date) -> str:
    return f"{start.isoformat()}..{end.isoformat()}"


def whole(value: int | None) -> Decimal:
    return Decimal(int(value or 0))


def rounded(value: float | Decimal | None, places: str = "0.1") -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def share(part: int, total: int) -> Decimal | None:
    if not total:
        return None
    return rounded(Decimal(part) * 100 / Decimal(total))
