"""A view of the region tree for access decisions about aggregate indicators: a user may
see the indicators of a region inside their scope (the region's own code is its scope)."""

from __future__ import annotations

from lindung.regions.models import Region


class IndicatorRegion(Region):
    class Meta:
        proxy = True
        ordering = ["code"]
