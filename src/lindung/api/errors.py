"""API errors in the request's language (the language cookie, as for the pages): one
language per response, from the message catalogue (Bahasa Indonesia is the source)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("wajib diisi"),
    "string_too_long": gettext_lazy("terlalu panjang"),
    "string_too_short": gettext_lazy("terlalu pendek"),
    "date_from_datetime_parsing": gettext_lazy("bukan tanggal yang sah (YYYY-MM-DD)"),
    "date_parsing": gettext_lazy("bukan tanggal yang sah (YYYY-MM-DD)"),
    "int_parsing": gettext_lazy("harus berupa angka"),
    "enum": gettext_lazy("bukan pilihan yang sah"),
    "literal_error": gettext_lazy("bukan pilihan yang sah"),
    "uuid_parsing": gettext_lazy("bukan UUID yang sah"),
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
            message = _PYDANTIC_MESSAGES.get(error.get("type", ""), gettext_lazy("tidak sah"))
            errors.append({"field": field, "message": f"{field}: {message}"})
        return api.create_response(request, {"detail": errors}, status=422)

    @api.exception_handler(DjangoValidationError)
    def _domain_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": field_errors(exc)}, status=422)

    @api.exception_handler(PermissionDenied)
    def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        body = {"detail": _("Akses ditolak")}
        why = getattr(exc, "why", None)  # lindung.core.access.Denied says why
        if why:
            body["reason"] = str(why)
        return api.create_response(request, body, status=403)

    @api.exception_handler(Http404)
    def _missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Tidak ditemukan")}, status=404)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Perlu token API atau sesi masuk")}, status=401)
