from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "lindung.prevention"
    label = "prevention"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav
        from lindung.prevention import access, panels  # noqa: F401  (policies, person panel)

        register_nav(NavItem(_("Pencegahan keberangkatan"), "prevention:list",
                             "prevented_departure", order=24))
        register_nav(NavItem(_("Sosialisasi"), "prevention:dissemination_list",
                             "dissemination", order=25))
        register_nav(NavItem(_("Statistik satgas"), "prevention:statistics", "statistics",
                             order=26))
