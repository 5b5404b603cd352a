"""Sections of the person page that other modules contribute (applications, reports,
screening hits, household census...). Each returns None when it has nothing to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lindung.accounts.models import User
from lindung.people.models import Person


@dataclass(frozen=True)
class Panel:
    title: str
    template: str
    context: dict[str, Any]


PanelBuilder = Callable[[User, Person], Panel | None]
_BUILDERS: list[PanelBuilder] = []


def register_panel(builder: PanelBuilder) -> PanelBuilder:
    _BUILDERS.append(builder)
    return builder


def panels_for(user: User, person: Person) -> list[Panel]:
    return [panel for builder in _BUILDERS if (panel := builder(user, person)) is not None]
