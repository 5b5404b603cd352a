"""The screening's rule book: data, not code paths.

``rules.toml`` (next to this module) says which facts about a passenger give which reason and
how serious it is, with the dates each rule is in force; the verdict code establishes the
facts (lindung.screening.verdicts) and applies the rules in force on the departure date.
The rules page (``/screening/rules/``) shows the same book, in Indonesian and English.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any
from typing import Final

from lindung.matching.normalize import normalize_name

SEVERITIES: Final = ("stop", "check", "info")
#: The facts the verdict code establishes (a rule naming any other fact is refused).
FACTS: Final = frozenset({
    "journey_international", "journey_transit", "journey_domestic", "journey_risky",
    "adult", "minor", "age_unknown", "accompanied", "unaccompanied",
    "registered", "identity_uncertain", "identity_ambiguous", "recorded_abroad",
    "watchlist_match", "watchlist_possible",
    "certificate_valid", "certificate_invalid", "certificate_other_person",
    "ready", "not_ready", "no_application", "not_registered",
    "agency_unlicensed", "job_order_invalid",
})


class RuleBookError(ValueError):
    """The rule book is malformed (raised when it is loaded, never at screening time)."""


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    when: tuple[str, ...]
    unless: tuple[str, ...]
    text_id: str
    text_en: str
    basis: str
    effective_from: dt.date
    effective_until: dt.date | None

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_until is None
                                              or on <= self.effective_until)


#: One fact about a passenger: its name, the values its texts use, the records it links.
Fact = tuple[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Fired:
    rule: Rule
    values: Mapping[str, Any]


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[Rule, ...]
    transit_points: tuple[str, ...]

    def in_force(self, on: dt.date) -> list[Rule]:
        return [rule for rule in self.rules if rule.in_force(on)]

    def is_transit_point(self, place: str) -> bool:
        """Whether a destination names a known transit point (any case or spacing)."""
        wanted = normalize_name(place).replace(" ", "")
        return bool(wanted) and any(normalize_name(point).replace(" ", "") == wanted
                                    for point in self.transit_points)

    def apply(self, facts: Sequence[Fact], on: dt.date) -> list[Fired]:
        """The rules in force on ``on`` that fire for these facts, in book order; a rule fires
        once per occurrence of its first fact, with that occurrence's values (and those of
        the first occurrence of its other facts)."""
        first: dict[str, Mapping[str, Any]] = {}
        for name, values in facts:
            first.setdefault(name, values)
        fired: list[Fired] = []
        for rule in self.in_force(on):
            if any(name not in first for name in rule.when) or any(
                    name in first for name in rule.unless):
                continue
            merged: dict[str, Any] = {}
            for name in reversed(rule.when[1:]):
                merged.update(first[name])
            for name, values in facts:
                if name == rule.when[0]:
                    fired.append(Fired(rule, {**merged, **values}))
        return fired


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise RuleBookError(f"{where}: a date (YYYY-MM-DD) is needed")


def parse_rules(text: str) -> RuleBook:
    """A rule book from TOML text (see rules.toml), checked whole."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleBookError(str(exc)) from exc
    rules: list[Rule] = []
    for index, raw in enumerate(data.get("rule", []), start=1):
        where = f"rule {index} ({raw.get('code', '?')})"
        when = tuple(raw.get("when", ()))
        unless = tuple(raw.get("unless", ()))
        unknown = (set(when) | set(unless)) - FACTS
        if not when or unknown:
            raise RuleBookError(f"{where}: unknown or missing facts {sorted(unknown)}")
        if raw.get("severity") not in SEVERITIES:
            raise RuleBookError(f"{where}: severity must be one of {SEVERITIES}")
        if not raw.get("code") or not raw.get("text_id") or not raw.get("text_en"):
            raise RuleBookError(f"{where}: code, text_id and text_en are needed")
        until = raw.get("until")
        rule = Rule(code=str(raw["code"]), severity=str(raw["severity"]), when=when,
                    unless=unless, text_id=str(raw["text_id"]), text_en=str(raw["text_en"]),
                    basis=str(raw.get("basis", "")),
                    effective_from=_date(raw.get("from"), where),
                    effective_until=_date(until, where) if until is not None else None)
        if rule.effective_until is not None and rule.effective_until < rule.effective_from:
            raise RuleBookError(f"{where}: `until` is before `from`")
        rules.append(rule)
    if not rules:
        raise RuleBookError("the rule book has no rules")
    return RuleBook(rules=tuple(rules),
                    transit_points=tuple(str(p) for p in data.get("transit_points", ())))


@functools.cache
def rule_book() -> RuleBook:
    """The shipped rule book (read once per process)."""
    text = resources.files("lindung.screening").joinpath("rules.toml").read_text("utf-8")
    return parse_rules(text)
