from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class PreventionConfig(appconfig.LindungAppConfig):
    name = "lindung.prevention"
    registers = ("access", "panels")  # the policies and the person panel
    menu = (
        NavItem(_("Pencegahan keberangkatan"), "prevention:list", "prevented_departure",
                order=24),
        NavItem(_("Sosialisasi"), "prevention:dissemination_list", "dissemination", order=25),
        NavItem(_("Statistik satgas"), "prevention:statistics", "statistics", order=26),
    )
