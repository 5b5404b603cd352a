"""Indicators per region (village, regency, province, national) with inline SVG charts."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from lindung.accounts.models import User
from lindung.common import charts
from lindung.common.routes import route
from lindung.common.views import page
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.roles import VIEW
from lindung.regions.models import Region
from lindung.villages.choices import RemittanceUse
from lindung.villages.models import IndicatorRegion
from lindung.villages.models import ProgrammeVillage
from lindung.villages.selectors.indicators import Indicators
from lindung.villages.selectors.indicators import breakdown
from lindung.villages.selectors.indicators import indicators_for


def indicator_charts(ind: Indicators) -> dict[str, SafeString]:
    years = sorted(set(ind.departures_by_year) | set(ind.prevented_by_year or {}))
    series = [
        charts.Series(_("non-prosedural (sensus)"),
                      [ind.departures_by_year.get(y, {}).get("non_procedural", 0)
                       for y in years], charts.BAD),
        charts.Series(_("prosedural (sensus)"),
                      [ind.departures_by_year.get(y, {}).get("procedural", 0) for y in years],
                      charts.ACCENT),
    ]
    if ind.prevented_by_year is not None:
        series.append(charts.Series(_("dicegah satgas"),
                                    [ind.prevented_by_year.get(y, 0) for y in years],
                                    charts.WARN))
    uses = ind.remittance_by_use
    return {
        "departures": charts.columns(
            title=_("Keberangkatan menurut tahun"), labels=[str(y) for y in years],
            series=series, unit=_("orang")),
        "remittances": charts.share_bar(
            title=_("Penggunaan remitansi"), unit="Rp",
            parts=[(str(RemittanceUse.PRODUCTIVE.label).split(" (")[0],
                    uses.get(RemittanceUse.PRODUCTIVE, 0), charts.ACCENT),
                   (str(RemittanceUse.CONSUMPTIVE.label).split(" (")[0],
                    uses.get(RemittanceUse.CONSUMPTIVE, 0), charts.WARN),
                   (str(RemittanceUse.SAVINGS.label), uses.get(RemittanceUse.SAVINGS, 0),
                    charts.BLUE)]),
        "turnover": charts.columns(
            title=_("Omzet kelompok usaha per bulan"),
            labels=[f"{month:%m/%y}" for month, _value in ind.turnover_by_month],
            series=[charts.Series(_("omzet"), [v for _month, v in ind.turnover_by_month],
                                  charts.ACCENT)], unit="Rp"),
        "children": charts.bars(
            title=_("Anak PMI dan kartu KIS/KIP"), unit=_("anak"),
            rows=[(_("anak"), ind.children), (_("KIS diterima"), ind.card_received("kis")),
                  (_("KIP diterima"), ind.card_received("kip")),
                  (_("kartu masih diurus"),
                   ind.card_waiting("kis") + ind.card_waiting("kip"))]),
    }


def _region_label(code: str) -> str:
    if not code:
        return _("Nasional")
    region = Region.objects.filter(code=code).first()
    return f"{region.name} ({code})" if region else code


@route("indicators/", name="indicators")
@staff_view(VIEW, IndicatorRegion)
def indicators(request: HttpRequest, user: User) -> HttpResponse:
    scope = access.scope_code(user)
    code = request.GET.get("region", "").strip() or scope
    if code:
        target = IndicatorRegion.objects.filter(code=code).first()
        if target is None:
            raise Http404(_("Wilayah tidak ditemukan"))
        access.require(user, VIEW, target)
    today = timezone.localdate()
    ind = indicators_for(code, today)
    rows = breakdown(code, today)
    names = dict(Region.objects.filter(code__in=[r.code for r in rows]).values_list("code",
                                                                                  "name"))
    villages = dict(ProgrammeVillage.objects.filter(region_code__in=[r.code for r in rows])
                    .values_list("region_code", "id"))
    parent = ""
    if code and code != scope:
        parent = ".".join(code.split(".")[:-1]) if "." in code else ""
        if scope and not access.code_in_scope(scope, parent or "-"):
            parent = scope
    context: dict[str, Any] = {
        "code": code, "label": _region_label(code), "ind": ind, "rows": rows, "names": names,
        "villages": villages, "charts": indicator_charts(ind), "parent": parent,
        "show_parent": bool(code) and code != scope, "today": today,
    }
    return page(request, "villages/indicators.html", context)
