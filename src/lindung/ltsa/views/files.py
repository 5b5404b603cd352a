"""Staff pages of the application files: register (search before create), the file with
its checklist, the desks' decisions, payments, printable documents, the desk queue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.models import User
from lindung.common.links import public_base
from lindung.common.pdf import pdf_response
from lindung.common.routes import route
from lindung.common.views import errors_onto_form
from lindung.common.views import paginated
from lindung.core import access
from lindung.core.decorators import is_htmx
from lindung.core.decorators import staff_view
from lindung.core.pages import list_page
from lindung.core.roles import CHANGE
from lindung.core.roles import CREATE
from lindung.core.roles import VIEW
from lindung.core.roles import VIEW_IDENTITY
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.models import Site
from lindung.ltsa import certificates
from lindung.ltsa import checklist
from lindung.ltsa import pdf
from lindung.ltsa import receipts
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.access import may_change_centre
from lindung.ltsa.access import may_decide_item
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import ItemStatus
from lindung.ltsa.forms import DecideForm
from lindung.ltsa.forms import NewPersonForm
from lindung.ltsa.forms import PaymentForm
from lindung.ltsa.forms import PersonSearchForm
from lindung.ltsa.forms import PhotoForm
from lindung.ltsa.forms import ReceiptForm
from lindung.ltsa.forms import RegistrationForm
from lindung.ltsa.forms import WithdrawForm
from lindung.ltsa.models import Application
from lindung.ltsa.models import ChecklistItem
from lindung.ltsa.models import FeeComplaint
from lindung.ltsa.models import Payment
from lindung.people import selectors as people_selectors
from lindung.people import services as people_services
from lindung.people.models import Person
from lindung.people.selectors import PersonCandidate
from lindung.people.services import person_create

# The open job orders offered by the registration's picker (the person's region first
# narrows them; a number beyond the list can still be typed in full).
JOB_ORDER_CHOICES = 300


@dataclass(frozen=True)
class Found:
    """A person found by the search of step 1: by the matching engine (``candidate``: its
    score and explained reasons) or by the plain registry search (``candidate`` None)."""

    person: Person
    candidate: PersonCandidate | None = None


def person_candidates(user: User, query: str) -> list[Found]:
    """Search before create: the matching engine's likely people
    (``lindung.people.selectors.person_candidates``, fuzzy, explained) first, then the
    registry's exact NIK/passport and name-token search, without duplicates."""
    found = [Found(hit.person, hit) for hit in people_selectors.person_candidates(
        user=user, query=query, limit=15)]
    seen = {item.person.pk for item in found}
    for person in people_selectors.person_search(user=user, query=query).select_related(
            "village")[:25]:
        if person.pk not in seen:
            found.append(Found(person))
            seen.add(person.pk)
    # The engine's candidates are audited by their selector; the registry search's here.
    people_services.people_read(actor=user, people=[item.person for item in found[:25]
                                                    if item.candidate is None],
                                context="ltsa-person-search")
    return found[:25]


def ltsa_centres_for(user: User) -> QuerySet[Site]:
    centres = Site.objects.filter(kind=SiteKind.LTSA_CENTRE)
    if user.site_id:
        return centres.filter(pk=user.site_id)
    return centres.filter(access.area_of(user).q("region_code")).order_by("name")


@route("staff/applications/", name="application_list")
@staff_view(VIEW, Application)
def application_list(request: HttpRequest, user: User) -> HttpResponse:
    apps = selectors.visible_applications(user)
    query = request.GET.get("q", "").strip()[:120]
    status = request.GET.get("status", "")
    if query:
        apps = apps.filter(Q(number__iexact=query) | Q(person__search_name__contains=query.lower())
                           | Q(job_order__permit_number__icontains=query))
    if status in ApplicationStatus.values:
        apps = apps.filter(status=status)
    return list_page(request, user, "ltsa/application_list.html",
                     apps.order_by("-created_at", "id"), Application, context={
                         "q": query, "status": status, "statuses": ApplicationStatus.choices})


