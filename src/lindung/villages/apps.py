from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "lindung.villages"
    label = "villages"
    verbose_name = "Desmigratif"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav
        from lindung.villages import (
            access,  # noqa: F401  (registers the access policies)
            panels,  # noqa: F401  (registers the person-page panel)
            reindex,  # noqa: F401  (registers its blind indexes for keys_rotate)
        )

        register_nav(NavItem(_("Desa Desmigratif"), "villages:home", "desmigratif_village",
                             order=40))
        register_nav(NavItem(_("Indikator desa"), "villages:indicators", "village_indicator",
                             order=41))
