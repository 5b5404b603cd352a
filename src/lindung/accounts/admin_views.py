"""Administering accounts: list, detail with history, create (with an invitation), edit,
deactivate, reactivate, password reset, invitation again, lockout release, API tokens of
machine clients. Who may do it is `rules.may_administer`; the writes are in `services`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lindung.accounts import services
from lindung.accounts.forms import DeactivateForm
from lindung.accounts.forms import TokenForm
from lindung.accounts.forms import UserFilterForm
from lindung.accounts.forms import UserForm
from lindung.accounts.models import ApiToken
from lindung.accounts.models import User
from lindung.accounts.rules import administered
from lindung.accounts.rules import administrator
from lindung.accounts.rules import may_administer
from lindung.accounts.rules import users_visible
from lindung.common.routes import route
from lindung.common.views import attempt
from lindung.common.views import confirm
from lindung.common.views import page
from lindung.common.views import paginated
from lindung.common.views import submitted
from lindung.common.views import succeeded
from lindung.core.decorators import staff_view
from lindung.core.models import AuditEvent
from lindung.core.roles import Role

AdminPage = Callable[[HttpRequest, User], HttpResponse]
AccountPage = Callable[[HttpRequest, User, User], HttpResponse]


def administering(view: AdminPage) -> Callable[[HttpRequest], HttpResponse]:
    """A page of user administration: the signed-in user, who may administer accounts."""

    @staff_view()
    @wraps(view)
    def admin_page(request: HttpRequest, actor: User) -> HttpResponse:
        return view(request, administrator(actor))

    return admin_page


def administering_account(view: AccountPage) -> Callable[[HttpRequest, int], HttpResponse]:
    """A page about one account (the URL's `user_id`): the administrator and that account,
    which they may administer (any other answers not found)."""

    @staff_view()
    @wraps(view)
    def account_page(request: HttpRequest, actor: User, user_id: int) -> HttpResponse:
        admin = administrator(actor)
        return view(request, admin, administered(admin, user_id))

    return account_page


def _base(request: HttpRequest) -> str:
    return services.public_base_url(request.build_absolute_uri("/"))


@route("users/", name="user_list")
@administering
def user_list(request: HttpRequest, actor: User) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    users = users_visible(actor)
    if form.is_valid():
        if query := form.cleaned_data["q"].strip():
            users = users.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                                 | Q(last_name__icontains=query))
        if form.cleaned_data["role"]:
            users = users.filter(role=form.cleaned_data["role"])
        if form.cleaned_data["status"]:
            users = users.filter(is_active=form.cleaned_data["status"] == "active")
    listing = paginated(request, users.order_by("username"), 50)
    return render(request, "accounts/user_list.html", {"form": form, "page": listing})


@route("users/<int:user_id>/", name="user_detail")
@administering_account
def user_detail(request: HttpRequest, actor: User, user: User) -> HttpResponse:
    history = (AuditEvent.objects.filter(entity="accounts.user", object_id=str(user.pk))
               .order_by("-at")[:50])
    return render(request, "accounts/user_detail.html", {
        "account": user, "history": history,
        "tokens": user.api_tokens.order_by("-created_at"),
        "locked": services.login_locked(username=user.username),
        "is_self": user.pk == actor.pk,
        "is_machine": user.role == Role.MACHINE_CLIENT,
        "deactivate_form": DeactivateForm(),
    })


@route("users/new/", name="user_create")
@administering
def user_create(request: HttpRequest, actor: User) -> HttpResponse:
    form = UserForm(request.POST or None, actor=actor)
    created = submitted(request, form, lambda data: services.user_create(
        actor=actor, username=data["username"], fields=form.account_fields(),
        base_url=_base(request)))
    if created is not None:
        confirm(request, _("Akun %(name)s dibuat; undangan dikirim.") % {
            "name": created.user.username} if created.link else
            _("Akun %(name)s dibuat.") % {"name": created.user.username})
        return redirect("accounts:user_detail", created.user.pk)
    return page(request, "accounts/user_form.html", {"form": form, "account": None}, [form])


@route("users/<int:user_id>/edit/", name="user_edit")
@administering_account
def user_edit(request: HttpRequest, actor: User, user: User) -> HttpResponse:
    form = UserForm(request.POST or None, actor=actor, editing=True,
                    initial=UserForm.initial_for(user))
    if request.method == "POST" and form.is_valid() and attempt(form, lambda: services.user_update(
            actor=actor, user=user, fields=form.account_fields())) is not None:
        return redirect("accounts:user_detail", user.pk)
    return page(request, "accounts/user_form.html", {"form": form, "account": user}, [form])


def _act(request: HttpRequest, user: User, done: str, call: Callable[[], object]) -> HttpResponse:
    try:
        call()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        confirm(request, done)
    return redirect("accounts:user_detail", user.pk)


@route("users/<int:user_id>/deactivate/", name="user_deactivate")
@administering_account
def user_deactivate(request: HttpRequest, actor: User, user: User) -> HttpResponse:
    form = DeactivateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and succeeded(
            form, lambda: services.user_deactivate(actor=actor, user=user,
                                                   reason=form.cleaned_data["reason"])):
        confirm(request, _("Akun %(name)s dinonaktifkan; sesi dan token API-nya berhenti "
                           "berlaku.") % {"name": user.username})
        return redirect("accounts:user_detail", user.pk)
    return page(request, "accounts/user_deactivate.html", {"account": user, "form": form},
                [form])


def _account_button(action: str, name: str, done: str | Promise,
                    call: Callable[[HttpRequest, User, User], object],
                    ) -> Callable[[HttpRequest, int], HttpResponse]:
    """A button of the account page (POST to its `action`/): the service `call` on the
    account, then back to the page, confirming `done` or showing the refusal."""

    @route(f"users/<int:user_id>/{action}/", name=name)
    @administering_account
    @require_POST
    def button(request: HttpRequest, actor: User, user: User) -> HttpResponse:
        return _act(request, user, str(done), lambda: call(request, actor, user))

    return button


user_reactivate = _account_button("reactivate", "user_reactivate",
    gettext_lazy("Akun diaktifkan kembali."),
    lambda request, actor, user: services.user_reactivate(actor=actor, user=user))
user_reset = _account_button("reset", "user_reset",
    gettext_lazy("Kata sandi lama tidak berlaku lagi; tautan untuk membuat kata sandi baru "
                 "dikirim."),
    lambda request, actor, user: services.password_reset_send(
        actor=actor, user=user, base_url=_base(request)))
user_two_factor_reset = _account_button("two-factor-reset", "user_two_factor_reset",
    gettext_lazy("Verifikasi dua langkah dihapus dan kata sandi diatur ulang; tautan dikirim. "
                 "Pengguna mendaftar ulang saat masuk."),
    lambda request, actor, user: services.two_factor_reset(
        actor=actor, user=user, base_url=_base(request)))
user_invite = _account_button("invite", "user_invite",
    gettext_lazy("Undangan dikirim lagi; tautan sebelumnya tidak berlaku."),
    lambda request, actor, user: services.invitation_send(
        actor=actor, user=user, base_url=_base(request)))
user_unlock = _account_button("unlock", "user_unlock",
    gettext_lazy("Kunci masuk dibuka."),
    lambda request, actor, user: services.login_lockout_release(actor=actor, user=user))


@route("users/<int:user_id>/tokens/new/", name="token_create")
@administering_account
def token_create(request: HttpRequest, actor: User, user: User) -> HttpResponse:
    if user.role != Role.MACHINE_CLIENT or not may_administer(actor, user):
        raise PermissionDenied(_("Token API hanya diberikan kepada akun klien mesin."))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token = attempt(form, lambda: services.api_token_create(
            actor=actor, user=user, name=data["name"], write=data["write"],
            modules=data["modules"], valid_days=data["valid_days"]))
        if token is not None:
            return render(request, "accounts/token_created.html",
                          {"account": user, "token": token})
    return page(request, "accounts/token_form.html", {"account": user, "form": form}, [form])


@route("tokens/<int:token_id>/revoke/", name="token_revoke")
@staff_view()
@require_POST
def token_revoke(request: HttpRequest, actor: User, token_id: int) -> HttpResponse:
    administrator(actor)
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=token_id)
    user = administered(actor, token.user_id)
    return _act(request, user, _("Token dicabut."),
                lambda: services.api_token_revoke(actor=actor, token=token))
