"""Helpers shared by the coordination views."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lindung.accounts.models import User
from lindung.common.uploads import CheckedFile, UploadError, check_files
from lindung.coordination.forms.common import EVIDENCE_RULES

T = TypeVar("T")


def user_of(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, messages in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


def attempt(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run a service; its ValidationError lands on the form's fields."""
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def succeeded(form: forms.Form, call: Callable[[], object]) -> bool:
    """Run a service for its effect; False (and the errors on the form) when it refuses."""
    try:
        call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    return True


def checked_files(form: forms.Form, field: str = "evidence") -> list[CheckedFile] | None:
    try:
        return check_files(list(form.cleaned_data.get(field) or []), rules=EVIDENCE_RULES)
    except UploadError as exc:
        form.add_error(field, str(exc))
        return None


def page(request: HttpRequest, template: str, context: dict[str, Any],
         bound: Sequence[forms.Form | None] = ()) -> HttpResponse:
    """Render; a POST whose form has errors answers 400."""
    failed = request.method == "POST" and any(f is not None and f.is_bound and f.errors
                                              for f in bound)
    return render(request, template, context, status=400 if failed else 200)
