"""Helpers of the coordination views (the generic ones are in ``lindung.common.views``)."""

from __future__ import annotations

from django import forms

from lindung.common.uploads import CheckedFile
from lindung.common.uploads import UploadError
from lindung.common.uploads import check_files
from lindung.coordination.forms.common import EVIDENCE_RULES


def checked_files(form: forms.Form, field: str = "evidence") -> list[CheckedFile] | None:
    try:
        return check_files(list(form.cleaned_data.get(field) or []), rules=EVIDENCE_RULES)
    except UploadError as exc:
        form.add_error(field, str(exc))
        return None