@route("staff/applications/new/", name="application_create")
@staff_view(CREATE, Application)
def application_create(request: HttpRequest, user: User) -> HttpResponse:
    """Step 1: search the registry; pick a person or (only after a search) create one.
    Step 2: the job order, departure date and marital status."""
    search_form = PersonSearchForm(request.GET if "q" in request.GET else None)
    candidates: list[Found] = []
    if search_form.is_valid():
        candidates = person_candidates(user, search_form.cleaned_data["q"])
    person: Person | None = None
    person_id = request.GET.get("person") or request.POST.get("person")
    if person_id:
        person = access.get_visible_or_404(user, Person.objects.all(), VIEW, pk=person_id)
    step = request.POST.get("step")
    new_person_form = NewPersonForm(request.POST if step == "person" else None, prefix="new")
    registration = RegistrationForm(request.POST if step == "register"
                                    else None, centres=ltsa_centres_for(user),
                                    initial={"centre": user.site_id},
                                    job_orders=selectors.open_job_orders(
                                        on=timezone.localdate(),
                                        region_code=person.region_code if person else "",
                                    )[:JOB_ORDER_CHOICES])
    status = 200
    if request.method == "POST" and step in ("person", "register"):
        response = (_new_person_step(request, user, search_form, new_person_form)
                    if step == "person" else _register_step(request, user, person, registration))
        if response is not None:
            return response
        status = 400
    return render(request, "ltsa/application_create.html", {
        "search_form": search_form, "candidates": candidates, "searched": search_form.is_valid(),
        "person": person, "new_person_form": new_person_form, "registration": registration,
        "person_applications": (selectors.visible_applications(user).filter(person=person)
                                if person else [])}, status=status)


def _new_person_step(request: HttpRequest, user: User, search_form: PersonSearchForm,
                     new_person_form: NewPersonForm) -> HttpResponse | None:
    """Create the person typed in (after showing the likely people already in the registry,
    unless the officer confirmed this is someone new); None when the form has errors."""
    if not new_person_form.is_valid():
        return None
    data = new_person_form.cleaned_data
    # Search before create, on the fields typed in: the officer picks one of the
    # likely people shown with their reasons, or confirms that this is someone new.
    new_candidates: list[PersonCandidate] = []
    if not request.POST.get("confirm_new"):
        new_candidates = people_selectors.likely_people(
            user=user, name=data["name"], birth_date=data.get("birth_date"),
            nik=data.get("nik", ""), birth_place=data.get("birth_place", ""),
            sex=data.get("sex", ""))
    if new_candidates:
        return render(request, "ltsa/application_create.html", {
            "search_form": search_form, "searched": search_form.is_valid(),
            "new_person_form": new_person_form, "new_candidates": new_candidates,
            "confirming": True,
            "show_identity": access.can(user, VIEW_IDENTITY, Person)}, status=200)
    try:
        created = person_create(actor=user, migration_status="prospective",
                                not_same=request.POST.getlist("not_same"), **data)
    except ValidationError as exc:
        errors_onto_form(new_person_form, exc)
        return None
    return redirect(reverse("ltsa:application_create") + f"?person={created.pk}")


def _register_step(request: HttpRequest, user: User, person: Person | None,
                   registration: RegistrationForm) -> HttpResponse | None:
    """Register the chosen person and show the receipt code once; None when the form has
    errors or the registration is refused (its reasons on the form)."""
    if person is None:
        raise Http404(_("Pilih orang dulu"))
    if not registration.is_valid():
        return None
    data = registration.cleaned_data
    try:
        application, code = services.application_register(
            actor=user, centre=data["centre"], person=person,
            job_order=data["permit_number"],
            planned_departure=data["planned_departure"],
            marital_status=data["marital_status"])
    except ValidationError as exc:
        errors_onto_form(registration, exc)
        return None
    return render(request, "ltsa/receipt_code.html", {
        "application": application, "code": code, "first": True,
        "receipt_form": ReceiptForm(initial={"receipt_code": code})})


