"""The certificate at the port: a look-up by the short serial printed on a ready-to-depart
certificate (task-force officers, rate-limited, audited), the holder's photo, and its
upload at the LTSA."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts.models import User
from lindung.common import ratelimit
from lindung.common import sealed
from lindung.common.bodylimit import body_limit
from lindung.common.routes import route
from lindung.common.uploads import detect_type
from lindung.common.views import succeeded
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.roles import CHANGE
from lindung.core.roles import VIEW
from lindung.ltsa import selectors
from lindung.ltsa import services
from lindung.ltsa.access import may_check_certificates
from lindung.ltsa.access import may_see_holder
from lindung.ltsa.choices import ApplicationStatus
from lindung.ltsa.choices import Country
from lindung.ltsa.forms import CertificateLookupForm
from lindung.ltsa.forms import PhotoForm
from lindung.ltsa.limits import CERTIFICATE_LOOKUP_POLICY
from lindung.ltsa.services.port import PHOTO_RULES


def _subject(user: User) -> str:
    return f"user:{user.pk}"


@route("verify/", name="certificate_lookup")
@staff_view()
def certificate_lookup(request: HttpRequest, user: User) -> HttpResponse:
    """/ltsa/verify/: type the short serial of a certificate; see whether it is valid and,
    when it is, whose it is (name, birth date, photo)."""
    if not may_check_certificates(user):
        raise PermissionDenied(_("Akses ditolak"))
    form = CertificateLookupForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form, "countries": dict(Country.choices)}
    status = 200
    if request.method == "POST":
        if ratelimit.exceeded(CERTIFICATE_LOOKUP_POLICY, subject=_subject(user)):
            context["limited"] = True
            return render(request, "ltsa/certificate_lookup.html", context, status=429)
        if form.is_valid():
            ratelimit.hit(CERTIFICATE_LOOKUP_POLICY, subject=_subject(user))
            result, holder = services.certificate_look_up(
                actor=user, serial=form.cleaned_data["serial"], context="certificate-lookup")
            application = result.application
            context.update({"result": result, "application": application if holder else None,
                            "holder_view": holder,
                            "staff_view": application is not None
                            and access.can(user, VIEW, application)})
            status = 200 if result.valid else 404
        else:
            status = 400
    return render(request, "ltsa/certificate_lookup.html", context, status=status)


@route("staff/applications/<uuid:application_id>/photo", name="application_photo")
@staff_view()
def application_photo(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    """The holder's photo: for staff who may read the file, and for task-force officers while
    the file holds a valid certificate."""
    application = selectors.application_file_queryset().filter(pk=application_id).first()
    if application is None or not application.photo:
        raise Http404(_("Tidak ditemukan"))
    ready = application.status == ApplicationStatus.READY and bool(application.certificate_code)
    if not may_see_holder(user, application, ready):
        raise Http404(_("Tidak ditemukan"))
    services.certificate_holder_viewed(actor=user, application=application, context="photo")
    content = sealed.load(application.photo)
    response = HttpResponse(content, content_type=detect_type(content) or "image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@route("staff/applications/<uuid:application_id>/photo/upload/", name="application_photo_upload")
@staff_view()
@require_POST
@body_limit(PHOTO_RULES.body_bytes)
def application_photo_upload(request: HttpRequest, user: User, application_id: str) -> HttpResponse:
    application = access.get_visible_or_404(user, selectors.application_file_queryset(),
                                            CHANGE, pk=application_id)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid() and succeeded(form, lambda: services.application_photo_set(
            actor=user, application=application, upload=form.cleaned_data["photo"])):
        return redirect("ltsa:application_detail", application_id=application.pk)
    errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    messages.error(request, errors or _("Foto tidak dapat disimpan."))
    return redirect("ltsa:application_detail", application_id=application.pk)
