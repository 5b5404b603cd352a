"""Shared form pieces: stakeholder pickers, year choices, evidence uploads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lindung.common.uploads import DOCUMENTS
from lindung.common.uploads import PHOTOS
from lindung.common.uploads import UploadRules
from lindung.common.widgets import DateInput
from lindung.directory.models import Agency


def agencies() -> QuerySet[Agency]:
    return Agency.objects.exclude(stakeholder_profile__active=False).order_by("name")


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.shown_name}" + (f" ({obj.short_name})" if obj.short_name else "")


class AgencyMultipleField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.shown_name}" + (f" ({obj.short_name})" if obj.short_name else "")


def date_input() -> forms.DateInput:
    """A native date picker; its value must be ISO (YYYY-MM-DD) whatever the language."""
    return DateInput()


def year_choices(*, back: int = 10, ahead: int = 10) -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year + ahead, this_year - back - 1, -1)]


# Evidence: documents and photos, 5 files of at most 5 MB each.
EVIDENCE_RULES = UploadRules(types=DOCUMENTS | PHOTOS, max_files=5)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Up to five files; their type and size are checked by the kernel's upload checker."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Bukti (PDF, gambar, XLSX, DOCX; paling banyak 5 berkas, "
                                     "masing-masing 5 MB)"))
        kwargs.setdefault("help_text", _("Foto disimpan ulang hanya dengan gambarnya: lokasi "
                                         "(GPS), waktu dan data kamera dihapus, foto HEIC "
                                         "menjadi JPEG. Dokumen disimpan apa adanya."))
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_RULES.accept}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > EVIDENCE_RULES.max_files:
            raise forms.ValidationError(_("Paling banyak 5 berkas."))
        return [super(EvidenceField, self).clean(f, initial) for f in files]

