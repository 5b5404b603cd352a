from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class ReportsConfig(appconfig.LindungAppConfig):
    name = "lindung.reports"
    registers = ("access", "panels")  # the policies and the person panel
    menu = (
        NavItem(_("Antrean laporan"), "reports:queue", "report", order=20),
        NavItem(_("Laporan"), "reports:list", "report", order=21),
        NavItem(_("Rujukan"), "reports:referral_list", "referral", order=22),
        NavItem(_("Kasus TPPO"), "reports:case_list", "case", order=23),
    )
