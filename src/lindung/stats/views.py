from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from lindung.common.routes import route
from lindung.stats.models import SourcedFigure
from lindung.stats.seed import SEED_ISSUES
from lindung.stats.seed import SEED_SOURCE


@route("data-quality/", name="data_quality")
def data_quality(request: HttpRequest) -> HttpResponse:
    """Public: every inconsistency in the seed document and what the system does about it."""
    return render(request, "stats/data_quality.html",
                  {"issues": SEED_ISSUES, "source": SEED_SOURCE})


@route("sources/", name="sourced_figures")
def sourced_figures(request: HttpRequest) -> HttpResponse:
    return render(request, "stats/sourced_figures.html",
                  {"figures": SourcedFigure.objects.select_related("region"),
                   "source": SEED_SOURCE})
