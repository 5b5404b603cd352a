from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class ScreeningConfig(appconfig.LindungAppConfig):
    name = "lindung.screening"
    # The access policies; the blind indexes for keys_rotate.
    registers = ("access", "reindex")
    menu = (
        NavItem(_("Penyaringan"), "screening:home", "screening", order=30),
        NavItem(_("Peringatan"), "screening:alerts", "alert", order=31),
        NavItem(_("Daftar pantau"), "screening:watchlist", "watchlist", order=32),
    )
