"""Prevented departures at embarkation points, dissemination events, and the tallies the
task-force statistics read."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lindung.common.models import StrFormatModel
from lindung.core.models import MonthlyTally
from lindung.core.models import OptionallyRegionScopedModel
from lindung.core.models import RegionScopedModel
from lindung.prevention.choices import DisseminationTopic
from lindung.prevention.choices import PreventionOutcome
from lindung.prevention.choices import PreventionReason
from lindung.reports.models import check_multi


class PreventedDeparture(OptionallyRegionScopedModel):
    """People stopped from leaving non-procedurally at an embarkation point."""

    reference = models.CharField(_("nomor"), max_length=16, unique=True)
    site = models.ForeignKey("directory.Site", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("titik embarkasi"))
    # region_code (inherited): the site's region code (province or city), for scope filtering.
    date = models.DateField(_("tanggal"))
    month = models.DateField(editable=False)
    destination_country = models.CharField(_("negara tujuan"), max_length=2)
    reason = models.CharField(_("alasan"), max_length=32, choices=PreventionReason.choices)
    reason_note = models.CharField(_("keterangan alasan"), max_length=300, blank=True)
    acting_agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("instansi yang mencegah"))
    outcome = models.CharField(_("tindak lanjut"), max_length=24,
                               choices=PreventionOutcome.choices)
    recruiter_name = models.CharField(_("perekrut yang diduga"), max_length=200, blank=True)
    recruiter_phone = models.CharField(_("telepon perekrut"), max_length=32, blank=True)
    people_count = models.PositiveIntegerField(_("jumlah orang"), default=0, editable=False)
    minors_count = models.PositiveIntegerField(_("jumlah anak"), default=0, editable=False)
    # The early-warning alert this record resolves (screening app), once per alert.
    screening_alert_id = models.UUIDField(null=True, blank=True, editable=False)
    case = models.ForeignKey("reports.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("kasus"))
    note = models.TextField(_("catatan"), max_length=2000, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [
            models.Index(fields=["month", "region_code"], name="prevented_month_region"),
            models.Index(fields=["site", "date"], name="prevented_site_date"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["screening_alert_id"],
                                    condition=Q(screening_alert_id__isnull=False),
                                    name="prevented_unique_alert"),
        ]

    str_format = "{reference}"


class PreventionRecordStatistic(PreventedDeparture):
    """Prevented departures seen through the statistics capability: counted only."""

    class Meta:
        proxy = True


class PreventedDeparturePerson(StrFormatModel):
    departure = models.ForeignKey(PreventedDeparture, on_delete=models.CASCADE,
                                  related_name="people")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    is_minor = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["departure", "person"],
                                               name="prevented_person_unique")]

    str_format = "{departure_id} {person_id}"


class PreventionTally(MonthlyTally):
    """Prevented departures and people by month, area ("" national, province or regency) and one
    dimension (site, agency, reason, outcome, destination, all), kept in the same
    transaction as each record."""

    departures = models.BigIntegerField(default=0)
    people = models.BigIntegerField(default=0)


class DisseminationEvent(RegionScopedModel):
    """An information session (sosialisasi): where, who ran it, how many came, topics."""

    date = models.DateField(_("tanggal"))
    month = models.DateField(editable=False)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("wilayah"))
    place = models.CharField(_("tempat"), max_length=200)
    site = models.ForeignKey("directory.Site", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("lokasi satgas"))
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("instansi penyelenggara"))
    audience_size = models.PositiveIntegerField(_("jumlah peserta"))
    topics = models.JSONField(_("topik"), default=list)
    note = models.TextField(_("catatan"), max_length=2000, blank=True)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [models.Index(fields=["month", "region_code"], name="dissemination_month")]

    str_format = "{date} {place}"

    def clean(self) -> None:
        self.topics = check_multi(self.topics, DisseminationTopic.values, "topics")
        if not self.topics:
            raise ValidationError({"topics": gettext("Pilih sedikitnya satu topik")})
