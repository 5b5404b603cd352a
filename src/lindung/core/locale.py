"""Bahasa Indonesia unless the user chose otherwise with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a phone set to
English would get English by default; here the default is the service's language and the
choice (kept in the language cookie) is the user's. The switch itself (:func:`set_language`)
needs no CSRF token, so that no page has to carry one just for it.

The API (under ``/api/``) is read by programs as well as by pages: a client without the
cookie names its language the standard way, with ``Accept-Language``, which the API honours
(the cookie, an explicit choice, still comes first).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseForbidden
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from lindung.common.views import quiet

API_PREFIX = "/api/"


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def _accepted(self, request: HttpRequest) -> str:
        """The first supported language of the Accept-Language header ("en-GB" is "en"),
        or "" when it names none."""
        for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language",
                                                                           "")):
            base = code.split("-")[0].lower()
            if base in self.supported:
                return base
        return ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        api = request.path.startswith(API_PREFIX)
        if chosen in self.supported:
            language = chosen
        else:
            language = (self._accepted(request) if api else "") or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie", "Accept-Language") if api else ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


def _same_site(request: HttpRequest) -> bool:
    """Whether a POST comes from one of this site's own pages, by the headers browsers add
    to every POST (Fetch Metadata, then Origin, then Referer). A request that carries none of
    them (a script, or a browser from before 2020) is let through: it cannot be a forged
    cross-site request of a current browser, and the most it can do is change the language."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    referer = request.headers.get("Referer")
    if referer is not None:
        return referer == own or referer.startswith(own + "/")
    return True


@quiet
@csrf_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch (Django's ``set_language``) without a CSRF token.

    The switch is on every page, so a token would make every page, the cached public pages
    too, carry a fresh per-visitor token and a cookie, which costs a third of a cached page's
    time. A language choice is not worth forging, and a forged one from another site is still
    refused: browsers label every POST with where it comes from (``Sec-Fetch-Site`` /
    ``Origin``), and only this site's own pages may switch.
    """
    if not _same_site(request):
        return HttpResponseForbidden("cross-site language switch refused")
    response: HttpResponse = django_set_language(request)
    return response
