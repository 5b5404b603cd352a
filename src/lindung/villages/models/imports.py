"""Bulk census imports from the XLSX/CSV sheets village officers keep. The import is its
own progress record: `next_row` is the first data row not yet committed, so an import that
was killed resumes where it stopped, and the natural keys make any re-run idempotent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lindung.common.models import StrFormatModel
from lindung.core.models import RegionScopedModel
from lindung.core.models import progress_percent
from lindung.villages.choices import ImportStatus


class CensusImport(RegionScopedModel):
    programme_village = models.ForeignKey("villages.ProgrammeVillage", on_delete=models.PROTECT,
                                          related_name="imports")
    file = models.FileField(upload_to="villages/census/%Y/%m/", max_length=200)
    file_name = models.CharField(_("nama berkas"), max_length=200)
    file_sha256 = models.CharField(max_length=64, editable=False)
    sheet_name = models.CharField(_("lembar"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(default=1)  # 1-based row number in the sheet
    headers = models.JSONField(default=list, blank=True)
    # column index (as a string) -> census field name
    mapping = models.JSONField(default=dict, blank=True)
    census_date = models.DateField(_("tanggal pendataan"))
    status = models.CharField(max_length=12, choices=ImportStatus.choices,
                              default=ImportStatus.UPLOADED, db_index=True)
    job = models.ForeignKey("core.BackgroundJob", null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+")
    synthetic = models.BooleanField(default=False)
    total_rows = models.PositiveIntegerField(default=0)
    # Progress: data rows [0, next_row) are committed (index into the sheet's data rows).
    next_row = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    blank_rows = models.PositiveIntegerField(default=0)
    people_created = models.PositiveIntegerField(default=0)
    people_matched = models.PositiveIntegerField(default=0)
    households_created = models.PositiveIntegerField(default=0)
    stays_created = models.PositiveIntegerField(default=0)
    children_created = models.PositiveIntegerField(default=0)
    runs = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]

    str_format = "{file_name} ({status})"

    @property
    def percent(self) -> int:
        return progress_percent(self.next_row, self.total_rows,
                                finished=self.status == ImportStatus.DONE)

    @property
    def is_active(self) -> bool:
        return self.status in (ImportStatus.READING, ImportStatus.QUEUED, ImportStatus.RUNNING)


class CensusImportError(StrFormatModel):
    """A problem with one row of an import (an error, or a warning on a row imported all
    the same): where (row, column) and what, never the value.
    The downloadable report re-reads the stored file to show the row as it was."""

    census_import = models.ForeignKey(CensusImport, on_delete=models.CASCADE,
                                      related_name="errors")
    row_number = models.PositiveIntegerField()  # 1-based row in the sheet
    field = models.CharField(max_length=40, blank=True)
    message = models.CharField(max_length=400)
    # For a member without a KK/household number: the sheet row of the head of household
    # above it, which the error report repeats so that the fixed rows find their household.
    context_row = models.PositiveIntegerField(null=True, blank=True)
    # A warning, not an error: the row was imported; the officer is told what to check.
    warning = models.BooleanField(default=False)

    class Meta:
        ordering = ["row_number", "id"]
        indexes = [models.Index(fields=["census_import", "row_number"])]

    str_format = "{row_number}: {message}"
