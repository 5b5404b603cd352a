from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from lindung.common.routes import route
from lindung.common.views import paginated
from lindung.core import access
from lindung.core.decorators import staff_view
from lindung.core.models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import _User  # accounts.User: core imports no app


@route("staff/audit/", name="audit_log")
@staff_view()
def audit_log(request: HttpRequest, user: _User) -> HttpResponse:
    if access.can(user, "view", AuditEvent):
        events = access.visible(user, AuditEvent.objects.all())
    else:  # everyone may read their own trail
        events = AuditEvent.objects.filter(actor_id=user.pk)
    entity = request.GET.get("entity", "")
    if entity:
        events = events.filter(entity=entity)
    page = paginated(request, events.order_by("-at", "-id"), 50)
    return render(request, "core/audit_log.html", {"page": page, "entity": entity})
