from django.urls import include, path

from lindung.api.api import api
from lindung.core.locale import set_language

urlpatterns = [
    path("", include("lindung.site.urls")),
    path("", include("lindung.core.urls")),
    path("accounts/", include("lindung.accounts.urls")),
    path("regions/", include("lindung.regions.urls")),
    path("people/", include("lindung.people.urls")),
    path("screening/", include("lindung.screening.urls")),
    path("reports/", include("lindung.reports.urls")),
    path("prevention/", include("lindung.prevention.urls")),
    path("ltsa/", include("lindung.ltsa.urls")),
    path("villages/", include("lindung.villages.urls")),
    path("coordination/", include("lindung.coordination.urls")),
    path("stats/", include("lindung.stats.urls")),
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