def _file_context(user: User, application: Application) -> dict[str, Any]:
    eligibility = selectors.application_eligibility(application, on=timezone.localdate())
    by_desk: list[tuple[str, list[dict[str, Any]]]] = []
    items = sorted(application.items.all(), key=lambda i: i.position)
    for desk in Desk:
        rows = [{"item": item, "spec": checklist.entry(item.code),
                 "mine": application.is_active and may_decide_item(user, item)}
                for item in items if item.desk == desk]
        if rows:
            by_desk.append((str(desk.label), rows))
    return {
        "application": application, "eligibility": eligibility, "by_desk": by_desk,
        "missing": eligibility.texts(translation.get_language() or "id"),
        "decide_form": DecideForm(),
        "done": sum(1 for i in items if i.status == ItemStatus.VERIFIED), "total": len(items),
        "user_desk": user.desk,
    }


def _file(user: User, application_id: str, action: str = VIEW) -> Application:
    return access.get_visible_or_404(user, selectors.application_file_queryset(), action,
                                     pk=application_id)


@route("staff/applications/<uuid:application_id>/", name="application_detail")
@staff_view()
def application_detail(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    application = _file(user, application_id)
    services.application_viewed(actor=user, application=application)
    context = _file_context(user, application)
    context.update({
        "payment_form": PaymentForm(initial={"paid_on": timezone.localdate(),
                                             "currency": "IDR"}),
        "withdraw_form": WithdrawForm(),
        "photo_form": PhotoForm(),
        "certificate_code": certificates.printed_code(application.certificate_code),
        "can_change": access.can(user, CHANGE, application) and application.is_active,
        "can_pay": access.can(user, CREATE, Payment) and application.is_active,
        "can_edit_centre": may_change_centre(user, application.centre),
        "payments": application.payments.all(),
    })
    return render(request, "ltsa/application_detail.html", context)


@route("staff/applications/<uuid:application_id>/items/<uuid:item_id>/decide/", name="item_decide")
@staff_view()
@require_POST
def item_decide(request: HttpRequest, user: User, application_id: str,
                item_id: str) -> HttpResponse:
    application = _file(user, application_id)
    item = next((i for i in application.items.all() if str(i.pk) == str(item_id)), None)
    if item is None:
        raise Http404(_("Tidak ditemukan"))
    if not may_decide_item(user, item):
        raise PermissionDenied(_("Hanya petugas loket ini yang boleh memutuskan"))
    form = DecideForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "verify":
                services.checklist_item_verify(actor=user, item=item,
                                               expires_on=data["expires_on"], note=data["note"])
            elif data["action"] == "reject":
                services.checklist_item_reject(actor=user, item=item, reason=data["reason"],
                                               note=data["note"])
            else:
                services.checklist_item_reopen(actor=user, item=item,
                                               confirm_revoke=data["confirm_revoke"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if not is_htmx(request):
        if error:
            messages.error(request, error)
        return redirect("ltsa:application_detail", application_id=application.pk)
    fresh = _file(user, application_id)
    context = _file_context(user, fresh)
    context["error"] = error
    context["error_item"] = str(item.pk) if error else ""
    # A refused decision keeps what the officer typed, next to the item.
    context["typed"] = {name: request.POST.get(name, "")[:300]
                        for name in ("expires_on", "note", "reason")}
    # htmx swaps only successful responses: the error is shown inside the fragment.
    return render(request, "ltsa/_file_body.html", context)


@route("staff/applications/<uuid:application_id>/payments/new/", name="payment_create")
@staff_view()
@require_POST
def payment_create(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    application = _file(user, application_id)
    access.require(user, CREATE, Payment)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payment = services.payment_record(actor=user, application=application,
                                              **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            complaint = FeeComplaint.objects.filter(payment=payment).first()
            if complaint is not None:
                messages.warning(request, _(
                    "Pembayaran %(receipt)s ditandai: %(flag)s. Pengaduan biaya telah dibuat "
                    "dan dikirim ke loket pengaduan; sertifikat siap berangkat ditahan sampai "
                    "pengaduan selesai.") % {"receipt": payment.receipt_number,
                                             "flag": payment.get_flag_display()})
            elif payment.flag:
                messages.warning(request, _(
                    "Pembayaran %(receipt)s ditandai: %(flag)s. Tidak ada pengaduan dibuat: "
                    "periksa jadwal biaya resmi untuk komponen ini.") % {
                    "receipt": payment.receipt_number, "flag": payment.get_flag_display()})
            else:
                messages.success(request, _("Pembayaran dicatat: %(receipt)s") % {
                    "receipt": payment.receipt_number})
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("ltsa:application_detail", application_id=application.pk)


@route("staff/applications/<uuid:application_id>/withdraw/", name="application_withdraw")
@staff_view()
@require_POST
def application_withdraw(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    application = _file(user, application_id, CHANGE)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.application_withdraw(actor=user, application=application,
                                          reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("ltsa:application_detail", application_id=application.pk)


@route("staff/applications/<uuid:application_id>/receipt.pdf", name="receipt_pdf")
@staff_view()
@require_POST
def receipt_pdf(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    """The registration receipt. The code is printed only when the posted code matches the
    stored hash (right after registration or reissue); it is never read back from storage."""
    application = _file(user, application_id)
    form = ReceiptForm(request.POST)
    code = form.data.get("receipt_code", "")
    shown = code if receipts.receipt_matches(code, application.receipt_hash) else None
    services.application_viewed(actor=user, application=application, context="receipt-pdf")
    return pdf_response(pdf.registration_receipt_pdf(application, shown,
                                             base_url=public_base(request)),
                f"tanda-terima-{application.number}.pdf")


@route("staff/applications/<uuid:application_id>/receipt/reissue/", name="receipt_reissue")
@staff_view()
@require_POST
def receipt_reissue(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    application = _file(user, application_id, CHANGE)
    code = services.application_receipt_reissue(actor=user, application=application)
    return render(request, "ltsa/receipt_code.html", {
        "application": application, "code": code, "first": False,
        "receipt_form": ReceiptForm(initial={"receipt_code": code})})


@route("staff/applications/<uuid:application_id>/checklist.pdf", name="checklist_pdf")
@staff_view()
def checklist_pdf(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    application = _file(user, application_id)
    services.application_viewed(actor=user, application=application, context="checklist-pdf")
    eligibility = selectors.application_eligibility(application, on=timezone.localdate())
    return pdf_response(pdf.checklist_pdf(application, eligibility),
                f"daftar-periksa-{application.number}.pdf")


@route("staff/applications/<uuid:application_id>/certificate.pdf", name="certificate_pdf")
@staff_view()
def certificate_pdf(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    application = _file(user, application_id)
    if application.status != ApplicationStatus.READY or not application.certificate_serial:
        raise Http404(_("Berkas belum siap berangkat"))
    services.application_viewed(actor=user, application=application, context="certificate-pdf")
    token = certificates.certificate_token(application)
    url = request.build_absolute_uri(reverse("ltsa:verify", args=[token]))
    return pdf_response(pdf.certificate_pdf(application, url),
                        f"sertifikat-{application.number}.pdf")


@route("staff/applications/<uuid:application_id>/payments/<uuid:payment_id>/receipt.pdf",
       name="payment_receipt_pdf")
@staff_view()
def payment_receipt_pdf(request: HttpRequest, user: User, application_id: str,
                        payment_id: str) -> HttpResponse:
    application = _file(user, application_id)
    payment = next((p for p in application.payments.all() if str(p.pk) == str(payment_id)),
                   None)
    if payment is None:
        raise Http404(_("Tidak ditemukan"))
    services.application_viewed(actor=user, application=application, context="payment-pdf")
    return pdf_response(pdf.payment_receipt_pdf(payment),
                        f"pembayaran-{payment.receipt_number}.pdf")


@route("staff/queue/", name="queue")
@staff_view(VIEW, ChecklistItem)
def queue(request: HttpRequest, user: User) -> HttpResponse:
    items = selectors.desk_queue(user)
    now = timezone.now()
    page = paginated(request, items, 30)
    return render(request, "ltsa/queue.html", {
        "page": page, "desk": Desk(user.desk).label if user.desk in Desk.values else "",
        "centre": user.site if user.site_id else None, "now": now,
        "waiting": selectors.desk_waiting(items, now),
        "rows": [(item, now - item.queued_at) for item in page],
        "labels": {entry.code: entry.label for entry in checklist.CHECKLIST}})
