from django.apps import AppConfig


class SiteConfig(AppConfig):
    """What sits on top of every app: the landing and staff home pages, the demo, the
    `setup` command. Nothing below imports it."""

    name = "lindung.site"
    label = "site"
    verbose_name = "Site"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav
        from lindung.site import access  # noqa: F401  (the work statistics' policies)

        register_nav(NavItem(_("Statistik kerja"), "site:work_statistics", "statistics",
                             order=27))
