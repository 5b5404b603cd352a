"""Programme villages: the list measured against the cohort targets, one village's
dashboard, creating and editing villages and their officers, the village report PDF."""

from __future__ import annotations

from uuid import UUID

from django.db.models import Count
from django.db.models import Q
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from lindung.accounts.models import User
from lindung.common.pdf import pdf_response
from lindung.common.routes import route
from lindung.common.views import attempt
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.core import access
from lindung.core import audit
from lindung.core.choices import AuditAction
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import Role
from lindung.villages import pdf
from lindung.villages.choices import ActivityKind
from lindung.villages.forms.census import OfficerForm
from lindung.villages.forms.census import ProgrammeVillageEditForm
from lindung.villages.forms.census import ProgrammeVillageForm
from lindung.villages.models import BusinessGroup
from lindung.villages.models import CensusHousehold
from lindung.villages.models import CensusImport
from lindung.villages.models import Cooperative
from lindung.villages.models import IndicatorRegion
from lindung.villages.models import ParentingActivity
from lindung.villages.models import ProgrammeVillage
from lindung.villages.models import Remittance
from lindung.villages.models import ServiceLogEntry
from lindung.villages.selectors import programme as programme_selectors
from lindung.villages.selectors.indicators import indicators_for
from lindung.villages.services import programme as programme_services
from lindung.villages.services.programme import officer_may_serve
from lindung.villages.views.indicators import indicator_charts


@route("", name="home")
@staff_view(VIEW, ProgrammeVillage)
def home(request: HttpRequest, user: User) -> HttpResponse:
    villages = programme_selectors.visible_villages(user)
    cohort = request.GET.get("cohort", "")
    listed = villages.filter(cohort_year=int(cohort)) if cohort.isdigit() else villages
    listing = paginated(request, listed.order_by("region_code"), 50)
    return page(request, "villages/home.html", {
        "page": listing, "cohort": cohort,
        "cohorts": programme_selectors.villages_by_cohort(villages),
        "targets": programme_selectors.cohort_targets(ProgrammeVillage.objects.all()),
        "can_create": access.can(user, CREATE, ProgrammeVillage),
        "can_indicators": access.can(user, VIEW, IndicatorRegion),
    })


@route("new/", name="create")
@staff_view(CREATE, ProgrammeVillage)
def village_create(request: HttpRequest, user: User) -> HttpResponse:
    form = ProgrammeVillageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = attempt(form, lambda: programme_services.programme_village_create(
            actor=user, village=data["village"], cohort_year=data["cohort_year"],
            special_ntt=data["special_ntt"], status=data["status"],
            post_address=data["post_address"], note=data["note"]))
        if created is not None:
            return redirect("villages:detail", village_id=created.pk)
    return page(request, "villages/village_form.html", {"form": form, "creating": True},
                (form,))


@route("<uuid:village_id>/", name="detail")
@staff_view()
def village_detail(request: HttpRequest, user: User, village_id: UUID) -> HttpResponse:
    village = access.get_visible_or_404(
        user, ProgrammeVillage.objects.select_related("village__parent__parent", "regency"),
        VIEW, pk=village_id)
    can = {name: access.can(user, VIEW, model) for name, model in (
        ("census", CensusHousehold), ("services", ServiceLogEntry), ("business", BusinessGroup),
        ("parenting", ParentingActivity), ("cooperative", Cooperative),
        ("remittances", Remittance), ("indicators", IndicatorRegion))}
    counts = {}
    if can["census"]:
        counts["households"] = village.households.count()
        counts["imports"] = CensusImport.objects.filter(programme_village=village).count()
    if can["business"]:
        counts["businesses"] = village.business_groups.count()
    if can["parenting"]:
        counts["children"] = village.children.count()
        counts["activities"] = village.activities.count()
    if can["services"]:
        counts["services"] = village.service_log.count()
    cooperative = Cooperative.objects.filter(programme_village=village).first()
    indicators = charts_ctx = None
    if can["indicators"] and access.can(user, VIEW, IndicatorRegion(code=village.region_code)):
        indicators = indicators_for(village.region_code, timezone.localdate())
        charts_ctx = indicator_charts(indicators)
    return page(request, "villages/village_detail.html", {
        "village": village, "can": can, "counts": counts, "cooperative": cooperative,
        "indicators": indicators, "charts": charts_ctx,
        "officers": village.officers.order_by("username"),
        "can_change": access.can(user, CHANGE, village),
    })


