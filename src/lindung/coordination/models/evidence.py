"""Evidence attachments: files behind a progress report, an action update, an agreement or
a meeting's minutes. The type is detected from the content, the size is bounded, the stored
name is random."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.core.models import OptionallyRegionScopedModel


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"coordination/{timezone.now():%Y/%m}/{instance.pk}{instance.extension}"


class Evidence(OptionallyRegionScopedModel):
    file = models.FileField(upload_to=evidence_path, max_length=200)
    name = models.CharField(_("nama berkas"), max_length=120)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    progress = models.ForeignKey("coordination.IndicatorProgress", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="evidence")
    action_update = models.ForeignKey("coordination.ActionUpdate", null=True, blank=True,
                                      on_delete=models.CASCADE, related_name="evidence")
    agreement = models.ForeignKey("coordination.Agreement", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="evidence")
    meeting = models.ForeignKey("coordination.Meeting", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="evidence")

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(progress__isnull=False, action_update__isnull=True,
                      agreement__isnull=True, meeting__isnull=True)
                    | Q(progress__isnull=True, action_update__isnull=False,
                        agreement__isnull=True, meeting__isnull=True)
                    | Q(progress__isnull=True, action_update__isnull=True,
                        agreement__isnull=False, meeting__isnull=True)
                    | Q(progress__isnull=True, action_update__isnull=True,
                        agreement__isnull=True, meeting__isnull=False)),
                name="coordination_evidence_one_owner"),
        ]

    str_format = "{name}"

    @property
    def owner(self) -> models.Model:
        for owner in (self.progress, self.action_update, self.agreement, self.meeting):
            if owner is not None:
                return owner
        raise LookupError("evidence without an owner")
