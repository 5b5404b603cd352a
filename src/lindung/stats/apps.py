from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "lindung.stats"
    label = "stats"

    def ready(self) -> None:
        from lindung.core.nav import NavItem, register_nav
        from lindung.stats import access  # noqa: F401  (the statistics policies)

        register_nav(NavItem(_("Statistik kerja"), "stats:work", "statistics", order=27))
