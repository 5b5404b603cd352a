"""Routes declared on the views: `@route("pattern", name="...")` above a page's view, and an
app's urls.py lists its view modules with `urlpatterns_of(...)`. The pattern then sits next to
the code that reads its parameters (as Django Ninja does for the API), and the URL modules no
longer repeat a `path(...)` line for each view."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import ParamSpec
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseBase
from django.urls import URLPattern
from django.urls import path

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)
View = Callable[..., HttpResponseBase]

# The attribute of a view that holds its routes, top one first (as they read in the source).
ROUTES = "routes"


@dataclass(frozen=True)
class Route:
    """One URL of a view. `name` None only for a second spelling of a named route (the
    same page with a trailing slash, say), which reversing must never produce."""

    pattern: str
    name: str | None
    # When it was declared: modules are imported top to bottom, so this is the source order
    # within a module, exact even for stacked decorators and views made by a factory.
    order: int


# Every routed view by its module's name, in declaration order.
_declared: dict[str, list[View]] = {}
_counter = itertools.count()


def route(pattern: str, *, name: str | None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a URL of the view below: put it outermost (above `@staff_view`, `@require_POST`
    ...), so the URL serves the fully decorated view."""

    def declare(view: Callable[P, R]) -> Callable[P, R]:
        routes: tuple[Route, ...] = getattr(view, ROUTES, ())
        # Stacked routes are applied bottom up: the new one reads above the others.
        setattr(view, ROUTES, (Route(pattern, name, next(_counter)), *routes))
        declared = _declared.setdefault(view.__module__, [])
        if view not in declared:
            declared.append(view)
        return view

    return declare


def routes_of(view: object) -> tuple[Route, ...]:
    """The routes declared on a view (none on anything else), top one first."""
    routes: tuple[Route, ...] = getattr(view, ROUTES, ())
    return routes


def _routed_views(module: ModuleType) -> list[View]:
    """The routed views of a module in source order; refused when one is not what the module
    names (a decorator above `@route` wrapped it, so the URL would skip that decorator)."""
    views = sorted(_declared.get(module.__name__, ()),
                   key=lambda view: min(r.order for r in routes_of(view)))
    exported = {id(value) for value in vars(module).values()}
    for view in views:
        if id(view) not in exported:
            raise ImproperlyConfigured(
                f"{module.__name__}.{view.__qualname__}: @route must be the outermost "
                "decorator (another decorator wraps the routed view)")
    return views


def urlpatterns_of(*modules: ModuleType) -> list[URLPattern]:
    """The URL patterns of the routed views of `modules`: module by module in the given
    order, each in source order (the order Django tries them). A name used twice is refused:
    reversing it would silently pick one."""
    patterns: list[URLPattern] = []
    names: set[str] = set()
    for module in modules:
        for view in _routed_views(module):
            for r in routes_of(view):
                if r.name is not None:
                    if r.name in names:
                        raise ImproperlyConfigured(
                            f"{module.__name__}.{view.__qualname__}: route name {r.name!r} "
                            "is used twice")
                    names.add(r.name)
                patterns.append(path(r.pattern, view) if r.name is None
                                else path(r.pattern, view, name=r.name))
    return patterns
