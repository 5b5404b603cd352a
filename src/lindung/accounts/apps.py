from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lindung.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav

        register_nav(NavItem(_("Pengguna"), "accounts:user_list", "user", order=90))
