from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from lindung.common.views import staff_user
from lindung.core.decorators import staff_required
from lindung.stats import work
from lindung.stats.models import SourcedFigure
from lindung.stats.seed import SEED_ISSUES, SEED_SOURCE


def data_quality(request: HttpRequest) -> HttpResponse:
    """Public: every inconsistency in the seed document and what the system does about it."""
    return render(request, "stats/data_quality.html",
                  {"issues": SEED_ISSUES, "source": SEED_SOURCE})


def sourced_figures(request: HttpRequest) -> HttpResponse:
    return render(request, "stats/sourced_figures.html",
                  {"figures": SourcedFigure.objects.select_related("region"),
                   "source": SEED_SOURCE})


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Semua tahun")),  # type: ignore[attr-defined]
                                       *[(y, str(y)) for y in years]]


@staff_required
def work_statistics(request: HttpRequest) -> HttpResponse:
    """Screening, referrals and cases in the reader's area, for a year or all years."""
    user = staff_user(request)
    years = work.available_years(user)
    data = request.GET if "year" in request.GET else {"year": str(years[0])}
    form = YearForm(data, years=years)
    year = form.cleaned_data["year"] if form.is_valid() else years[0]
    stats = work.work_statistics(user=user, year=year)
    if not any(stats.shown.values()):
        raise PermissionDenied
    return render(request, "stats/work.html", {"form": form, "stats": stats},
                  status=400 if form.errors else 200)
