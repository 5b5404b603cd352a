from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "lindung.coordination"
    label = "coordination"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.coordination import access, metrics  # noqa: F401  (policies, metrics)
        from lindung.core.nav import NavItem, register_nav

        register_nav(NavItem(_("Rencana aksi"), "coordination:plan_list", "action_plan",
                             order=60))
        register_nav(NavItem(_("Rapat koordinasi"), "coordination:meeting_list", "meeting",
                             order=61))
        register_nav(NavItem(_("Pemangku kepentingan"), "coordination:stakeholder_list",
                             "stakeholder", order=62))
        register_nav(NavItem(_("Laporan periodik"), "coordination:report_list",
                             "coordination_report", order=63))
