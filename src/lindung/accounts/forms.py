from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lindung.accounts.rules import assignable_roles
from lindung.accounts.services import API_MODULES
from lindung.accounts.services import AccountFields
from lindung.accounts.services.tokens import MAX_TOKEN_DAYS
from lindung.common.widgets import Checkboxes
from lindung.core.roles import Role
from lindung.directory.choices import Desk
from lindung.directory.choices import SiteKind
from lindung.directory.models import Agency
from lindung.directory.models import Site


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
    password = forms.CharField(label=_("Kata sandi"), widget=forms.PasswordInput, strip=False)


class TotpForm(forms.Form):
    code = forms.CharField(label=_("Kode 6 angka dari aplikasi autentikator"), max_length=10,
                           widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                         "autocomplete": "one-time-code"}))


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Kode 6 angka, atau kode pemulihan"), max_length=20,
        help_text=_("Kehilangan telepon? Ketik salah satu kode pemulihan Anda (misalnya "
                    "abcde-23456); setiap kode hanya berlaku sekali."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}))


class SetPasswordForm(forms.Form):
    password = forms.CharField(label=_("Kata sandi baru"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Paling sedikit 10 karakter; bukan kata sandi umum "
                                           "atau mirip nama pengguna."))
    password_again = forms.CharField(label=_("Ulangi kata sandi baru"), strip=False,
                                     widget=forms.PasswordInput(
                                         attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Kedua kata sandi tidak sama."))
        return data


class PasswordChangeForm(SetPasswordForm):
    current = forms.CharField(label=_("Kata sandi saat ini"), strip=False,
                              widget=forms.PasswordInput(
                                  attrs={"autocomplete": "current-password"}))
    field_order = ["current", "password", "password_again"]


def _site_choices() -> list[tuple[str, list[tuple[str, str]]] | tuple[str, str]]:
    groups: list[tuple[str, list[tuple[str, str]]] | tuple[str, str]] = [("", "—")]
    for kind in (SiteKind.EMBARKATION_POINT, SiteKind.LTSA_CENTRE, SiteKind.VILLAGE_POST):
        sites = Site.objects.filter(kind=kind).order_by("name").values_list("pk", "name")
        if sites:
            groups.append((str(kind.label), [(str(pk), name) for pk, name in sites]))
    return groups


class UserForm(forms.Form):
    """An account's role and post; the service checks the post fits the role."""

    username = forms.CharField(label=_("Nama pengguna"), max_length=150)
    first_name = forms.CharField(label=_("Nama depan"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nama belakang"), max_length=150, required=False)
    email = forms.EmailField(label=_("Surel"), required=False,
                             help_text=_("Undangan dan tautan atur ulang kata sandi dikirim ke "
                                         "surel dan telepon ini."))
    phone = forms.CharField(label=_("Telepon"), max_length=32, required=False)
    role = forms.ChoiceField(label=_("Peran"))
    site = forms.ChoiceField(
        label=_("Pos kerja"), required=False,
        help_text=_("Petugas satgas: titik embarkasi. Petugas loket: LTSA-PPPMI. Petugas desa: "
                    "pos Desmigratif."))
    desk = forms.ChoiceField(label=_("Loket LTSA"), required=False,
                             choices=[("", "—"), *Desk.choices])
    region = forms.CharField(label=_("Wilayah kerja (kode, untuk koordinator)"), max_length=16,
                             required=False,
                             help_text=_("Kode wilayah Kemendagri, misalnya 53 untuk NTT atau "
                                         "53.01 untuk Kab. Kupang."))
    agency = forms.ChoiceField(label=_("Instansi"), required=False)

    def __init__(self, *args: Any, actor: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        site = self.fields["site"]
        agency = self.fields["agency"]
        assert isinstance(role, forms.ChoiceField) and isinstance(site, forms.ChoiceField)
        assert isinstance(agency, forms.ChoiceField)
        role.choices = [(value, Role(value).label) for value in assignable_roles(actor)]
        site.choices = _site_choices()
        agency.choices = [("", "—"), *(
            (str(pk), name) for pk, name in Agency.objects.order_by("name")
            .values_list("pk", "name"))]
        if editing:
            self.fields["username"].disabled = True

    def account_fields(self) -> AccountFields:
        data = self.cleaned_data
        return AccountFields(role=data["role"], site_id=data["site"], desk=data["desk"],
                             region_code=data["region"].strip(),
                             first_name=data["first_name"], last_name=data["last_name"],
                             email=data["email"], phone=data["phone"].strip(),
                             agency_id=data["agency"])

    @staticmethod
    def initial_for(user: Any) -> dict[str, Any]:
        return {"username": user.username, "first_name": user.first_name,
                "last_name": user.last_name, "email": user.email, "phone": user.phone,
                "role": user.role, "site": str(user.site_id or ""), "desk": user.desk,
                "region": "" if user.site_id else (user.scope_region_id or ""),
                "agency": str(user.agency_id or "")}


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama pengguna atau nama"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Peran"), required=False,
                             choices=[("", _("semua")), *Role.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("semua")), ("active", _("aktif")), ("inactive", _("nonaktif"))])


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Alasan (misalnya pindah tugas)"), max_length=200,
                             required=False)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Nama token"), max_length=100,
                           help_text=_("Sistem yang memakainya, misalnya sistem imigrasi "
                                       "Bandara El Tari."))
    write = forms.TypedChoiceField(
        label=_("Lingkup"), coerce=lambda value: value == "write", initial="read",
        choices=[("read", _("hanya baca")), ("write", _("baca dan tulis"))],
        widget=forms.RadioSelect)
    modules = Checkboxes(_("Modul API"), [(module, module) for module in API_MODULES],
                         required=True)
    valid_days = forms.IntegerField(label=_("Berlaku (hari)"), min_value=1,
                                    max_value=MAX_TOKEN_DAYS, initial=90)
