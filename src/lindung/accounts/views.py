"""Login with throttling and two-factor (a TOTP code or a recovery code), logout, two-factor
enrolment with recovery codes, one-time links (invitation, reset), password change."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import get_user_model
from django.contrib.auth import login
from django.contrib.auth import logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from lindung.accounts import services
from lindung.accounts.forms import LoginForm
from lindung.accounts.forms import PasswordChangeForm
from lindung.accounts.forms import SecondFactorForm
from lindung.accounts.forms import SetPasswordForm
from lindung.accounts.forms import TotpForm
from lindung.accounts.models import User
from lindung.accounts.services import CodeResult
from lindung.common.routes import route
from lindung.common.views import errors_onto_form
from lindung.common.views import page
from lindung.common.views import quiet
from lindung.core.roles import Role

PENDING_KEY = "two_factor_pending_user"
LOCKED = gettext_noop("Terlalu banyak percobaan gagal. Coba lagi dalam 15 menit, atau minta "
                      "administrator membuka kunci akun Anda.")


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return "/staff/"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@route("login/", name="login")
@quiet
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if services.login_locked(username=username):
            form.add_error(None, _(LOCKED))
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
            elif user.role == Role.MACHINE_CLIENT:
                form.add_error(None, _("Akun klien mesin tidak masuk lewat halaman ini; "
                                       "gunakan token API."))
                status = 403
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


@route("two-factor/", name="two_factor_verify")
@quiet
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_KEY)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return redirect("accounts:login")
    form = SecondFactorForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        recovery = services.looks_like_recovery_code(code)
        if services.login_locked(username=user.username):
            form.add_error(None, _(LOCKED))
            status = 429
        elif (result := services.second_factor_check(user=user, code=code)) is CodeResult.OK:
            target = request.session.get("two_factor_next", "/staff/")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            services.login_success_record(user=user)
            if recovery:
                messages.warning(request, _(
                    "Anda masuk dengan kode pemulihan; tersisa %(left)s kode. Buat kode baru "
                    "di halaman verifikasi dua langkah.") % {
                    "left": services.recovery_codes_left(user=user)})
            return redirect(target)
        else:
            services.login_failure_record(username=user.username, user=user)
            if result is CodeResult.REUSED and recovery:
                form.add_error("code", _("Kode pemulihan ini sudah dipakai; setiap kode hanya "
                                         "berlaku sekali."))
            elif result is CodeResult.REUSED:
                form.add_error("code", _("Kode ini sudah dipakai. Tunggu kode berikutnya di "
                                         "aplikasi autentikator."))
            else:
                form.add_error("code", _("Kode salah atau kedaluwarsa."))
            status = 401
    return render(request, "accounts/two_factor_verify.html", {"form": form}, status=status)


@route("two-factor/setup/", name="two_factor_setup")
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TotpForm(request.POST or None)
    if request.method == "POST" and not user.has_two_factor:
        if form.is_valid():
            codes = services.totp_confirm(user=user, code=form.cleaned_data["code"])
            if codes is not None:
                return render(request, "accounts/recovery_codes.html", {"codes": codes})
            form.add_error("code", _("Kode salah atau kedaluwarsa."))
    elif user.has_two_factor:
        return render(request, "accounts/two_factor_setup.html", {
            "active": True, "form": TotpForm(),
            "codes_left": services.recovery_codes_left(user=user)})
    elif not user.totp_secret:
        services.totp_begin(user=user)
    uri = services.totp_uri(user=user)
    qr_svg = segno.make(uri, error="m").svg_inline(scale=4)
    return page(request, "accounts/two_factor_setup.html",
                {"form": form, "secret": user.totp_secret, "qr_svg": qr_svg,
                 "required": user.two_factor_required}, [form])


@route("two-factor/recovery-codes/", name="recovery_codes_regenerate")
@login_required
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working); a current TOTP code is asked first."""
    user = _user(request)
    form = TotpForm(request.POST)
    if (user.has_two_factor and form.is_valid()
            and services.totp_verify(user=user, code=form.cleaned_data["code"])):
        return render(request, "accounts/recovery_codes.html",
                      {"codes": services.recovery_codes_generate(user=user)})
    messages.error(request, _("Kode salah atau kedaluwarsa; kode pemulihan tidak diubah."))
    return redirect("accounts:two_factor_setup")


@route("invite/<str:token>/", name="account_link")
@quiet
def account_link(request: HttpRequest, token: str) -> HttpResponse:
    """Set a password through an invitation or reset link (one use, expiring)."""
    try:
        link = services.account_link_get(token=token)
    except services.LinkRefused as refused:
        return render(request, "accounts/link_refused.html", {"message": refused.message,
                                                              "reason": refused.reason},
                      status=410)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_link_use(token=token, password=form.cleaned_data["password"])
        except services.LinkRefused as refused:
            return render(request, "accounts/link_refused.html",
                          {"message": refused.message, "reason": refused.reason}, status=410)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Kata sandi tersimpan. Silakan masuk."))
            return redirect("accounts:login")
    return page(request, "accounts/set_password.html",
                {"form": form, "account": link.user, "purpose": link.purpose}, [form])


@route("password/", name="password_change")
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(user=user, current=form.cleaned_data["current"],
                                     new=form.cleaned_data["password"])
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "new" in exc.error_dict:
                form.add_error("password", exc.error_dict["new"])
            else:
                errors_onto_form(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Kata sandi diubah."))
            return redirect("site:staff_home")
    return page(request, "accounts/password_change.html", {"form": form}, [form])


@route("logout/", name="logout")
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("site:landing")
