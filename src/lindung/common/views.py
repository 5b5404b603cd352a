"""View plumbing shared by every app: the current staff user, a service's refusal put on
its form, a posted form handed to its service (also one of a page's several forms), the
page of a list, the page status of a submitted form, and the confirmation of a staff
action."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import gettext

if TYPE_CHECKING:
    # The stubs' name for settings.AUTH_USER_MODEL: the kernel names no app's model.
    from django.contrib.auth.models import _User

T = TypeVar("T")
V = TypeVar("V", bound=Callable[..., HttpResponse])


def staff_user(request: HttpRequest) -> _User:
    """The logged-in user of a view or API call that already required one (403 if not)."""
    user = request.user
    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        raise PermissionDenied(gettext("Akses ditolak."))
    return user


def errors_onto_form(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: each field's messages on that field
    when the form has it, the rest (and a message without a field) above the form."""
    if hasattr(exc, "error_dict"):
        for name, texts in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, texts)
    else:
        form.add_error(None, exc.messages)


def attempt(form: Any, call: Callable[[], T]) -> T | None:
    """Run a service call for a valid form: its result, or None with its refusal on the
    form."""
    try:
        return call()
    except ValidationError as exc:
        errors_onto_form(form, exc)
        return None


def succeeded(form: Any, call: Callable[[], object]) -> bool:
    """Run a service call for its effect: False (with the refusal on the form) when it
    refuses."""
    try:
        call()
    except ValidationError as exc:
        errors_onto_form(form, exc)
        return False
    return True


def submitted(request: HttpRequest, form: Any, call: Callable[[dict[str, Any]], T]) -> T | None:
    """What the service `call` made of a POSTed form's cleaned data (the record it wrote);
    None when nothing was posted, there is no form (the user may not), the form is invalid,
    or the service refused: its refusal is then on the form."""
    if request.method != "POST" or form is None or not form.is_valid():
        return None
    return attempt(form, lambda: call(form.cleaned_data))


def posted_action(request: HttpRequest, forms: Mapping[str, Any],
                  calls: Mapping[str, Callable[[dict[str, Any]], object]]) -> bool:
    """A page of several forms, each POSTed on its own with its `action` field: hand the
    posted form's cleaned data to its service call. True when the service did it; False when
    no form was posted, or it is invalid, or the service refused (its refusal is then on
    the form)."""
    action = request.POST.get("action", "")
    if request.method != "POST" or action not in forms:
        return False
    form = forms[action]
    return bool(form.is_valid()) and attempt(
        form, lambda: calls[action](form.cleaned_data)) is not None


def form_on_page(request: HttpRequest, form: Any, call: Callable[[dict[str, Any]], object],
                 back: str, template: str, context: Callable[[], dict[str, Any]],
                 ) -> HttpResponse:
    """One form of a record's page, posted on its own: valid, the service `call` with its
    data, then `back` to the page (its URL); else the page again (400) drawn with
    `context()`, which shows the form's errors (the service's refusal among them)."""
    if form.is_valid() and succeeded(form, lambda: call(form.cleaned_data)):
        return redirect(back)
    return render(request, template, context(), status=400)


def form_page(request: HttpRequest, template: str, form: Any,
              call: Callable[[dict[str, Any]], T], then: Callable[[T], HttpResponse],
              context: dict[str, Any] | None = None) -> HttpResponse:
    """A page of one form: posted and valid, the service `call` with its data and then
    `then(result)` (a redirect to what it wrote); else the page with the form, 400 with its
    errors (the service's refusal among them)."""
    result = submitted(request, form, call)
    if result is not None:
        return then(result)
    return page(request, template, {"form": form, **(context or {})}, (form,))


def paginated(request: HttpRequest, rows: Any, per_page: int) -> Page[Any]:
    """The page of `rows` (a query set in its order, or a list) the request asks for with
    `?page=`: the first when it is missing or malformed, the last when past the end."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def page(request: HttpRequest, template: str, context: dict[str, Any],
         forms: Iterable[Any] = ()) -> HttpResponse:
    """Render; a POST whose form has errors answers 400 (so tests and HTMX can tell)."""
    failed = request.method == "POST" and any(
        form is not None and form.is_bound and form.errors for form in forms)
    return render(request, template, context, status=400 if failed else 200)


def uuid_or_none(value: object) -> UUID | None:
    """A submitted id as a UUID, or None when it is missing or malformed."""
    try:
        return UUID(str(value))
    except ValueError:
        return None


# --- confirmations ------------------------------------------------------------------

def confirm(request: HttpRequest, message: str | None = None) -> None:
    """Tell the officer their action was done ("Tersimpan." unless said otherwise)."""
    messages.success(request, message or gettext("Tersimpan."))


QUIET = "lindung_quiet"


def quiet(view: V) -> V:
    """Mark a view whose POST changes nothing an officer needs confirmed (log-in, the
    language switch, a search): the confirmation middleware leaves it alone."""
    setattr(view, QUIET, True)
    return view


def queued_messages(request: HttpRequest) -> int:
    """How many messages this request added (not those waiting from an earlier one)."""
    storage = getattr(request, "_messages", None)
    return len(getattr(storage, "_queued_messages", ()))


class ConfirmationMiddleware:
    """Every staff action confirms. A logged-in POST answered with a redirect that said
    nothing gets "Tersimpan."; an HTMX answer carries the request's messages as an
    out-of-band swap of the page's message region, so a partial update confirms too.
    Sits after MessageMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method != "POST" or not request.user.is_authenticated:
            return response
        match = request.resolver_match
        if match is not None and getattr(match.func, QUIET, False):
            return response
        if response.status_code in (301, 302, 303) and not queued_messages(request):
            confirm(request)
        elif (request.headers.get("HX-Request") == "true" and queued_messages(request)
              and response.status_code < 300
              and response.get("Content-Type", "").startswith("text/html")
              and not getattr(response, "streaming", False)):
            oob = render(request, "common/messages.html", {"oob": True})
            response.content = response.content + oob.content
        return response
