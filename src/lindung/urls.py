from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import include
from django.urls import path

from lindung.api.api import api
from lindung.core.locale import set_language

# (prefix, app) in the order Django tries them: site, core and ops all sit at the root.
APPS = (("", "site"), ("", "core"), ("accounts/", "accounts"), ("regions/", "regions"),
        ("people/", "people"), ("screening/", "screening"), ("reports/", "reports"),
        ("prevention/", "prevention"), ("ltsa/", "ltsa"), ("villages/", "villages"),
        ("coordination/", "coordination"), ("stats/", "stats"))

urlpatterns: list[URLPattern | URLResolver] = [
    *(path(prefix, include(f"lindung.{app}.urls")) for prefix, app in APPS),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("", include("lindung.ops.urls")),
]

# Never a bare error page: styled, bilingual, with the menu, saying why and who can grant
# access (JSON under /api/).
handler403 = "lindung.site.errors.forbidden"
handler404 = "lindung.site.errors.not_found"
# Database unreachable: 503 with Retry-After, drawn without the database (ops/views.py).
handler500 = "lindung.ops.views.server_error"
