"""Departure screening at embarkation points: manifests, screened passengers, alerts.

A manifest (uploaded, typed in, or posted by a machine client) is accepted whole or not at
all; each passenger gets a verdict (clear / check / stop) with its reasons and links to the
records matched. Hits raise an alert to the staff of the embarkation point, which they
acknowledge and resolve (for example by recording a prevented departure: the prevention
record is linked by id, `Alert.prevented_departure_id`)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lindung.common import stored_text
from lindung.common.models import StrFormatModel
from lindung.core.fields import EncryptedTextField
from lindung.core.models import RegionScopedModel
from lindung.core.models import progress_percent
from lindung.regions.nik import mask_nik
from lindung.screening.choices import AlertResolution
from lindung.screening.choices import AlertStatus
from lindung.screening.choices import Journey
from lindung.screening.choices import ManifestSource
from lindung.screening.choices import ManifestStatus
from lindung.screening.choices import Verdict


class ScreeningManifest(RegionScopedModel):
    """One list of departing passengers at one embarkation point on one day."""

    site = models.ForeignKey("directory.Site", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("titik embarkasi"))
    source = models.CharField(_("sumber"), max_length=8, choices=ManifestSource.choices)
    reference = models.CharField(_("kapal/penerbangan"), max_length=100, blank=True)
    #: The kind of journey as given; ``journey`` is the kind the rules use (a domestic leg to
    #: a known transit point named in ``destination`` is "transit").
    journey = models.CharField(_("jenis perjalanan"), max_length=16, choices=Journey.choices,
                               default=Journey.INTERNATIONAL)
    destination = models.CharField(_("tujuan kapal/penerbangan"), max_length=100, blank=True)
    departure_date = models.DateField(_("tanggal keberangkatan"))
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    # The validated manifest waiting for the background screening (removed when done).
    file = models.FileField(upload_to="screening/%Y/%m/", blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ManifestStatus.choices,
                              default=ManifestStatus.QUEUED)
    rows = models.PositiveIntegerField(_("penumpang"), default=0)
    screened = models.PositiveIntegerField(default=0)
    clear_count = models.PositiveIntegerField(default=0)
    check_count = models.PositiveIntegerField(default=0)
    stop_count = models.PositiveIntegerField(default=0)
    job = models.ForeignKey("core.BackgroundJob", null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+")
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{site_id} {departure_date} ({rows})"

    @property
    def percent(self) -> int:
        return progress_percent(self.screened, self.rows,
                                finished=self.status == ManifestStatus.DONE)


def reason_text(reason: dict[str, Any]) -> str:
    """A screening reason's text in the reader's language. The rule book writes each rule
    in both languages (data, not the message catalogue), and the reason keeps both;
    reasons kept before that have one "Indonesian / English" text."""
    english = (translation.get_language() or "").startswith("en")
    text = reason.get("text_en" if english else "text_id")
    return str(text) if text else str(reason.get("text", ""))


def reason_detail(reason: dict[str, Any]) -> str:
    """A reason's detail in the reader's language: kept in both languages (detail_id,
    detail_en) or as a kept message (common.stored_text)."""
    english = (translation.get_language() or "").startswith("en")
    both = reason.get("detail_en" if english else "detail_id")
    return str(both) if both else stored_text.show(str(reason.get("detail") or ""))


def shown_reasons(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reasons with their text and detail in the reader's language."""
    return [{**reason, "text": reason_text(reason), "detail": reason_detail(reason)}
            for reason in reasons]


class ScreenedPassenger(RegionScopedModel):
    """A passenger of a manifest and the verdict of the screening. `reasons` is a list of
    {code, severity (stop/check/info), text_id and text_en (the rule's text in each
    language; shown by `reason_text` in the reader's), detail (a kept message:
    common.stored_text), plus the ids of the records concerned}; `watchlist_hits` lists
    {entry_id, kind, score, decision}."""

    manifest = models.ForeignKey(ScreeningManifest, on_delete=models.CASCADE,
                                 related_name="passengers")
    row_number = models.PositiveIntegerField(_("baris"))
    name = models.CharField(_("nama"), max_length=200)
    nik = EncryptedTextField(_("NIK"), blank=True)
    passport_number = EncryptedTextField(_("nomor paspor"), blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, blank=True)
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    destination = models.CharField(_("tujuan"), max_length=100, blank=True)
    has_certificate = models.BooleanField(_("menunjukkan sertifikat"), default=False)
    verdict = models.CharField(_("hasil"), max_length=8, choices=Verdict.choices,
                               default=Verdict.PENDING, db_index=True)
    reasons = models.JSONField(default=list)
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    person_score = models.FloatField(null=True, blank=True)
    application_id = models.UUIDField(null=True, blank=True)
    watchlist_hits = models.JSONField(default=list)
    age = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["manifest", "row_number"]
        constraints = [models.UniqueConstraint(fields=["manifest", "row_number"],
                                               name="screened_passenger_row")]
        indexes = [models.Index(fields=["manifest", "verdict"], name="screened_verdict")]

    str_format = "{manifest_id} #{row_number}"

    @property
    def shown_reasons(self) -> list[dict[str, Any]]:
        return shown_reasons(self.reasons)

    @property
    def masked_nik(self) -> str:
        return mask_nik(self.nik) if self.nik else ""


class Alert(RegionScopedModel):
    """A hit at an embarkation point, for the agencies posted there: open -> acknowledged ->
    resolved (with a resolution)."""

    site = models.ForeignKey("directory.Site", on_delete=models.PROTECT, related_name="+")
    manifest = models.ForeignKey(ScreeningManifest, on_delete=models.CASCADE,
                                 related_name="alerts")
    #: The passenger of the first hit (later hits: ``hits``).
    passenger = models.ForeignKey(ScreenedPassenger, on_delete=models.CASCADE,
                                  related_name="+")
    #: Who the alert is about at this point: ``person:<id>`` for a registered person, else
    #: ``nik:<blind index>``, else ``name:<blind index of name and birth date>``. One open
    #: (not resolved) alert per subject and point: later hits are appended to it.
    subject = models.CharField(max_length=80)
    verdict = models.CharField(max_length=8, choices=Verdict.choices)
    hit_count = models.PositiveIntegerField(_("kemunculan"), default=1)
    last_hit_at = models.DateTimeField(null=True, blank=True)
    reasons = models.JSONField(default=list)
    status = models.CharField(_("status"), max_length=16, choices=AlertStatus.choices,
                              default=AlertStatus.OPEN, db_index=True)
    acknowledged_by = models.ForeignKey("accounts.User", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey("accounts.User", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(_("penyelesaian"), max_length=24,
                                  choices=AlertResolution.choices, blank=True)
    resolution_note = models.CharField(_("catatan"), max_length=500, blank=True)
    prevented_departure_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["site", "status"], name="alert_site_status")]
        constraints = [models.UniqueConstraint(
            fields=["site", "subject"], condition=~models.Q(status="resolved"),
            name="alert_one_open_per_subject")]

    str_format = "{verdict} {status} {site_id}"


class AlertHit(StrFormatModel):
    """One appearance of the alert's subject at the point: a screened passenger of a
    manifest, with that screening's verdict and reasons."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="hits")
    passenger = models.OneToOneField(ScreenedPassenger, on_delete=models.CASCADE,
                                     related_name="alert_hit")
    manifest = models.ForeignKey(ScreeningManifest, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(max_length=8, choices=Verdict.choices)
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["alert", "created_at"]

    str_format = "{alert_id} {passenger_id}"
