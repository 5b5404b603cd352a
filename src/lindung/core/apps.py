from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lindung.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from lindung.core import access_policies  # noqa: F401
        from lindung.core.audit_guard import install

        install()
