"""The REST API at /api/v1/: each app contributes a router."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from lindung.accounts.api import router as accounts_router
from lindung.api.auth import StaffSessionAuth
from lindung.api.auth import TokenAuth
from lindung.api.errors import install_error_handlers
from lindung.coordination.api import router as coordination_router
from lindung.ltsa.api import router as ltsa_router
from lindung.people.api import router as people_router
from lindung.prevention.api import router as prevention_router
from lindung.regions.api import router as regions_router
from lindung.reports.api import router as reports_router
from lindung.screening.api import router as screening_router
from lindung.villages.api import router as villages_router

#: The API's description, in the language of the request (Accept-Language, like every
#: answer of the API): the schema is built for each request of /api/v1/openapi.json.
DESCRIPTION = gettext_lazy(
    "API Lindung untuk instansi dan sistem mesin (misalnya sistem pemeriksaan imigrasi). "
    "Autentikasi: `Authorization: Bearer <token>`. Lingkup data sama dengan akun pemilik "
    "token.")


class LindungAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["info"]["description"] = str(DESCRIPTION)
        return schema


api = LindungAPI(
    title="Lindung API",
    version="1",
    description="",  # DESCRIPTION, in the language of each request (above)
    urls_namespace="api",
    auth=[TokenAuth(), StaffSessionAuth()],
)
install_error_handlers(api)


def _mount() -> None:
    api.add_router("/regions", regions_router)
    api.add_router("/people", people_router)
    api.add_router("/screening", screening_router)
    api.add_router("/reports", reports_router)
    api.add_router("/prevention", prevention_router)
    api.add_router("/ltsa", ltsa_router)
    api.add_router("/villages", villages_router)
    api.add_router("/coordination", coordination_router)
    api.add_router("/accounts", accounts_router)


_mount()
