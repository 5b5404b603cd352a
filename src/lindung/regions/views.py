from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from lindung.common.routes import route
from lindung.regions.selectors import region_search


@route("lookup/", name="lookup")
def region_lookup(request: HttpRequest) -> HttpResponse:
    """Type-ahead options for region inputs (public: the region tree is public data)."""
    field = request.GET.get("field", "")
    query = (request.GET.get("q") or (request.GET.get(field, "") if field else ""))[:80]
    level = request.GET.get("level") or None
    regions = region_search(query, level=level, limit=15) if len(query.strip()) >= 2 else []
    return render(request, "regions/region_options.html", {"regions": regions})