def _officer_choices(village: ProgrammeVillage) -> object:
    candidates = User.objects.filter(role=Role.VILLAGE_OFFICER, is_active=True).exclude(
        pk__in=village.officers.values("pk")).exclude(scope_region__isnull=True)
    return candidates.filter(pk__in=[u.pk for u in candidates if officer_may_serve(u, village)])


@route("<uuid:village_id>/edit/", name="edit")
@staff_view()
def village_edit(request: HttpRequest, user: User, village_id: UUID) -> HttpResponse:
    village = access.get_visible_or_404(user, ProgrammeVillage.objects.select_related("village"),
                                        CHANGE, pk=village_id)
    initial = {key: getattr(village, key) for key in ("cohort_year", "special_ntt", "status",
                                                      "post_address", "note")}
    # Only a POST binds a form: a GET opens the form filled with the village as it is (an
    # empty QueryDict bound the form, which opened blank with errors and saved blanks).
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "save") if posted is not None else ""
    form = ProgrammeVillageEditForm(posted if action == "save" else None, initial=initial)
    officer_form = OfficerForm(posted if action == "add_officer" else None,
                               officers=_officer_choices(village))
    if request.method == "POST":
        if action == "save" and form.is_valid():
            if attempt(form, lambda: programme_services.programme_village_update(
                    actor=user, programme_village=village, **form.cleaned_data)):
                return redirect("villages:detail", village_id=village.pk)
        elif action == "add_officer" and officer_form.is_valid():
            if attempt(officer_form, lambda: programme_services.programme_village_officer_add(
                    actor=user, programme_village=village,
                    officer=officer_form.cleaned_data["officer"]) or True):
                return redirect("villages:edit", village_id=village.pk)
        elif action == "remove_officer":
            officer_id = request.POST.get("officer", "")
            officer = (village.officers.filter(pk=int(officer_id)).first()
                       if officer_id.isdigit() else None)
            if officer is not None:
                programme_services.programme_village_officer_remove(
                    actor=user, programme_village=village, officer=officer)
            return redirect("villages:edit", village_id=village.pk)
    return page(request, "villages/village_form.html", {
        "form": form, "officer_form": officer_form, "village": village, "creating": False,
        "officers": village.officers.order_by("username")}, (form, officer_form))


@route("<uuid:village_id>/report.pdf", name="report")
@staff_view()
def village_report(request: HttpRequest, user: User, village_id: UUID) -> HttpResponse:
    village = access.get_visible_or_404(
        user, ProgrammeVillage.objects.select_related("village", "regency"), VIEW, pk=village_id)
    access.require(user, VIEW, IndicatorRegion(code=village.region_code))
    indicators = indicators_for(village.region_code, timezone.localdate())
    businesses = [(g.name, g.product, g.get_potential_display(), g.n) for g in
                  village.business_groups.annotate(n=Count(
                      "members", filter=Q(members__left_on__isnull=True))).order_by("name")]
    labels = dict(ActivityKind.choices)
    activities = [(str(labels.get(row["kind"], row["kind"])), row["n"], row["present"])
                  for row in village.activities.values("kind").annotate(
                      n=Count("id", distinct=True), present=Count("attendance")).order_by("kind")]
    data = pdf.village_report(programme_village=village, indicators=indicators,
                              businesses=businesses, activities=activities)
    audit.record_object(actor=user, action=AuditAction.EXPORT, obj=village,
                        region_code=village.region_code, detail={"report": "village_pdf"})
    return pdf_response(data, f"desmigratif-{village.region_code}.pdf")

