from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "lindung.screening"
    label = "screening"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav
        from lindung.screening import (
            access,  # noqa: F401  (registers the access policies)
            reindex,  # noqa: F401  (registers its blind indexes for keys_rotate)
        )

        register_nav(NavItem(_("Penyaringan"), "screening:home", "screening", order=30))
        register_nav(NavItem(_("Peringatan"), "screening:alerts", "alert", order=31))
        register_nav(NavItem(_("Daftar pantau"), "screening:watchlist", "watchlist", order=32))
