"""Administering accounts: list, detail with history, create (with an invitation), edit,
deactivate, reactivate, password reset, invitation again, lockout release, API tokens of
machine clients. Who may do it is `rules.may_administer`; the writes are in `services`."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts import services
from lindung.accounts.forms import DeactivateForm, TokenForm, UserFilterForm, UserForm
from lindung.accounts.models import ApiToken, User
from lindung.accounts.rules import may_administer, may_list_users, users_visible
from lindung.common.views import attempt, confirm, page, staff_user, succeeded
from lindung.core.decorators import staff_required
from lindung.core.models import AuditEvent
from lindung.core.roles import Role


def _admin(request: HttpRequest) -> User:
    user = staff_user(request)
    assert isinstance(user, User)
    if not may_list_users(user):
        raise PermissionDenied(_("Hanya administrator nasional dan koordinator daerah yang "
                                 "mengelola akun."))
    return user


def _target(actor: User, user_id: int) -> User:
    """An account the actor may administer; any other answers not found."""
    user = users_visible(actor).filter(pk=user_id).first()
    if user is None:
        raise Http404(_("Akun tidak ditemukan."))
    return user


def _base(request: HttpRequest) -> str:
    return services.public_base_url(request.build_absolute_uri("/"))


@staff_required
def user_list(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
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
    listing = Paginator(users.order_by("username"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page": listing})


@staff_required
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
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


@staff_required
def user_create(request: HttpRequest) -> HttpResponse:
    actor = _admin(request)
    form = UserForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        created = attempt(form, lambda: services.user_create(
            actor=actor, username=form.cleaned_data["username"],
            fields=form.account_fields(), base_url=_base(request)))
        if created is not None:
            confirm(request, _("Akun %(name)s dibuat; undangan dikirim.") % {
                "name": created.user.username} if created.link else
                _("Akun %(name)s dibuat.") % {"name": created.user.username})
            return redirect("accounts:user_detail", created.user.pk)
    return page(request, "accounts/user_form.html", {"form": form, "account": None}, [form])


@staff_required
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
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


@staff_required
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
    form = DeactivateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and succeeded(
            form, lambda: services.user_deactivate(actor=actor, user=user,
                                                   reason=form.cleaned_data["reason"])):
        confirm(request, _("Akun %(name)s dinonaktifkan; sesi dan token API-nya berhenti "
                           "berlaku.") % {"name": user.username})
        return redirect("accounts:user_detail", user.pk)
    return page(request, "accounts/user_deactivate.html", {"account": user, "form": form},
                [form])


@staff_required
@require_POST
def user_reactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
    return _act(request, user, _("Akun diaktifkan kembali."),
                lambda: services.user_reactivate(actor=actor, user=user))


@staff_required
@require_POST
def user_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
    return _act(request, user, _("Kata sandi lama tidak berlaku lagi; tautan untuk membuat "
                                 "kata sandi baru dikirim."),
                lambda: services.password_reset_send(actor=actor, user=user,
                                                     base_url=_base(request)))


@staff_required
@require_POST
def user_two_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
    return _act(request, user, _("Verifikasi dua langkah dihapus dan kata sandi diatur "
                                 "ulang; tautan dikirim. Pengguna mendaftar ulang saat "
                                 "masuk."),
                lambda: services.two_factor_reset(actor=actor, user=user,
                                                  base_url=_base(request)))


@staff_required
@require_POST
def user_invite(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
    return _act(request, user, _("Undangan dikirim lagi; tautan sebelumnya tidak berlaku."),
                lambda: services.invitation_send(actor=actor, user=user,
                                                 base_url=_base(request)))


@staff_required
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
    return _act(request, user, _("Kunci masuk dibuka."),
                lambda: services.login_lockout_release(actor=actor, user=user))


@staff_required
def token_create(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _admin(request)
    user = _target(actor, user_id)
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


@staff_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    actor = _admin(request)
    token = get_object_or_404(ApiToken.objects.select_related("user"), pk=token_id)
    user = _target(actor, token.user_id)
    return _act(request, user, _("Token dicabut."),
                lambda: services.api_token_revoke(actor=actor, token=token))
