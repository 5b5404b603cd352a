"""`lindung user create|list|deactivate|invite|reset|unlock`: administering accounts from the
command line, acting as a named administrator or coordinator (`--as`), under the same rule
and audit as the pages. Without `--as`, only the first national administrator can be made."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from lindung.accounts import services
from lindung.accounts.models import User
from lindung.accounts.rules import users_visible
from lindung.accounts.services.users import SITE_KIND_FOR_ROLE
from lindung.core.roles import Role
from lindung.directory.choices import Desk
from lindung.directory.models import Site


def _refusal(exc: ValidationError | PermissionDenied) -> CommandError:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        lines = [f"{field}: {message}" for field, messages in exc.message_dict.items()
                 for message in messages]
    elif isinstance(exc, ValidationError):
        lines = list(exc.messages)
    else:
        lines = [str(exc)]
    return CommandError("\n".join(lines))


class Command(BaseCommand):
    help = "Administer accounts: create (with an invitation), list, deactivate, invite, reset."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create an account and send an invitation")
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=[str(r) for r in Role])
        create.add_argument("--site", default="",
                            help="post: the site's id or exact name (embarkation point, LTSA "
                                 "centre, village post)")
        create.add_argument("--desk", default="", choices=["", *Desk.values])
        create.add_argument("--region", default="", help="region code (coordinators)")
        create.add_argument("--email", default="")
        create.add_argument("--phone", default="")
        create.add_argument("--first-name", default="")
        create.add_argument("--last-name", default="")
        listing = actions.add_parser("list", help="List the accounts you may administer")
        listing.add_argument("--role", default="", choices=["", *[str(r) for r in Role]])
        listing.add_argument("--inactive", action="store_true")
        for name, text in (("deactivate", "Deactivate at once (sessions, tokens)"),
                           ("invite", "Send the invitation again"),
                           ("reset", "Reset the password: a one-time link is sent"),
                           ("unlock", "Release a login lockout")):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("username")
            if name == "deactivate":
                sub.add_argument("--reason", default="")
        for sub in actions.choices.values():
            sub.add_argument("--as", dest="actor", default="",
                             help="the administrator or coordinator acting (audited)")
            sub.add_argument("--base-url", default="",
                             help="address for links (default LINDUNG_PUBLIC_URL)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        actor = self._actor(options["actor"], bootstrap_ok=action == "create")
        try:
            getattr(self, f"_{action}")(actor, options)
        except (ValidationError, PermissionDenied) as exc:
            raise _refusal(exc) from exc

    def _actor(self, username: str, *, bootstrap_ok: bool) -> User | None:
        if not username:
            if bootstrap_ok:
                return None
            raise CommandError(_("Sebutkan siapa yang bertindak: --as <nama pengguna>."))
        actor = User.objects.filter(username=username, is_active=True).first()
        if actor is None:
            raise CommandError(_("Tidak ada akun aktif %(name)s.") % {"name": username})
        return actor

    def _target(self, actor: User | None, username: str) -> User:
        user = users_visible(actor).filter(username=username).first()
        if user is None:
            raise CommandError(_("Akun %(name)s tidak ditemukan di antara akun yang Anda "
                                 "kelola.") % {"name": username})
        return user

    def _site_id(self, role: str, site: str) -> str:
        if not site:
            return ""
        try:
            return str(uuid.UUID(site))
        except ValueError:
            pass
        kind = SITE_KIND_FOR_ROLE.get(role)
        match = Site.objects.filter(name__iexact=site.strip())
        if kind:
            match = match.filter(kind=kind)
        found = match.first()
        if found is None:
            raise CommandError(_("site: Pos kerja tidak ditemukan: %(name)s.") % {"name": site})
        return str(found.pk)

    def _create(self, actor: User | None, options: dict[str, Any]) -> None:
        role = options["role"]
        fields = services.AccountFields(
            role=role, site_id=self._site_id(role, options["site"]), desk=options["desk"],
            region_code=options["region"], first_name=options["first_name"],
            last_name=options["last_name"], email=options["email"], phone=options["phone"])
        created = services.user_create(actor=actor, username=options["username"],
                                       fields=fields, base_url=options["base_url"],
                                       bootstrap=actor is None)
        self.stdout.write(_("Akun %(name)s dibuat.") % {"name": created.user.username})
        if created.link:
            self.stdout.write(_("Undangan dikirim; tautan: %(link)s") % {"link": created.link})

    def _list(self, actor: User | None, options: dict[str, Any]) -> None:
        users = users_visible(actor).filter(is_active=not options["inactive"])
        if options["role"]:
            users = users.filter(role=options["role"])
        for user in users.order_by("username"):
            post = user.site.name if user.site else (user.scope_region_id or "-")
            self.stdout.write(f"{user.username}\t{user.role}\t{post}\t"
                              f"{'active' if user.is_active else 'inactive'}")

    def _deactivate(self, actor: User | None, options: dict[str, Any]) -> None:
        user = self._target(actor, options["username"])
        services.user_deactivate(actor=actor, user=user, reason=options["reason"])
        self.stdout.write(_("Akun %(name)s dinonaktifkan; sesi dan token API-nya berhenti "
                            "berlaku.") % {"name": user.username})

    def _invite(self, actor: User | None, options: dict[str, Any]) -> None:
        user = self._target(actor, options["username"])
        link = services.invitation_send(actor=actor, user=user, base_url=options["base_url"])
        self.stdout.write(_("Undangan dikirim; tautan: %(link)s") % {"link": link})

    def _reset(self, actor: User | None, options: dict[str, Any]) -> None:
        user = self._target(actor, options["username"])
        link = services.password_reset_send(actor=actor, user=user,
                                            base_url=options["base_url"])
        self.stdout.write(_("Kata sandi lama tidak berlaku lagi; tautan: %(link)s")
                          % {"link": link})

    def _unlock(self, actor: User | None, options: dict[str, Any]) -> None:
        user = self._target(actor, options["username"])
        services.login_lockout_release(actor=actor, user=user)
        self.stdout.write(_("Kunci masuk dibuka."))
