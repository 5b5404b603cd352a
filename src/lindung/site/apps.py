from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class SiteConfig(appconfig.LindungAppConfig):
    """What sits on top of every app: the landing and staff home pages, the demo, the
    `setup` command. Nothing below imports it."""

    name = "lindung.site"
    verbose_name = "Site"
    registers = ("access",)  # the work statistics' policies
    menu = (NavItem(_("Statistik kerja"), "site:work_statistics", "statistics", order=27),)
