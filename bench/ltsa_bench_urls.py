"""URLs of the LTSA benchmark: the whole site plus one bare Django view, served by the same
gunicorn with the same settings and middleware (see bench/ltsa_public_pages.py)."""

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import include
from django.urls import path

BARE_BODY = "<!DOCTYPE html><html lang=id><title>bare</title><p>ok</p></html>"


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE_BODY)


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("lindung.urls")),
]
