from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class VillagesConfig(appconfig.LindungAppConfig):
    name = "lindung.villages"
    verbose_name = "Desmigratif"
    # The access policies, the person-page panel, the blind indexes for keys_rotate.
    registers = ("access", "panels", "reindex")
    menu = (
        NavItem(_("Desa Desmigratif"), "villages:home", "desmigratif_village", order=40),
        NavItem(_("Indikator desa"), "villages:indicators", "village_indicator", order=41),
    )
