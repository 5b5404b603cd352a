from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lindung.core import access
from lindung.core.decorators import staff_required
from lindung.core.models import AuditEvent


@staff_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = request.user
    if access.can(user, "view", AuditEvent):
        events = access.visible(user, AuditEvent.objects.all())
    else:  # everyone may read their own trail
        events = AuditEvent.objects.filter(actor_id=user.pk)
    entity = request.GET.get("entity", "")
    if entity:
        events = events.filter(entity=entity)
    page = Paginator(events.order_by("-at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "entity": entity})
