from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lindung.people"
    label = "people"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from lindung.core.nav import NavItem, register_nav
        from lindung.people import (
            access,  # noqa: F401  (registers the access policies)
            reindex,  # noqa: F401  (registers its blind indexes for keys_rotate)
        )

        register_nav(NavItem(_("Orang"), "people:list", "person", order=10))
        from lindung.people.dedupe_views import register  # the review queue and identity panel

        register()
