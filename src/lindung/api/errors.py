"""API errors, bilingual: Bahasa Indonesia first, English second."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

_PYDANTIC_MESSAGES = {
    "missing": ("wajib diisi", "is required"),
    "string_too_long": ("terlalu panjang", "is too long"),
    "string_too_short": ("terlalu pendek", "is too short"),
    "date_from_datetime_parsing": ("bukan tanggal yang sah (YYYY-MM-DD)",
                                   "is not a valid date (YYYY-MM-DD)"),
    "date_parsing": ("bukan tanggal yang sah (YYYY-MM-DD)", "is not a valid date (YYYY-MM-DD)"),
    "int_parsing": ("harus berupa angka", "must be a number"),
    "enum": ("bukan pilihan yang sah", "is not one of the allowed values"),
    "literal_error": ("bukan pilihan yang sah", "is not one of the allowed values"),
    "uuid_parsing": ("bukan UUID yang sah", "is not a valid UUID"),
}


def _field_of(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "body"


def field_errors(exc: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(exc, "error_dict"):
        return [{"field": field, "message": str(message)}
                for field, messages in exc.message_dict.items() for message in messages]
    return [{"field": "", "message": str(message)} for message in exc.messages]


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = []
        for error in exc.errors:
            field = _field_of(list(error.get("loc", [])))
            indonesian, english = _PYDANTIC_MESSAGES.get(
                error.get("type", ""), ("tidak sah", str(error.get("msg", "is invalid"))))
            errors.append({"field": field, "message": f"{field}: {indonesian} / {english}"})
        return api.create_response(request, {"detail": errors}, status=422)

    @api.exception_handler(DjangoValidationError)
    def _domain_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": field_errors(exc)}, status=422)

    @api.exception_handler(PermissionDenied)
    def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        body = {"detail": "Akses ditolak / Access denied"}
        why = getattr(exc, "why", None)  # lindung.core.access.Denied says why
        if why:
            body["reason"] = str(why)
        return api.create_response(request, body, status=403)

    @api.exception_handler(Http404)
    def _missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "Tidak ditemukan / Not found"},
                                   status=404)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": "Perlu token API atau sesi masuk / Authentication required"},
            status=401)
