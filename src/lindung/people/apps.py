from django.utils.translation import gettext_lazy as _

from lindung.core import appconfig
from lindung.core.nav import NavItem


class PeopleConfig(appconfig.LindungAppConfig):
    name = "lindung.people"
    # The access policies; the blind indexes for keys_rotate.
    registers = ("access", "reindex")
    menu = (NavItem(_("Orang"), "people:list", "person", order=10),)

    def ready(self) -> None:
        super().ready()
        from lindung.people.dedupe_views import register  # the review queue and identity panel

        register()
