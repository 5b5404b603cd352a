from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lindung.reports"
    label = "reports"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav
        from lindung.reports import access, panels  # noqa: F401  (policies, person panel)

        register_nav(NavItem(_("Antrean laporan"), "reports:queue", "report", order=20))
        register_nav(NavItem(_("Laporan"), "reports:list", "report", order=21))
        register_nav(NavItem(_("Rujukan"), "reports:referral_list", "referral", order=22))
        register_nav(NavItem(_("Kasus TPPO"), "reports:case_list", "case", order=23))
