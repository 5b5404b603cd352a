"""How a match is shown to staff: each reason as an Indonesian label, its strength, and the
engine's technical detail (relations only, never the values compared)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lindung.matching.result import Reason

FIELD_LABELS: dict[str, Promise] = {
    "nik": _("NIK"),
    "passport": _("Paspor"),
    "name": _("Nama"),
    "birth_date": _("Tanggal lahir"),
    "birth_place": _("Tempat lahir"),
    "sex": _("Jenis kelamin"),
}
STRENGTH_LABELS: dict[str, Promise] = {
    "exact": _("sama"),
    "strong": _("sangat mirip"),
    "partial": _("mirip sebagian"),
    "conflict": _("berbeda"),
    "missing": _("tidak tercatat di salah satu"),
}
DECISION_LABELS: dict[str, Promise] = {
    "match": _("cocok"),
    "possible": _("mungkin cocok"),
    "no_match": _("mirip sebagian"),
}


@dataclass(frozen=True)
class ReasonRow:
    field: str
    label: str
    strength: str
    strength_label: str
    detail: str
    weight: float

    @property
    def supports(self) -> bool:
        return self.weight > 0


def reason_rows(reasons: Iterable[Reason | Mapping[str, Any]],
                *, skip_missing: bool = True) -> list[ReasonRow]:
    """Display rows for reasons (objects or their stored JSON form)."""
    rows = []
    field: str
    strength: str
    for reason in reasons:
        if isinstance(reason, Reason):
            field, strength, detail, weight = (reason.field, reason.strength, reason.detail,
                                               reason.weight)
        else:
            field, strength = str(reason.get("field", "")), str(reason.get("strength", ""))
            detail, weight = str(reason.get("detail", "")), float(reason.get("weight", 0.0))
        if skip_missing and strength == "missing":
            continue
        rows.append(ReasonRow(field, str(FIELD_LABELS.get(field, field)), strength,
                              str(STRENGTH_LABELS.get(strength, strength)), detail, weight))
    return rows


def decision_label(decision: str) -> str:
    return str(DECISION_LABELS.get(decision, decision))
