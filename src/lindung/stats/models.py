"""Sourced aggregate figures: historical totals taken from a document, never invented events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lindung.common.models import StrFormatModel


class SourcedFigure(StrFormatModel):
    """A number stated by a source (the 2019 Kupang briefing, a regulation), with the
    period it covers and the exact words it rests on."""

    key = models.SlugField(max_length=80, unique=True)
    label = models.CharField(_("keterangan"), max_length=200)
    #: The label in English, shown to a reader who chose English (the source's own words
    #: stay in `quote`, in the language the source used).
    label_en = models.CharField(_("keterangan dalam bahasa Inggris"), max_length=200,
                                blank=True)
    value = models.IntegerField(_("nilai"))
    unit = models.CharField(_("satuan"), max_length=40, default="orang")
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    region = models.ForeignKey("regions.Region", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("sumber"), max_length=200)
    quote = models.CharField(_("kutipan"), max_length=300)
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["period_start", "key"]

    str_format = "{shown_label}: {value}"

    @property
    def shown_label(self) -> str:
        """The label in the reader's language (Bahasa Indonesia when no English is kept)."""
        return self.label_en if get_language() == "en" and self.label_en else self.label
