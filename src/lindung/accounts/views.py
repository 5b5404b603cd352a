"""Login with throttling and two-factor, logout, two-factor setup."""

from __future__ import annotations

import segno
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lindung.accounts import services
from lindung.accounts.forms import LoginForm, TotpForm
from lindung.accounts.models import User
from lindung.common.views import quiet

PENDING_KEY = "two_factor_pending_user"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return "/staff/"


@quiet
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if services.login_locked(username=username):
            form.add_error(None, _("Terlalu banyak percobaan gagal. Coba lagi dalam 15 menit."))
            status = 429
        else:
            user = authenticate(request, username=username,
                                password=form.cleaned_data["password"])
            if user is None or not isinstance(user, User):
                known = get_user_model().objects.filter(username=username).first()
                services.login_failure_record(username=username,
                                              user=known if isinstance(known, User) else None)
                form.add_error(None, _("Nama pengguna atau kata sandi salah."))
                status = 401
            elif user.has_two_factor:
                request.session[PENDING_KEY] = user.pk
                request.session["two_factor_next"] = _next_url(request)
                return redirect("accounts:two_factor_verify")
            else:
                login(request, user)
                services.login_success_record(user=user)
                return redirect(_next_url(request))
    return render(request, "accounts/login.html",
                  {"form": form, "next": request.GET.get("next", "")}, status=status)


@quiet
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_KEY)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return redirect("accounts:login")
    form = TotpForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if services.login_locked(username=user.username):
            form.add_error(None, _("Terlalu banyak percobaan gagal. Coba lagi dalam 15 menit."))
            status = 429
        elif services.totp_verify(user=user, code=form.cleaned_data["code"]):
            target = request.session.get("two_factor_next", "/staff/")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            services.login_success_record(user=user)
            return redirect(target)
        else:
            services.login_failure_record(username=user.username, user=user)
            form.add_error("code", _("Kode salah atau kedaluwarsa."))
            status = 401
    return render(request, "accounts/two_factor_verify.html", {"form": form}, status=status)


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = TotpForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and services.totp_confirm(user=user, code=form.cleaned_data["code"]):
            return redirect("site:staff_home")
        if form.is_valid():
            form.add_error("code", _("Kode salah atau kedaluwarsa."))
    elif user.has_two_factor:
        return render(request, "accounts/two_factor_setup.html", {"active": True})
    elif not user.totp_secret:
        services.totp_begin(user=user)
    uri = services.totp_uri(user=user)
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4)
    return render(request, "accounts/two_factor_setup.html",
                  {"form": form, "secret": user.totp_secret, "qr_svg": qr_svg,
                   "required": user.two_factor_required})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("site:landing")
