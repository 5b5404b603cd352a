from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class CoordinationConfig(appconfig.LindungAppConfig):
    name = "lindung.coordination"
    registers = ("access", "metrics")
    menu = (
        NavItem(_("Rencana aksi"), "coordination:plan_list", "action_plan", order=60),
        NavItem(_("Rapat koordinasi"), "coordination:meeting_list", "meeting", order=61),
        NavItem(_("Pemangku kepentingan"), "coordination:stakeholder_list", "stakeholder",
                order=62),
        NavItem(_("Laporan periodik"), "coordination:report_list", "coordination_report",
                order=63),
    )
