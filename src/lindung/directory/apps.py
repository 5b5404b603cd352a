from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "lindung.directory"

    def ready(self) -> None:
        from lindung.core import access
        from lindung.directory.models import Agency
        from lindung.directory.models import Site

        access.register(Agency, access.Policy("reference", region_field=None))
        access.register(Site, access.Policy("reference", region_field=None))
