from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class AccountsConfig(appconfig.LindungAppConfig):
    name = "lindung.accounts"
    menu = (NavItem(_("Pengguna"), "accounts:user_list", "user", order=90),)
