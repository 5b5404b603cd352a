"""Census import pages: upload, column mapping, progress (HTMX polling), results and the
per-row error report, the blank template."""

from __future__ import annotations

import re
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect

from lindung.accounts.models import User
from lindung.common import sealed
from lindung.common.bodylimit import body_limit
from lindung.common.routes import route
from lindung.common.tabular import attachment
from lindung.common.views import attempt
from lindung.common.views import page
from lindung.core import access
from lindung.core.decorators import is_htmx
from lindung.core.decorators import staff_view
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.villages.census_import.columns import FIELDS_BY_NAME
from lindung.villages.census_import.report import build_template
from lindung.villages.choices import ImportStatus
from lindung.villages.forms.census import ImportUploadForm
from lindung.villages.forms.census import MappingForm
from lindung.villages.models import CensusImport
from lindung.villages.models import ProgrammeVillage
from lindung.villages.services import imports as import_services
from lindung.villages.views.common import may_add
from lindung.villages.views.common import village_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@route("<uuid:village_id>/imports/", name="imports")
@body_limit(import_services.MAX_BODY_BYTES)
@village_page(CensusImport)
def import_list(request: HttpRequest, user: User, village: ProgrammeVillage) -> HttpResponse:
    can_create = may_add(user, village, CensusImport)
    form = ImportUploadForm(request.POST or None, request.FILES or None) if can_create else None
    if request.method == "POST" and form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        created = attempt(form, lambda: import_services.census_import_create(
            actor=user, programme_village=village, file_name=upload.name,
            data=import_services.uploaded_bytes(upload),
            census_date=form.cleaned_data["census_date"], queue_read=True))
        if created is not None:
            return redirect("villages:import", import_id=created.pk)
    imports = access.visible(user, CensusImport.objects.filter(programme_village=village))
    return page(request, "villages/import_list.html", {
        "village": village, "form": form, "imports": imports.order_by("-created_at")[:50]},
        (form,))


@route("imports/<uuid:import_id>/", name="import")
@staff_view()
def import_detail(request: HttpRequest, user: User, import_id: UUID) -> HttpResponse:
    """Mapping (before the run), progress (polled by HTMX while it runs), results."""
    census_import = access.get_visible_or_404(
        user, CensusImport.objects.select_related("programme_village__village", "job"), VIEW,
        pk=import_id)
    may_run = access.can(user, CREATE, census_import)
    # A reading whose worker died is queued again as soon as someone looks at it.
    import_services.census_import_read_again(census_import)
    form = None
    if census_import.status == ImportStatus.UPLOADED and may_run:
        form = MappingForm(request.POST or None, headers=list(census_import.headers),
                           mapping=census_import.mapping,
                           samples=import_services.census_import_samples(census_import))
        if request.method == "POST" and form.is_valid():
            mapping = form.mapping()
            started = attempt(form, lambda: (
                import_services.census_import_set_mapping(
                    actor=user, census_import=census_import, mapping=mapping),
                import_services.census_import_start(actor=user,
                                                    census_import=census_import)))
            if started is not None:
                return redirect("villages:import", import_id=census_import.pk)
    elif request.method == "POST" and request.POST.get("action") == "resume" and may_run:
        try:
            import_services.census_import_start(actor=user, census_import=census_import)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("villages:import", import_id=census_import.pk)
    context = {
        "census_import": census_import, "village": census_import.programme_village,
        "form": form, "fields": FIELDS_BY_NAME,
        "can_resume": may_run and import_services.can_resume(census_import),
        "errors": census_import.errors.filter(warning=False)[:200],
        "warnings": census_import.errors.filter(warning=True)[:200],
        "retention_days": sealed.retention().days,
    }
    if is_htmx(request):
        response = page(request, "villages/import_progress.html", context)
        if form is not None:  # read by the worker: the whole page, with the mapping form
            response["HX-Refresh"] = "true"
        return response
    return page(request, "villages/import_detail.html", context, (form,))


@route("imports/<uuid:import_id>/errors.xlsx", name="import_errors")
@staff_view()
def import_errors(request: HttpRequest, user: User, import_id: UUID) -> HttpResponse:
    census_import = access.get_visible_or_404(user, CensusImport.objects.all(), VIEW,
                                              pk=import_id)
    try:
        data = import_services.census_import_error_report(actor=user,
                                                          census_import=census_import)
    except ValidationError as exc:  # the uploaded file is no longer kept
        messages.error(request, " ".join(exc.messages))
        return redirect("villages:import", import_id=census_import.pk)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", census_import.file_name.rsplit(".", 1)[0])[:60]
    return attachment(HttpResponse(data, content_type=XLSX), f"perbaiki-{stem or 'sensus'}.xlsx")


@route("imports/template.xlsx", name="import_template")
@staff_view(VIEW, CensusImport)
def import_template(request: HttpRequest, user: User) -> HttpResponse:
    return attachment(HttpResponse(build_template(), content_type=XLSX), "sensus-ruta-pmi.xlsx")
