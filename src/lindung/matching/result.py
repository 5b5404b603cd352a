"""What a comparison returns: one reason per field, a score and a decision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from typing import Literal

__all__ = [
    "MATCH_THRESHOLD",
    "POSSIBLE_THRESHOLD",
    "Decision",
    "MatchResult",
    "Reason",
    "Strength",
    "decision_for",
]

Strength = Literal["exact", "strong", "partial", "conflict", "missing"]
Decision = Literal["match", "possible", "no_match"]

#: Score (0..1) from which a pair is a match.
MATCH_THRESHOLD: Final = 0.90
#: Score (0..1) from which a pair is worth a human look.
POSSIBLE_THRESHOLD: Final = 0.50


@dataclass(frozen=True, slots=True)
class Reason:
    """How one field contributed: ``weight`` is its log-likelihood ratio in nats."""

    field: str
    strength: Strength
    detail: str
    weight: float
    #: What the detail says, for the display layer to say it in the officer's language
    #: (``lindung.people.match_display``), with its numbers in ``params``.
    code: str = ""
    params: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, str | float | dict[str, int]]:
        """A JSON-ready form (relations only, never the values compared)."""
        return {
            "field": self.field,
            "strength": self.strength,
            "detail": self.detail,
            "weight": self.weight,
            "code": self.code,
            "params": dict(self.params),
        }


@dataclass(frozen=True, slots=True)
class MatchResult:
    """Score in 0..1, the decision at the module thresholds, and one reason per field."""

    score: float
    decision: Decision
    reasons: list[Reason]
    log_odds: float = 0.0

    def reasons_as_dicts(self) -> list[dict[str, str | float | dict[str, int]]]:
        return [reason.as_dict() for reason in self.reasons]


def decision_for(score: float) -> Decision:
    if score >= MATCH_THRESHOLD:
        return "match"
    if score >= POSSIBLE_THRESHOLD:
        return "possible"
    return "no_match"
