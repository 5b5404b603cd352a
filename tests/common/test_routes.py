"""Routes declared on the views (`@route`) and gathered by an app's urls.py
(`urlpatterns_of`): the order Django tries them, the refusals that keep a URL from silently
skipping a decorator or reversing to the wrong page, and the real URLs they make."""

from __future__ import annotations

import importlib
import pkgutil
import textwrap
from collections.abc import Iterator
from itertools import count
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import resolve
from django.urls import reverse
from django.views.decorators.http import require_POST

import lindung
from lindung.accounts import admin_views
from lindung.common.routes import Route
from lindung.common.routes import route
from lindung.common.routes import routes_of
from lindung.common.routes import urlpatterns_of
from lindung.ltsa.views import port
from lindung.ltsa.views import public
from lindung.reports.views import cases

_modules = count()


def module_of(source: str) -> ModuleType:
    """A views module made of `source`, under a name of its own (routes are declared by
    module), with `route` and `require_POST` at hand."""
    module = ModuleType(f"tests.common.routed_{next(_modules)}")
    namespace = vars(module)
    namespace.update(route=route, require_POST=require_POST, HttpResponse=HttpResponse)
    exec(compile(textwrap.dedent(source), module.__name__, "exec"), namespace)  # noqa: S102
    return module


def listed(patterns: list[URLPattern]) -> list[tuple[str, str | None, str]]:
    return [(str(p.pattern), p.name, p.callback.__name__) for p in patterns]


def test_route_records_the_route_and_returns_the_view_unchanged() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    routed = route("here/<int:n>/", name="here")(view)
    assert routed is view
    [declared] = routes_of(view)
    assert (declared.pattern, declared.name) == ("here/<int:n>/", "here")
    assert routes_of(test_route_records_the_route_and_returns_the_view_unchanged) == ()


def test_patterns_come_module_by_module_in_source_order() -> None:
    first = module_of("""
        @route("b/", name="b")
        def b(request): return HttpResponse()

        @route("a/", name="a")
        @route("a-too/", name=None)
        @require_POST
        def a(request): return HttpResponse()

        def made(name):
            @route(f"{name}/", name=name)
            def view(request): return HttpResponse()
            return view

        d = made("d")
        c = made("c")
    """)
    second = module_of("""
        @route("e/", name="e")
        def e(request): return HttpResponse()
    """)
    assert listed(urlpatterns_of(second, first)) == [
        ("e/", "e", "e"), ("b/", "b", "b"), ("a/", "a", "a"), ("a-too/", None, "a"),
        ("d/", "d", "view"), ("c/", "c", "view")]
    # The view served is the decorated one: a GET is refused by require_POST.
    a = urlpatterns_of(first)[1].callback
    assert a is vars(first)["a"]
    assert a(RequestFactory().get("/a/")).status_code == 405
    assert a(RequestFactory().post("/a/")).status_code == 200
    assert [r.name for r in routes_of(a)] == ["a", None]
    assert all(isinstance(r, Route) for r in routes_of(a))


def test_a_name_used_twice_is_refused() -> None:
    first = module_of("""
        @route("one/", name="same")
        def one(request): return HttpResponse()
    """)
    second = module_of("""
        @route("two/", name="same")
        def two(request): return HttpResponse()
    """)
    assert len(urlpatterns_of(first)) == len(urlpatterns_of(second)) == 1
    with pytest.raises(ImproperlyConfigured, match="'same' is used twice"):
        urlpatterns_of(first, second)


def test_route_below_another_decorator_is_refused() -> None:
    module = module_of("""
        @require_POST
        @route("posted/", name="posted")
        def posted(request): return HttpResponse()
    """)
    with pytest.raises(ImproperlyConfigured, match="outermost"):
        urlpatterns_of(module)


def test_real_names_reverse_and_resolve_as_before() -> None:
    assert reverse("ltsa:verify", args=["abc"]) == "/ltsa/verify/abc"
    assert resolve("/ltsa/verify/abc/").func is public.verify
    assert resolve("/ltsa/verify/").func is port.certificate_lookup
    assert reverse("accounts:user_reactivate", args=[3]) == "/accounts/users/3/reactivate/"
    assert resolve("/accounts/users/3/reactivate/").func is admin_views.user_reactivate
    report = "00000000-0000-0000-0000-000000000007"
    assert reverse("reports:case_open_from_report", args=[report]) == f"/reports/{report}/case/"
    assert resolve("/reports/cases/new/").func is cases.case_open
    assert reverse("site:landing") == "/"
    assert reverse("ops:healthz") == "/healthz"
    assert reverse("villages:import_template") == "/villages/imports/template.xlsx"


def _served(patterns: list[URLPattern | URLResolver]) -> Iterator[object]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _served(p.url_patterns)
        else:
            yield p.callback


def test_every_routed_view_is_served() -> None:
    """A views module missing from its app's urls.py would leave its pages without a URL."""
    served = {id(view) for view in _served(get_resolver().url_patterns)}
    routed = []
    for info in pkgutil.walk_packages(lindung.__path__, "lindung."):
        if "views" in info.name.rsplit(".", 2)[-2:] or info.name.endswith("_views"):
            module = importlib.import_module(info.name)
            routed += [value for value in vars(module).values()
                       if callable(value) and routes_of(value)]
    assert len(routed) > 150
    assert [view for view in routed if id(view) not in served] == []
