"""The Kemendagri region tree: province > regency > district > village."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from lindung.common.models import StrFormatModel
from lindung.regions.choices import RegionLevel


class RegionQuerySet(models.QuerySet["Region"]):
    def within(self, code: str) -> RegionQuerySet:
        """The region with this code and everything below it."""
        if not code:
            return self
        return self.filter(Q(code=code) | Q(code__startswith=code + "."))


class Region(StrFormatModel):
    """An official region. The code is the dotted Kemendagri code ("53.01.02.2001"), so a
    region's descendants are the codes that start with its code and a dot."""

    code = models.CharField(max_length=16, primary_key=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    level = models.CharField(max_length=10, choices=RegionLevel.choices, db_index=True)
    name = models.CharField(max_length=120)
    # Normalised name for look-ups (lowercase, "kab."/"kabupaten" unified, no punctuation).
    search_name = models.CharField(max_length=120, db_index=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    str_format = "{name}"

    @property
    def ancestor_codes(self) -> list[str]:
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]
