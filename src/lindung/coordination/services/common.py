"""Helpers shared by the coordination services."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lindung.common import sealed
from lindung.common.uploads import CheckedFile
from lindung.coordination.models import Evidence
from lindung.core import access

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError({field: message})


def clean_text(value: str | None, max_length: int) -> str:
    return _CONTROL.sub("", (value or "").strip())[:max_length]


def region_code_of(region: Any) -> str:
    return str(region.code) if region is not None else ""


def evidence_attach(*, actor: Any, files: list[CheckedFile], region_code: str,
                    **owner: Any) -> list[Evidence]:
    """Store checked files as evidence of one owner (progress=, action_update=,
    agreement= or meeting=). Call it last in a service, after every check: a file written
    before a failure here is removed again."""
    stored: list[Evidence] = []
    try:
        for checked in files:
            evidence = Evidence(id=uuid.uuid4(), name=checked.name,
                                content_type=checked.content_type,
                                extension=checked.extension, size=checked.size,
                                sha256=checked.sha256, region_code=region_code,
                                created_by=actor, updated_by=actor, **owner)
            sealed.store(evidence.file, checked.content)  # encrypted at rest, a random name
            stored.append(evidence)
            evidence.full_clean()
            evidence.save()
    except Exception:
        for evidence in stored:
            if evidence.file:
                evidence.file.storage.delete(evidence.file.name)
        raise
    return stored


def evidence_names(files: list[CheckedFile]) -> list[str]:
    """For audit details: types and sizes, never file names (they may name people)."""
    return [f"{f.extension}:{f.size}" for f in files]


def refuse(field: str, text: str) -> ValidationError:
    """A validation error on `field`, in the reader's language (a gettext message)."""
    return ValidationError({field: text})


def require_in_scope(actor: Any, action: str, obj: Any, field: str = "region") -> None:
    """The role must allow `action` (else 403); a record outside the actor's scope is a
    clear error on `field` (the form can say what is wrong)."""

    access.require(actor, action, type(obj))
    if not access.can(actor, action, obj):
        raise refuse(field, _("Wilayah di luar lingkup kerja Anda"))
