from django.apps import AppConfig


class SiteConfig(AppConfig):
    """What sits on top of every app: the landing and staff home pages, the demo, the
    `setup` command. Nothing below imports it."""

    name = "lindung.site"
    label = "site"
    verbose_name = "Site"
